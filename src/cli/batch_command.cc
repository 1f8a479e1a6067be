// `jobfit batch`: score folders of resumes in parallel; a ranked table, JSON lines, CSV.
#include "cli/batch_command.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "jobfit/document.h"
#include "jobfit/report.h"

#include "cli/common.h"
#include "cli/file_walker.h"
#include "cli/ordered_pool.h"
#include "cli/progress.h"
#include "cli/scoring.h"

namespace jobfit::cli {
namespace {

// The raw flags, as CLI11 fills them.
struct BatchFlags {
  std::vector<std::string> inputs;
  TargetFlags targets;
  std::vector<std::string> globs;
  std::vector<std::string> excludes;
  bool hidden = false;
  unsigned jobs = 0;  // 0: one per core
  bool quiet = false;
  std::string csv;
  std::string jsonl;
  std::optional<size_t> top;
  std::optional<double> min_score;
  std::string resume_from;
};

// The validated run configuration.
struct BatchConfig {
  unsigned jobs = 1;
  bool progress = false;
  bool summary = true;
  bool table = true;  // false when the JSON lines go to stdout
  std::string jsonl;  // "" none, "-" stdout
  bool jsonl_append = false;
  std::string csv;
  std::optional<size_t> top;
  std::optional<double> min_score;
};

constexpr size_t kTableTerms = 3;  // matched / missing names shown per row

// Joins the first kTableTerms names, as the table shows them; "-" for none.
template <typename Names, typename NameOf>
std::string JoinTopNames(const Names& names, NameOf name_of) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < kTableTerms; ++i) {
    if (!out.empty()) out += ", ";
    out += name_of(names[i]);
  }
  return out.empty() ? "-" : out;
}

// What the ranked table keeps of one input until the run ends: its path, its scores and
// two short strings, not the results. A run keeps one per input, so they are kept small: a table of
// 100,000 resumes held a vector of names and an error's room in each row.
struct Row {
  uint64_t order = 0;  // position in the run's input list (resumed records first)
  std::string path;
  std::unique_ptr<const BatchError> error;
  std::vector<double> scores;  // per target
  size_t best = 0;
  std::string matched;  // the best result's top matched names, joined
  std::string missing;
};

// Ranks by best score, then input order, so equal scores keep a stable, -j-independent order.
struct Ranks {
  bool operator()(const Row& a, const Row& b) const {
    const double sa = a.scores[a.best];
    const double sb = b.scores[b.best];
    if (sa != sb) return sa > sb;
    return a.order < b.order;
  }
};

// Holds the rows the table shows: with --top N only the N best so far (a heap), and every
// error row (they are few, and each must be reported).
class RankedTable {
 public:
  RankedTable(std::optional<size_t> top, std::optional<double> min_score)
      : top_(top), min_score_(min_score) {}

  void Add(Row row) {
    if (row.error) {
      ++failed_;
      errors_.push_back(std::move(row));
      return;
    }
    if (row.scores.empty()) return;
    ++scored_;
    const double score = row.scores[row.best];
    if (min_score_ && score < *min_score_) return;
    ++passed_;
    if (top_ && *top_ == 0) return;
    best_.push_back(std::move(row));
    if (!top_) return;
    // A heap with the worst row on top: past --top rows, the worst is dropped.
    std::push_heap(best_.begin(), best_.end(), Ranks());
    if (best_.size() > *top_) {
      std::pop_heap(best_.begin(), best_.end(), Ranks());
      best_.pop_back();
    }
  }

  uint64_t scored() const { return scored_; }
  uint64_t failed() const { return failed_; }
  uint64_t passed() const { return passed_; }

