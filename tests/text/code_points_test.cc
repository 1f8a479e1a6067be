#include "text/code_points.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace jobfit::text {
namespace {

bool Has(char32_t cp, CodePointTrait trait) { return (CodePointTraits(cp) & trait) != 0; }

TEST(CodePointTraits, WordCodePointsAreLettersDigitsAndMarks) {
  for (const char32_t cp : {U'é', U'ß', U'Ω', U'Д', U'й', U'東', U'٣', U'\u0301', U'\uFB01'}) {
    EXPECT_TRUE(Has(cp, kWordCodePoint)) << std::hex << static_cast<uint32_t>(cp);
  }
  for (const char32_t cp : {U'\u2022', U'\u00B7', U'\u00D7', U'\u2013', U'\u00A0', U'\uFFFD'}) {
    EXPECT_FALSE(Has(cp, kWordCodePoint)) << std::hex << static_cast<uint32_t>(cp);
  }
}

TEST(CodePointTraits, NfkcStableCodePointsNeedNoNormalizing) {
  for (const char32_t cp : {U'é', U'Ω', U'Д', U'й', U'東', U'\u2022'}) {
    EXPECT_TRUE(Has(cp, kNfkcStable)) << std::hex << static_cast<uint32_t>(cp);
  }
  // Combining marks, ligatures, the Kelvin sign, full-width letters and a Hangul vowel
  // that composes with the syllable before it.
  for (const char32_t cp : {U'\u0301', U'\uFB01', U'\u212A', U'\uFF30', U'\u1161', U'\u00B5'}) {
    EXPECT_FALSE(Has(cp, kNfkcStable)) << std::hex << static_cast<uint32_t>(cp);
  }
}

// Every code point, against ICU: a stable one is in NFKC on its own, and after any ASCII
// letter (it composes with nothing before it).
TEST(CodePointTraits, StableAgreesWithIcuForEveryCodePoint) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  size_t stable = 0;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (!Has(cp, kNfkcStable)) continue;
    ++stable;
    icu::UnicodeString after_letter("e");
    after_letter.append(static_cast<UChar32>(cp));
    status = U_ZERO_ERROR;
    ASSERT_TRUE(nfkc->isNormalized(after_letter, status) && U_SUCCESS(status))
        << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_GT(stable, 100000u);  // most assigned code points
}

TEST(CodePointTraits, FoldingPastLatin1) {
  // Ÿ folds to ÿ, ß and ẞ to "ss", the Angstrom sign to å: all within Latin-1.
  for (const char32_t cp : {U'é', U'É', U'ß', U'\u1E9E', U'\u0178', U'\u212B', U'\u00D7'}) {
    EXPECT_FALSE(Has(cp, kFoldsPastLatin1)) << std::hex << static_cast<uint32_t>(cp);
  }
  for (const char32_t cp : {U'Ω', U'ω', U'Д', U'東', U'\u0130', U'\u0141', U'\u2022', U'\uFFFD'}) {
    EXPECT_TRUE(Has(cp, kFoldsPastLatin1)) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_FALSE(HoldsCodePointFoldingPastLatin1("Stra\u00DFe na\u00EFve \u0178ES"));
  EXPECT_TRUE(HoldsCodePointFoldingPastLatin1("M\u00FCnchen \u041C\u042E\u041D\u0425\u0415\u041D"));
  // An invalid byte folds as ICU reads it, to U+FFFD.
  EXPECT_TRUE(HoldsCodePointFoldingPastLatin1("bad \xFF bytes"));
  EXPECT_FALSE(HoldsCodePointFoldingPastLatin1(""));
}

// Threads that meet a block of code points for the first time each fill it, and all of
// them read the one table published first.
TEST(CodePointTraits, ThreadsAgreeOnABlockNoneHadAskedAbout) {
  constexpr char32_t kBlock = 0xA000;  // Yi syllables: nothing else asks about them
  std::vector<std::vector<uint8_t>> seen(4);
  std::vector<std::thread> threads;
  for (auto& traits : seen) {
    threads.emplace_back([&traits] {
      for (char32_t cp = kBlock; cp < kBlock + 256; ++cp) traits.push_back(CodePointTraits(cp));
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& traits : seen) EXPECT_EQ(traits, seen[0]);
  EXPECT_NE(seen[0][1] & kWordCodePoint, 0);
  EXPECT_EQ(CodePointTraits(0x110000), 0);
}

}  // namespace
}  // namespace jobfit::text
