#include "cli/progress.h"

#include <cstdio>
#include <string>

namespace jobfit::cli {
namespace {

std::string Clock(double seconds) {
  const long total = static_cast<long>(seconds + 0.5);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60,
                total % 60);
  return buffer;
}

}  // namespace

Progress::Progress(bool enabled, uint64_t total)
    : enabled_(enabled),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::Step() {
  ++done_;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done_ != total_) return;
  last_draw_ = now;
  Draw();
}

void Progress::Draw() {
  const double elapsed = std::chrono::duration<double>(last_draw_ - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  const double percent =
      total_ > 0 ? 100.0 * static_cast<double>(done_) / static_cast<double>(total_) : 100.0;
  const std::string eta =
      rate > 0 ? Clock(static_cast<double>(total_ - done_) / rate) : std::string("-:--:--");
  std::fprintf(stderr, "\r\x1b[K%llu/%llu files  %3.0f%%  %.0f files/s  elapsed %s  ETA %s",
               static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_),
               percent, rate, Clock(elapsed).c_str(), eta.c_str());
  std::fflush(stderr);
}

void Progress::Finish() {
  if (!enabled_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
}

}  // namespace jobfit::cli
