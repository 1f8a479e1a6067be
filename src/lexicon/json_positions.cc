#include "lexicon/json_positions.h"

#include <algorithm>
#include <deque>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/encoding.h"

namespace jobfit::internal {
namespace {

constexpr uint64_t kPointerHashSeed = 0xcbf29ce484222325ULL;

// FNV-1a, continued from `hash`: a member's pointer hash continues its parent's over the
// "/token" it appends, so the scan never hashes a whole pointer again.
uint64_t PointerHash(std::string_view pointer, uint64_t hash = kPointerHashSeed) {
  for (const char c : pointer) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  return hash;
}

// PointerHash of "/" and `token` escaped as RFC 6901 says, continued from `hash`, without
// writing the escaped token anywhere: building a pointer string per value was a fifth of
// the scan.
uint64_t TokenHash(std::string_view token, uint64_t hash) {
  hash = PointerHash("/", hash);
  for (const char c : token) {
    if (c == '~') {
      hash = PointerHash("~0", hash);
    } else if (c == '/') {
      hash = PointerHash("~1", hash);
    } else {
      hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
  }
  return hash;
}

// The decimal digits of an array index, as AppendPointerIndex writes them.
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

// Sixteen bytes a step: a byte loop over a large lexicon cost half as much as the table
// growth this count saves.
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
    const auto sum = [](__m128i lanes) {
      const __m128i halves = _mm_sad_epu8(lanes, _mm_setzero_si128());
      return static_cast<size_t>(_mm_cvtsi128_si64(halves)) +
             static_cast<size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(halves, halves)));
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

void AppendPointerIndex(size_t index, std::string* pointer) {
  pointer->push_back('/');
  pointer->append(std::to_string(index));
}

// A recursive-descent walk over the text. It trusts nlohmann to have rejected malformed
// JSON, so it checks only what it needs to stay in bounds and terminate.
class JsonPositions::Scanner {
 public:
  Scanner(std::string_view text, size_t max_depth, JsonPositions* out)
      : text_(text), max_depth_(max_depth), out_(out) {}

  void Run() {
    // nlohmann skips a UTF-8 byte order mark; so must we.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    // Every value but the root follows a ':', a ',' or a '['; every key precedes a ':'.
    // Counting them (strings may hold some too) sizes the tables once, where growing them
    // step by step rehashed every value of a large lexicon about twice.
    const JsonSeparatorCounts counts = CountJsonSeparators(text_);
    out_->values_.Reserve(counts.colons + counts.commas_and_brackets + 1);
    out_->keys_.Reserve(counts.colons);
    Value(kPointerHashSeed, 0);
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  // Parses a value at pos_ and records it under the pointer whose hash is `hash`: that of
  // the path's first `depth` tokens.
  bool Value(uint64_t hash, size_t depth) {
    SkipSpace();
    if (pos_ >= text_.size()) return false;
    out_->values_.Add(hash, pos_);
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      if (depth >= max_depth_) {
        out_->too_deep_ = pos_;
        return false;
      }
      return c == '{' ? Object(hash, depth + 1) : Array(hash, depth + 1);
    }
    if (c == '"') return String(nullptr);
    // Numbers and literals: everything up to the next structural character.
    while (pos_ < text_.size()) {
      const char d = text_[pos_];
      if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r') {
        break;
      }
      ++pos_;
    }
    return true;
  }

  bool Object(uint64_t hash, size_t depth) {
    ++pos_;  // '{'
    SkipSpace();
    if (Peek('}')) {
      ++pos_;
      return true;
    }
    // Lexicon objects have a handful of members: a linear search beats a set's nodes. One
    // list per depth, reused from object to object, instead of a new one for each.
    std::vector<std::string>& seen = SeenAt(depth);
    seen.clear();
    std::string& key = PathAt(depth);
    while (true) {
      SkipSpace();
      if (!Peek('"')) return false;
      const size_t key_offset = pos_;
      key.clear();
      if (!String(&key)) return false;
      const uint64_t member_hash = TokenHash(key, hash);
      out_->keys_.Add(member_hash, key_offset);
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        if (!out_->duplicate_) out_->duplicate_ = Duplicate{PointerTo(depth), key_offset};
      } else {
        seen.push_back(key);
      }
      SkipSpace();
      if (!Peek(':')) return false;
      ++pos_;
      if (!Value(member_hash, depth)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        continue;
      }
      if (Peek('}')) {
        ++pos_;
        return true;
      }
      return false;
    }
  }

