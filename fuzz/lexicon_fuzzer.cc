// libFuzzer target for the lexicon loader and the matcher compiler: lexicons come from
// users (--lexicon FILE), so any bytes must give a Lexicon or a Status naming the problem,
// and any lexicon that loads must compile or fail with a Status.
//
//   build-fuzz/fuzz/lexicon_fuzzer fuzz/lexicon_seeds
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const std::vector<jobfit::Status> problems = jobfit::Lexicon::Validate(json, "fuzz.json");
  jobfit::Result<jobfit::Lexicon> lexicon = jobfit::Lexicon::FromJson(json, "fuzz.json");
  // Load stops at the first problem Validate reports; they must agree on validity.
  if (lexicon.ok() != problems.empty()) __builtin_trap();
  if (!lexicon.ok()) return 0;
  jobfit::Result<jobfit::Matcher> matcher = jobfit::Matcher::Compile(*lexicon);
  if (matcher.ok()) {
    // Scan the lexicon's own text: its aliases are in it, so matches are likely.
    for (const jobfit::Match& m : matcher->FindAll(json)) {
      if (m.begin > m.end || m.end > json.size()) __builtin_trap();
    }
  }
  return 0;
}
