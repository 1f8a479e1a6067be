// UTF-8 decoding shared by the normalizer and the tokenizer.
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

}  // namespace jobfit::text

#endif  // JOBFIT_TEXT_UTF8_H_
