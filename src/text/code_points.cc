#include "text/code_points.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>

#include "text/utf8.h"

namespace jobfit::internal {

using text::kFoldsPastLatin1;
using text::kNfkcStable;
using text::kReplacementChar;
using text::kWordCodePoint;

std::atomic<const uint8_t*> code_point_pages[kCodePointPages] = {};

namespace {

uint8_t TraitsFromIcu(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  uint8_t traits = 0;
  if (cp != kReplacementChar) {
    const int8_t type = u_charType(c);
    if (u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK) {
      traits |= kWordCodePoint;
    }
  }
  if (u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK) == UNORM_YES &&
      u_getCombiningClass(c) == 0) {
    traits |= kNfkcStable;
  }
  icu::UnicodeString folded(c);
  folded.foldCase();
  for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
    if (folded.char32At(i) >= 0x100) {
      traits |= kFoldsPastLatin1;
      break;
    }
  }
  return traits;
}

}  // namespace

uint8_t CodePointTraitsFillingPage(char32_t cp) {
  constexpr size_t kPageSize = size_t{1} << kCodePointPageBits;
  const size_t index = cp >> kCodePointPageBits;
  auto* fresh = new uint8_t[kPageSize];
  for (size_t i = 0; i < kPageSize; ++i) {
    fresh[i] = TraitsFromIcu(static_cast<char32_t>((index << kCodePointPageBits) | i));
  }
  // Another thread may have filled the page meanwhile: the first one published is kept,
  // and every thread reads the same table.
  const uint8_t* expected = nullptr;
  if (!code_point_pages[index].compare_exchange_strong(expected, fresh, std::memory_order_acq_rel,
                                                       std::memory_order_acquire)) {
    delete[] fresh;
    return expected[cp & (kPageSize - 1)];
  }
  return fresh[cp & (kPageSize - 1)];
}

}  // namespace jobfit::internal

namespace jobfit::text {

bool HoldsCodePointFoldingPastLatin1(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    size_t len;
    const char32_t cp = DecodeUtf8(text, pos, &len);
    if ((CodePointTraits(cp) & kFoldsPastLatin1) != 0) return true;
    pos += len;
  }
  return false;
}

}  // namespace jobfit::text
