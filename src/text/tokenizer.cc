#include "text/tokenizer.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/unistr.h>

#include "text/code_points.h"
#include "text/utf8.h"
#include "text/vocabulary.h"

namespace jobfit::text {
namespace {

// Byte classes, looked up once per byte on the hot path instead of chains of compares.
enum ByteClass : uint8_t {
  kLowerByte = 1 << 0,
  kUpperByte = 1 << 1,
  kDigitByte = 1 << 2,
  kSpaceByte = 1 << 3,
  kHighByte = 1 << 4,
  kAlnumByte = kLowerByte | kUpperByte | kDigitByte,
};

struct ByteTables {
  uint8_t byte_class[256] = {};
  constexpr ByteTables() {
    for (int c = 0; c < 256; ++c) {
      uint8_t bits = 0;
      if (c >= 'a' && c <= 'z') bits |= kLowerByte;
      if (c >= 'A' && c <= 'Z') bits |= kUpperByte;
      if (c >= '0' && c <= '9') bits |= kDigitByte;
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        bits |= kSpaceByte;
      }
      if (c >= 0x80) bits |= kHighByte;
      byte_class[c] = bits;
    }
  }
};
constexpr ByteTables kTables;

uint8_t ClassOf(char c) { return kTables.byte_class[static_cast<unsigned char>(c)]; }
bool IsAsciiAlnum(char c) { return (ClassOf(c) & kAlnumByte) != 0; }
bool IsAsciiDigit(char c) { return (ClassOf(c) & kDigitByte) != 0; }
bool IsAsciiLower(char c) { return (ClassOf(c) & kLowerByte) != 0; }
bool IsAsciiUpper(char c) { return (ClassOf(c) & kUpperByte) != 0; }

// True when a word glued to the previous one starts at pos: "xY" followed by two
// lower-case letters, after at least two letters of the previous word.
bool GlueStartsAt(std::string_view s, size_t begin, size_t pos) {
  return pos >= begin + 2 && pos + 2 < s.size() && IsAsciiLower(s[pos - 1]) &&
         IsAsciiLower(s[pos - 2]) && IsAsciiUpper(s[pos]) && IsAsciiLower(s[pos + 1]) &&
         IsAsciiLower(s[pos + 2]);
}
bool IsSpace(char c) { return (ClassOf(c) & kSpaceByte) != 0; }
bool IsHighByte(char c) { return (ClassOf(c) & kHighByte) != 0; }

// Returns the length of the word character at s[pos], or 0 when it is not one.
size_t WordCharLength(std::string_view s, size_t pos) {
  const char c = s[pos];
  if (!IsHighByte(c)) return IsAsciiAlnum(c) ? 1 : 0;
  // U+00C0 to U+00FF, the accented letters of Western names and places, are all letters
  // but for the multiplication and division signs: no decoding, no call into ICU.
  if (c == '\xC3' && pos + 1 < s.size()) {
    const auto next = static_cast<unsigned char>(s[pos + 1]);
    if (next >= 0x80 && next <= 0xBF && next != 0x97 && next != 0xB7) return 2;
  }
  size_t len;
  const char32_t cp = DecodeUtf8(s, pos, &len);
  return (CodePointTraits(cp) & kWordCodePoint) != 0 ? len : 0;
}

size_t CodePointLength(std::string_view s, size_t pos) {
  if (!IsHighByte(s[pos])) return 1;
  size_t len;
  DecodeUtf8(s, pos, &len);
  return len;
}

// True when the chunk starting at pos begins like "www." (after brackets or a quote), the
// only contact data its first byte can reveal: an '@' or "://" further on is noticed when
// the scan reaches it, and IsContactChunk judges the whole chunk either way. ("with" and
// "work" start many chunks; checking each of them whole was a visible cost.)
bool MayStartWebAddress(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == '(' || s[pos] == '<' || s[pos] == '[' || s[pos] == '"')) {
    ++pos;
  }
  return pos + 4 <= s.size() && (s[pos] | 0x20) == 'w' && (s[pos + 1] | 0x20) == 'w' &&
         (s[pos + 2] | 0x20) == 'w' && s[pos + 3] == '.';
}

// Contact data yields no tokens: a URL or an e-mail address names hosts, not skills.
bool IsContactChunk(std::string_view chunk) {
  if (chunk.find("://") != std::string_view::npos) return true;
  size_t start = 0;
  while (start < chunk.size() && (chunk[start] == '(' || chunk[start] == '<' ||
                                  chunk[start] == '[' || chunk[start] == '"')) {
    ++start;
  }
  const std::string_view body = chunk.substr(start);
  if (body.size() > 4 && (body[0] == 'w' || body[0] == 'W') && (body[1] == 'w' || body[1] == 'W') &&
      (body[2] == 'w' || body[2] == 'W') && body[3] == '.') {
    return true;
  }
  const size_t at = body.find('@');
  if (at == std::string_view::npos || at == 0 || !IsAsciiAlnum(body[at - 1])) return false;
  const size_t dot = body.find('.', at);
  return dot != std::string_view::npos && dot > at + 1 && dot + 1 < body.size() &&
         IsAsciiAlnum(body[dot + 1]);
}

// What a byte of the gap between two tokens says about the phrase across it. Hyphens,
// slashes, ampersands, apostrophes and white space (line breaks included: PDFs wrap
// names) keep a phrase together; a '.' only ends one when followed by white space; the
// punctuation below ends one, and so do non-ASCII bytes that reached a gap (bullets and
// other symbols, not letters).
enum GapKind : uint8_t { kKeepsPhrase, kEndsPhrase, kDotInGap };

struct GapKinds {
  uint8_t kind[256] = {};
  constexpr GapKinds() {
    for (const char c : std::string_view(",;:()[]{}|!?\"<>*=")) {
      kind[static_cast<unsigned char>(c)] = kEndsPhrase;
    }
    kind[static_cast<unsigned char>('.')] = kDotInGap;
    for (int c = 0x80; c < 256; ++c) kind[c] = kEndsPhrase;
  }
};
constexpr GapKinds kGapKinds;

