// Matcher throughput and compile cost by lexicon size: the built-in lexicon (arg 0) and
// the generated bench/data/lexicon-{300,5000,30000}.json. Scan includes normalization and
// tokenization, as Matcher::Scan always does.
#include <map>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>

#include "jobfit/matcher.h"

#include "bench_util.h"

namespace jobfit::bench {
namespace {

// Compiled once per lexicon size and shared by every benchmark that scans with it.
const Matcher* CachedMatcher(int entries, std::string* why) {
  static std::map<int, std::unique_ptr<Matcher>> cache;
  auto it = cache.find(entries);
  if (it != cache.end()) return it->second.get();
  std::optional<Lexicon> lexicon = BenchLexicon(entries, why);
  if (!lexicon) return nullptr;
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  if (!matcher.ok()) {
    *why = matcher.status().ToString();
    return nullptr;
  }
  return cache.emplace(entries, std::make_unique<Matcher>(std::move(*matcher))).first->second.get();
}

void BM_Scan(benchmark::State& state, TextKind kind) {
  std::string why;
  const Matcher* matcher = CachedMatcher(static_cast<int>(state.range(0)), &why);
  if (matcher == nullptr) {
    state.SkipWithError(why.c_str());
    return;
  }
  const std::string input = MakeText(static_cast<size_t>(state.range(1)), kind);
  Matcher::Scratch scratch;
  size_t matches = 0;
  for (auto _ : state) {
    ScanResult result = matcher->Scan(input, {}, scratch);
    matches = result.matches.size();
    benchmark::DoNotOptimize(result.matches.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
  state.counters["matches"] = static_cast<double>(matches);
  state.counters["entries"] = static_cast<double>(matcher->lexicon().size());
}

void BM_Compile(benchmark::State& state) {
  std::string why;
  std::optional<Lexicon> lexicon = BenchLexicon(static_cast<int>(state.range(0)), &why);
  if (!lexicon) {
    state.SkipWithError(why.c_str());
    return;
  }
  size_t memory = 0;
  for (auto _ : state) {
    Result<Matcher> matcher = Matcher::Compile(*lexicon);
    if (!matcher.ok()) {
      state.SkipWithError(matcher.status().ToString().c_str());
      return;
    }
    memory = matcher->MemoryBytes();
  }
  state.counters["entries"] = static_cast<double>(lexicon->size());
  state.counters["memory_bytes"] = static_cast<double>(memory);
}

void LexiconsAndSizes(benchmark::internal::Benchmark* b) {
  for (int entries : {0, 300, 5000, 30000}) {
    for (int bytes : {64 << 10, 1 << 20, 8 << 20}) b->Args({entries, bytes});
  }
  b->ArgNames({"lexicon", "bytes"})->Unit(benchmark::kMillisecond);
}

BENCHMARK_CAPTURE(BM_Scan, ascii, TextKind::kAscii)->Apply(LexiconsAndSizes);
BENCHMARK_CAPTURE(BM_Scan, mixed, TextKind::kMixed)->Apply(LexiconsAndSizes);
BENCHMARK(BM_Compile)
    ->ArgName("lexicon")
    ->Arg(0)
    ->Arg(300)
    ->Arg(5000)
    ->Arg(30000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace jobfit::bench

BENCHMARK_MAIN();
