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

}  // namespace
}  // namespace jobfit::bench

BENCHMARK_MAIN();