  bool Array(uint64_t hash, size_t depth) {
    ++pos_;  // '['
    SkipSpace();
    if (Peek(']')) {
      ++pos_;
      return true;
    }
    std::string& token = PathAt(depth);
    for (size_t index = 0;; ++index) {
      char digits[24];
      token.assign(IndexDigits(index, digits));
      if (!Value(TokenHash(token, hash), depth)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        continue;
      }
      if (Peek(']')) {
        ++pos_;
        return true;
      }
      return false;
    }
  }

  static int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool Hex4(uint32_t* value) {
    if (pos_ + 4 > text_.size()) return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = HexValue(text_[pos_++]);
      if (h < 0) return false;
      v = v * 16 + static_cast<uint32_t>(h);
    }
    *value = v;
    return true;
  }

  static void AppendCodePoint(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // Skips a string at pos_; decodes it into *decoded when that is not null, so that keys
  // written with different escapes ("a" and "\u0061") still compare equal.
  bool String(std::string* decoded) {
    ++pos_;  // '"'
    // The run up to the first quote or backslash in one step: most strings have no escape.
    size_t plain_end = pos_;
    while (plain_end < text_.size() && text_[plain_end] != '"' && text_[plain_end] != '\\') {
      ++plain_end;
    }
    if (decoded != nullptr) decoded->append(text_.substr(pos_, plain_end - pos_));
    pos_ = plain_end;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (c != '\\') {
        if (decoded != nullptr) decoded->push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) return false;
      const char e = text_[pos_++];
      if (e == 'u') {
        uint32_t cp = 0;
        if (!Hex4(&cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < text_.size() && text_[pos_] == '\\' &&
            text_[pos_ + 1] == 'u') {
          pos_ += 2;
          uint32_t low = 0;
          if (!Hex4(&low)) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (decoded != nullptr) AppendCodePoint(cp, decoded);
        continue;
      }
      if (decoded == nullptr) continue;
      switch (e) {
        case 'b':
          decoded->push_back('\b');
          break;
        case 'f':
          decoded->push_back('\f');
          break;
        case 'n':
          decoded->push_back('\n');
          break;
        case 'r':
          decoded->push_back('\r');
          break;
        case 't':
          decoded->push_back('\t');
          break;
        default:
          decoded->push_back(e);
          break;  // '"', '\\', '/'
      }
    }
    return false;
  }

  // The keys seen so far in the object being read at `depth`. A deque: an object's list
  // must stay where it is while objects nested in it get theirs.
  std::vector<std::string>& SeenAt(size_t depth) {
    if (seen_.size() <= depth) seen_.resize(depth + 1);
    return seen_[depth];
  }

  // The unescaped key or index through which the value being read at `depth` is reached,
  // one reused string per depth (a deque, for the same reason as above).
  std::string& PathAt(size_t depth) {
    if (path_.size() <= depth) path_.resize(depth + 1);
    return path_[depth];
  }

  // The pointer of the member being read at `depth`: only a duplicate key's message needs
  // it written out.
  std::string PointerTo(size_t depth) const {
    std::string pointer;
    for (size_t d = 1; d <= depth; ++d) AppendPointerToken(path_[d], &pointer);
    return pointer;
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t max_depth_;
  JsonPositions* out_;
  std::deque<std::vector<std::string>> seen_;
  std::deque<std::string> path_;
};

JsonPositions JsonPositions::Scan(std::string_view text, size_t max_depth) {
  JsonPositions positions;
  Scanner(text, max_depth, &positions).Run();
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

void JsonPositions::Positions::Reserve(size_t count) {
  size_t slots = 64;
  while (slots < count * 2) slots *= 2;
  if (slots <= slots_.size()) return;
  std::vector<std::pair<uint64_t, size_t>> old(slots, {0, kEmpty});
  old.swap(slots_);
  count_ = 0;
  for (const auto& [hash, offset] : old) {
    if (offset != kEmpty) Add(hash, offset);
  }
}

void JsonPositions::Positions::Grow() { Reserve(std::max<size_t>(32, slots_.size())); }

std::optional<size_t> JsonPositions::Positions::Find(uint64_t hash) const {
  if (slots_.empty()) return std::nullopt;
  const size_t mask = slots_.size() - 1;
  for (size_t slot = SlotOf(hash, mask);; slot = (slot + 1) & mask) {
    const auto& [stored_hash, stored_offset] = slots_[slot];
    if (stored_offset == kEmpty) return std::nullopt;
    if (stored_hash == hash) return stored_offset;
  }
}

std::optional<size_t> JsonPositions::Value(const std::string& pointer) const {
  return values_.Find(PointerHash(pointer));
}

std::optional<size_t> JsonPositions::Key(const std::string& pointer) const {
  return keys_.Find(PointerHash(pointer));
}

}  // namespace jobfit::internal
