#include "lexicon/json_positions.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <nlohmann/json.hpp>

#include "text/encoding.h"

namespace jobfit::internal {
namespace {

// A pointer's hash is FNV-1a over the pointer as written, so a member's continues its
// parent's over the "/token" it appends and the scan never hashes a whole pointer again.
// This is that hash of "/" and `token` escaped as RFC 6901 says, continued from `hash`,
// without writing the escaped token anywhere: building a pointer string per value was a
// fifth of the scan.
uint64_t TokenHash(std::string_view token, uint64_t hash) {
  hash = Fnv1a64Byte('/', hash);
  for (const char c : token) {
    if (c == '~') {
      hash = Fnv1a64("~0", hash);
    } else if (c == '/') {
      hash = Fnv1a64("~1", hash);
    } else {
      hash = Fnv1a64Byte(c, hash);
    }
  }
  return hash;
}

// The decimal digits of an array index, its token in a pointer.
std::string_view IndexDigits(size_t index, char (&buffer)[24]) {
  char* end = buffer + sizeof buffer;
  char* begin = end;
  do {
    *--begin = static_cast<char>('0' + index % 10);
    index /= 10;
  } while (index != 0);
  return std::string_view(begin, static_cast<size_t>(end - begin));
}

size_t SlotOf(uint64_t hash, size_t mask) {
  return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

}  // namespace

// Sixteen bytes a step: a byte loop took 28 M instructions over a 6.5 MB lexicon, where
// the count only sizes the position records once.
JsonSeparatorCounts CountJsonSeparators(std::string_view text) {
  JsonSeparatorCounts counts;
  size_t i = 0;
#if defined(__SSE2__)
  while (i + 16 <= text.size()) {
    // Byte lanes count up to 255 matches before they are summed into the totals.
    const size_t blocks = std::min<size_t>((text.size() - i) / 16, 255);
    __m128i colons = _mm_setzero_si128();
    __m128i others = _mm_setzero_si128();
    for (size_t b = 0; b < blocks; ++b, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      // A match is all ones, -1: subtracting it counts one.
      colons = _mm_sub_epi8(colons, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(':')));
      others = _mm_sub_epi8(others, _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(',')),
                                                 _mm_cmpeq_epi8(bytes, _mm_set1_epi8('['))));
    }
    // Each 64-bit half of the sum holds at most 8 x 255: its low 32 bits are all of it,
    // read with an intrinsic that 32-bit x86 has too.
    const auto sum = [](__m128i lanes) {
      const __m128i halves = _mm_sad_epu8(lanes, _mm_setzero_si128());
      return static_cast<size_t>(_mm_cvtsi128_si32(halves)) +
             static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(halves, 8)));
    };
    counts.colons += sum(colons);
    counts.commas_and_brackets += sum(others);
  }
#endif
  for (; i < text.size(); ++i) {
    counts.colons += text[i] == ':';
    counts.commas_and_brackets += text[i] == ',' || text[i] == '[';
  }
  return counts;
}

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  // A valid file, the usual case, is passed by the block check; the byte loop below only
  // looks for where an invalid one goes wrong.
  if (text::IsValidUtf8(text)) return std::nullopt;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    // The bounds of the second byte exclude overlong forms, surrogates and values above
    // U+10FFFF (RFC 3629, table 3-7 of the Unicode standard).
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + 1 >= n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (i + k >= n || s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::nullopt;
}

void AppendPointerToken(std::string_view token, std::string* pointer) {
  pointer->push_back('/');
  if (std::none_of(token.begin(), token.end(), [](char c) { return c == '~' || c == '/'; })) {
    pointer->append(token);  // nearly every key of a lexicon
    return;
  }
  for (char c : token) {
    if (c == '~') {
      pointer->append("~0");
    } else if (c == '/') {
      pointer->append("~1");
    } else {
      pointer->push_back(c);
    }
  }
}

namespace {

// Hands the text to nlohmann's lexer and keeps in *read_to how far it has read. A SAX
// event comes right after the lexer has read its token, so that is where the token ends
// (after a number, one byte further: the lexer reads the byte that ends it).
class TrackingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* at, const char** read_to) : at_(at), read_to_(read_to) {}

  reference operator*() const { return *at_; }
  TrackingIterator& operator++() {
    *read_to_ = ++at_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackingIterator& other) const { return at_ == other.at_; }
  bool operator!=(const TrackingIterator& other) const { return at_ != other.at_; }

 private:
  const char* at_ = nullptr;
  const char** read_to_ = nullptr;
};

}  // namespace

// nlohmann's SAX events turned into the same document its own DOM parser builds, with
// each value's (and key's) position recorded on the way. Between two events the text
// holds only white space and at most one ',' or ':', so a token starts at the first other
// byte after the previous event's end.
class JsonPositions::Builder {
 public:
  using Json = nlohmann::json;

  Builder(std::string_view text, size_t max_depth, Json* root, JsonPositions* out)
      : text_(text), max_depth_(max_depth), root_(root), out_(out) {
    read_to_ = text.data();
    // nlohmann skips a UTF-8 byte order mark.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") last_end_ = 3;
  }

