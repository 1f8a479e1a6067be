// A one-line progress display on stderr for long runs (`jobfit batch`).
#ifndef JOBFIT_CLI_PROGRESS_H_
#define JOBFIT_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>

namespace jobfit::cli {

// Draws "done/total  percent  rate  elapsed  ETA" over itself on stderr, at most ten times
// a second. Draws nothing unless enabled (the caller enables it when stderr is a terminal
// and --quiet is not given), so logs and pipes never see control characters.
class Progress {
 public:
  Progress(bool enabled, uint64_t total);
  // Records one more finished file and redraws when due.
  void Step();
  // Erases the line (call before printing anything else to stderr).
  void Finish();

 private:
  void Draw();

  bool enabled_;
  uint64_t total_;
  uint64_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_PROGRESS_H_