uint8_t GapKindOf(char c) { return kGapKinds.kind[static_cast<unsigned char>(c)]; }

// Returns true when the gap between two tokens holds punctuation that ends a phrase.
bool GapBreaksPhrase(std::string_view gap) {
  for (size_t i = 0; i < gap.size(); ++i) {
    switch (GapKindOf(gap[i])) {
      case kEndsPhrase:
        return true;
      case kDotInGap:
        if (i + 1 >= gap.size() || IsSpace(gap[i + 1])) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

// Returns the end of the run of ASCII letters and digits that starts at pos. Sixteen bytes
// are classified at a time: words of prose are a few bytes long, and the byte loop's exit
// branch, taken at an unpredictable place in every word, was the tokenizer's largest cost.
size_t AsciiAlnumRunEnd(std::string_view s, size_t pos, size_t end) {
#if defined(__SSE2__)
  while (pos + 16 <= end) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + pos));
    const auto alnum = static_cast<uint32_t>(_mm_movemask_epi8(AsciiAlnumLanes(bytes)));
    if (alnum != 0xFFFF) return pos + static_cast<size_t>(__builtin_ctz(~alnum));
    pos += 16;
  }
#endif
  while (pos < end && IsAsciiAlnum(s[pos])) ++pos;
  return pos;
}

// The bytes of an ASCII token are letters, digits, '.', '\'', '+' and '#'. All but the
// capitals already have bit 0x20 set, so setting it lower-cases a whole chunk of a token
// in one OR. `mask` keeps the bytes past the token's end zero.
constexpr uint64_t kCaseBits = 0x2020202020202020ULL;
uint64_t LowerTokenBytes(uint64_t chunk, uint64_t mask) { return (chunk | kCaseBits) & mask; }

// Bit 0x40 of each capital among token bytes: the capitals are the token bytes with bit
// 0x40 set and bit 0x20 clear.
uint64_t TokenCapitals(uint64_t chunk) { return chunk & ~(chunk << 1) & 0x4040404040404040ULL; }

// The lower-case form of the ASCII word s[begin, end), without writing it anywhere: its
// first and second eight bytes, and Vocabulary::HashHead of the first (what the
// vocabulary's filter needs). Sets *inner_upper when a capital letter stands at the
// word's third byte or later, the only place where two glued words can meet.
inline uint64_t LowerAsciiWord(std::string_view s, size_t begin, size_t end, bool* inner_upper,
                               uint64_t* head, uint64_t* tail) {
  const size_t len = end - begin;
  uint64_t upper_seen = 0;
  // Lower-cases the eight bytes of the word from offset i, `mask` its bytes of them; the
  // first two bytes of the head may be capitals without a glue.
  const auto lower = [&](size_t i, uint64_t chunk, uint64_t mask) {
    uint64_t upper = TokenCapitals(chunk);
    chunk = LowerTokenBytes(chunk, mask);
    if (i == 0) {
      upper &= ~uint64_t{0xFFFF};
      *head = chunk;
    } else if (i == 8) {
      *tail = chunk;
    }
    upper_seen |= upper;
  };
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, s.data() + begin + i, 8);
    lower(i, chunk, ~uint64_t{0});
  }
  if (i < len) {
    const size_t rest = len - i;
    const uint64_t mask = ~uint64_t{0} >> (64 - 8 * rest);
    uint64_t chunk = 0;
    if (begin + i + 8 <= s.size()) {
      std::memcpy(&chunk, s.data() + begin + i, 8);
      chunk &= mask;
    } else {
      std::memcpy(&chunk, s.data() + begin + i, rest);
    }
    lower(i, chunk, mask);
  }
  *inner_upper = upper_seen != 0;
  return Vocabulary::HashHead(len, *head);
}

// Calls cut(pos) at each position where a glued word starts inside s[begin, end).
template <typename Cut>
void ForEachGlue(std::string_view s, size_t begin, size_t end, Cut cut) {
  const std::string_view text = s.substr(0, end);
  size_t piece_begin = begin;
  for (size_t i = begin; i < end; ++i) {
    if (GlueStartsAt(text, piece_begin, i)) {
      cut(i);
      piece_begin = i;
    }
  }
}

// The bytes of a word of 0 to 16 bytes in its first and second eight-byte load.
struct WordMasks {
  uint64_t head[17] = {};
  uint64_t tail[17] = {};
  constexpr WordMasks() {
    for (size_t len = 0; len <= 16; ++len) {
      for (size_t i = 0; i < len; ++i) {
        const uint64_t byte = uint64_t{0xFF} << (8 * (i % 8));
        (i < 8 ? head[len] : tail[len]) |= byte;
      }
    }
  }
};
constexpr WordMasks kWordMasks;

