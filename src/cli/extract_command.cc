#include "cli/extract_command.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobfit/document.h"
#include "jobfit/matcher.h"
#include "jobfit/report.h"

#include "cli/common.h"
#include "cli/mapped_input.h"
#include "cli/timings.h"

namespace jobfit::cli {
namespace {

struct ExtractFlags {
  std::vector<std::string> inputs;
  std::vector<std::string> lexicons;
  bool no_builtin = false;
  bool json = false;
  bool explain = false;
  bool timings = false;
  uint64_t max_bytes = uint64_t{1} << 30;  // bulk text corpora; binary formats below
  uint64_t max_binary_bytes = ReadOptions{}.max_binary_bytes;
  uint32_t max_pages = ReadOptions{}.max_pdf_pages;
};

Result<MappedDocument> ReadCopied(const std::string& input, const ReadOptions& options) {
  Result<Document> copied = ReadDocument(input, options);
  if (!copied.ok()) return copied.status();
  return MappedDocument(std::move(*copied));
}

// Reads an input that may be mapped with ReadDocumentMapped, under a SIGBUS guard put in
// *guard, once what *output holds is written out (the guard's exit cannot flush stdout);
// any other with ReadDocument, without a second look at the file (an extract of
// thousands of resumes paid for two).
Result<MappedDocument> ReadInput(const std::string& input, std::string_view source,
                                 const ReadOptions& options, ReportOutput* output,
                                 std::optional<MappedInputGuard>* guard) {
  if (MayBeMapped(input)) {
    output->Flush();
    guard->emplace(source);
    return ReadDocumentMapped(input, options, kMinMappedBytes);
  }
  return ReadCopied(input, options);
}

int RunExtract(const ExtractFlags& flags) {
  StageTimings timings(flags.timings);
  Result<const Matcher*> matcher = LoadMatcher(flags.lexicons, flags.no_builtin);
  if (!matcher.ok()) {
    PrintError(matcher.status());
    return kExitError;
  }
  ReadOptions read_options;
  read_options.max_bytes = flags.max_bytes;
  read_options.max_binary_bytes = flags.max_binary_bytes;
  read_options.max_pdf_pages = flags.max_pages;
  read_options.find_sections = false;      // the extract report shows no sections
  read_options.check_mapped_utf8 = false;  // the scan checks it, below
  ScanOptions scan_options;
  scan_options.explain = flags.explain;
  // The text report shows counts: a gigabyte of text scans without a span per match.
  scan_options.count_only = !flags.json;
  Matcher::Scratch scratch;
  ReportOptions report_options;
  report_options.explain = flags.explain;

  // Each input's part of the report is written once it is scanned, and the input let go:
  // a run over a thousand large files holds one of them at a time.
  ReportOutput output;
  ExtractReportStream report((*matcher)->lexicon(), flags.json, report_options,
                             [&output](std::string_view piece) { output.Write(piece); });
  bool any_error = false;
  bool any_term = false;
  timings.EndOf(Stage::kStartUp);
  for (const std::string& input : flags.inputs) {
    if (output.failed()) break;  // `jobfit extract *.txt | head` stops with head
    ExtractedDocument doc;
    doc.source = input == "-" ? "<stdin>" : input;
    std::optional<MappedInputGuard> guard;  // until the input's report is written
    Result<MappedDocument> read = ReadInput(input, doc.source, read_options, &output, &guard);
    timings.EndOf(Stage::kReading);
    const auto scan = [&](const MappedDocument& document) {
      doc.text = document.text();  // spans are printed with their text
      doc.format = document.document().format;
      doc.encoding = document.document().encoding;
      doc.quality = document.document().quality;
      doc.result = (*matcher)->Scan(doc.text, scan_options, scratch);
    };
    if (read.ok()) {
      scan(*read);
      if (read->utf8_unchecked() && doc.result.invalid_utf8) {
        // A mapped file that is not UTF-8 after all: read as any other input is, decoded
        // from the character set it is in, and scanned again.
        doc.text = {};
        doc.result = {};
        read = ReadCopied(input, read_options);
        if (read.ok()) scan(*read);
      }
    }
    if (!read.ok()) {
      PrintError(read.status());
      doc.error = read.status();
      any_error = true;
      timings.CountInput(0);
    } else {
      any_term |= !doc.result.matches.empty() || !doc.result.term_counts.empty();
      timings.EndOf(Stage::kScanning);
      timings.CountInput(doc.text.size());
    }
    report.Add(doc);
    timings.EndOf(Stage::kReport);
  }
  report.Finish();
  const int exit_code = output.Finish(any_error  ? kExitError
                                      : any_term ? kExitOk
                                                 : kExitNothingFound);
  timings.EndOf(Stage::kReport);
  if (timings.enabled()) std::fprintf(stderr, "jobfit: %s\n", timings.Line().c_str());
  return exit_code;
}

}  // namespace

void AddExtractCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ExtractFlags>();
  CLI::App* cmd = app.add_subcommand(
      "extract", "Print the skills and tools found in each input, grouped by category.");
  cmd->add_option(
         "inputs", flags->inputs,
         "Files to read (text, Markdown, HTML, PDF, DOCX, ODT, JSON Resume); - reads stdin")
      ->required();
  cmd->add_option("--lexicon", flags->lexicons,
                  "Extra lexicon file layered over the built-in one (repeatable)");
  cmd->add_flag("--no-builtin", flags->no_builtin, "Use only the --lexicon files");
  cmd->add_flag("--json", flags->json, "Print jobfit.extract/1 JSON (docs/SCHEMAS.md)");
  cmd->add_flag("--explain", flags->explain,
                "Show why each ambiguous name (R, Go, Spark...) was kept or dropped");
  cmd->add_flag("--timings", flags->timings,
                "Print the CPU time of start-up, reading, scanning and the report to stderr");
  cmd->add_option("--max-bytes", flags->max_bytes, "Refuse text inputs larger than this")
      ->capture_default_str();
  cmd->add_option("--max-binary-bytes", flags->max_binary_bytes,
                  "Refuse PDF, DOCX and ODT inputs larger than this")
      ->capture_default_str();
  cmd->add_option("--max-pages", flags->max_pages, "Read at most this many pages of a PDF")
      ->capture_default_str();
  cmd->footer(
      "Exit status: 0 terms found, 1 no term found in any input, 2 an input or lexicon\n"
      "could not be read (the other inputs are still reported).");
  cmd->callback([flags, exit_code] { *exit_code = RunExtract(*flags); });
}

}  // namespace jobfit::cli
