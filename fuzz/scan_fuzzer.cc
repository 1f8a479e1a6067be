// libFuzzer target for the normalizer, tokenizer and matcher with the built-in lexicon:
// resumes are untrusted, so any bytes must scan without a crash or a hang, every span
// must lie inside the input, and a counting scan must count what the full scan found.
//
//   build-fuzz/fuzz/scan_fuzzer corpora/resumes
#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>

#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const jobfit::Matcher* const matcher = [] {
    jobfit::Result<jobfit::Lexicon> lexicon = jobfit::Lexicon::Builtin();
    if (!lexicon.ok()) __builtin_trap();
    jobfit::Result<jobfit::Matcher> compiled = jobfit::Matcher::Compile(*lexicon);
    if (!compiled.ok()) __builtin_trap();
    return new jobfit::Matcher(std::move(*compiled));
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jobfit::ScanOptions options;
  options.explain = true;
  const jobfit::ScanResult result = matcher->Scan(text, options);
  uint64_t previous_end = 0;
  for (const jobfit::Match& m : result.matches) {
    if (m.begin > m.end || m.end > size || m.begin < previous_end) __builtin_trap();
    previous_end = m.end;
  }
  for (const jobfit::Decision& d : result.decisions) {
    if (d.begin > d.end || d.end > size) __builtin_trap();
  }
  options.count_only = true;
  const jobfit::ScanResult counted = matcher->Scan(text, options);
  std::map<uint32_t, uint64_t> expected;
  for (const jobfit::Match& m : result.matches) ++expected[m.term];
  if (!counted.matches.empty() || counted.term_counts.size() != expected.size() ||
      counted.implied.size() != result.implied.size() ||
      counted.decisions.size() != result.decisions.size()) {
    __builtin_trap();
  }
  for (const jobfit::TermCount& c : counted.term_counts) {
    if (expected[c.term] != c.count) __builtin_trap();
  }
  return 0;
}
