// Normalizer and tokenizer throughput, ASCII and mixed Unicode text, 4 KiB to 8 MiB.
#include <string>

#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace jobfit::bench {
namespace {

void BM_Normalize(benchmark::State& state, TextKind kind) {
  const std::string input = MakeText(static_cast<size_t>(state.range(0)), kind);
  text::NormalizedText out;
  for (auto _ : state) {
    text::Normalize(input, {}, &out);
    benchmark::DoNotOptimize(out.text().data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}

void BM_Tokenize(benchmark::State& state, TextKind kind) {
  const std::string input = MakeText(static_cast<size_t>(state.range(0)), kind);
  text::NormalizedText normalized;
  text::Normalize(input, {}, &normalized);
  text::TokenStream tokens;
  for (auto _ : state) {
    text::Tokenize(normalized.text(), &tokens);
    benchmark::DoNotOptimize(tokens.tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
  state.counters["tokens"] = static_cast<double>(tokens.tokens.size());
}

void BM_NormalizeTokenize(benchmark::State& state, TextKind kind) {
  const std::string input = MakeText(static_cast<size_t>(state.range(0)), kind);
  text::NormalizedText normalized;
  text::TokenStream tokens;
  for (auto _ : state) {
    text::Normalize(input, {}, &normalized);
    text::Tokenize(normalized.text(), &tokens);
    benchmark::DoNotOptimize(tokens.tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->RangeMultiplier(16)->Range(4 << 10, 8 << 20)->Unit(benchmark::kMicrosecond);
}

BENCHMARK_CAPTURE(BM_Normalize, ascii, TextKind::kAscii)->Apply(Sizes);
BENCHMARK_CAPTURE(BM_Normalize, mixed, TextKind::kMixed)->Apply(Sizes);
BENCHMARK_CAPTURE(BM_Tokenize, ascii, TextKind::kAscii)->Apply(Sizes);
BENCHMARK_CAPTURE(BM_Tokenize, mixed, TextKind::kMixed)->Apply(Sizes);
BENCHMARK_CAPTURE(BM_NormalizeTokenize, ascii, TextKind::kAscii)->Apply(Sizes);
BENCHMARK_CAPTURE(BM_NormalizeTokenize, mixed, TextKind::kMixed)->Apply(Sizes);

}  // namespace
}  // namespace jobfit::bench

BENCHMARK_MAIN();
