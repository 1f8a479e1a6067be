#include "peer_common.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include <sys/resource.h>

namespace jobfit::bench {

PeerInput ReadPeerInput(int argc, char** argv, const char* usage) {
  if (argc != 3) {
    std::cerr << "usage: " << usage << " TERMS_FILE CORPUS_FILE\n";
    std::exit(2);
  }
  PeerInput input;
  std::ifstream terms(argv[1], std::ios::binary);
  std::ifstream corpus(argv[2], std::ios::binary);
  if (!terms || !corpus) {
    std::cerr << usage << ": cannot read " << (terms ? argv[2] : argv[1]) << "\n";
    std::exit(2);
  }
  for (std::string line; std::getline(terms, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) input.terms.push_back(line);
  }
  input.text.assign(std::istreambuf_iterator<char>(corpus), std::istreambuf_iterator<char>());
  return input;
}

std::string QuoteRegex(const std::string& term) {
  std::string out;
  for (const char c : term) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || u >= 0x80;
    if (!plain) out += '\\';
    out += c;
  }
  return out;
}

void PrintPeerResult(const char* peer, const PeerInput& input, uint64_t matches, double compile_s,
                     double scan_s) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "peer=%s terms=%zu bytes=%zu matches=%llu compile_s=%.4f scan_s=%.4f "
      "max_rss_kb=%ld\n",
      peer, input.terms.size(), input.text.size(), static_cast<unsigned long long>(matches),
      compile_s, scan_s, usage.ru_maxrss);
}

}  // namespace jobfit::bench
