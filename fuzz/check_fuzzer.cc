// libFuzzer target for scoring: the input is scored as a resume against a fixed ad and the
// built-in profile, and analysed as an ad that a fixed resume is scored against. Resumes
// and ads are untrusted; sections, dates, years and degrees are read from any bytes, so
// none may crash, hang or give a score, span or figure out of its range, and the reports
// must render.
//
//   build-fuzz/fuzz/check_fuzzer corpora/resumes
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"
#include "jobfit/report.h"
#include "jobfit/score.h"

namespace {

constexpr std::string_view kAd =
    "Senior Machine Learning Engineer\n\nRequirements:\n- 5+ years of Python and PyTorch\n"
    "- Kubernetes or Docker, AWS\n- A master's degree in computer science\n\n"
    "Nice to have:\n- Spark, MLflow\n";

constexpr std::string_view kResume =
    "Jane Doe\n\nSUMMARY\nSix years of experience in machine learning.\n\nEXPERIENCE\n"
    "ML Engineer, Acme    Jan 2019 - Present\n- PyTorch models on Kubernetes, AWS\n"
    "Data Scientist, Beta\n03/2016 - 12/2018\n- Python, pandas, SQL\n\nEDUCATION\n"
    "M.Sc. Computer Science, 2016\n\nSKILLS\nPython, Go, R, C++, Docker\n";

struct Fixture {
  std::unique_ptr<jobfit::Matcher> matcher;
  std::shared_ptr<const jobfit::Requirements> ad;
  std::shared_ptr<const jobfit::Requirements> profile;
};

const Fixture& Fixed() {
  static const Fixture* const fixture = [] {
    auto* f = new Fixture;
    jobfit::Result<jobfit::Lexicon> lexicon = jobfit::Lexicon::Builtin();
    if (!lexicon.ok()) __builtin_trap();
    jobfit::Result<jobfit::Matcher> compiled = jobfit::Matcher::Compile(*lexicon);
    if (!compiled.ok()) __builtin_trap();
    f->matcher = std::make_unique<jobfit::Matcher>(std::move(*compiled));
    jobfit::Result<jobfit::Requirements> ad = jobfit::AnalyzeJobAd(*f->matcher, kAd, "ad.txt");
    if (!ad.ok()) __builtin_trap();
    f->ad = std::make_shared<const jobfit::Requirements>(std::move(*ad));
    jobfit::Result<jobfit::RoleProfile> profile = jobfit::RoleProfile::Builtin("ml-engineer");
    if (!profile.ok()) __builtin_trap();
    jobfit::Result<jobfit::Requirements> wanted = profile->ToRequirements(*lexicon);
    if (!wanted.ok()) __builtin_trap();
    f->profile = std::make_shared<const jobfit::Requirements>(std::move(*wanted));
    return f;
  }();
  return *fixture;
}

bool InRange(double value, double low, double high) {
  return std::isfinite(value) && value >= low && value <= high;
}

void Check(const jobfit::Matcher& matcher, std::string_view resume,
           std::shared_ptr<const jobfit::Requirements> requirements) {
  jobfit::CheckOptions options;
  options.as_of = jobfit::MakeMonth(2025, 6);
  options.explain = true;
  const jobfit::Result<jobfit::CheckResult> result =
      jobfit::CheckResume(matcher, resume, std::move(requirements), options);
  if (!result.ok()) __builtin_trap();  // any text under 4 GiB is a resume
  if (!InRange(result->score, 0, 100)) __builtin_trap();
  const jobfit::ResumeAnalysis& analysis = result->resume;
  if (!InRange(analysis.total_years, 0, 1000) || !InRange(analysis.claimed_years, 0, 1000)) {
    __builtin_trap();
  }
  for (const jobfit::ResumeRole& role : analysis.roles) {
    if (role.begin > role.end || role.span.begin > role.span.end || role.span.end > resume.size()) {
      __builtin_trap();
    }
  }
  // Terms once each in lexicon order, each one's mentions apart and in text order, and
  // no term used for longer than the merged timeline.
  const jobfit::ResumeTerm* previous = nullptr;
  for (const jobfit::ResumeTerm& term : analysis.terms) {
    if (previous != nullptr && previous->term >= term.term) __builtin_trap();
    previous = &term;
    if (!InRange(term.years, 0, analysis.total_years + 1e-9)) __builtin_trap();
    uint64_t mentions_end = 0;
    for (const jobfit::TextSpan& span : term.spans) {
      if (span.begin > span.end || span.end > resume.size() || span.begin < mentions_end) {
        __builtin_trap();
      }
      mentions_end = span.end;
    }
  }
  jobfit::CheckReportOptions report;
  report.explain = true;
  const jobfit::Lexicon& lexicon = matcher.lexicon();
  if (jobfit::RenderCheckText(lexicon, "fuzz.txt", resume, *result, report).empty()) {
    __builtin_trap();
  }
  const std::string json = jobfit::RenderCheckJson(lexicon, "fuzz.txt", resume, *result, report);
  if (json.empty() || json.back() != '\n') __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& fixed = Fixed();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Check(*fixed.matcher, text, fixed.ad);
  Check(*fixed.matcher, text, fixed.profile);
  // The input as an ad: whatever it asks for, a resume is scored against it.
  jobfit::Result<jobfit::Requirements> ad = jobfit::AnalyzeJobAd(*fixed.matcher, text, "fuzz.txt");
  if (!ad.ok()) __builtin_trap();
  for (const jobfit::TermRequirement& requirement : ad->terms) {
    if (requirement.term >= fixed.matcher->lexicon().size()) __builtin_trap();
  }
  Check(*fixed.matcher, kResume, std::make_shared<const jobfit::Requirements>(std::move(*ad)));
  return 0;
}
