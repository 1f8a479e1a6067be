// jobfit/report.h: turning scan results into what people and programs read.
//
// Reporters see plain data: the documents' text and results, and the lexicon that names
// the terms. The JSON forms follow versioned schemas documented in docs/SCHEMAS.md.
//
//   std::vector<jobfit::ExtractedDocument> docs;
//   docs.push_back({.source = "cv.txt", .text = text, .result = matcher.Scan(text)});
//   std::cout << jobfit::RenderExtractText(matcher.lexicon(), docs, {});
#ifndef JOBFIT_REPORT_H_
#define JOBFIT_REPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"
#include "jobfit/status.h"

namespace jobfit {

// One input of `jobfit extract`: scanned, or failed with `error`.
struct ExtractedDocument {
  std::string source;
  std::string_view text;  // must outlive rendering; spans index into it
  ScanResult result;
  std::optional<Status> error;
};

struct ReportOptions {
  bool explain = false;  // include each ambiguous occurrence's decision and reason
  int width = 80;        // text reports wrap at this column
};

// Returns the human report: per document, the terms grouped by category with counts.
std::string RenderExtractText(const Lexicon& lexicon, const std::vector<ExtractedDocument>& docs,
                              const ReportOptions& options);

// Returns a "jobfit.extract/1" JSON document (one line, newline-terminated).
std::string RenderExtractJson(const Lexicon& lexicon, const std::vector<ExtractedDocument>& docs,
                              const ReportOptions& options);

// Returns the lexicon's entries as text (one line each) or as "jobfit.lexicon-list/1" JSON.
std::string RenderLexiconList(const Lexicon& lexicon, bool json);

}  // namespace jobfit

#endif  // JOBFIT_REPORT_H_