  // Measures every row's cells, then writes them: cells held for every row at once were
  // the largest allocation of a long run.
  std::string Render(const std::vector<std::shared_ptr<const Requirements>>& targets) {
    std::vector<Row>& rows = best_;
    std::sort(rows.begin(), rows.end(), Ranks());
    std::sort(errors_.begin(), errors_.end(),
              [](const Row& a, const Row& b) { return a.order < b.order; });
    const bool matrix = targets.size() > 1;
    std::string out;
    if (matrix) {
      out += "Targets:\n";
      for (size_t i = 0; i < targets.size(); ++i) {
        out += "  J" + std::to_string(i + 1) + "  " + Clean(TargetName(*targets[i])) + "  " +
               Clean(targets[i]->title) + "\n";
      }
      out += "\n";
    }
    std::vector<std::string> header = {"RANK", "SCORE"};
    if (matrix) header.push_back("BEST");
    header.push_back("FILE");
    if (matrix) {
      for (size_t i = 0; i < targets.size(); ++i) header.push_back("J" + std::to_string(i + 1));
    }
    header.push_back("TOP MATCHED");
    header.push_back("TOP MISSING");
    std::vector<std::string> line;
    // The cells of a row, in `line`: valid until the next call.
    const auto cells_of = [&](size_t rank) -> const std::vector<std::string>& {
      const Row& row = rows[rank];
      line.assign({std::to_string(rank + 1), Fixed(row.scores[row.best])});
      if (matrix) line.push_back("J" + std::to_string(row.best + 1));
      line.push_back(Clean(row.path));
      if (matrix) {
        for (size_t i = 0; i < targets.size(); ++i) {
          line.push_back(i < row.scores.size() ? Fixed(row.scores[i]) : "-");
        }
      }
      line.push_back(Clean(row.matched));
      line.push_back(Clean(row.missing));
      return line;
    };
    std::vector<size_t> widths(header.size(), 0);
    const auto measure = [&](const std::vector<std::string>& cells) {
      for (size_t i = 0; i < cells.size(); ++i) widths[i] = std::max(widths[i], Columns(cells[i]));
    };
    const auto write = [&](const std::vector<std::string>& cells) {
      for (size_t i = 0; i < cells.size(); ++i) {
        const bool numeric = i < 2 || (matrix && i > 3 && i < 4 + targets.size());
        const size_t pad = widths[i] - Columns(cells[i]);
        if (i > 0) out.append(2, ' ');
        if (numeric) out.append(pad, ' ');
        out += cells[i];
        if (!numeric && i + 1 < cells.size()) out.append(pad, ' ');
      }
      out += '\n';
    };
    measure(header);
    for (size_t rank = 0; rank < rows.size(); ++rank) measure(cells_of(rank));
    write(header);
    for (size_t rank = 0; rank < rows.size(); ++rank) write(cells_of(rank));
    for (const Row& row : errors_) {
      out += "-  error  " + Clean(row.path) + "  " + Clean(row.error->code) + ": " +
             Clean(row.error->message) + "\n";
    }
    return out;
  }

 private:
  static std::string TargetName(const Requirements& target) {
    return target.source.starts_with("profile:") ? "profile " + target.source.substr(8)
                                                 : target.source;
  }
  static std::string Fixed(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
  }
  // Keeps a row on one line whatever a file name holds.
  static std::string Clean(std::string text) {
    for (char& c : text) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    return text;
  }
  static size_t Columns(const std::string& s) {
    size_t width = 0;
    for (const char c : s) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return width;
  }

  std::optional<size_t> top_;
  std::optional<double> min_score_;
  std::vector<Row> best_;  // a heap (worst first) with --top, else in arrival order
  std::vector<Row> errors_;
  uint64_t scored_ = 0;
  uint64_t failed_ = 0;
  uint64_t passed_ = 0;
};

// One finished input, rendered by a worker, written in input order.
struct Output {
  std::string jsonl;
  std::string csv;
  Row row;
  uint64_t bytes = 0;
};

Row RowFromItem(const Lexicon& lexicon, const BatchItem& item) {
  Row row;
  row.path = item.path;
  if (item.error) {
    row.error = std::make_unique<const BatchError>(*item.error);
    return row;
  }
  for (const CheckResult& r : item.results) row.scores.push_back(r.score);
  row.best = BestResult(item);
  if (item.results.empty()) return row;
  const CheckResult& best = item.results[row.best];
  const auto name_of = [&](const TermOutcome& outcome) -> const std::string& {
    return lexicon.term(outcome.requirement->term).name;
  };
  row.matched = JoinTopNames(best.matched, name_of);
  row.missing = JoinTopNames(best.missing, name_of);
  return row;
}

Output ProcessEntry(const Scoring& scoring, const BatchConfig& config, const WalkEntry& entry) {
  BatchItem item;
  item.path = entry.path;
  std::optional<Document> document;
  if (entry.error) {
    item.error = ErrorFromStatus(*entry.error);
  } else {
    ReadOptions options = ReadOptions::ForBatch();
    options.find_sections = false;  // scoring finds the sections it weighs itself
    Result<Document> read = ReadDocument(entry.path, options);
    item.bytes = InputBytes(entry.path, read);
    if (read.ok()) {
      document = std::move(*read);
      ScoreDocument(scoring, *document, &item);
    } else {
      item.error = ErrorFromStatus(read.status());
    }
  }
  const Lexicon& lexicon = scoring.matcher.lexicon();
  Output out;
  out.bytes = item.bytes;
  if (!config.jsonl.empty()) out.jsonl = RenderBatchJsonLine(lexicon, item);
  if (!config.csv.empty()) out.csv = RenderBatchCsvRows(lexicon, item);
  out.row = RowFromItem(lexicon, item);
  return out;
}

