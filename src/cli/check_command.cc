#include "cli/check_command.h"

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jobfit/document.h"
#include "jobfit/matcher.h"
#include "jobfit/report.h"
#include "jobfit/score.h"

#include "cli/common.h"
#include "cli/scoring.h"

namespace jobfit::cli {
namespace {

struct CheckFlags {
  std::string resume;
  std::string job;
  std::string profile;
  std::vector<std::string> lexicons;
  bool json = false;
  bool explain = false;
  std::optional<double> min_score;
  std::string as_of;  // YYYY-MM
};

// Colour only for a person at a terminal who has not opted out (https://no-color.org).
bool UseColor() {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || no_color[0] == '\0');
}

int RunCheck(const CheckFlags& flags) {
  if (!flags.job.empty() && !flags.profile.empty()) {
    PrintError(Status(StatusCode::kInvalidArgument, "give --job or --profile, not both"));
    return kExitError;
  }
  // The same preparation as batch and stream, so the three score alike.
  TargetFlags targets;
  if (!flags.job.empty()) targets.jobs.push_back(flags.job);
  if (!flags.profile.empty()) targets.profiles.push_back(flags.profile);
  targets.lexicons = flags.lexicons;
  targets.as_of = flags.as_of;
  Result<Scoring> scoring = PrepareScoring(targets);
  if (!scoring.ok()) {
    PrintError(scoring.status());
    return kExitError;
  }
  if (scoring->targets.size() != 1) {
    PrintError(Status(StatusCode::kInvalidArgument,
                      "--job " + flags.job + " holds " + std::to_string(scoring->targets.size()) +
                          " job ads; jobfit batch scores against several"));
    return kExitError;
  }
  const Matcher& matcher = scoring->matcher;
  Result<Document> resume = ReadDocument(flags.resume);
  if (!resume.ok()) {
    PrintError(resume.status());
    return kExitError;
  }
  CheckOptions options = scoring->options;
  options.explain = flags.explain;
  Result<CheckResult> result =
      CheckResume(matcher, resume->text, scoring->targets.front(), options);
  if (!result.ok()) {
    PrintError(result.status());
    return kExitError;
  }
  CheckReportOptions report_options;
  report_options.explain = flags.explain;
  report_options.color = !flags.json && UseColor();
  const std::string report = flags.json ? RenderCheckJson(matcher.lexicon(), resume->source,
                                                          resume->text, *result, report_options)
                                        : RenderCheckText(matcher.lexicon(), resume->source,
                                                          resume->text, *result, report_options);
  const bool below = flags.min_score && result->score < *flags.min_score;
  return WriteReport(report, below ? kExitNothingFound : kExitOk);
}

}  // namespace

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Score a resume against a job ad or a role profile and suggest what to add.");
  cmd->add_option("resume", flags->resume, "The resume (text); - reads stdin")->required();
  auto* job = cmd->add_option("--job", flags->job, "The job ad to score against");
  cmd->add_option("--profile", flags->profile,
                  "A built-in profile name or a profile file (default: ml-engineer)")
      ->excludes(job);
  cmd->add_option("--lexicon", flags->lexicons,
                  "Extra lexicon file layered over the built-in one (repeatable)");
  cmd->add_flag("--json", flags->json, "Print jobfit.check/1 JSON (docs/SCHEMAS.md)");
  cmd->add_flag("--explain", flags->explain, "Show where every point of the score comes from");
  cmd->add_option("--min-score", flags->min_score, "Exit with 1 when the score is below this")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--as-of", flags->as_of,
                  "The month \"Present\" means, YYYY-MM (default: this month)");
  cmd->footer(
      "Exit status: 0 scored, 1 scored below --min-score, 2 an input, profile or lexicon\n"
      "could not be read (docs/CLI.md).");
  cmd->callback([flags, exit_code] { *exit_code = RunCheck(*flags); });
}

}  // namespace jobfit::cli