// True when a glued word starts inside the ASCII token whose bytes, up to sixteen and
// zeros past its end, are `head` and `tail`: GlueStartsAt at every position at once.
// Of a token's bytes (letters, digits, '.', '\'', '+', '#'), the lower-case letters have
// both bits 0x60 set and the capitals 0x40 alone. Asked byte by byte, through a call per
// byte, for every word with a capital past its second byte ("AWS", "PyTorch"), the rule
// took 1.6% of a scan's time.
bool HasGlue(uint64_t head, uint64_t tail) {
  constexpr uint64_t kLowBitOfEachByte = 0x0101010101010101ULL;
  const auto lower = [](uint64_t w) { return (w >> 6) & (w >> 5) & kLowBitOfEachByte; };
  const auto upper = [](uint64_t w) { return (w >> 6) & ~(w >> 5) & kLowBitOfEachByte; };
  const uint64_t lower_head = lower(head);
  const uint64_t lower_tail = lower(tail);
  // A flag moved one byte up marks the byte after a lower-case letter, across the two
  // halves; moved down, the byte before one.
  const uint64_t head_after_1 = lower_head << 8;
  const uint64_t tail_after_1 = (lower_tail << 8) | (lower_head >> 56);
  const uint64_t head_after_2 = lower_head << 16;
  const uint64_t tail_after_2 = (lower_tail << 16) | (lower_head >> 48);
  const uint64_t head_before_1 = (lower_head >> 8) | (lower_tail << 56);
  const uint64_t tail_before_1 = lower_tail >> 8;
  const uint64_t head_before_2 = (lower_head >> 16) | (lower_tail << 48);
  const uint64_t tail_before_2 = lower_tail >> 16;
  const uint64_t glue_head =
      upper(head) & head_after_1 & head_after_2 & head_before_1 & head_before_2;
  const uint64_t glue_tail =
      upper(tail) & tail_after_1 & tail_after_2 & tail_before_1 & tail_before_2;
  return (glue_head | glue_tail) != 0;
}

// The rules of the module comment, in one pass over the text. What becomes of each token
// is the sink's business: the full stream keeps every token with its key (for aliases and
// tests), the known-token scan keeps only the words a vocabulary holds.
template <typename Sink>
class TextTokenizer {
 public:
  TextTokenizer(std::string_view s, Sink* sink, TokenizerPath path)
      : s_(s), end_(s.size()), sink_(sink), blocks_(path == TokenizerPath::kBlocks) {}

  std::string_view text() const { return s_; }

  // Returns whether phrase-ending punctuation (or withdrawn contact data) stands between
  // the previous token and one starting at `begin`.
  bool BreakBefore(size_t begin) const { return BreakAfter(GapBegin(), begin); }
  // BreakBefore for a token that started at `begin` when GapBegin() was `gap_begin`.
  bool BreakAfter(uint32_t gap_begin, size_t begin) const {
    if (gap_begin == kBreakPending) return true;
    // Most gaps are one byte, a space; a lone '.' in a gap ends the phrase too.
    if (begin == gap_begin + 1) return GapKindOf(s_[gap_begin]) != kKeepsPhrase;
    return GapBreaksPhrase(s_.substr(gap_begin, begin - gap_begin));
  }
  // Where the gap before a token starting now begins, or kBreakPending when contact data
  // withdrawn before it ends any phrase.
  static constexpr uint32_t kBreakPending = UINT32_MAX;
  uint32_t GapBegin() const {
    return break_pending_ ? kBreakPending : static_cast<uint32_t>(last_end_);
  }

  // Reads the whole text in one pass. A white-space-delimited chunk is checked for
  // contact data only when it could be some (it starts like "www." or holds '@' or "://"),
  // and the tokens already taken from it are then withdrawn.
  void Run() {
    size_t pos = 0;
    size_t chunk_begin = 0;
    auto chunk_mark = sink_->Mark();
    bool chunk_checked = false;
    size_t fast_from = 0;  // where the block path may be tried again
    while (pos < end_) {
#if defined(__SSE2__)
      if (blocks_ && pos >= fast_from && pos + 64 <= end_) {
        size_t rules_at;
        const size_t after =
            ReadPlainBlock(pos, &chunk_begin, &chunk_mark, &chunk_checked, &rules_at);
        // The byte loop takes over up to and past a byte that needs the rules; the block
        // read again from the token it stopped at would only stop there again.
        fast_from = rules_at != kNoRulesByte ? rules_at + 1 : after > pos ? after : pos + 1;
        if (after != pos) {
          pos = after;
          continue;
        }
      }
#endif
      const char c = s_[pos];
      const uint8_t cls = ClassOf(c);
      if ((cls & kSpaceByte) != 0) {
        ++pos;
        chunk_begin = pos;
        chunk_mark = sink_->Mark();
        chunk_checked = false;
        continue;
      }
      const bool contact_hint =
          pos == chunk_begin ? MayStartWebAddress(s_, pos) : (c == '@' || c == ':');
      if (contact_hint && !chunk_checked) {
        chunk_checked = true;
        size_t chunk_end = pos;
        while (chunk_end < end_ && !IsSpace(s_[chunk_end])) ++chunk_end;
        if (IsContactChunk(s_.substr(chunk_begin, chunk_end - chunk_begin))) {
          sink_->Rollback(*this, chunk_mark);
          // An address between two words ends any phrase: "Machine jane@x.org learning"
          // is not "machine learning".
          last_end_ = chunk_begin;
          break_pending_ = true;
          pos = chunk_end;
          continue;
        }
      }
      if ((cls & kAlnumByte) != 0 || StartsToken(pos)) {
        pos = ReadToken(pos);
      } else {
        pos += CodePointLength(s_, pos);
      }
    }
  }

 private:
#if defined(__SSE2__)
  // Bit i of each mask describes byte block[i] of 64 bytes.
  struct BlockMasks {
    uint64_t alnum = 0;  // ASCII letters and digits
    uint64_t space = 0;  // white space, where contact-data chunks end
    uint64_t rules = 0;  // bytes whose meaning depends on the tokenizer's rules (below)
    uint64_t dot = 0;
    uint64_t high = 0;  // non-ASCII bytes
  };

