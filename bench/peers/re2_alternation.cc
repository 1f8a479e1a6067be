// Peer: every term in one case-insensitive RE2, \b(?:t1|t2|...)\b, leftmost-longest, with
// a 1 GiB memory budget (the default 8 MiB gives up on large term lists).
#include <cstdio>

#include <re2/re2.h>

#include "peer_common.h"

int main(int argc, char** argv) {
  using namespace jobfit::bench;
  const PeerInput input = ReadPeerInput(argc, argv, "jobfit_peer_re2_alternation");
  Stopwatch compile;
  std::string pattern = "\\b(?:";
  for (size_t i = 0; i < input.terms.size(); ++i) {
    pattern += (i > 0 ? "|" : "") + QuoteRegex(input.terms[i]);
  }
  pattern += ")\\b";
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_longest_match(true);
  options.set_max_mem(int64_t{1} << 30);
  options.set_log_errors(false);
  RE2 re(pattern, options);
  const double compile_s = compile.Seconds();
  if (!re.ok()) {
    std::fprintf(stderr, "jobfit_peer_re2_alternation: %s\n", re.error().c_str());
    return 1;
  }
  Stopwatch scan;
  uint64_t matches = 0;
  re2::StringPiece rest(input.text);
  while (RE2::FindAndConsume(&rest, re)) ++matches;
  PrintPeerResult("re2_alternation", input, matches, compile_s, scan.Seconds());
  return 0;
}
