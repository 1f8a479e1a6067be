#include "text/utf8.h"

#include <string>

#include <gtest/gtest.h>

namespace jobfit::text {
namespace {

// The inline paths (ASCII, two bytes, the common three bytes) must decode every byte
// sequence as the full decoder does: valid or not, cut short by the text's end or not.
TEST(DecodeUtf8, InlinePathsAgreeWithTheFullDecoderOnEverySequence) {
  const auto expect_same = [](const std::string& text) {
    size_t fast_length = 0;
    size_t full_length = 0;
    const char32_t fast = DecodeUtf8(text, 0, &fast_length);
    const char32_t full = internal::DecodeUtf8Sequence(text, 0, &full_length);
    ASSERT_EQ(fast, full) << testing::PrintToString(text);
    ASSERT_EQ(fast_length, full_length) << testing::PrintToString(text);
  };
  for (int a = 0; a < 256; ++a) {
    expect_same(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 256; ++b) {
      const std::string two = {static_cast<char>(a), static_cast<char>(b)};
      expect_same(two);
      if (a < 0xE0 || a > 0xEF) continue;
      for (int c = 0; c < 256; ++c) expect_same(two + static_cast<char>(c));
    }
  }
  size_t length = 0;
  EXPECT_EQ(DecodeUtf8("\xE2\x80\xA2", 0, &length), U'\u2022');
  EXPECT_EQ(length, 3u);
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80", 0, &length), kReplacementChar);  // a surrogate
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(DecodeUtf8("\xE0\x80\xAF", 0, &length), kReplacementChar);  // overlong
  EXPECT_EQ(DecodeUtf8("x\xC3\xA9", 1, &length), U'\u00E9');
  EXPECT_EQ(length, 2u);
}

}  // namespace
}  // namespace jobfit::text