  static BlockMasks Classify(const char* block) {
    BlockMasks m;
    uint64_t quote = 0;
    uint64_t& high = m.high;
    for (int part = 0; part < 4; ++part) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * part));
      const auto eq = [&](char c) { return _mm_cmpeq_epi8(bytes, _mm_set1_epi8(c)); };
      const auto bits = [](__m128i v) {
        return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(v)));
      };
      const int shift = 16 * part;
      m.alnum |= bits(AsciiAlnumLanes(bytes)) << shift;
      // '\t' to '\r' are 9 to 13.
      const __m128i control_space = _mm_cmplt_epi8(
          _mm_add_epi8(bytes, _mm_set1_epi8(static_cast<char>(128 - 9))), _mm_set1_epi8(-128 + 5));
      m.space |= bits(_mm_or_si128(eq(' '), control_space)) << shift;
      high |= bits(bytes) << shift;
      // '@' and ':' send the byte loop to check the chunk for contact data.
      m.rules |= bits(_mm_or_si128(_mm_or_si128(eq('+'), eq('#')), _mm_or_si128(eq('@'), eq(':'))))
                 << shift;
      m.dot |= bits(eq('.')) << shift;
      quote |= bits(eq('\'')) << shift;
    }
    // A '.' or an apostrophe matters before a word character ("node.js", ".NET", "o'reilly",
    // "PyTorch's"); the last byte's successor is unknown, so there it always matters.
    // Non-ASCII bytes take the Unicode rules.
    const uint64_t last = uint64_t{1} << 63;
    m.rules |= high | ((m.dot | quote) & (((m.alnum | high) >> 1) | last));
    return m;
  }

  // Reads the tokens of the 64 bytes at pos that are plain runs of ASCII letters and
  // digits, up to the first byte that needs the full rules, leaving a token that touches
  // that byte or the block's end to the byte loop. Returns the position after the last
  // token read (pos when there was none). Keeps the chunk state of the byte loop.
  // Sets *rules_at to the last byte the byte loop is to read before the block path is
  // tried again: the byte that stopped the reading (one that needs the rules, or the dot
  // of "www."), or in text of another script the block's last non-ASCII byte;
  // kNoRulesByte when the reading stopped at the block's end.
  template <typename Checkpoint>
  size_t ReadPlainBlock(size_t pos, size_t* chunk_begin, Checkpoint* chunk_mark,
                        bool* chunk_checked, size_t* rules_at) {
    const BlockMasks m = Classify(s_.data() + pos);
    // A token must end before this index: one separator byte that needs no rule follows it.
    size_t limit = m.rules == 0 ? 64 : static_cast<size_t>(__builtin_ctzll(m.rules));
    *rules_at = m.rules == 0 ? kNoRulesByte : pos + limit;
    // A block of text in another script (a third of its bytes or more non-ASCII, and one
    // of them near its start): the byte loop reads its words, and the block path, tried
    // again after each of them, would classify nearly the same bytes every time. It is
    // tried again past the block's last non-ASCII byte.
    if (limit < 8 && (m.high >> 32) != 0 && std::popcount(m.high) >= 22) {
      *rules_at = pos + 63 - static_cast<size_t>(__builtin_clzll(m.high));
    }
    const uint64_t starts = m.alnum & ~(m.alnum << 1);
    const uint64_t ends = m.alnum & ~(m.alnum >> 1);  // last byte of each run
    // "www." starts a web address whatever follows the dot: reading stops at a word "www"
    // before a '.', and the byte loop judges it. Three-letter words before a dot are found
    // for the whole block here, so that the loop below keeps fewer values: it was short
    // of registers.
    uint64_t three_then_dot = starts & (ends >> 2) & ~ends & ~(ends >> 1) & (m.dot >> 3);
    for (; three_then_dot != 0; three_then_dot &= three_then_dot - 1) {
      const auto w = static_cast<size_t>(__builtin_ctzll(three_then_dot));
      if (w >= limit) break;
      if ((s_[pos + w] | 0x20) == 'w') {
        limit = w;
        *rules_at = pos + w + 3;
        break;
      }
    }
    // Each word's first byte and the byte after its last, in one mask: the bits pair up,
    // since words are at least one byte apart. A word running to the block's end has no
    // second bit, and its end reads as 64, past any limit.
    uint64_t bounds = starts | (ends << 1);
    // Words with white space in the gap before them start a chunk. Adding the spaces to
    // the gaps carries out of each gap that holds one, into the word after it.
    const uint64_t gaps = ~m.alnum;
    const uint64_t after_space = (gaps + m.space) & m.alnum;
    size_t chunk_word = 0;  // the last word read that starts a chunk, 0 for none
    Checkpoint mark{};
    const size_t end_before = last_end_;
    const typename Sink::Screen screen = sink_->screen();
    while (bounds != 0) {
      const auto first = static_cast<size_t>(__builtin_ctzll(bounds));
      bounds &= bounds - 1;
      const auto end = bounds == 0 ? size_t{64} : static_cast<size_t>(__builtin_ctzll(bounds));
      if (end >= limit) break;
      bounds &= bounds - 1;
      if (((after_space >> first) & 1) != 0) {
        mark = sink_->Mark();
        chunk_word = first;
      }
      Emit(pos + first, pos + end, /*non_ascii=*/false, screen);
    }
    if (chunk_word != 0) {
      // A chunk starts after the last white space before its first word.
      const uint64_t spaces_before = m.space & ((uint64_t{1} << chunk_word) - 1);
      *chunk_begin = pos + 64 - static_cast<size_t>(__builtin_clzll(spaces_before));
      *chunk_mark = mark;
      *chunk_checked = false;
    }
    // Emit kept where the last word read ends.
    const size_t done = last_end_ != end_before ? last_end_ - pos : 0;
    return pos + done;
  }
