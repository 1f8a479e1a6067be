// Peer: one case-insensitive RE2 per term, \bTERM\b, each run over the whole text. This is
// how many keyword scanners work; its cost grows with terms x bytes.
#include <memory>

#include <re2/re2.h>

#include "peer_common.h"

int main(int argc, char** argv) {
  using namespace jobfit::bench;
  const PeerInput input = ReadPeerInput(argc, argv, "jobfit_peer_re2_loop");
  Stopwatch compile;
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  std::vector<std::unique_ptr<RE2>> res;
  for (const std::string& t : input.terms) {
    res.push_back(std::make_unique<RE2>("\\b" + QuoteRegex(t) + "\\b", options));
  }
  const double compile_s = compile.Seconds();
  Stopwatch scan;
  uint64_t matches = 0;
  for (const auto& re : res) {
    if (!re->ok()) continue;
    re2::StringPiece rest(input.text);
    while (RE2::FindAndConsume(&rest, *re)) ++matches;
  }
  PrintPeerResult("re2_loop", input, matches, compile_s, scan.Seconds());
  return 0;
}
