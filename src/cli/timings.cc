#include "cli/timings.h"

#include <cstdio>
#include <ctime>

namespace jobfit::cli {

double StageTimings::CpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

void StageTimings::EndOf(Stage stage) {
  if (!enabled_) return;
  const double now = CpuSeconds();
  seconds_[static_cast<size_t>(stage)] += now - last_;
  last_ = now;
}

std::string StageTimings::Line() const {
  char line[256];
  std::snprintf(line, sizeof line,
                "timings (CPU s): start-up=%.4f reading=%.4f scanning=%.4f report=%.4f "
                "bytes=%llu inputs=%llu",
                seconds_[0], seconds_[1], seconds_[2], seconds_[3],
                static_cast<unsigned long long>(bytes_), static_cast<unsigned long long>(inputs_));
  return line;
}

}  // namespace jobfit::cli
