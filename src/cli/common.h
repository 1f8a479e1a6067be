// What every subcommand shares: exit codes, lexicon loading, output that survives a
// closed pipe.
#ifndef JOBFIT_CLI_COMMON_H_
#define JOBFIT_CLI_COMMON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jobfit/document.h"
#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"
#include "jobfit/status.h"

namespace jobfit::cli {

// Exit codes (docs/CLI.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitNothingFound = 1;  // ran fine, found nothing / below threshold
inline constexpr int kExitError = 2;         // bad usage, bad lexicon, unreadable input

// Returns the built-in lexicon (unless without_builtin) layered with each file in order.
Result<Lexicon> LoadLexicons(const std::vector<std::string>& files, bool without_builtin);

// Returns the matcher compiled from LoadLexicons(files, without_builtin). It lives until
// the process exits and is never destroyed: freeing the tables of a large lexicon, a few
// hundred thousand objects, is time a user waits for at the end of every run, for
// nothing.
Result<const Matcher*> LoadMatcher(const std::vector<std::string>& files, bool without_builtin);

// Writes the report to stdout and returns the exit code to end with: exit_code itself, or
// kExitError when the write fails. A closed pipe is not a failure (`jobfit extract
// big.txt | head` ends quietly), so it keeps exit_code.
int WriteReport(std::string_view text, int exit_code);

// A report written to stdout in pieces, as it is made: the same rules as WriteReport,
// the first failed write remembered and the pieces after it dropped.
class ReportOutput {
 public:
  void Write(std::string_view piece);
  // True once a write failed (a closed pipe, a full disk): nothing more will be written,
  // so there is no point making more of the report.
  bool failed() const { return error_ != 0; }
  // Writes out what stdout holds so far (a failure is remembered, as Write's).
  void Flush();
  // Flushes stdout and returns the exit code to end with, as WriteReport does.
  int Finish(int exit_code);

 private:
  int error_ = 0;  // errno of the first failed write, 0 while all went well
};

// Prints "jobfit: <status>" to stderr.
void PrintError(const Status& status);

// The bytes a batch or stream record gives for its input: those read, or for an input
// that could not be read, the file's size (0 when the system cannot tell it either).
uint64_t InputBytes(const std::string& path, const Result<Document>& read);

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_COMMON_H_
