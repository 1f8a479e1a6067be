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

#include <cstdint>
#include <functional>
#include <memory>
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

// Returns the human report: per document, the terms grouped by category with counts. A
// counting scan's result (ScanOptions::count_only) reads the same as a full one.
JOBFIT_EXPORT std::string RenderExtractText(const Lexicon& lexicon,
                                            const std::vector<ExtractedDocument>& docs,
                                            const ReportOptions& options);

// Returns a "jobfit.extract/1" JSON document (one line, newline-terminated). Its spans
// are the result's matches: a counting scan's terms come with their counts and no spans.
JOBFIT_EXPORT std::string RenderExtractJson(const Lexicon& lexicon,
                                            const std::vector<ExtractedDocument>& docs,
                                            const ReportOptions& options);

// The extract report written as it goes, for a run over many or large inputs: the bytes
// RenderExtractText or RenderExtractJson return for the same documents, handed to `write`
// in pieces: each document's part as soon as it is added (a large one in pieces of about a
// mebibyte), so that no document need be kept once added. Not copyable; one thread.
//
//   jobfit::ExtractReportStream report(lexicon, /*json=*/true, {},
//                                      [](std::string_view piece) { std::cout << piece; });
//   for (...) report.Add(doc);  // doc may go once Add returns
//   report.Finish();
class JOBFIT_EXPORT ExtractReportStream {
 public:
  using Write = std::function<void(std::string_view)>;
  ExtractReportStream(const Lexicon& lexicon, bool json, const ReportOptions& options, Write write);
  ~ExtractReportStream();
  ExtractReportStream(const ExtractReportStream&) = delete;
  ExtractReportStream& operator=(const ExtractReportStream&) = delete;

  void Add(const ExtractedDocument& doc);
  // Writes the end of the report (the JSON's closing brackets); call once, after the
  // last Add.
  void Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

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

// --- `jobfit batch` and `jobfit stream`: one JSON line (or CSV rows) per input ---------

// Why an input of a batch or stream has no result: `code` is a StatusCodeName
// ("unsupported", "parse_error" ...) or "low_confidence" (read, but too poorly to score).
struct BatchError {
  std::string code;
  std::string message;  // one line, for people
};

// One input of `jobfit batch` / `jobfit stream`, scored against every target, or failed.
struct BatchItem {
  std::string path;       // the input's path; empty for a stream input given as text
  std::string_view text;  // the text scored; must outlive rendering (spans index into it)
  uint64_t bytes = 0;     // bytes read from the file (or given as text)
  DocumentFormat format = DocumentFormat::kText;
  std::string encoding = "UTF-8";
  ReadQuality quality;
  std::vector<CheckResult> results;  // one per target, in target order; empty with error
  std::optional<BatchError> error;
};

// Returns the index of the best result (highest score, the first on a tie); 0 when empty.
JOBFIT_EXPORT size_t BestResult(const BatchItem& item);

// Returns one "jobfit.batch/1" record (docs/SCHEMAS.md), newline-terminated: the path and
// either `results` (per target, the per-resume part of jobfit.check/1) or `error`.
JOBFIT_EXPORT std::string RenderBatchJsonLine(const Lexicon& lexicon, const BatchItem& item);

// Returns one "jobfit.stream/1" line, newline-terminated: as a batch record, keyed by
// `id_json` (the request's id as JSON text, "null" when it had none); `line` (1-based
// input line) is written only when the id is null.
JOBFIT_EXPORT std::string RenderStreamJsonLine(const Lexicon& lexicon, std::string_view id_json,
                                               uint64_t line, const BatchItem& item);

// Returns the header line of the batch CSV (docs/SCHEMAS.md, "jobfit batch --csv").
JOBFIT_EXPORT std::string RenderBatchCsvHeader();

// Returns the item's CSV rows: one per target, or one error row. Text cells that a
// spreadsheet would run as a formula (leading = + - @) are prefixed with '.
JOBFIT_EXPORT std::string RenderBatchCsvRows(const Lexicon& lexicon, const BatchItem& item);

// One line of `jobfit stream` input: {"id": ..., "text": "..."} or {"id": ..., "path": "..."}.
struct StreamRequest {
  std::string id_json = "null";  // the id, any JSON value, as compact JSON text
  std::string text;
  std::string path;
  bool has_text = false;            // "text" was given (it may be empty)
  std::optional<BatchError> error;  // malformed: not JSON, not an object, no text or path
};

// Parses one input line; never fails outright: a malformed line sets `error` (and keeps
// the id when it could be read).
JOBFIT_EXPORT StreamRequest ParseStreamRequest(std::string_view line);

// What the ranked table of `jobfit batch` needs from one jobfit.batch/1 record.
struct BatchRecordSummary {
  std::string path;
  std::optional<BatchError> error;
  std::vector<std::string> targets;  // each result's target source, in order
  std::vector<double> scores;        // each result's score
  size_t best = 0;
  std::vector<std::string> matched;  // the best result's matched term names, by points
  std::vector<std::string> missing;  // the best result's missing term names, by importance
};

// Reads back one record written by RenderBatchJsonLine (`jobfit batch --resume-from`).
// Errors: kParseError when the line is not a jobfit.batch/1 record.
JOBFIT_EXPORT Result<BatchRecordSummary> ParseBatchJsonLine(std::string_view line);

}  // namespace jobfit

#endif  // JOBFIT_REPORT_H_
