// Normalizer and tokenizer throughput, ASCII and mixed Unicode text, 4 KiB to 8 MiB.
#include <string>
#include <unordered_set>

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

// The matcher's tokenizer: only words of a vocabulary are kept. The vocabulary is every
// tenth distinct word of the text, so about as many words are known as in prose scanned
// with a lexicon of a few hundred entries.
void BM_TokenizeKnown(benchmark::State& state, TextKind kind) {
  const std::string input = MakeText(static_cast<size_t>(state.range(0)), kind);
  text::NormalizedText normalized;
  text::Normalize(input, {}, &normalized);
  text::TokenStream all;
  text::Tokenize(normalized.text(), &all);
  text::Vocabulary vocabulary;
  std::unordered_set<std::string> seen;
  for (const text::Token& t : all.tokens) {
    const std::string key(all.Key(t));
    if (seen.insert(key).second && seen.size() % 10 == 0) vocabulary.Intern(key);
  }
  text::KnownTokenStream known;
  for (auto _ : state) {
    text::TokenizeKnown(normalized.text(), vocabulary, &known);
    benchmark::DoNotOptimize(known.tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
  state.counters["tokens"] = static_cast<double>(known.token_count);
  state.counters["known"] = static_cast<double>(known.tokens.size());
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
BENCHMARK_CAPTURE(BM_TokenizeKnown, ascii, TextKind::kAscii)->Apply(Sizes);
BENCHMARK_CAPTURE(BM_TokenizeKnown, mixed, TextKind::kMixed)->Apply(Sizes);
BENCHMARK_CAPTURE(BM_NormalizeTokenize, ascii, TextKind::kAscii)->Apply(Sizes);
BENCHMARK_CAPTURE(BM_NormalizeTokenize, mixed, TextKind::kMixed)->Apply(Sizes);

}  // namespace
}  // namespace jobfit::bench

BENCHMARK_MAIN();
