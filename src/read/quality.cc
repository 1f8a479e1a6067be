#include "read/quality.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/utf8.h"

namespace jobfit::read {
namespace {

constexpr bool IsUnmapped(char32_t cp) {
  return cp == text::kReplacementChar || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 ||
         (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') || cp == 0x7F;
}

constexpr bool IsAsciiLetter(char32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

constexpr bool IsVowel(char32_t cp) {
  switch (cp | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

// What AssessText makes of each ASCII byte, looked up once instead of decoding it.
// What AssessText counts for each ASCII byte, as bits: the counters then add bits instead
// of branching on the kind of every byte.
enum AsciiBits : uint8_t { kLetterBit = 1, kVowelBit = 2, kVisibleBit = 4, kUnmappedBit = 8 };

struct AsciiKinds {
  uint8_t bits[128] = {};
  constexpr AsciiKinds() {
    for (int c = 0; c < 128; ++c) {
      const auto cp = static_cast<char32_t>(c);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;  // blank
      uint8_t b = kVisibleBit;
      if (IsUnmapped(cp)) b = static_cast<uint8_t>(b | kUnmappedBit);
      if (IsAsciiLetter(cp))
        b = static_cast<uint8_t>(b | kLetterBit | (IsVowel(cp) ? kVowelBit : 0));
      bits[c] = b;
    }
  }
};
constexpr AsciiKinds kAsciiKinds;

std::string Percent(double share) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", share * 100.0);
  return buffer;
}

}  // namespace

void AddIssue(ReadQuality* quality, ReadIssueKind kind, ReadConfidence severity,
              std::string message) {
  quality->issues.push_back({kind, severity, std::move(message)});
  if (static_cast<int>(severity) > static_cast<int>(quality->confidence)) {
    quality->confidence = severity;
  }
}

namespace {

// Counts one text; a word (a run of letters) may span 64-byte blocks but not texts.
class Counter {
 public:
  explicit Counter(TextCounts* counts) : c_(*counts) {}

  void Count(std::string_view text, CountPath path) {
    size_t pos = 0;
    while (pos < text.size()) {
#if defined(__SSE2__)
      if (path == CountPath::kBlocks) {
        size_t counted;
        if (pos + 64 <= text.size()) {
          counted = CountAsciiBlock(text.data() + pos, 64);
        } else {
          // The text's last bytes, padded: the padding is past `available`, never counted.
          char tail[64] = {};
          std::memcpy(tail, text.data() + pos, text.size() - pos);
          counted = CountAsciiBlock(tail, text.size() - pos);
        }
        if (counted > 0) {
          pos += counted;
          continue;
        }
      }
#endif
      pos = CountCharacter(text, pos);
    }
    EndRun();
  }

 private:
  void EndRun() {
    if (run_ >= 5 && run_ascii_) {
      ++c_.words;
      if (!run_has_vowel_) ++c_.vowelless_words;
    }
    run_ = 0;
    run_has_vowel_ = false;
    run_ascii_ = true;
  }

  // Counts the character at pos and returns the position after it.
  size_t CountCharacter(std::string_view text, size_t pos) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {  // the same decisions as below, without decoding
      const uint8_t bits = kAsciiKinds.bits[byte];
      c_.visible += (bits & kVisibleBit) != 0;
      c_.unmapped += (bits & kUnmappedBit) != 0;
      if ((bits & kLetterBit) != 0) {
        ++c_.letters;
        ++run_;
        run_has_vowel_ |= (bits & kVowelBit) != 0;
      } else {
        EndRun();
      }
      return pos + 1;
    }
    size_t length = 1;
    const char32_t cp = text::DecodeUtf8(text, pos, &length);
    if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == '\f' || cp == 0xA0) {
      EndRun();
      return pos + length;
    }
    ++c_.visible;
    if (IsUnmapped(cp)) {
      ++c_.unmapped;
      EndRun();
    } else if (IsAsciiLetter(cp)) {
      ++c_.letters;
      ++run_;
      run_has_vowel_ |= IsVowel(cp);
    } else if (cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x2BFF)) {
      // Letters of other scripts and accented Latin; general punctuation and symbol
      // blocks excluded. Not exact, but text of any script counts as text.
      ++c_.letters;
      ++run_;
      run_ascii_ = false;
    } else {
      EndRun();
    }
    return pos + length;
  }

#if defined(__SSE2__)
  static uint64_t Popcount(uint64_t x) {
    // Without a POPCNT instruction in the baseline x86-64 set, __builtin_popcountll is a
    // library call.
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (x * 0x0101010101010101ULL) >> 56;
  }

  // Counts the characters among the first `available` (at most 64) of the 64 bytes at
  // block that come before any the block cannot take, and returns how many bytes it
  // counted. ASCII is taken whole, and so are the two-byte sequences (C2-DF) and the
  // three-byte ones led by E1-EC, the bullets, dashes, quotes, accents and scripts of
  // real resumes, when they are well formed and end in the counted bytes; anything else
  // (E0, ED, EE and EF with their private-use and replacement characters, four-byte
  // sequences, errors) stops the count for the byte loop. Runs of letters are taken from
  // bit masks: a run that touches either end of the counted bytes is carried on as the
  // byte loop would. Stopping at every non-ASCII byte left a resume with a bullet or a
  // curly quote on every line to the byte loop a few bytes in each block.
  size_t CountAsciiBlock(const char* block, size_t available) {
    uint64_t letters = 0;
    uint64_t vowels = 0;
    uint64_t blank = 0;
    uint64_t control = 0;
    uint64_t high = 0;
    uint64_t continuation = 0;
    uint64_t lead2 = 0;     // C2-DF
    uint64_t lead3 = 0;     // E1-EC
    uint64_t lead_c2 = 0;   // U+0080-U+00BF: no letters, and C2 A0 is blank
    uint64_t lead_e2 = 0;   // U+2000-U+2FFF: letters only from U+2C00
    uint64_t a0 = 0;        // the byte A0 (NBSP's second byte)
    uint64_t b0_to_bf = 0;  // second bytes of E2 that lead to U+2C00-U+2FFF
    const auto mask = [](__m128i lanes) {
      return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(lanes)));
    };
    for (int part = 0; part < 4; ++part) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * part));
      const auto eq = [&](char c) { return _mm_cmpeq_epi8(bytes, _mm_set1_epi8(c)); };
      const __m128i lower = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
      const auto lower_eq = [&](char c) { return _mm_cmpeq_epi8(lower, _mm_set1_epi8(c)); };
      // Signed byte values lo..hi (0x80-0xFF are -128..-1).
      const auto in = [&](int lo, int hi) {
        return _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8(static_cast<char>(lo - 1))),
                             _mm_cmplt_epi8(bytes, _mm_set1_epi8(static_cast<char>(hi + 1))));
      };
      const int shift = 16 * part;
      high |= mask(bytes) << shift;
      letters |= mask(text::AsciiLetterLanes(bytes)) << shift;
      vowels |= mask(_mm_or_si128(_mm_or_si128(_mm_or_si128(lower_eq('a'), lower_eq('e')),
                                               _mm_or_si128(lower_eq('i'), lower_eq('o'))),
                                  _mm_or_si128(lower_eq('u'), lower_eq('y'))))
                << shift;
      blank |= mask(_mm_or_si128(_mm_or_si128(eq(' '), eq('\t')),
                                 _mm_or_si128(_mm_or_si128(eq('\n'), eq('\r')), eq('\f'))))
               << shift;
      // Bytes from 0x80 are negative as signed: "below 0x20" takes them, `high` not.
      control |= mask(_mm_or_si128(_mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)), eq(0x7F))) << shift;
      if ((high >> shift) == 0) continue;
      continuation |= mask(_mm_cmplt_epi8(bytes, _mm_set1_epi8(-64))) << shift;  // 80-BF
      lead2 |= mask(in(-62, -33)) << shift;                                      // C2-DF
      lead3 |= mask(in(-31, -20)) << shift;                                      // E1-EC
      lead_c2 |= mask(eq(static_cast<char>(0xC2))) << shift;
      lead_e2 |= mask(eq(static_cast<char>(0xE2))) << shift;
      a0 |= mask(eq(static_cast<char>(0xA0))) << shift;
      b0_to_bf |= mask(in(-80, -65)) << shift;
    }
    const auto low_bits = [](uint64_t n) {
      return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
    };
    uint64_t limit = available;
    control &= ~high;
    // Non-ASCII characters by their lead byte: those of other letters, and NBSP.
    uint64_t wide_letters = 0;  // every byte of a non-ASCII letter
    uint64_t wide_leads = 0;    // the first byte of each non-ASCII character
    uint64_t nbsp = 0;
    if (high != 0) {
      // Well formed: every non-ASCII byte a lead or one of its continuations. A sequence
      // cut by the end of the counted bytes is left for the next count.
      const uint64_t prefix = low_bits(limit);
      const uint64_t expected = (lead2 << 1) | (lead3 << 1) | (lead3 << 2);
      const bool well_formed = ((continuation | lead2 | lead3) & prefix) == (high & prefix) &&
                               (continuation & prefix) == (expected & prefix);
      if (!well_formed) {
        limit = std::min<uint64_t>(limit, static_cast<uint64_t>(__builtin_ctzll(high)));
      } else {
        const uint64_t last1 = uint64_t{1} << (limit - 1);
        const uint64_t last2 = limit >= 2 ? last1 | (last1 >> 1) : last1;
        const uint64_t cut = (lead2 & last1) | (lead3 & last2);
        if (cut != 0) limit = static_cast<uint64_t>(__builtin_ctzll(cut));
        const uint64_t taken = low_bits(limit);
        wide_leads = (lead2 | lead3) & taken;
        nbsp = lead_c2 & (a0 >> 1) & taken;
        // U+00C0 up are letters, but U+2000-U+2BFF (E2 80-AF).
        const uint64_t letter2 = lead2 & ~lead_c2;
        const uint64_t letter3 = lead3 & ~(lead_e2 & ~(b0_to_bf >> 1));
        wide_letters =
            ((letter2 | letter3) | (letter2 << 1) | (letter3 << 1) | (letter3 << 2)) & taken;
      }
    }
    if (limit == 0) return 0;
    const uint64_t prefix = low_bits(limit);
    const uint64_t wide = high & prefix;  // the non-ASCII bytes taken
    letters &= prefix;
    vowels &= letters;
    c_.visible += Popcount(~blank & ~wide & prefix);
    c_.letters += Popcount(letters);
    // Non-ASCII characters, control characters and vowelless words are absent from most
    // blocks: their counts are skipped then (a popcount costs a dozen instructions
    // without the POPCNT instruction, and these were a tenth of a block's count).
    if (wide != 0) {
      c_.visible += Popcount(wide_leads) - Popcount(nbsp);
      c_.letters += Popcount(wide_letters & wide_leads);
    }
    if (const uint64_t unmapped = control & ~blank & prefix; unmapped != 0) {
      c_.unmapped += Popcount(unmapped);
    }
    // Runs of letters take the non-ASCII letters in; a run holding one is no ASCII word.
    uint64_t poison = wide_letters;
    letters |= wide_letters;
    // The run at the first byte continues the one before it, or a non-letter ends that.
    if ((letters & 1) == 0) {
      EndRun();
    } else {
      const uint64_t length = ~letters == 0 ? 64 : static_cast<uint64_t>(__builtin_ctzll(~letters));
      run_ += length;
      run_has_vowel_ |= (vowels & low_bits(length)) != 0;
      run_ascii_ = run_ascii_ && (poison & low_bits(length)) == 0;
      if (length == limit) return limit;  // it may go on past the counted bytes
      EndRun();
      letters &= ~low_bits(length);
      poison &= ~low_bits(length);
    }
    // The run at the last byte may go on too: carried, not counted yet.
    uint64_t carried = 0;
    if (((letters >> (limit - 1)) & 1) != 0) {
      const auto last_gap = static_cast<uint64_t>(63 - __builtin_clzll(~letters & prefix));
      carried = prefix & ~low_bits(last_gap + 1);
      letters &= ~carried;
    }
    const bool carried_ascii = (poison & carried) == 0;
    poison &= ~carried;
    const uint64_t starts = letters & ~(letters << 1);
    const uint64_t ends = letters & ~(letters >> 1);
    // Runs holding a non-ASCII letter are no words: taken out whole, one by one (a block
    // holds few of them).
    while (poison != 0) {
      const auto at = static_cast<uint64_t>(__builtin_ctzll(poison));
      const auto first = static_cast<uint64_t>(63 - __builtin_clzll(starts & low_bits(at + 1)));
      const auto last = static_cast<uint64_t>(__builtin_ctzll(ends & ~low_bits(at)));
      const uint64_t run = low_bits(last + 1) & ~low_bits(first);
      letters &= ~run;
      poison &= ~run;
    }
    // Runs wholly inside: those of five letters or more are words, counted by their starts.
    const uint64_t word_starts = letters & ~(letters << 1);
    const uint64_t words =
        word_starts & (letters >> 1) & (letters >> 2) & (letters >> 3) & (letters >> 4);
    c_.words += Popcount(words);
    // A word with no vowel is all consonants: its start bit added to the consonants carries
    // through the whole word into the byte after it, which is no letter; a vowel stops the
    // carry. (No word here ends at the last counted byte: that run is carried.) One
    // addition for all the block's words, where a loop over them mispredicted its exit.
    const uint64_t after_ends = (letters & ~(letters >> 1)) << 1;
    if (const uint64_t vowelless = ((letters & ~vowels) + words) & after_ends; vowelless != 0) {
      c_.vowelless_words += Popcount(vowelless);
    }
    if (carried != 0) {
      // The carried run's length counts bytes: it matters only while the run is ASCII.
      run_ = Popcount(carried);
      run_has_vowel_ = (vowels & carried) != 0;
      run_ascii_ = carried_ascii;
    }
    return limit;
  }

