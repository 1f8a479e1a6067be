// Each reader, one format at a time: the test fixtures' resume (the same text saved as
// plain text, Markdown, HTML, JSON Resume, DOCX, ODT and PDF) read from memory, as a
// batch reads every file. Bytes per second count the input's bytes, items the documents.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <benchmark/benchmark.h>

#include "jobfit/document.h"

namespace jobfit::bench {
namespace {

std::string Fixture(const std::string& name) {
  const std::filesystem::path path =
      std::filesystem::path(JOBFIT_SOURCE_DIR) / "tests/read/data" / name;
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void BM_Read(benchmark::State& state, const char* name) {
  const std::string bytes = Fixture(name);
  if (bytes.empty()) {
    state.SkipWithError((std::string("missing fixture tests/read/data/") + name).c_str());
    return;
  }
  ReadOptions options = ReadOptions::ForBatch();
  options.find_sections = false;  // as batch and stream read
  for (auto _ : state) {
    Result<Document> doc = ReadDocumentFromMemory(bytes, name, options);
    if (!doc.ok()) {
      state.SkipWithError(doc.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(doc->text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK_CAPTURE(BM_Read, text, "resume.txt");
BENCHMARK_CAPTURE(BM_Read, markdown, "resume.md");
BENCHMARK_CAPTURE(BM_Read, html, "resume.html");
BENCHMARK_CAPTURE(BM_Read, json_resume, "resume.json");
BENCHMARK_CAPTURE(BM_Read, docx, "resume.docx");
BENCHMARK_CAPTURE(BM_Read, odt, "resume.odt");
BENCHMARK_CAPTURE(BM_Read, pdf, "resume.pdf");
BENCHMARK_CAPTURE(BM_Read, pdf_two_columns, "two_column.pdf");
BENCHMARK_CAPTURE(BM_Read, cp1252_text, "cp1252.txt");

// A bulk corpus read from disk, copied (ReadDocument) or mapped (ReadDocumentMapped, as
// `jobfit extract` reads): 64 MB of the fixture resume, in the page cache after the first
// read. The process keeps freed memory, so from the second iteration on the copy no
// longer pays for fresh pages as a one-shot `jobfit extract` run does (bench/RESULTS.md,
// "Reading a bulk corpus in place", times whole runs).
const std::string& LargeTextFile() {
  static const std::string path = [] {
    const std::string resume = Fixture("resume.txt");
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / "jobfit_read_benchmark_64M.txt";
    std::ofstream out(file, std::ios::binary);
    for (size_t written = 0; !resume.empty() && written < (size_t{64} << 20);
         written += resume.size()) {
      out << resume;
    }
    return file.string();
  }();
  return path;
}

template <bool kMapped>
void BM_ReadLargeFile(benchmark::State& state) {
  const std::string& path = LargeTextFile();
  ReadOptions options;
  options.find_sections = false;  // as extract reads
  options.max_bytes = uint64_t{1} << 30;
  uint64_t bytes = 0;
  for (auto _ : state) {
    if constexpr (kMapped) {
      Result<MappedDocument> doc = ReadDocumentMapped(path, options);
      if (!doc.ok() || !doc->mapped()) {
        state.SkipWithError(doc.ok() ? "not mapped" : doc.status().ToString().c_str());
        return;
      }
      bytes = doc->text().size();
      benchmark::DoNotOptimize(doc->text().data());
    } else {
      Result<Document> doc = ReadDocument(path, options);
      if (!doc.ok()) {
        state.SkipWithError(doc.status().ToString().c_str());
        return;
      }
      bytes = doc->text.size();
      benchmark::DoNotOptimize(doc->text.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK_TEMPLATE(BM_ReadLargeFile, false)
    ->Name("BM_ReadLargeFile/copied")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_ReadLargeFile, true)
    ->Name("BM_ReadLargeFile/mapped")
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace jobfit::bench

BENCHMARK_MAIN();
