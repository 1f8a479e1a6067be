// Where a run's CPU time goes, stage by stage (`jobfit extract --timings`): a user sizing a
// batch sees what reading a format costs against scanning it, and the peer comparison in
// bench/compare sets jobfit's scan beside a peer's scan timed the same way.
#ifndef JOBFIT_CLI_TIMINGS_H_
#define JOBFIT_CLI_TIMINGS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace jobfit::cli {

enum class Stage { kStartUp, kReading, kScanning, kReport };

// Adds up the process's CPU time (user and system) spent in each stage. Disabled, it reads
// no clock: timing every input of a large batch is a system call pair per stage.
class StageTimings {
 public:
  explicit StageTimings(bool enabled) : enabled_(enabled) {}

  bool enabled() const { return enabled_; }

  // Charges the CPU time since the last call (or since the process started) to `stage`.
  void EndOf(Stage stage);
  void CountInput(size_t bytes) {
    ++inputs_;
    bytes_ += bytes;
  }

  // "timings (CPU s): start-up=0.012 reading=0.051 scanning=0.356 report=0.004
  // bytes=100000000 inputs=1": one line, each figure a key=value pair, so that scripts
  // can pick out what they need.
  std::string Line() const;

  // The process's CPU time (user and system) so far, in seconds.
  static double CpuSeconds();

 private:
  bool enabled_;
  // The process's CPU clock starts with the process: start-up includes loading the
  // program and its libraries.
  double last_ = 0.0;
  std::array<double, 4> seconds_{};
  uint64_t bytes_ = 0;
  uint64_t inputs_ = 0;
};

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_TIMINGS_H_