#endif

  bool StartsToken(size_t pos) const {
    if (WordCharLength(s_, pos) > 0) return true;
    // ".NET": a leading dot before a letter, unless it ends a sentence or an ellipsis.
    return s_[pos] == '.' && pos + 1 < end_ && IsAsciiAlnum(s_[pos + 1]) &&
           (pos == 0 || (s_[pos - 1] != '.' && WordCharLength(s_, pos - 1) == 0));
  }

  size_t ReadToken(size_t start) {
    size_t pos = start;
    bool non_ascii = false;
    if (s_[pos] == '.') ++pos;
    while (true) {
      size_t len;
      while (true) {
        pos = AsciiAlnumRunEnd(s_, pos, end_);  // the common case
        // Non-ASCII word characters one after another (a word in another script) go
        // without a look for ASCII between each two.
        const size_t run_begin = pos;
        while (pos < end_ && IsHighByte(s_[pos]) && (len = WordCharLength(s_, pos)) != 0) {
          pos += len;
        }
        if (pos == run_begin) break;
        non_ascii = true;
      }
      if (pos + 1 < end_ && s_[pos] == '.' && WordCharLength(s_, pos + 1) > 0) {
        ++pos;  // "node.js", "asp.net", "3.x"
        continue;
      }
      if (pos + 1 < end_ && s_[pos] == '\'' && WordCharLength(s_, pos + 1) > 0) {
        const bool possessive = (s_[pos + 1] == 's' || s_[pos + 1] == 'S') &&
                                (pos + 2 >= end_ || WordCharLength(s_, pos + 2) == 0);
        if (possessive) {
          Emit(start, pos, non_ascii, sink_->screen());
          return pos + 2;
        }
        ++pos;  // "o'reilly"
        continue;
      }
      break;
    }
    size_t end_of_token = pos;
    if (pos < end_ && s_[pos] == '+') {
      size_t plus_end = pos;
      while (plus_end < end_ && s_[plus_end] == '+') ++plus_end;
      // "C++", "Notepad++", and "C++17" as "C++" then "17" (a pattern adds the version);
      // not "a+b".
      if (plus_end >= end_ || !IsAsciiAlnum(s_[plus_end]) || IsAsciiDigit(s_[plus_end])) {
        end_of_token = plus_end;
      }
    } else if (pos < end_ && s_[pos] == '#' &&
               (pos + 1 >= end_ || WordCharLength(s_, pos + 1) == 0)) {
      end_of_token = pos + 1;  // "C#", "F#"
    }
    Emit(start, end_of_token, non_ascii, sink_->screen());
    return end_of_token;
  }

  __attribute__((always_inline)) void Emit(size_t begin, size_t end, bool non_ascii,
                                           const typename Sink::Screen& screen) {
    if (non_ascii || !sink_->TakesQuickly(*this, begin, end, screen)) {
      sink_->OnToken(*this, begin, end, non_ascii);
    }
    break_pending_ = false;
    last_end_ = end;
  }

  static constexpr size_t kNoRulesByte = ~size_t{0};

  std::string_view s_;
  size_t end_;
  Sink* sink_;
  bool blocks_;
  bool break_pending_ = false;
  size_t last_end_ = 0;  // end of the previous token, for BreakBefore
};

// Keeps every token with its folded key, hash and flags.
class StreamSink {
 public:
  explicit StreamSink(TokenStream* out) : out_(out) {}

  struct Screen {};
  Screen screen() const { return {}; }
  size_t Mark() const { return out_->tokens.size(); }
  void Rollback(const TextTokenizer<StreamSink>&, size_t mark) { out_->tokens.resize(mark); }
  bool TakesQuickly(const TextTokenizer<StreamSink>&, size_t, size_t, const Screen&) {
    return false;
  }
  size_t key_end() const { return key_end_; }

  void OnToken(const TextTokenizer<StreamSink>& tokenizer, size_t begin, size_t end,
               bool non_ascii) {
    const std::string_view s = tokenizer.text();
    // Built in place: filling a local Token field by field and then copying it into the
    // vector stalled on store forwarding.
    std::vector<Token>& tokens = out_->tokens;
    const bool has_previous = !tokens.empty();
    Token& token = tokens.emplace_back();
    token.begin = static_cast<uint32_t>(begin);
    token.end = static_cast<uint32_t>(end);
    // Keys go into a buffer sized once by Tokenize (ASCII keys are as long as their
    // tokens, and tokens do not overlap); only case folding can outgrow it.
    std::string& keys = out_->keys;
    const size_t key_begin = key_end_;
    token.key_begin = static_cast<uint32_t>(key_begin);
    uint8_t flags = 0;
    size_t key_len = end - begin;
    if (non_ascii) {
      const std::string folded = FoldCase(s.substr(begin, end - begin));
      if (key_begin + folded.size() + (s.size() - end) > keys.size()) {
        keys.resize(key_begin + folded.size() + (s.size() - end));
      }
      std::memcpy(keys.data() + key_begin, folded.data(), folded.size());
      key_len = folded.size();
      flags |= kNonAscii;
    } else {
      char* key = keys.data() + key_begin;
      for (size_t i = begin; i < end; ++i) *key++ = LowerAscii(s[i]);
    }
    ForEachGlue(s, begin, end, [&](size_t) { flags |= kGlued; });
    key_end_ = key_begin + key_len;
    token.key_len = static_cast<uint32_t>(key_len);
    token.hash = HashKey(std::string_view(keys).substr(key_begin, token.key_len));
    if (has_previous && tokenizer.BreakBefore(begin)) flags |= kBreakBefore;
    if (begin >= 2 && s[begin - 1] == '-' && !IsSpace(s[begin - 2]) && s[begin - 2] != '-') {
      flags |= kHyphenBefore;
      if (has_previous) {
        Token& previous = tokens[tokens.size() - 2];
        if (previous.end == begin - 1) previous.flags |= kHyphenAfter;
      }
    }
    token.flags = flags;
  }

 private:
  TokenStream* out_;
  size_t key_end_ = 0;  // end of the keys written so far in out_->keys
};

// Keeps only the tokens the vocabulary knows, numbered by their place among all tokens;
// with kPairs, only those its screen keeps (Vocabulary::Screen).
template <bool kPairs>
class KnownSink {
 public:
  // The tokens from a checkpoint on are those numbered from its ordinal on: the
  // tokenizer marks the state at nearly every word that follows a space, and the
  // ordinal is all that takes.
  struct Checkpoint {
    uint32_t ordinal;
  };