  const char** read_to() { return &read_to_; }

  bool null() { return Scalar(nullptr); }
  bool boolean(bool value) { return Scalar(value); }
  bool number_integer(Json::number_integer_t value) { return Scalar(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return Scalar(value); }
  bool number_float(Json::number_float_t value, const Json::string_t&) { return Scalar(value); }
  bool string(Json::string_t& value) { return Scalar(value); }
  bool binary(Json::binary_t& value) { return Scalar(std::move(value)); }

  bool start_object(std::size_t) { return Open(Json::value_t::object); }
  bool start_array(std::size_t) { return Open(Json::value_t::array); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(Json::string_t& key) {
    const size_t at = TokenStart();
    last_end_ = ReadTo();
    if (stopped_) return true;
    Frame& frame = frames_.back();
    frame.member_hash = TokenHash(key, frame.hash);
    Record(frame.member_hash, at, frames_.size(), true);
    // The object's own map tells a repeated key. Its value then replaces the first, as in
    // nlohmann's own parser; the positions keep the first.
    const auto [member, added] = frame.value->get_ref<Json::object_t&>().try_emplace(key);
    if (!added && !out_->duplicate_) out_->duplicate_ = Duplicate{PointerTo(key), at};
    member_ = &member->second;
    return true;
  }

  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    throw error;
  }

 private:
  struct Frame {
    Json* value;
    uint64_t hash;         // of the container's pointer
    uint64_t member_hash;  // of the member whose key was read last (objects)
    size_t next_index;     // of the next item (arrays)
    size_t first_deep;     // deep_'s size when the container opened
  };

  size_t ReadTo() const { return static_cast<size_t>(read_to_ - text_.data()); }

  static bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  size_t TokenStart() const {
    size_t at = last_end_;
    while (at < text_.size() && IsBlank(text_[at])) ++at;
    if (at < text_.size() && (text_[at] == ',' || text_[at] == ':')) ++at;
    while (at < text_.size() && IsBlank(text_[at])) ++at;
    return at;
  }

  // Files the position of a value or key `depth` tokens deep.
  void Record(uint64_t hash, size_t at, size_t depth, bool key) {
    if (depth <= 2) {
      (key ? out_->keys_ : out_->values_).Add(hash, at);
    } else {
      out_->deep_.push_back({hash, (uint64_t{at} << 1) | (key ? 1u : 0u)});
    }
  }

  // Records the value that starts at `at` and returns where it goes in the document.
  Json* Place(size_t at, uint64_t* hash) {
    if (frames_.empty()) {
      *hash = JsonPath::kRootHash;
      Record(*hash, at, 0, false);
      return root_;
    }
    Frame& frame = frames_.back();
    if (frame.value->is_array()) {
      char digits[24];
      const std::string_view index = IndexDigits(frame.next_index++, digits);
      *hash = TokenHash(index, frame.hash);
      Record(*hash, at, frames_.size(), false);
      frame.value->emplace_back();
      return &frame.value->back();
    }
    *hash = frame.member_hash;
    Record(*hash, at, frames_.size(), false);
    return member_;
  }

  template <typename Value>
  bool Scalar(Value&& value) {
    const size_t at = TokenStart();
    last_end_ = ReadTo();
    if (stopped_) return true;
    uint64_t hash;
    *Place(at, &hash) = Json(std::forward<Value>(value));
    return true;
  }

  bool Open(Json::value_t type) {
    const size_t at = TokenStart();
    last_end_ = ReadTo();
    if (stopped_) return true;
    if (frames_.size() >= max_depth_) {
      // Recursion over the document later must not exhaust the stack; the rest is read
      // for syntax errors only, which are reported first.
      out_->too_deep_ = at;
      stopped_ = true;
      return true;
    }
    uint64_t hash;
    Json* value = Place(at, &hash);
    *value = Json(type);
    frames_.push_back({value, hash, 0, 0, out_->deep_.size()});
    return true;
  }

  bool Close() {
    last_end_ = ReadTo();
    if (stopped_) return true;
    // A container two tokens deep (a lexicon's entry) holds the records that follow its
    // own, up to here.
    if (frames_.size() == 3) {
      const Frame& frame = frames_.back();
      const std::vector<Deep>& deep = out_->deep_;
      out_->subtree_begin_.Add(frame.hash, frame.first_deep);
      out_->subtree_end_.Add(frame.hash, deep.size());
      // Walking a large one for every lookup would take time quadratic in its size.
      if (deep.size() - frame.first_deep > kMaxWalk) {
        for (size_t i = frame.first_deep; i < deep.size(); ++i) {
          const size_t offset = deep[i].offset_and_key >> 1;
          ((deep[i].offset_and_key & 1) != 0 ? out_->large_keys_ : out_->large_values_)
              .Add(deep[i].hash, offset);
        }
      }
    }
    frames_.pop_back();
    return true;
  }

  // The pointer of the member `key` of the innermost object: only a duplicate key's
  // message needs it written out, so the way into each open container is recovered from
  // the document then, not kept for every value.
  std::string PointerTo(std::string_view key) const {
    std::string pointer;
    for (size_t d = 1; d < frames_.size(); ++d) {
      const Frame& parent = frames_[d - 1];
      if (parent.value->is_array()) {
        char digits[24];
        AppendPointerToken(IndexDigits(parent.next_index - 1, digits), &pointer);
        continue;
      }
      for (const auto& [name, value] : parent.value->get_ref<const Json::object_t&>()) {
        if (&value == frames_[d].value) AppendPointerToken(name, &pointer);
      }
    }
    AppendPointerToken(key, &pointer);
    return pointer;
  }

  std::string_view text_;
  size_t max_depth_;
  Json* root_;
  JsonPositions* out_;
  const char* read_to_;
  size_t last_end_ = 0;
  bool stopped_ = false;
  Json* member_ = nullptr;  // where the value of the key read last goes
  std::vector<Frame> frames_;
};

JsonPositions JsonPositions::Parse(std::string_view text, size_t max_depth, nlohmann::json* root) {
  JsonPositions positions;
  const JsonSeparatorCounts counts = CountJsonSeparators(text);
  // Every value but the root follows a ':', a ',' or a '['; every key precedes a ':'.
  // Counting them (strings may hold some too) sizes the records once.
  // Capped: the count includes bytes inside strings, which a hostile file can be full of.
  constexpr size_t kMaxReserved = size_t{1} << 22;
  positions.deep_.reserve(
      std::min(counts.colons * 2 + counts.commas_and_brackets + 1, kMaxReserved));
  Builder builder(text, max_depth, root, &positions);
  const char* const begin = text.data();
  nlohmann::json::sax_parse(TrackingIterator(begin, builder.read_to()),
                            TrackingIterator(begin + text.size(), builder.read_to()), &builder);
  return positions;
}

void JsonPositions::Positions::Add(uint64_t hash, size_t offset) {
  if ((count_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t slot = SlotOf(hash, mask);; slot = (slot + 1) & mask) {
    auto& [stored_hash, stored_offset] = slots_[slot];
    if (stored_offset == kEmpty) {
      slots_[slot] = {hash, offset};
      ++count_;
      return;
    }
    if (stored_hash == hash) return;  // values come in document order: the first stays
  }
}

void JsonPositions::Positions::Grow() {
  std::vector<std::pair<uint64_t, size_t>> old(std::max<size_t>(64, slots_.size() * 2),
                                               {0, kEmpty});
  old.swap(slots_);
  count_ = 0;
  for (const auto& [hash, offset] : old) {
    if (offset != kEmpty) Add(hash, offset);
  }
}

std::optional<size_t> JsonPositions::Positions::Find(uint64_t hash) const {
  if (slots_.empty()) return std::nullopt;
  const size_t mask = slots_.size() - 1;
  for (size_t slot = SlotOf(hash, mask);; slot = (slot + 1) & mask) {
    const auto& [stored_hash, stored_offset] = slots_[slot];
    if (stored_offset == kEmpty) return std::nullopt;
    if (stored_hash == hash) return stored_offset;
  }
}

std::optional<size_t> JsonPositions::Find(const JsonPath& path, bool key) const {
  if (path.depth() <= 2) return (key ? keys_ : values_).Find(path.hash());
  const std::optional<size_t> begin = subtree_begin_.Find(path.anchor());
  const std::optional<size_t> end = subtree_end_.Find(path.anchor());
  if (!begin || !end) return std::nullopt;
  if (*end - *begin > kMaxWalk) return (key ? large_keys_ : large_values_).Find(path.hash());
  const uint64_t want_key = key ? 1 : 0;
  for (size_t i = *begin; i < *end; ++i) {
    const Deep& d = deep_[i];
    if (d.hash == path.hash() && (d.offset_and_key & 1) == want_key) return d.offset_and_key >> 1;
  }
  return std::nullopt;
}

JsonPath JsonPath::Then(uint64_t hash) const {
  JsonPath next = *this;
  next.hash_ = hash;
  ++next.depth_;
  if (next.depth_ <= 2) next.anchor_ = hash;
  return next;
}

JsonPath JsonPath::Member(std::string_view key) const { return Then(TokenHash(key, hash_)); }

JsonPath JsonPath::Item(size_t index) const {
  char digits[24];
  return Then(TokenHash(IndexDigits(index, digits), hash_));
}

JsonPath JsonPath::Of(std::string_view pointer) {
  // The tokens are escaped already: each "/token" continues the hash as written.
  JsonPath path;
  size_t at = 0;
  while (at < pointer.size()) {
    size_t next = pointer.find('/', at + 1);
    if (next == std::string_view::npos) next = pointer.size();
    path = path.Then(Fnv1a64(pointer.substr(at, next - at), path.hash_));
    at = next;
  }
  return path;
}

}  // namespace jobfit::internal
