// jobfit/document.h: reading input documents.
//
//   jobfit::ReadOptions options;                 // defaults suit a single resume
//   jobfit::Result<jobfit::Document> doc = jobfit::ReadDocument("resume.txt", options);
//   if (!doc.ok()) { std::cerr << doc.status().ToString(); }  // "resume.txt: ..."
//
// Reading never throws; every failure names the file and the problem. "-" reads stdin.
#ifndef JOBFIT_DOCUMENT_H_
#define JOBFIT_DOCUMENT_H_

#include <cstdint>
#include <string>

#include "jobfit/status.h"

namespace jobfit {

enum class DocumentFormat {
  kText,  // plain text or Markdown, UTF-8
};

struct ReadOptions {
  // Larger inputs are refused rather than read: a resume is kilobytes, and an endless
  // stream must not exhaust memory. Raise it for bulk text (extract --max-bytes).
  uint64_t max_bytes = uint64_t{64} << 20;
};

struct Document {
  std::string source;  // the path as given, "<stdin>" for "-"
  DocumentFormat format = DocumentFormat::kText;
  std::string text;  // what the matcher scans; offsets in results index into it
};

// Reads and decodes one document. Errors: kNotFound, kIoError, kLimitExceeded,
// kUnsupported (a binary format this build cannot read), each naming the file.
Result<Document> ReadDocument(const std::string& path, const ReadOptions& options = {});

}  // namespace jobfit

#endif  // JOBFIT_DOCUMENT_H_
