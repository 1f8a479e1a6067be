// UTF-8 decoding and ASCII case shared by the normalizer, the tokenizer and the vocabulary.
#ifndef JOBFIT_TEXT_UTF8_H_
#define JOBFIT_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jobfit::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes one code point at text[pos]. Sets *length to the bytes consumed (at least 1).
// Invalid, overlong, surrogate or truncated sequences decode as kReplacementChar with
// *length 1, so a caller always makes progress.
char32_t DecodeUtf8(std::string_view text, size_t pos, size_t* length);

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

}  // namespace jobfit::text

#endif  // JOBFIT_TEXT_UTF8_H_
