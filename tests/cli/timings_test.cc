#include "cli/timings.h"

#include <cstdio>
#include <string>

#include <gtest/gtest.h>

namespace jobfit::cli {
namespace {

// Spends CPU until the process clock has moved on by `seconds`.
void Burn(double seconds) {
  const double until = StageTimings::CpuSeconds() + seconds;
  volatile unsigned sink = 0;
  while (StageTimings::CpuSeconds() < until) sink = sink + 1;
}

struct Figures {
  double start_up = -1, reading = -1, scanning = -1, report = -1;
  unsigned long long bytes = 0, inputs = 0;
};

Figures Parse(const std::string& line) {
  Figures f;
  EXPECT_EQ(std::sscanf(line.c_str(),
                        "timings (CPU s): start-up=%lf reading=%lf scanning=%lf report=%lf "
                        "bytes=%llu inputs=%llu",
                        &f.start_up, &f.reading, &f.scanning, &f.report, &f.bytes, &f.inputs),
            6)
      << line;
  return f;
}

TEST(StageTimings, ChargesEachStageWithTheTimeSinceTheStageBefore) {
  StageTimings timings(true);
  timings.EndOf(Stage::kStartUp);
  Burn(0.02);
  timings.EndOf(Stage::kScanning);
  timings.CountInput(1000);
  timings.CountInput(0);
  const Figures f = Parse(timings.Line());
  EXPECT_GE(f.scanning, 0.02);
  // Reading and the report had no time of their own between the calls.
  EXPECT_EQ(f.reading, 0.0);
  EXPECT_EQ(f.report, 0.0);
  EXPECT_EQ(f.bytes, 1000u);
  EXPECT_EQ(f.inputs, 2u);
}

TEST(StageTimings, DisabledChargesNothing) {
  StageTimings timings(false);
  Burn(0.01);
  timings.EndOf(Stage::kScanning);
  EXPECT_FALSE(timings.enabled());
  EXPECT_EQ(Parse(timings.Line()).scanning, 0.0);
}

}  // namespace
}  // namespace jobfit::cli