  KnownSink(const Vocabulary& vocabulary, KnownTokenStream* out)
      : vocabulary_(vocabulary), out_(out) {}

  Checkpoint Mark() const { return {ordinal_}; }
  void Rollback(const TextTokenizer<KnownSink>& tokenizer, const Checkpoint& mark) {
    LookUpDeferred(tokenizer);
    std::vector<KnownToken>& tokens = out_->tokens;
    while (!tokens.empty() && tokens.back().ordinal >= mark.ordinal) tokens.pop_back();
    ordinal_ = mark.ordinal;
    // Withdrawn contact data ends any phrase: no word after it pairs with one before.
    previous_state_ = 0;
  }
  uint32_t ordinal() const { return ordinal_; }

  // Looks up the words TakesQuickly deferred and keeps the known ones, in text order.
  void LookUpDeferred(const TextTokenizer<KnownSink>& tokenizer) {
    if (deferred_count_ == 0) return;  // a word turned away so far is already first
    const std::string_view s = tokenizer.text();
    for (size_t k = 0; k < deferred_count_; ++k) {
      const Deferred& word = deferred_[k];
      const size_t len = word.end - word.begin;
      uint64_t head;
      uint64_t tail;
      std::memcpy(&head, s.data() + word.begin, 8);
      std::memcpy(&tail, s.data() + word.begin + 8, 8);
      head = LowerTokenBytes(head, kWordMasks.head[len]);
      tail = LowerTokenBytes(tail, kWordMasks.tail[len]);
      const uint32_t id =
          vocabulary_.FindLoweredShortPastFilter(Vocabulary::HashHead(len, head), len, head, tail);
      if (id == Vocabulary::kUnknown) continue;
      KnownToken& token = out_->tokens.emplace_back();
      token.begin = word.begin;
      token.end = word.end;
      token.ordinal = word.ordinal;
      token.id = id;
      token.flags =
          word.ordinal > 0 && tokenizer.BreakAfter(word.gap_begin, word.begin) ? kBreakBefore : 0;
    }
    // The last word read, turned away so far, may still be kept with the next one.
    if constexpr (kPairs) {
      if ((previous_state_ & kWaiting) != 0) deferred_[0] = deferred_[deferred_count_];
    }
    deferred_count_ = 0;
  }

  // Without pairs, the screen is the vocabulary's filter alone, as small a value as a
  // block of the tokenizer's loop can hold in registers.
  using Screen = std::conditional_t<kPairs, Vocabulary::Screen, Vocabulary::Filter>;
  Screen screen() const {
    if constexpr (kPairs) {
      return vocabulary_.screen();
    } else {
      return vocabulary_.filter();
    }
  }

  // The common case, small enough to inline into the tokenizer's loop: an ASCII word of
  // at most sixteen bytes that holds no glued words, read in two loads, then turned away
  // by the screen or looked up and kept. Returns false, having done nothing, for any
  // other word: OnToken takes those. Words of nine to sixteen bytes are a quarter of
  // prose; sending them to OnToken was the tokenizer's most mispredicted branch. Inlined
  // by force: at sixteen bytes the compiler would call it, once per word. `screen` is the
  // vocabulary's filters, which the tokenizer holds in locals over a block.
  __attribute__((always_inline)) bool TakesQuickly(const TextTokenizer<KnownSink>& tokenizer,
                                                   size_t begin, size_t end, const Screen& screen) {
    const std::string_view s = tokenizer.text();
    const size_t len = end - begin;
    if (len > 16 || begin + 16 > s.size()) return false;
    uint64_t head;
    uint64_t tail;
    std::memcpy(&head, s.data() + begin, 8);
    std::memcpy(&tail, s.data() + begin + 8, 8);
    head &= kWordMasks.head[len];
    tail &= kWordMasks.tail[len];
    // A capital past the second byte may start a glued word ("mitigationSoftware");
    // acronyms ("AWS", "SQL") have capitals there too, so look before giving up.
    if (((TokenCapitals(head) & ~uint64_t{0xFFFF}) | TokenCapitals(tail)) != 0 &&
        HasGlue(head, tail)) {
      return false;
    }
    head = LowerTokenBytes(head, kWordMasks.head[len]);
    // Only the screen is asked now, and its answers are added to a count rather than
    // branched on: a kept word among others is a coin toss to the branch predictor, and
    // each wrong guess cost the wait for the hash and the filters' loads. The few words
    // kept are looked up together, later, in a loop whose branches mostly go one way.
    const uint64_t head_hash = Vocabulary::HashHead(len, head);
    if constexpr (kPairs) {
      // A word's record is written where the next kept word goes: a word turned away
      // stays there until the next word is read, which keeps it after all when the two
      // may be a pair of some alias.
      size_t count = deferred_count_;
      const unsigned pair = screen.MayPair(previous_head_hash_, head_hash);
      count += pair & previous_state_;
      Write(tokenizer, begin, end, &deferred_[count]);
      const unsigned keep = screen.MayStandAlone(head_hash) | pair | (previous_state_ >> 1);
      previous_head_hash_ = head_hash;
      previous_state_ = keep ^ kWaiting;
      deferred_count_ = count + keep;
    } else {
      Write(tokenizer, begin, end, &deferred_[deferred_count_]);
      deferred_count_ += screen.SurelyAbsent(head_hash) ? 0 : 1;
    }
    ++ordinal_;
    if (deferred_count_ >= kMaxDeferred) LookUpDeferred(tokenizer);
    return true;
  }

