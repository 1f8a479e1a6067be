// What the normalizer and the tokenizer need to know of a non-ASCII code point, asked of
// ICU once per block of 256 code points and then read from a table. A text's non-ASCII
// characters (accents, dashes, bullets, Greek, Cyrillic, CJK) cost an ICU call or two
// each otherwise, and on a bulk corpus with 2% of its bytes non-ASCII those calls were a
// fifth of the scan.
#ifndef JOBFIT_TEXT_CODE_POINTS_H_
#define JOBFIT_TEXT_CODE_POINTS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jobfit::internal {
inline constexpr size_t kCodePointPageBits = 8;
inline constexpr size_t kCodePointPages = (0x10FFFF >> kCodePointPageBits) + 1;
// Each block's traits, filled the first time one of its code points is asked about.
extern std::atomic<const uint8_t*> code_point_pages[kCodePointPages];
uint8_t CodePointTraitsFillingPage(char32_t cp);
}  // namespace jobfit::internal

namespace jobfit::text {

enum CodePointTrait : uint8_t {
  // A letter, digit or combining mark of any script: it continues a word.
  kWordCodePoint = 1,
  // NFKC's quick check says yes and its combining class is 0: it neither changes nor
  // composes with the code point before it, so a run of such code points (between ASCII
  // characters, which compose with nothing after them but combining marks) is in NFKC.
  kNfkcStable = 2,
  // Its full case folding holds a code point from U+0100 up: a word holding it cannot
  // fold to a key made of ASCII and Latin-1 alone.
  kFoldsPastLatin1 = 4,
};

// The CodePointTrait bits of cp (0 past U+10FFFF). Safe for concurrent use.
inline uint8_t CodePointTraits(char32_t cp) {
  if (cp > 0x10FFFF) return 0;
  const uint8_t* page = internal::code_point_pages[cp >> internal::kCodePointPageBits].load(
      std::memory_order_acquire);
  if (page == nullptr) return internal::CodePointTraitsFillingPage(cp);
  return page[cp & ((1u << internal::kCodePointPageBits) - 1)];
}

// True when some code point of the UTF-8 text has kFoldsPastLatin1; an invalid byte reads
// as U+FFFD, as ICU folds it.
bool HoldsCodePointFoldingPastLatin1(std::string_view text);

}  // namespace jobfit::text

#endif  // JOBFIT_TEXT_CODE_POINTS_H_