// A failure of one input must never stop the run: anything thrown (memory exhausted on a
// hostile file) becomes that input's error row.
Output ProcessEntrySafely(const Scoring& scoring, const BatchConfig& config,
                          const WalkEntry& entry) {
  try {
    return ProcessEntry(scoring, config, entry);
  } catch (const std::exception& e) {
    BatchItem item;
    item.path = entry.path;
    item.error = BatchError{"internal", entry.path + ": " + e.what()};
    Output out;
    if (!config.jsonl.empty()) out.jsonl = RenderBatchJsonLine(scoring.matcher.lexicon(), item);
    if (!config.csv.empty()) out.csv = RenderBatchCsvRows(scoring.matcher.lexicon(), item);
    out.row.path = entry.path;
    out.row.error = std::make_unique<const BatchError>(*item.error);
    return out;
  }
}

// An output file, or stdout for "-"; a closed stdout pipe ends the run quietly.
class OutputFile {
 public:
  Status Open(const std::string& path, bool append) {
    path_ = path;
    if (path == "-") {
      file_ = stdout;
      return Status::Ok();
    }
    file_ = std::fopen(path.c_str(), append ? "ab" : "wb");
    if (file_ == nullptr) {
      return Status(StatusCode::kIoError, std::string("cannot write: ") + std::strerror(errno),
                    Location::InFile(path));
    }
    owned_ = true;
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
    return Status::Ok();
  }
  ~OutputFile() {
    if (owned_) std::fclose(file_);
  }
  bool is_open() const { return file_ != nullptr; }

  // Returns false when the write failed (then error() says why, or closed_pipe() is set).
  bool Write(std::string_view text, bool flush) {
    errno = 0;
    if (std::fwrite(text.data(), 1, text.size(), file_) == text.size() &&
        (!flush || std::fflush(file_) == 0)) {
      return true;
    }
    if (errno == EPIPE && file_ == stdout) {
      closed_pipe_ = true;
    } else {
      error_ = Status(StatusCode::kIoError, std::string("cannot write: ") + std::strerror(errno),
                      Location::InFile(path_ == "-" ? "<stdout>" : path_));
    }
    return false;
  }
  bool Close() {
    if (file_ == nullptr) return true;
    const bool ok = owned_ ? std::fclose(file_) == 0 : std::fflush(file_) == 0 || errno == EPIPE;
    if (!ok) error_ = Status(StatusCode::kIoError, "cannot write", Location::InFile(path_));
    owned_ = false;
    file_ = nullptr;
    return ok;
  }
  bool closed_pipe() const { return closed_pipe_; }
  const Status& error() const { return error_; }

 private:
  std::string path_;
  FILE* file_ = nullptr;
  bool owned_ = false;
  bool closed_pipe_ = false;
  Status error_;
};

// Reads back the records of an interrupted run's JSON lines: their paths (not scored
// again) and table rows. A last line without its newline (the run died mid-write) is cut
// off the file, so appending continues at a record boundary.
Status ReadPreviousRun(const std::string& path,
                       const std::vector<std::shared_ptr<const Requirements>>& targets,
                       std::unordered_set<std::string>* done, RankedTable* table, uint64_t* order) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return Status::Ok();  // nothing done yet
    return Status(StatusCode::kIoError, "cannot read", Location::InFile(path));
  }
  std::string line;
  uint64_t offset = 0;
  uint32_t number = 0;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline after it: a partial record
    ++number;
    const uint64_t next = offset + line.size() + 1;
    Result<BatchRecordSummary> record = ParseBatchJsonLine(line);
    if (!record.ok()) {
      return Status(StatusCode::kParseError, record.status().message() + " (--resume-from)",
                    Location::At(path, number, 1));
    }
    if (!record->error) {
      bool same = record->targets.size() == targets.size();
      for (size_t i = 0; same && i < targets.size(); ++i) {
        same = record->targets[i] == targets[i]->source;
      }
      if (!same) {
        return Status(StatusCode::kInvalidArgument,
                      "written for other job ads or profiles than this run's; give the same "
                      "--job/--profile (--resume-from)",
                      Location::At(path, number, 1));
      }
    }
    done->insert(record->path);
    Row row;
    row.order = (*order)++;
    row.path = record->path;
    if (record->error) row.error = std::make_unique<const BatchError>(*record->error);
    row.scores = record->scores;
    row.best = record->best;
    const auto as_is = [](const std::string& name) -> const std::string& { return name; };
    row.matched = JoinTopNames(record->matched, as_is);
    row.missing = JoinTopNames(record->missing, as_is);
    table->Add(std::move(row));
    offset = next;
  }
  in.close();
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > offset) {
    std::filesystem::resize_file(path, offset, ec);
    if (ec) {
      return Status(StatusCode::kIoError, "cannot cut the partial last record: " + ec.message(),
                    Location::InFile(path));
    }
  }
  return Status::Ok();
}

