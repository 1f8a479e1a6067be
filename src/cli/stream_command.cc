// `jobfit stream`: JSON lines in, one result line out per input line, in input order.
// The unit a distributed engine runs (docs/SCALE.md).
#include "cli/stream_command.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "jobfit/document.h"
#include "jobfit/report.h"

#include "cli/common.h"
#include "cli/ordered_pool.h"
#include "cli/scoring.h"
#include <sys/stat.h>

namespace jobfit::cli {
namespace {

// A line longer than this is answered with an error line, not read into memory: a text
// may be up to ReadOptions::ForBatch().max_bytes, and JSON escaping can double it.
constexpr size_t kMaxLineBytes = size_t{64} << 20;

struct StreamFlags {
  TargetFlags targets;
  unsigned jobs = 1;
};

struct Task {
  uint64_t line = 0;  // 1-based
  std::string content;
  bool too_long = false;
};

// Reads one line (without its "\n" or "\r\n") from stdin; false at the end of input.
// Called by one thread at a time (RunOrdered serializes its source).
bool ReadLine(uint64_t* number, Task* task) {
  task->content.clear();
  task->too_long = false;
  int c = getc_unlocked(stdin);
  if (c == EOF) return false;
  for (; c != EOF && c != '\n'; c = getc_unlocked(stdin)) {
    if (task->too_long) continue;
    task->content.push_back(static_cast<char>(c));
    if (task->content.size() > kMaxLineBytes) {
      task->too_long = true;
      task->content = std::string();
    }
  }
  if (!task->content.empty() && task->content.back() == '\r') task->content.pop_back();
  task->line = ++*number;
  return true;
}

std::string Process(const Scoring& scoring, Task&& task) {
  const Lexicon& lexicon = scoring.matcher.lexicon();
  BatchItem item;
  if (task.too_long) {
    item.error = BatchError{"limit_exceeded", "the line is longer than " +
                                                  std::to_string(kMaxLineBytes >> 20) + " MiB"};
    return RenderStreamJsonLine(lexicon, "null", task.line, item);
  }
  StreamRequest request = ParseStreamRequest(task.content);
  task.content = std::string();  // the text is in the request now
  if (request.error) {
    item.error = request.error;
    return RenderStreamJsonLine(lexicon, request.id_json, task.line, item);
  }
  item.path = request.path;
  if (!request.has_text && request.path == "-") {
    // "-" means stdin to the reader, and stdin carries the requests.
    item.error = BatchError{"invalid_argument",
                            "\"path\": \"-\" would read stdin, which carries the requests; "
                            "write ./- for a file named -"};
    return RenderStreamJsonLine(lexicon, request.id_json, task.line, item);
  }
  if (!request.has_text) {
    // A FIFO or device would block the read, and with it every line after this one.
    struct stat st {};
    if (stat(request.path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      item.error = BatchError{"unsupported", request.path +
                                                 ": not a regular file (a folder, "
                                                 "FIFO, socket or device)"};
      return RenderStreamJsonLine(lexicon, request.id_json, task.line, item);
    }
  }
  ReadOptions options = ReadOptions::ForBatch();
  options.find_sections = false;  // scoring finds the sections it weighs itself
  Result<Document> document = request.has_text
                                  ? ReadDocumentFromMemory(request.text, "<text>", options)
                                  : ReadDocument(request.path, options);
  item.bytes = request.has_text ? request.text.size() : InputBytes(request.path, document);
  if (!document.ok()) {
    item.error = ErrorFromStatus(document.status());
  } else {
    ScoreDocument(scoring, *document, &item);
  }
  return RenderStreamJsonLine(lexicon, request.id_json, task.line, item);
}

// One bad line never stops the stream: anything thrown becomes that line's error.
std::string ProcessSafely(const Scoring& scoring, Task&& task) {
  const uint64_t line = task.line;
  try {
    return Process(scoring, std::move(task));
  } catch (const std::exception& e) {
    BatchItem item;
    item.error = BatchError{"internal", e.what()};
    return RenderStreamJsonLine(scoring.matcher.lexicon(), "null", line, item);
  }
}

int RunStream(const StreamFlags& flags) {
  Result<Scoring> scoring = PrepareScoring(flags.targets);
  if (!scoring.ok()) {
    PrintError(scoring.status());
    return kExitError;
  }
  const Scoring& shared = *scoring;
  uint64_t lines = 0;
  bool closed = false;
  int error = 0;
  RunOrdered<Task, std::string>(
      flags.jobs, 4 * size_t{flags.jobs} + 16, [&](Task* task) { return ReadLine(&lines, task); },
      [&](Task&& task) { return ProcessSafely(shared, std::move(task)); },
      [&](std::string&& out) {
        // Flushed line by line: the engine on the other end of the pipe sees each result
        // as soon as it and those before it are done.
        errno = 0;
        if (std::fwrite(out.data(), 1, out.size(), stdout) == out.size() &&
            std::fflush(stdout) == 0) {
          return true;
        }
        closed = errno == EPIPE;
        error = errno;
        return false;
      });
  if (error != 0 && !closed) {
    PrintError(
        Status(StatusCode::kIoError, std::string("cannot write output: ") + std::strerror(error)));
    return kExitError;
  }
  if (std::ferror(stdin) != 0) {
    PrintError(Status(StatusCode::kIoError, "cannot read stdin"));
    return kExitError;
  }
  return kExitOk;
}

}  // namespace

void AddStreamCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<StreamFlags>();
  CLI::App* cmd = app.add_subcommand(
      "stream",
      "Score JSON lines from stdin ({\"id\":..., \"text\"|\"path\":...}); one result line "
      "each, in input order.");
  AddTargetOptions(*cmd, &flags->targets);
  cmd->add_option("-j,--jobs", flags->jobs, "Scoring threads (default 1: one per engine task)")
      ->check(CLI::Range(1u, 1024u));
  cmd->footer(
      "Every input line gets one output line (jobfit.stream/1, docs/SCHEMAS.md); a bad line\n"
      "gets an error line. Exit status: 0 input read to the end; 2 bad usage, a job ad or\n"
      "lexicon that cannot be read, or output that cannot be written (docs/CLI.md).");
  cmd->callback([flags, exit_code] { *exit_code = RunStream(*flags); });
}

}  // namespace jobfit::cli
