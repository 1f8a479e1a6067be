// What `jobfit batch` and `jobfit stream` share: the targets (job ads and role profiles)
// compiled once, and scoring one read document against all of them.
#ifndef JOBFIT_CLI_SCORING_H_
#define JOBFIT_CLI_SCORING_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/App.hpp>

#include "jobfit/document.h"
#include "jobfit/matcher.h"
#include "jobfit/report.h"
#include "jobfit/score.h"
#include "jobfit/status.h"

namespace jobfit::cli {

// The flags that choose what resumes are scored against.
struct TargetFlags {
  std::vector<std::string> jobs;      // job-ad files or folders of them
  std::vector<std::string> profiles;  // built-in profile names or profile files
  std::vector<std::string> lexicons;
  std::string as_of;  // YYYY-MM; empty for this month
};

// Declares --job, --profile, --lexicon and --as-of on cmd, filling *flags: batch and
// stream take the same targets, with the same help text.
void AddTargetOptions(CLI::App& cmd, TargetFlags* flags);

// Immutable after Prepare: shared by every worker thread as a const reference.
struct Scoring {
  const Matcher& matcher;  // from LoadMatcher, alive until exit
  // Jobs in the order given (folders sorted), then profiles; every result shares them.
  std::vector<std::shared_ptr<const Requirements>> targets;
  CheckOptions options;  // as_of fixed once, so a run is one point in time
};

// Loads the lexicons, compiles the matcher, reads and analyses every target. Without
// --job or --profile the built-in ml-engineer profile is the target, as for `jobfit check`.
// Errors name the file or flag at fault.
Result<Scoring> PrepareScoring(const TargetFlags& flags);

// Scores a read document against every target, filling item's results, read facts and
// text (a view of document.text, which must outlive the item's rendering). A read of low
// confidence (empty, scanned, garbled) becomes a "low_confidence" error: a failed read is
// never ranked as a weak resume.
void ScoreDocument(const Scoring& scoring, const Document& document, BatchItem* item);

// Returns the error of an input that could not be read.
BatchError ErrorFromStatus(const Status& status);

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_SCORING_H_
