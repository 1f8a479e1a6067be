// Peer: Vectorscan (Hyperscan's portable fork, Debian libvectorscan-dev) in block mode,
// one \bTERM\b pattern per term, caseless. Hyperscan reports every match of every pattern,
// overlapping ones included ("Web Services" inside "Amazon Web Services").
#include <cstdio>

#include "peer_common.h"
#include <hs/hs.h>

namespace {
int OnMatch(unsigned int, unsigned long long, unsigned long long, unsigned int, void* ctx) {
  ++*static_cast<unsigned long long*>(ctx);
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace jobfit::bench;
  const PeerInput input = ReadPeerInput(argc, argv, "jobfit_peer_vectorscan");
  Stopwatch compile;
  std::vector<std::string> patterns;
  std::vector<const char*> expressions;
  std::vector<unsigned int> flags;
  std::vector<unsigned int> ids;
  for (size_t i = 0; i < input.terms.size(); ++i) {
    patterns.push_back("\\b" + QuoteRegex(input.terms[i]) + "\\b");
  }
  for (size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].c_str());
    flags.push_back(HS_FLAG_CASELESS | HS_FLAG_UTF8);
    ids.push_back(static_cast<unsigned int>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned int>(expressions.size()), HS_MODE_BLOCK, nullptr, &db,
                       &error) != HS_SUCCESS) {
    std::fprintf(stderr, "jobfit_peer_vectorscan: pattern %d: %s\n", error->expression,
                 error->message);
    hs_free_compile_error(error);
    return 1;
  }
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) return 1;
  const double compile_s = compile.Seconds();
  Stopwatch scan;
  unsigned long long matches = 0;
  // hs_scan takes an unsigned int length: scan in pieces below 4 GiB, cut at line breaks.
  const std::string& text = input.text;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = std::min(text.size(), pos + (size_t{1} << 30));
    if (end < text.size()) end = text.rfind('\n', end) + 1;
    if (hs_scan(db, text.data() + pos, static_cast<unsigned int>(end - pos), 0, scratch, OnMatch,
                &matches) != HS_SUCCESS) {
      return 1;
    }
    pos = end;
  }
  PrintPeerResult("vectorscan", input, matches, compile_s, scan.Seconds());
  hs_free_scratch(scratch);
  hs_free_database(db);
  return 0;
}
