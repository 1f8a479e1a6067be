// UTF-8 decoding and ASCII classes shared by the normalizer, the tokenizer, the vocabulary
// and the reader's quality count.
#ifndef JOBFIT_TEXT_UTF8_H_
#define JOBFIT_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jobfit::internal {
// DecodeUtf8 past its inline cases.
char32_t DecodeUtf8Sequence(std::string_view text, size_t pos, size_t* length);
}  // namespace jobfit::internal

namespace jobfit::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes one code point at text[pos]. Sets *length to the bytes consumed (at least 1).
// Invalid, overlong, surrogate or truncated sequences decode as kReplacementChar with
// *length 1, so a caller always makes progress. Inline for ASCII, for the two-byte
// sequences of accented Latin, Greek and Cyrillic and for the common three-byte ones,
// decoded for every non-ASCII character by the normalizer and the tokenizer.
inline char32_t DecodeUtf8(std::string_view text, size_t pos, size_t* length) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    *length = 1;
    return lead;
  }
  if (lead >= 0xC2 && lead <= 0xDF && pos + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[pos + 1]);
    if ((next & 0xC0) == 0x80) {
      *length = 2;
      return (static_cast<char32_t>(lead & 0x1F) << 6) | (next & 0x3F);
    }
  }
  // Three bytes led by E1-EC or EE-EF (dashes, bullets, quotes, CJK) need no range check
  // beyond their continuation bytes; E0 and ED (overlong forms, surrogates) do.
  if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && pos + 2 < text.size()) {
    const auto second = static_cast<unsigned char>(text[pos + 1]);
    const auto third = static_cast<unsigned char>(text[pos + 2]);
    if ((second & 0xC0) == 0x80 && (third & 0xC0) == 0x80) {
      *length = 3;
      return (static_cast<char32_t>(lead & 0x0F) << 12) |
             (static_cast<char32_t>(second & 0x3F) << 6) | (third & 0x3F);
    }
  }
  return internal::DecodeUtf8Sequence(text, pos, length);
}

// Appends the UTF-8 encoding of cp.
void AppendUtf8(char32_t cp, std::string* out);

// Lower-cases an ASCII letter and leaves every other byte alone. A table, not a compare
// and branch: it runs for every byte of every word looked up.
struct AsciiLowerTable {
  char lower[256] = {};
  constexpr AsciiLowerTable() {
    for (int c = 0; c < 256; ++c) {
      lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
  }
};
inline constexpr AsciiLowerTable kAsciiLower;
inline char LowerAscii(char c) { return kAsciiLower.lower[static_cast<unsigned char>(c)]; }

#if defined(__SSE2__)
// Marks the ASCII letters among 16 bytes (0xFF lanes). The range is shifted (mod 256) to
// start at -128, so that one signed "less than" tests it.
inline __m128i AsciiLetterLanes(__m128i bytes) {
  return _mm_cmplt_epi8(
      _mm_add_epi8(_mm_or_si128(bytes, _mm_set1_epi8(0x20)), _mm_set1_epi8(128 - 'a')),
      _mm_set1_epi8(-128 + 26));
}

// Marks the ASCII letters and digits among 16 bytes (0xFF lanes).
inline __m128i AsciiAlnumLanes(__m128i bytes) {
  const __m128i digit =
      _mm_cmplt_epi8(_mm_add_epi8(bytes, _mm_set1_epi8(128 - '0')), _mm_set1_epi8(-128 + 10));
  return _mm_or_si128(AsciiLetterLanes(bytes), digit);
}
#endif

}  // namespace jobfit::text

#endif  // JOBFIT_TEXT_UTF8_H_