#endif

  TextCounts& c_;
  uint64_t run_ = 0;
  bool run_has_vowel_ = false;
  bool run_ascii_ = true;
};

}  // namespace

TextCounts CountText(std::string_view text, CountPath path) {
  TextCounts counts;
  Counter(&counts).Count(text, path);
  return counts;
}

void AssessText(std::string_view text, double coverage, ReadQuality* quality) {
  TextCounts counts;
  const auto count = [&](std::string_view part) {
    Counter(&counts).Count(part, CountPath::kBlocks);
  };
  // The shares below are statistics: on a large text (a bulk corpus) a sample of evenly
  // spread windows gives the same verdict at a fraction of the cost.
  constexpr size_t kWindows = 16;
  constexpr size_t kWindowBytes = size_t{64} << 10;
  if (text.size() <= kWindows * kWindowBytes * 2) {
    count(text);
  } else {
    const size_t stride = text.size() / kWindows;
    for (size_t w = 0; w < kWindows; ++w) {
      size_t begin = w * stride;
      // Start on a character boundary: skip UTF-8 continuation bytes.
      while (begin < text.size() && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) {
        ++begin;
      }
      count(text.substr(begin, kWindowBytes));
    }
  }

  if (counts.visible == 0) {
    quality->score = 0.0;
    AddIssue(quality, ReadIssueKind::kEmpty, ReadConfidence::kLow,
             "no text: the document is empty or holds only images");
    return;
  }
  const double unmapped_share =
      static_cast<double>(counts.unmapped) / static_cast<double>(counts.visible);
  const double letter_share =
      static_cast<double>(counts.letters) / static_cast<double>(counts.visible);
  const double vowelless_share = counts.words == 0 ? 0.0
                                                   : static_cast<double>(counts.vowelless_words) /
                                                         static_cast<double>(counts.words);
  if (unmapped_share > 0.02) {
    AddIssue(quality, ReadIssueKind::kUnmappableFont,
             unmapped_share > 0.2 ? ReadConfidence::kLow : ReadConfidence::kMedium,
             Percent(unmapped_share) +
                 " of the characters have no Unicode mapping (a font without a ToUnicode "
                 "table, or bytes that did not decode)");
  }
  if (letter_share < 0.4 && unmapped_share <= 0.2 && counts.visible >= 20) {
    AddIssue(quality, ReadIssueKind::kGarbledText, ReadConfidence::kLow,
             "mostly garbled: only " + Percent(letter_share) + " of the characters are letters");
  } else if (counts.words >= 20 && vowelless_share > 0.3) {
    AddIssue(quality, ReadIssueKind::kGarbledText, ReadConfidence::kLow,
             "mostly garbled: " + Percent(vowelless_share) +
                 " of the words have no vowel (a font with a scrambled encoding?)");
  }
  const double readable = std::clamp(1.0 - unmapped_share, 0.0, 1.0) *
                          std::clamp(1.0 - vowelless_share, 0.0, 1.0) *
                          std::clamp(letter_share / 0.4, 0.0, 1.0);
  quality->score = std::clamp(readable * coverage, 0.0, 1.0);
}

}  // namespace jobfit::read
