// libFuzzer target for every reader: the bytes are read as a document under each name
// hint, so the sniffer, the charset detector and each parser see hostile input. Readers
// must return a Document or a Status, never crash, hang or throw.
//
//   cmake -S . -B build-fuzz -DJOBFIT_BUILD_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
//         -DCMAKE_C_COMPILER=clang && cmake --build build-fuzz --target read_fuzzer
//   build-fuzz/fuzz/read_fuzzer tests/read/data
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "jobfit/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Small limits keep each run fast; the limits themselves are under test too.
  jobfit::ReadOptions options = jobfit::ReadOptions::ForBatch();
  options.max_decompressed_bytes = 4 << 20;
  options.max_pdf_pages = 5;
  for (const char* name : {"fuzz.txt", "fuzz.md", "fuzz.html"}) {
    jobfit::Result<jobfit::Document> doc = jobfit::ReadDocumentFromMemory(bytes, name, options);
    if (doc.ok()) {
      for (const jobfit::SectionHint& s : doc->sections) {
        if (s.begin > s.end || s.end > doc->text.size()) __builtin_trap();
      }
    }
    // Binary formats are told by content, so one name is enough for them.
    if (!doc.ok() || doc->format == jobfit::DocumentFormat::kPdf ||
        doc->format == jobfit::DocumentFormat::kDocx ||
        doc->format == jobfit::DocumentFormat::kOdt) {
      break;
    }
  }
  return 0;
}
