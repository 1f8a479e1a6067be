// Peer: RE2::Set of \bTERM\b patterns (case-insensitive). A Set only says which patterns
// occur, not where or how often, so it is run line by line, the way scanners that use it
// do: the count is (line, distinct term) pairs, not occurrences.
#include <cstdio>

#include <re2/re2.h>
#include <re2/set.h>

#include "peer_common.h"

int main(int argc, char** argv) {
  using namespace jobfit::bench;
  const PeerInput input = ReadPeerInput(argc, argv, "jobfit_peer_re2_set");
  Stopwatch compile;
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_max_mem(int64_t{1} << 30);
  options.set_log_errors(false);
  RE2::Set set(options, RE2::UNANCHORED);
  for (const std::string& t : input.terms) {
    std::string error;
    if (set.Add("\\b" + QuoteRegex(t) + "\\b", &error) < 0) {
      std::fprintf(stderr, "jobfit_peer_re2_set: %s\n", error.c_str());
      return 1;
    }
  }
  if (!set.Compile()) {
    std::fprintf(stderr, "jobfit_peer_re2_set: the set exceeds RE2's memory budget\n");
    return 1;
  }
  const double compile_s = compile.Seconds();
  Stopwatch scan;
  uint64_t matches = 0;
  std::vector<int> hits;
  const std::string_view text(input.text);
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    hits.clear();
    RE2::Set::ErrorInfo info{};
    if (set.Match(re2::StringPiece(text.data() + pos, end - pos), &hits, &info)) {
      matches += hits.size();
    } else if (info.kind != RE2::Set::kNoError) {
      std::fprintf(stderr, "jobfit_peer_re2_set: match failed (error kind %d)\n",
                   static_cast<int>(info.kind));
      return 1;
    }
    pos = end + 1;
  }
  PrintPeerResult("re2_set", input, matches, compile_s, scan.Seconds());
  return 0;
}