Result<BatchConfig> Validate(const BatchFlags& flags) {
  BatchConfig config;
  config.jobs = flags.jobs > 0 ? flags.jobs : std::max(1u, std::thread::hardware_concurrency());
  config.jsonl = flags.jsonl;
  config.csv = flags.csv;
  if (!flags.resume_from.empty()) {
    if (!config.jsonl.empty() && config.jsonl != flags.resume_from) {
      return Status(
          StatusCode::kInvalidArgument,
          "--resume-from appends to its own file; leave out --jsonl or give the same file");
    }
    if (flags.resume_from == "-") {
      return Status(StatusCode::kInvalidArgument, "--resume-from needs a file, not stdout");
    }
    config.jsonl = flags.resume_from;
    config.jsonl_append = true;
  }
  if (config.jsonl == "-" && config.csv == "-") {
    return Status(StatusCode::kInvalidArgument, "only one of --jsonl and --csv can be stdout");
  }
  config.table = config.jsonl != "-" && config.csv != "-";
  config.progress = !flags.quiet && isatty(STDERR_FILENO) == 1;
  config.summary = !flags.quiet;
  config.top = flags.top;
  config.min_score = flags.min_score;
  return config;
}

int RunBatch(const BatchFlags& flags) {
  const auto start = std::chrono::steady_clock::now();
  Result<BatchConfig> config = Validate(flags);
  if (!config.ok()) {
    PrintError(config.status());
    return kExitError;
  }
  WalkOptions walk;
  walk.globs = flags.globs;
  walk.excludes = flags.excludes;
  walk.hidden = flags.hidden;
  // Walking the folders (system calls, a few per file) and loading the lexicon and ads
  // (parsing, compiling) need nothing from each other: side by side, neither waits for
  // the other before scoring starts, the serial part of a run that -j cannot shorten.
  std::future<WalkResult> walked =
      std::async(std::launch::async, [&] { return WalkInputs(flags.inputs, walk); });
  Result<Scoring> scoring = PrepareScoring(flags.targets);
  WalkResult inputs = walked.get();
  if (!scoring.ok()) {
    PrintError(scoring.status());
    return kExitError;
  }
  // The table shows scores and terms; only the JSON lines and CSV carry suggestions.
  scoring->options.suggestions = !config->jsonl.empty() || !config->csv.empty();

  RankedTable table(config->top, config->min_score);
  uint64_t order = 0;
  uint64_t already_done = 0;
  if (config->jsonl_append) {
    std::unordered_set<std::string> done;
    const Status read = ReadPreviousRun(config->jsonl, scoring->targets, &done, &table, &order);
    if (!read.ok()) {
      PrintError(read);
      return kExitError;
    }
    std::erase_if(inputs.entries, [&](const WalkEntry& e) { return done.count(e.path) != 0; });
    already_done = done.size();
  }

  OutputFile jsonl;
  OutputFile csv;
  if (!config->jsonl.empty()) {
    const Status opened = jsonl.Open(config->jsonl, config->jsonl_append);
    if (!opened.ok()) {
      PrintError(opened);
      return kExitError;
    }
  }
  if (!config->csv.empty()) {
    std::error_code ec;
    const bool has_rows = config->jsonl_append && config->csv != "-" &&
                          std::filesystem::file_size(config->csv, ec) > 0 && !ec;
    const Status opened = csv.Open(config->csv, config->jsonl_append);
    if (!opened.ok()) {
      PrintError(opened);
      return kExitError;
    }
    if (!has_rows && !csv.Write(RenderBatchCsvHeader(), false)) {
      PrintError(csv.error());
      return kExitError;
    }
  }

  Progress progress(config->progress, inputs.entries.size());
  uint64_t bytes = 0;
  uint64_t processed = 0;
  bool write_failed = false;
  size_t next = 0;
  const Scoring& shared = *scoring;  // immutable from here on: shared by every worker
  const BatchConfig& run = *config;
  RunOrdered<const WalkEntry*, Output>(
      run.jobs, 4 * size_t{run.jobs} + 16,
      [&](const WalkEntry** task) {
        if (next >= inputs.entries.size()) return false;
        *task = &inputs.entries[next++];
        return true;
      },
      [&](const WalkEntry*&& entry) { return ProcessEntrySafely(shared, run, *entry); },
      [&](Output&& out) {
        // Each record is flushed whole, so an interrupted run leaves complete lines for
        // --resume-from (at most a partial last one, which it cuts).
        if (jsonl.is_open() && !jsonl.Write(out.jsonl, true)) {
          write_failed = !jsonl.closed_pipe();
          return false;
        }
        if (csv.is_open() && !csv.Write(out.csv, false)) {
          write_failed = !csv.closed_pipe();
          return false;
        }
        bytes += out.bytes;
        ++processed;
        out.row.order = order++;
        table.Add(std::move(out.row));
        progress.Step();
        return true;
      });
  progress.Finish();
  if (!jsonl.Close() && !write_failed) {
    write_failed = true;
  }
  if (!csv.Close()) write_failed = true;
  if (write_failed) {
    PrintError(!jsonl.error().ok() ? jsonl.error() : csv.error());
    return kExitError;
  }
  if (jsonl.closed_pipe() || csv.closed_pipe()) return kExitOk;

  int exit_code = kExitOk;
  if (table.failed() > 0) {
    exit_code = kExitError;
  } else if (table.scored() == 0 || (config->min_score && table.passed() == 0)) {
    exit_code = kExitNothingFound;
  }
  if (config->table) exit_code = WriteReport(table.Render(scoring->targets), exit_code);
  if (config->summary) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = seconds > 0 ? static_cast<double>(processed) / seconds : 0;
    const double mb_rate = seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
    const std::string resumed =
        already_done > 0 ? "; " + std::to_string(already_done) + " read back from " + config->jsonl
                         : std::string();
    std::fprintf(stderr,
                 "jobfit batch: %llu scored, %llu failed, %llu skipped in %.2f s "
                 "(%.1f files/s, %.2f MB/s)%s\n",
                 static_cast<unsigned long long>(table.scored()),
                 static_cast<unsigned long long>(table.failed()),
                 static_cast<unsigned long long>(inputs.skipped), seconds, rate, mb_rate,
                 resumed.c_str());
  }
  return exit_code;
}

}  // namespace

void AddBatchCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<BatchFlags>();
  CLI::App* cmd = app.add_subcommand(
      "batch", "Score folders of resumes in parallel against job ads or profiles; rank them.");
  cmd->add_option("inputs", flags->inputs, "Resume files and folders (walked recursively)")
      ->required();
  AddTargetOptions(*cmd, &flags->targets);
  cmd->add_option("--glob", flags->globs,
                  "Take only files matching this pattern, e.g. '*.pdf' (repeatable)");
  cmd->add_option("--exclude", flags->excludes,
                  "Leave out files and folders matching this pattern (repeatable)");
  cmd->add_flag("--hidden", flags->hidden, "Walk into hidden files and folders (.name)");
  cmd->add_option("-j,--jobs", flags->jobs, "Scoring threads (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_flag("-q,--quiet", flags->quiet, "No progress bar and no closing summary");
  cmd->add_option("--jsonl", flags->jsonl,
                  "Write every result as jobfit.batch/1 JSON lines to FILE (- for stdout)");
  cmd->add_option("--csv", flags->csv, "Write every result as CSV rows to FILE (- for stdout)");
  cmd->add_option("--top", flags->top, "Show only the N best in the table");
  cmd->add_option("--min-score", flags->min_score, "Show only resumes scoring at least S")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--resume-from", flags->resume_from,
                  "Continue an interrupted run: score only the files this --jsonl output "
                  "lacks, and append to it");
  cmd->footer(
      "Exit status: 0 every file scored; 1 none scored (or none reached --min-score);\n"
      "2 a file failed (its error row says why) or bad usage (docs/CLI.md).");
  cmd->callback([flags, exit_code] { *exit_code = RunBatch(*flags); });
}

}  // namespace jobfit::cli