  // Not inlined: inlined into the tokenizer's loop, it cost that loop registers.
  __attribute__((noinline)) void OnToken(const TextTokenizer<KnownSink>& tokenizer, size_t begin,
                                         size_t end, bool non_ascii) {
    // This word is not screened: when some of it may be known, the screen cannot say
    // whether it pairs with its neighbours, so the word before is kept if it waits, and
    // the word after is kept too. A word that is not known and not glued pairs with
    // neither.
    LookUpDeferred(tokenizer);  // the tokens before this one come first
    unsigned waiting = 0;
    if constexpr (kPairs) {
      waiting = previous_state_ & kWaiting;  // LookUpDeferred left its record first
      previous_state_ = 0;
    }
    const auto keep_neighbours = [&] {
      if constexpr (kPairs) {
        if (waiting != 0) {
          deferred_count_ = 1;  // LookUpDeferred left the waiting word first
          LookUpDeferred(tokenizer);
          waiting = 0;
        }
        previous_state_ = kSlow;
      }
    };
    const std::string_view s = tokenizer.text();
    bool inner_upper = true;
    const uint32_t id = Lookup(s, begin, end, non_ascii, &inner_upper);
    if (id != Vocabulary::kUnknown && (!inner_upper || vocabulary_.IsWholeWord(id))) {
      keep_neighbours();
      Keep(tokenizer, begin, end, id);
      return;
    }
    // Words glued by a lost line break ("monitoringProblem") are looked up piece by
    // piece when the glued whole is not known as a word of its own: a context-only key
    // ("kuberay") must not hide the alias inside ("Ray").
    if (inner_upper) {
      size_t piece_begin = begin;
      bool split = false;
      ForEachGlue(s, begin, end, [&](size_t cut) {
        if (!split) keep_neighbours();  // before any piece is looked up and kept
        AddPiece(tokenizer, piece_begin, cut, non_ascii, /*first=*/!split);
        piece_begin = cut;
        split = true;
      });
      if (split) {
        AddPiece(tokenizer, piece_begin, end, non_ascii, /*first=*/false);
        return;
      }
    }
    if (id != Vocabulary::kUnknown) {
      keep_neighbours();
      Keep(tokenizer, begin, end, id);
      return;
    }
    ++ordinal_;
  }

 private:
  uint32_t Lookup(std::string_view s, size_t begin, size_t end, bool non_ascii, bool* inner_upper) {
    if (!non_ascii) {
      uint64_t head = 0;
      uint64_t tail = 0;
      const uint64_t head_hash = LowerAsciiWord(s, begin, end, inner_upper, &head, &tail);
      return vocabulary_.FindLowered(head_hash, s.substr(begin, end - begin), head, tail);
    }
    const std::string_view word = s.substr(begin, end - begin);
    // Glued words meet at an ASCII capital from the word's third byte on (GlueStartsAt).
    *inner_upper = std::any_of(word.begin() + std::min<size_t>(word.size(), 2), word.end(),
                               [](char c) { return IsAsciiUpper(c); });
    // Greek, Cyrillic or CJK words against a lexicon of Latin script: no key can match,
    // and folding the word would take ICU's UTF-16 round trip.
    if (!vocabulary_.HasKeysPastLatin1() && HoldsCodePointFoldingPastLatin1(word)) {
      return Vocabulary::kUnknown;
    }
    FoldCaseInto(word, &folded_);
    return vocabulary_.Find(HashKey(folded_), folded_);
  }

  void AddPiece(const TextTokenizer<KnownSink>& tokenizer, size_t begin, size_t end, bool non_ascii,
                bool first) {
    bool ignored;
    const uint32_t id = Lookup(tokenizer.text(), begin, end, non_ascii, &ignored);
    if (id == Vocabulary::kUnknown) {
      ++ordinal_;
      return;
    }
    KnownToken& token = out_->tokens.emplace_back();
    token.begin = static_cast<uint32_t>(begin);
    token.end = static_cast<uint32_t>(end);
    token.ordinal = ordinal_++;
    token.id = id;
    // Only the first piece can follow punctuation; the others follow a piece.
    token.flags = first && token.ordinal > 0 && tokenizer.BreakBefore(begin) ? kBreakBefore : 0;
  }

  void Keep(const TextTokenizer<KnownSink>& tokenizer, size_t begin, size_t end, uint32_t id) {
    KnownToken& token = out_->tokens.emplace_back();
    token.begin = static_cast<uint32_t>(begin);
    token.end = static_cast<uint32_t>(end);
    token.ordinal = ordinal_;
    token.id = id;
    token.flags = ordinal_ > 0 && tokenizer.BreakBefore(begin) ? kBreakBefore : 0;
    ++ordinal_;
  }

  const Vocabulary& vocabulary_;
  KnownTokenStream* out_;
  std::string folded_;  // the folded key of a non-ASCII word, reused from word to word
  uint32_t ordinal_ = 0;
  // Words of up to sixteen bytes that the screen kept, not yet looked up, then the last
  // word read when the screen turned it away.
  struct Deferred {
    uint32_t begin;
    uint32_t end;
    uint32_t ordinal;
    uint32_t gap_begin;  // TextTokenizer::GapBegin when the word was read
  };
  // Records a word of TakesQuickly's at *word.
  void Write(const TextTokenizer<KnownSink>& tokenizer, size_t begin, size_t end, Deferred* word) {
    word->begin = static_cast<uint32_t>(begin);
    word->end = static_cast<uint32_t>(end);
    word->ordinal = ordinal_;
    word->gap_begin = tokenizer.GapBegin();
  }

  static constexpr size_t kMaxDeferred = 64;
  // Past kMaxDeferred, room for the word after a word kept late (when the count reached
  // kMaxDeferred with it), and for the slot LookUpDeferred copies a waiting word from.
  Deferred deferred_[kMaxDeferred + 2];
  size_t deferred_count_ = 0;
  // The word read last: its HashHead when TakesQuickly read it (otherwise a pair the
  // filter lets through by mistake only costs a look-up), and its state: kWaiting when
  // the screen turned it away, which leaves its record at deferred_[deferred_count_]
  // until the next word is read; kSlow when OnToken read it, unscreened, which keeps the
  // next word too.
  static constexpr unsigned kWaiting = 1;
  static constexpr unsigned kSlow = 2;
  uint64_t previous_head_hash_ = 0;
  unsigned previous_state_ = 0;
};

}  // namespace

