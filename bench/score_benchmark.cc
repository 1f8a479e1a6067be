// The scorer, per document pair: every resume of corpora/resumes against every job ad of
// corpora/jobs, as `jobfit batch` scores them (the ad analysed once, the resume each
// time), then the reports a batch writes for each pair. Bytes per second count the
// resume's bytes, items the pairs.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "jobfit/matcher.h"
#include "jobfit/report.h"
#include "jobfit/score.h"

namespace jobfit::bench {
namespace {

struct Corpus {
  Matcher matcher;
  std::vector<std::string> resumes;
  std::vector<std::string> ad_texts;
  std::vector<Requirements> ads;
  size_t resume_bytes = 0;
};

std::vector<std::string> ReadFolder(const std::string& folder) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(JOBFIT_SOURCE_DIR) / folder)) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return texts;
}

const Corpus& TheCorpus() {
  static const Corpus corpus = [] {
    Result<Lexicon> lexicon = Lexicon::Builtin();
    Result<Matcher> matcher = Matcher::Compile(*lexicon);
    Corpus c{std::move(*matcher), ReadFolder("corpora/resumes"), ReadFolder("corpora/jobs"), {}, 0};
    for (const std::string& text : c.ad_texts) {
      c.ads.push_back(std::move(*AnalyzeJobAd(c.matcher, text, "ad.txt")));
    }
    for (const std::string& text : c.resumes) c.resume_bytes += text.size();
    return c;
  }();
  return corpus;
}

CheckOptions Options() {
  CheckOptions options;
  options.as_of = MakeMonth(2025, 6);  // fixed, as the golden files are
  return options;
}

void BM_AnalyzeJobAd(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  size_t bytes = 0;
  for (const std::string& text : c.ad_texts) bytes += text.size();
  for (auto _ : state) {
    for (const std::string& text : c.ad_texts) {
      Result<Requirements> ad = AnalyzeJobAd(c.matcher, text, "ad.txt");
      benchmark::DoNotOptimize(ad->terms.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.ad_texts.size()));
}
BENCHMARK(BM_AnalyzeJobAd)->Unit(benchmark::kMillisecond);

void BM_CheckResume(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  const CheckOptions options = Options();
  for (auto _ : state) {
    for (const Requirements& ad : c.ads) {
      for (const std::string& resume : c.resumes) {
        Result<CheckResult> result = CheckResume(c.matcher, resume, ad, options);
        benchmark::DoNotOptimize(result->score);
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.ads.size() * c.resume_bytes));
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * c.ads.size() * c.resumes.size()));
}
BENCHMARK(BM_CheckResume)->Unit(benchmark::kMillisecond);

// The report of one pair, from results computed once: what --jsonl and check --json add.
void BM_RenderReports(benchmark::State& state, bool batch_record) {
  const Corpus& c = TheCorpus();
  const CheckOptions options = Options();
  std::vector<BatchItem> items;
  for (const Requirements& ad : c.ads) {
    for (const std::string& resume : c.resumes) {
      BatchItem& item = items.emplace_back();
      item.path = "resume.txt";
      item.text = resume;
      item.bytes = resume.size();
      item.results.push_back(std::move(*CheckResume(c.matcher, resume, ad, options)));
    }
  }
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const BatchItem& item : items) {
      const std::string out = batch_record ? RenderBatchJsonLine(c.matcher.lexicon(), item)
                                           : RenderCheckJson(c.matcher.lexicon(), item.path,
                                                             item.text, item.results.front(), {});
      bytes += out.size();
      benchmark::DoNotOptimize(out.data());
    }
  }
  // Bytes of JSON written.
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * items.size()));
}
BENCHMARK_CAPTURE(BM_RenderReports, check_json, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RenderReports, batch_record, true)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace jobfit::bench

BENCHMARK_MAIN();
