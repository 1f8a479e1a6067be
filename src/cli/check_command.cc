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

// Parses "YYYY-MM" into a month index; nullopt when malformed.
std::optional<MonthIndex> ParseMonth(const std::string& text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  if (month < 1 || month > 12) return std::nullopt;
  return MakeMonth(year, month);
}

// Colour only for a person at a terminal who has not opted out (https://no-color.org).
bool UseColor() {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || no_color[0] == '\0');
}

// A --profile value with a path separator or a .json ending is a file; otherwise a name.
Result<RoleProfile> LoadProfile(const std::string& value) {
  if (value.find('/') != std::string::npos || value.ends_with(".json")) {
    return RoleProfile::Load(value);
  }
  return RoleProfile::Builtin(value);
}

int RunCheck(const CheckFlags& flags) {
  if (!flags.job.empty() && !flags.profile.empty()) {
    PrintError(Status(StatusCode::kInvalidArgument, "give --job or --profile, not both"));
    return kExitError;
  }
  CheckOptions options;
  options.explain = flags.explain;
  if (!flags.as_of.empty()) {
    std::optional<MonthIndex> month = ParseMonth(flags.as_of);
    if (!month) {
      PrintError(Status(StatusCode::kInvalidArgument,
                        "--as-of must be YYYY-MM, got \"" + flags.as_of + "\""));
      return kExitError;
    }
    options.as_of = *month;
  }
  Result<Lexicon> lexicon = LoadLexicons(flags.lexicons, false);
  if (!lexicon.ok()) {
    PrintError(lexicon.status());
    return kExitError;
  }
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  if (!matcher.ok()) {
    PrintError(matcher.status());
    return kExitError;
  }
  Result<Document> resume = ReadDocument(flags.resume);
  if (!resume.ok()) {
    PrintError(resume.status());
    return kExitError;
  }
  std::optional<Requirements> requirements;
  if (!flags.job.empty()) {
    Result<Document> ad = ReadDocument(flags.job);
    if (!ad.ok()) {
      PrintError(ad.status());
      return kExitError;
    }
    Result<Requirements> analysed = AnalyzeJobAd(*matcher, ad->text, ad->source);
    if (!analysed.ok()) {
      PrintError(analysed.status());
      return kExitError;
    }
    requirements = std::move(*analysed);
  } else {
    Result<RoleProfile> profile =
        LoadProfile(flags.profile.empty() ? std::string("ml-engineer") : flags.profile);
    if (!profile.ok()) {
      PrintError(profile.status());
      return kExitError;
    }
    Result<Requirements> converted = profile->ToRequirements(matcher->lexicon());
    if (!converted.ok()) {
      PrintError(converted.status());
      return kExitError;
    }
    requirements = std::move(*converted);
  }
  Result<CheckResult> result = CheckResume(*matcher, resume->text, *requirements, options);
  if (!result.ok()) {
    PrintError(result.status());
    return kExitError;
  }
  CheckReportOptions report_options;
  report_options.explain = flags.explain;
  report_options.color = !flags.json && UseColor();
  const std::string report = flags.json ? RenderCheckJson(matcher->lexicon(), resume->source,
                                                          resume->text, *result, report_options)
                                        : RenderCheckText(matcher->lexicon(), resume->source,
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
