// Byte positions of the values in a JSON text, for error messages that point into the
// file. nlohmann/json keeps no positions and silently keeps the last of two equal keys, so
// the document is parsed through nlohmann's SAX interface, recording where each value
// (and each member's key) starts, keyed by JSON pointer, and noticing duplicate keys.
#ifndef JOBFIT_LEXICON_JSON_POSITIONS_H_
#define JOBFIT_LEXICON_JSON_POSITIONS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/fnv1a.h"
#include "base/line_index.h"

namespace jobfit::internal {

// Returns the offset of the first byte of `text` that is not part of a well-formed UTF-8
// sequence (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or
// nullopt when all of it is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// How many ':' and how many ',' or '[' bytes `text` has, strings included: every value of
// a JSON text but the root follows one of them, and every key precedes a ':', so these
// bound how many positions a parse records.
struct JsonSeparatorCounts {
  size_t colons = 0;
  size_t commas_and_brackets = 0;
};
JsonSeparatorCounts CountJsonSeparators(std::string_view text);

// Appends "/" and `token` escaped as RFC 6901 says ("~" -> "~0", "/" -> "~1").
void AppendPointerToken(std::string_view token, std::string* pointer);

// A JSON pointer known by its hash alone, built a token at a time: finding where a value
// is needs nothing more, and writing out a pointer for every value looked up was a tenth
// of loading a large lexicon. It also keeps its depth and the hash of its ancestor two
// tokens deep (an entry of a lexicon), under which JsonPositions files deeper values.
class JsonPath {
 public:
  JsonPath() = default;  // the root, ""

  JsonPath Member(std::string_view key) const;
  JsonPath Item(size_t index) const;
  // The path of a pointer written out: the same as one built to the same value.
  static JsonPath Of(std::string_view pointer);

  uint64_t hash() const { return hash_; }
  size_t depth() const { return depth_; }
  // The hash of the path's first two tokens (its own hash up to depth 2).
  uint64_t anchor() const { return anchor_; }

  // The empty pointer's hash: FNV-1a's offset basis.
  static constexpr uint64_t kRootHash = kFnv1aOffset;

 private:
  JsonPath Then(uint64_t hash) const;
  uint64_t hash_ = kRootHash;
  uint64_t anchor_ = kRootHash;
  size_t depth_ = 0;
};

class JsonPositions {
 public:
  // Parses `text` into *root as nlohmann::json::parse does (throwing its parse_error on
  // malformed JSON), recording where each value and key starts in the same pass. Nesting
  // deeper than max_depth is reported by too_deep(), so that a hostile file cannot exhaust
  // the stack in code that recurses over the parsed value; *root is then incomplete.
  static JsonPositions Parse(std::string_view text, size_t max_depth, nlohmann::json* root);

  // Returns the offset of the first byte of the value at `path` (JsonPath() is the root).
  std::optional<size_t> Value(const JsonPath& path) const { return Find(path, false); }
  // Returns the offset of the opening quote of the key of the member at `path`.
  std::optional<size_t> Key(const JsonPath& path) const { return Find(path, true); }
  // The same for a pointer written out ("/entries/0/id", "" for the root).
  std::optional<size_t> Value(std::string_view pointer) const {
    return Value(JsonPath::Of(pointer));
  }
  std::optional<size_t> Key(std::string_view pointer) const { return Key(JsonPath::Of(pointer)); }

  struct Duplicate {
    std::string pointer;  // of the member whose key repeats an earlier one
    size_t offset = 0;    // of the repeated key
  };
  // The first duplicate key in document order, if any.
  const std::optional<Duplicate>& duplicate() const { return duplicate_; }
  // Offset of the value that went past max_depth, if any.
  const std::optional<size_t>& too_deep() const { return too_deep_; }

 private:
  class Builder;
  // Offsets by the hash of their pointer, in open addressing. The first offset stored
  // under a hash stays (a duplicate key's first occurrence). Two pointers with the same
  // 64-bit hash would only misplace an error message.
  class Positions {
   public:
    void Add(uint64_t hash, size_t offset);
    std::optional<size_t> Find(uint64_t hash) const;

   private:
    static constexpr size_t kEmpty = ~size_t{0};
    void Grow();
    std::vector<std::pair<uint64_t, size_t>> slots_;
    size_t count_ = 0;
  };
  // A value or key below depth 2, in document order.
  struct Deep {
    uint64_t hash;
    uint64_t offset_and_key;  // the offset, shifted left once; bit 0 set for a key
  };

  std::optional<size_t> Find(const JsonPath& path, bool key) const;

  // Values and keys down to depth 2 (a lexicon's top-level fields and its entries) by
  // hash. Those deeper sit in `deep_` in document order, each depth-2 value's together,
  // and are found by a short walk from its first: a table of every value of a large
  // lexicon, probed at random while the document was built, was a fifth of loading it.
  Positions values_;
  Positions keys_;
  std::vector<Deep> deep_;
  Positions subtree_begin_;  // by a depth-2 container's hash: its first record in deep_
  Positions subtree_end_;    // and the end of its records
  // A container with more records than a walk should cover (an entry with thousands of
  // aliases) has its records in these tables too, and lookups under it use them.
  static constexpr size_t kMaxWalk = 64;
  Positions large_values_;
  Positions large_keys_;
  std::optional<Duplicate> duplicate_;
  std::optional<size_t> too_deep_;
};

}  // namespace jobfit::internal

#endif  // JOBFIT_LEXICON_JSON_POSITIONS_H_
