#include "cli/scoring.h"

#include <ctime>
#include <utility>

#include "cli/common.h"
#include "cli/file_walker.h"

namespace jobfit::cli {
namespace {

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

MonthIndex ThisMonth() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return MakeMonth(utc.tm_year + 1900, utc.tm_mon + 1);
}

// A --profile value with a path separator or a .json ending is a file; otherwise a name.
Result<RoleProfile> LoadProfile(const std::string& value) {
  if (value.find('/') != std::string::npos || value.ends_with(".json")) {
    return RoleProfile::Load(value);
  }
  return RoleProfile::Builtin(value);
}

}  // namespace

void AddTargetOptions(CLI::App& cmd, TargetFlags* flags) {
  cmd.add_option("--job", flags->jobs,
                 "A job ad, or a folder of ads, to score against (repeatable: a matrix)");
  cmd.add_option("--profile", flags->profiles,
                 "A built-in profile name or profile file (repeatable; default: ml-engineer "
                 "when no --job)");
  cmd.add_option("--lexicon", flags->lexicons,
                 "Extra lexicon file layered over the built-in one (repeatable)");
  cmd.add_option("--as-of", flags->as_of,
                 "The month \"Present\" means, YYYY-MM (default: this month; fix it when "
                 "runs or shards must agree)");
}

Result<Scoring> PrepareScoring(const TargetFlags& flags) {
  CheckOptions options;
  if (flags.as_of.empty()) {
    options.as_of = ThisMonth();
  } else {
    std::optional<MonthIndex> month = ParseMonth(flags.as_of);
    if (!month) {
      return Status(StatusCode::kInvalidArgument,
                    "--as-of must be YYYY-MM, got \"" + flags.as_of + "\"");
    }
    options.as_of = *month;
  }
  Result<const Matcher*> matcher = LoadMatcher(flags.lexicons, false);
  if (!matcher.ok()) return matcher.status();
  Scoring scoring{**matcher, {}, options};

  // A folder of ads is taken whole (hidden files aside), in path order.
  const WalkResult ads = WalkInputs(flags.jobs, WalkOptions{});
  for (const WalkEntry& ad_file : ads.entries) {
    if (ad_file.error) return *ad_file.error;
    Result<Document> ad = ReadDocument(ad_file.path);
    if (!ad.ok()) return ad.status();
    Result<Requirements> analysed = AnalyzeJobAd(scoring.matcher, ad->text, ad->source);
    if (!analysed.ok()) return analysed.status();
    scoring.targets.push_back(std::make_shared<const Requirements>(std::move(*analysed)));
  }
  if (!flags.jobs.empty() && scoring.targets.empty()) {
    return Status(StatusCode::kNotFound, "--job names no job-ad file");
  }
  std::vector<std::string> profiles = flags.profiles;
  if (flags.jobs.empty() && profiles.empty()) profiles.push_back("ml-engineer");
  for (const std::string& name : profiles) {
    Result<RoleProfile> profile = LoadProfile(name);
    if (!profile.ok()) return profile.status();
    Result<Requirements> converted = profile->ToRequirements(scoring.matcher.lexicon());
    if (!converted.ok()) return converted.status();
    scoring.targets.push_back(std::make_shared<const Requirements>(std::move(*converted)));
  }
  return scoring;
}

BatchError ErrorFromStatus(const Status& status) {
  return BatchError{StatusCodeName(status.code()), status.ToString()};
}

void ScoreDocument(const Scoring& scoring, const Document& document, BatchItem* item) {
  item->text = document.text;
  item->format = document.format;
  item->encoding = document.encoding;
  item->quality = document.quality;
  if (document.quality.confidence == ReadConfidence::kLow) {
    std::string reasons;
    for (const ReadIssue& issue : document.quality.issues) {
      if (issue.severity != ReadConfidence::kLow) continue;
      reasons += reasons.empty() ? "" : "; ";
      reasons += issue.message;
    }
    item->error = BatchError{"low_confidence", document.source + ": read too poorly to score" +
                                                   (reasons.empty() ? "" : ": " + reasons)};
    return;
  }
  item->results.reserve(scoring.targets.size());
  for (const std::shared_ptr<const Requirements>& target : scoring.targets) {
    Result<CheckResult> result =
        CheckResume(scoring.matcher, document.text, target, scoring.options);
    if (!result.ok()) {
      item->results.clear();
      item->error = ErrorFromStatus(result.status());
      return;
    }
    item->results.push_back(std::move(*result));
  }
}

}  // namespace jobfit::cli
