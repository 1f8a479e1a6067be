// Shared plumbing of the peer programs in bench/peers: each reads a term list (one term a
// line) and a corpus, compiles the terms its own way, counts matches and prints one line
//   peer=NAME terms=N bytes=B matches=M compile_s=C scan_s=S max_rss_kb=R
// which bench/compare parses. compile_s and scan_s are CPU seconds measured inside the
// program, so a slow compile does not blur the scan time of a small input.
#ifndef JOBFIT_BENCH_PEERS_PEER_COMMON_H_
#define JOBFIT_BENCH_PEERS_PEER_COMMON_H_

#include <time.h>

#include <cstdint>
#include <string>
#include <vector>

namespace jobfit::bench {

struct PeerInput {
  std::vector<std::string> terms;
  std::string text;
};

// Reads argv[1] (terms) and argv[2] (corpus); exits with a message on error.
PeerInput ReadPeerInput(int argc, char** argv, const char* usage);

// Escapes every regex metacharacter so a term matches literally.
std::string QuoteRegex(const std::string& term);

// Measures this process's CPU time, not wall time: on a shared machine a pinned,
// single-threaded program's CPU time is its time on one core, whatever else runs there.
class Stopwatch {
 public:
  Stopwatch() : start_(Now()) {}
  double Seconds() const { return Now() - start_; }

 private:
  static double Now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
  double start_;
};

void PrintPeerResult(const char* peer, const PeerInput& input, uint64_t matches, double compile_s,
                     double scan_s);

}  // namespace jobfit::bench

#endif  // JOBFIT_BENCH_PEERS_PEER_COMMON_H_