uint64_t HashKey(std::string_view key) {
  // Eight bytes per multiply instead of one (FNV-1a's serial multiply per byte was a
  // measurable share of tokenizing). The vocabulary's filter uses the first step alone.
  uint64_t hash = Vocabulary::HashHead(key.size(), Vocabulary::HeadOf(key));
  for (size_t i = 8; i < key.size(); i += 8) {
    uint64_t chunk = 0;
    std::memcpy(&chunk, key.data() + i, std::min<size_t>(key.size() - i, 8));
    hash = Vocabulary::HashNext(hash, chunk);
  }
  return hash;
}

namespace {

// Folds text whose only non-ASCII characters are Latin-1's (U+0080 to U+00FF, the accents
// of names and places in Western resumes) as ICU's full case folding does, into *out;
// returns false, leaving *out unspecified, for any other character. Each such word went
// through ICU's UTF-16 round trip.
bool FoldLatin1(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out->push_back(LowerAscii(static_cast<char>(c)));
      continue;
    }
    if ((c != 0xC2 && c != 0xC3) || i + 1 >= text.size()) return false;
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (next < 0x80 || next > 0xBF) return false;
    ++i;
    if (c == 0xC2) {
      if (next == 0xB5) {
        out->append("\xCE\xBC");  // MICRO SIGN folds to GREEK SMALL LETTER MU
      } else {
        out->push_back(static_cast<char>(c));
        out->push_back(static_cast<char>(next));
      }
    } else if (next == 0x9F) {
      out->append("ss");  // SHARP S folds to two letters
    } else {
      // U+00C0 to U+00DE fold 0x20 up, but for the multiplication sign U+00D7.
      const bool upper = next >= 0x80 && next <= 0x9E && next != 0x97;
      out->push_back(static_cast<char>(c));
      out->push_back(static_cast<char>(upper ? next + 0x20 : next));
    }
  }
  return true;
}

}  // namespace

void FoldCaseInto(std::string_view text, std::string* out) {
  bool ascii = true;
  for (const char c : text) ascii &= !IsHighByte(c);
  if (ascii) {
    out->assign(text);
    for (char& c : *out) {
      c = LowerAscii(c);
    }
    return;
  }
  if (FoldLatin1(text, out)) return;
  icu::UnicodeString folded = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  folded.foldCase();
  out->clear();
  folded.toUTF8String(*out);
}

std::string FoldCase(std::string_view text) {
  std::string out;
  FoldCaseInto(text, &out);
  return out;
}

void SplitGluedToken(std::string_view normalized, const Token& token, TokenStream* stream,
                     std::vector<Token>* pieces) {
  pieces->clear();
  const std::string_view text = normalized.substr(0, token.end);
  size_t piece_begin = token.begin;
  const auto emit = [&](size_t piece_end) {
    Token piece;
    piece.begin = static_cast<uint32_t>(piece_begin);
    piece.end = static_cast<uint32_t>(piece_end);
    piece.key_begin = static_cast<uint32_t>(stream->keys.size());
    if ((token.flags & kNonAscii) != 0) {
      stream->keys += FoldCase(text.substr(piece_begin, piece_end - piece_begin));
    } else {
      for (size_t i = piece_begin; i < piece_end; ++i) {
        const char c = text[i];
        stream->keys.push_back(LowerAscii(c));
      }
    }
    piece.key_len = static_cast<uint32_t>(stream->keys.size() - piece.key_begin);
    piece.hash = HashKey(stream->Key(piece));
    // The first piece keeps what precedes the token; the last gets kHyphenAfter below.
    piece.flags = static_cast<uint8_t>(pieces->empty() ? token.flags & ~(kGlued | kHyphenAfter)
                                                       : token.flags & kNonAscii);
    pieces->push_back(piece);
    piece_begin = piece_end;
  };
  for (size_t i = token.begin; i < token.end; ++i) {
    if (GlueStartsAt(text, piece_begin, i)) emit(i);
  }
  if (pieces->empty()) return;
  emit(token.end);
  pieces->back().flags |= static_cast<uint8_t>(token.flags & kHyphenAfter);
}

void Tokenize(std::string_view normalized, TokenStream* out, TokenizerPath path) {
  out->Clear();
  // About one token per six bytes of prose; reserving avoids regrowth on the hot path.
  out->tokens.reserve(normalized.size() / 6 + 16);
  out->keys.resize(normalized.size());
  StreamSink sink(out);
  TextTokenizer<StreamSink> tokenizer(normalized, &sink, path);
  tokenizer.Run();
  out->keys.resize(sink.key_end());
}

namespace {

// One function per sink, each with the whole tokenizer inlined into it: in one function
// together, the compiler inlined less of each.
template <bool kPairs>
__attribute__((noinline)) void TokenizeKnownWith(std::string_view normalized,
                                                 const Vocabulary& vocabulary,
                                                 KnownTokenStream* out, TokenizerPath path) {
  KnownSink<kPairs> sink(vocabulary, out);
  TextTokenizer<KnownSink<kPairs>> tokenizer(normalized, &sink, path);
  tokenizer.Run();
  sink.LookUpDeferred(tokenizer);
  out->token_count = sink.ordinal();
}

}  // namespace

void TokenizeKnown(std::string_view normalized, const Vocabulary& vocabulary, KnownTokenStream* out,
                   TokenizerPath path) {
  out->tokens.clear();
  if (vocabulary.screen().pairs.words != nullptr) {
    TokenizeKnownWith<true>(normalized, vocabulary, out, path);
  } else {
    TokenizeKnownWith<false>(normalized, vocabulary, out, path);
  }
}

}  // namespace jobfit::text
