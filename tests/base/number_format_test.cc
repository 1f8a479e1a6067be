#include "base/number_format.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace jobfit::base {
namespace {

std::string Printf(double value, int decimals) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

TEST(FormatFixedTest, WritesWhatPrintfWrites) {
  EXPECT_EQ(FormatFixed(72.25, 1), "72.2");  // a tie: the binary value rounds to even
  EXPECT_EQ(FormatFixed(0.05, 1), "0.1");    // 0.05 is a little above one half of 0.1
  EXPECT_EQ(FormatFixed(2.5, 0), "2");
  EXPECT_EQ(FormatFixed(3.5, 0), "4");
  EXPECT_EQ(FormatFixed(100.0, 1), "100.0");
  EXPECT_EQ(FormatFixed(-0.0, 1), "-0.0");
  EXPECT_EQ(FormatFixed(-0.04, 1), "-0.0");
  EXPECT_EQ(FormatFixed(6.75, 2), "6.75");
  EXPECT_EQ(FormatFixed(std::numeric_limits<double>::infinity(), 1), "inf");
  EXPECT_EQ(FormatFixed(std::nan(""), 1), "nan");
  EXPECT_EQ(FormatFixed(1e300, 1), Printf(1e300, 1));
}

TEST(FormatFixedTest, AgreesWithPrintfOnScoresAndWeights) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> score(-5.0, 105.0);
  for (int i = 0; i < 200000; ++i) {
    // Scores, quarter and eighth steps (exact ties in binary) and thousandths.
    const double values[] = {score(random), static_cast<double>(random() % 800) / 8.0,
                             static_cast<double>(random() % 100000) / 1000.0};
    for (const double value : values) {
      for (int decimals = 0; decimals <= 2; ++decimals) {
        ASSERT_EQ(FormatFixed(value, decimals), Printf(value, decimals))
            << value << " with " << decimals << " decimals";
      }
    }
  }
}

}  // namespace
}  // namespace jobfit::base
