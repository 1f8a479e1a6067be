// Inputs shared by the benchmark suites: deterministic in-memory text, and the generated
// lexicons of bench/data (bench/RESULTS.md has the commands that make them).
#ifndef JOBFIT_BENCH_BENCH_UTIL_H_
#define JOBFIT_BENCH_BENCH_UTIL_H_

#include <cstddef>
#include <optional>
#include <string>

#include "jobfit/lexicon.h"

namespace jobfit::bench {

enum class TextKind {
  kAscii,  // job-ad prose and skills lists, ASCII only
  kMixed,  // the same with ~2% non-ASCII bytes: accents, CJK, NBSP, typographic
           // punctuation, ligatures, hyphenated line breaks
};

// Returns `bytes` of job-ad-like text (whole lines, at most a line longer), the same on
// every call.
std::string MakeText(size_t bytes, TextKind kind);

// Returns the lexicon named by a benchmark argument: 0 = built-in, else the generated
// bench/data/lexicon-<entries>.json (directory overridable with JOBFIT_BENCH_DATA).
// nullopt when the file does not exist yet; *why says how to make it.
std::optional<Lexicon> BenchLexicon(int entries, std::string* why);

}  // namespace jobfit::bench

#endif  // JOBFIT_BENCH_BENCH_UTIL_H_
