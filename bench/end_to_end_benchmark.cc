// End to end, as `jobfit extract` does it: read a file, scan it, render the text report.
// Two shapes: one large file (bulk corpus) and many resume-sized documents through one
// Scratch (documents per second). The readers per format and the scorer per document
// pair have their own suites (read_benchmark.cc, score_benchmark.cc).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "jobfit/document.h"
#include "jobfit/matcher.h"
#include "jobfit/report.h"

#include "bench_util.h"

namespace jobfit::bench {
namespace {

const Matcher& BuiltinMatcher() {
  static const Matcher matcher = [] {
    Result<Lexicon> lexicon = Lexicon::Builtin();
    Result<Matcher> m = Matcher::Compile(*lexicon);
    return std::move(*m);
  }();
  return matcher;
}

std::string WriteTemp(const std::string& text) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "jobfit_end_to_end_benchmark.txt";
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

void BM_ExtractFile(benchmark::State& state) {
  const std::string text = MakeText(static_cast<size_t>(state.range(0)), TextKind::kMixed);
  const std::string path = WriteTemp(text);
  const Matcher& matcher = BuiltinMatcher();
  Matcher::Scratch scratch;
  ReadOptions options;
  options.max_bytes = uint64_t{1} << 32;
  for (auto _ : state) {
    Result<Document> doc = ReadDocument(path, options);
    std::vector<ExtractedDocument> docs(1);
    docs[0].source = path;
    docs[0].text = doc->text;
    docs[0].result = matcher.Scan(doc->text, {}, scratch);
    const std::string report = RenderExtractText(matcher.lexicon(), docs, {});
    benchmark::DoNotOptimize(report.data());
  }
  std::remove(path.c_str());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ExtractFile)->Arg(1 << 20)->Arg(16 << 20)->Unit(benchmark::kMillisecond);

// Many small documents (the resume-sized ~4 KiB of a batch run), in memory: the per-
// document overhead of Scan (scratch reuse, implied terms, result vectors) shows here.
void BM_ScanDocuments(benchmark::State& state) {
  const size_t doc_bytes = static_cast<size_t>(state.range(0));
  const std::string all = MakeText(doc_bytes * 256, TextKind::kMixed);
  std::vector<std::string_view> docs;
  for (size_t pos = 0; pos + doc_bytes <= all.size(); pos += doc_bytes) {
    docs.push_back(std::string_view(all).substr(pos, doc_bytes));
  }
  const Matcher& matcher = BuiltinMatcher();
  Matcher::Scratch scratch;
  for (auto _ : state) {
    for (std::string_view doc : docs) {
      ScanResult r = matcher.Scan(doc, {}, scratch);
      benchmark::DoNotOptimize(r.matches.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * docs.size() * doc_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
}
BENCHMARK(BM_ScanDocuments)
    ->Arg(1 << 10)
    ->Arg(4 << 10)
    ->Arg(16 << 10)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace jobfit::bench

BENCHMARK_MAIN();
