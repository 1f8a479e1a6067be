// jobfit/report.h: turning scan results into what people and programs read.
//
// Reporters see plain data: the documents' text and results, and the lexicon that names
// the terms. The JSON forms follow versioned schemas documented in docs/SCHEMAS.md.
// The functions keep no state: they are safe to call from many threads at once, and the
// string each returns is the caller's.
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

#include "jobfit/document.h"
#include "jobfit/export.h"
#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"
#include "jobfit/score.h"
#include "jobfit/status.h"

namespace jobfit {

// One input of `jobfit extract`: scanned, or failed with `error`.
struct ExtractedDocument {
  std::string source;
  std::string_view text;  // must outlive rendering; spans index into it
  ScanResult result;
  std::optional<Status> error;
  // How the input was read (format, charset, confidence and its reasons), shown in every
  // report so a failed read (a scanned PDF) is never taken for a weak resume.
  DocumentFormat format = DocumentFormat::kText;
  std::string encoding = "UTF-8";
  ReadQuality quality;
};

struct ReportOptions {
  bool explain = false;  // include each ambiguous occurrence's decision and reason
  int width = 80;        // text reports wrap at this column
};

// Returns the human report: per document, the terms grouped by category with counts.
JOBFIT_EXPORT std::string RenderExtractText(const Lexicon& lexicon,
                                            const std::vector<ExtractedDocument>& docs,
                                            const ReportOptions& options);

// Returns a "jobfit.extract/1" JSON document (one line, newline-terminated).
JOBFIT_EXPORT std::string RenderExtractJson(const Lexicon& lexicon,
                                            const std::vector<ExtractedDocument>& docs,
                                            const ReportOptions& options);

// Returns the lexicon's entries as text (one line each) or as "jobfit.lexicon-list/1" JSON.
JOBFIT_EXPORT std::string RenderLexiconList(const Lexicon& lexicon, bool json);

// Options of the `jobfit check` reports.
struct CheckReportOptions {
  bool color = false;    // ANSI colours; the caller decides (a terminal, NO_COLOR unset)
  bool explain = false;  // add the origin of every point
  int width = 80;        // text reports wrap at this column
  // The text report shows this many suggestions (the JSON all): a screen, not a list.
  size_t max_suggestions = 10;
};

// Returns the human `jobfit check` report: score, breakdown, matched and missing terms,
// suggestions. resume_text is the text the result was computed from.
JOBFIT_EXPORT std::string RenderCheckText(const Lexicon& lexicon, std::string_view resume_source,
                                          std::string_view resume_text, const CheckResult& result,
                                          const CheckReportOptions& options);

// Returns a "jobfit.check/1" JSON document (docs/SCHEMAS.md; one line, newline-terminated).
JOBFIT_EXPORT std::string RenderCheckJson(const Lexicon& lexicon, std::string_view resume_source,
                                          std::string_view resume_text, const CheckResult& result,
                                          const CheckReportOptions& options);

}  // namespace jobfit

#endif  // JOBFIT_REPORT_H_
