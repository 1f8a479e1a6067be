// Uses jobfit's C++ API: lists the terms a resume names, then scores the resume against a
// job ad. Build it against an installed jobfit with examples/cpp/CMakeLists.txt.
//   jobfit_example resume.txt job.txt
#include <cstdio>
#include <string>

#include "jobfit/document.h"
#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"
#include "jobfit/score.h"
#include "jobfit/status.h"
#include "jobfit/version.h"

namespace {

int Fail(const jobfit::Status& status) {
  std::fprintf(stderr, "jobfit_example: %s\n", status.ToString().c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: jobfit_example RESUME JOB_AD\n");
    return 2;
  }
  std::printf("jobfit %s (C++ API)\n", jobfit::Version());

  // 1. The lexicon and the matcher: built once, then shared by every scan and thread.
  jobfit::Result<jobfit::Lexicon> lexicon = jobfit::Lexicon::Builtin();
  if (!lexicon.ok()) return Fail(lexicon.status());
  jobfit::Result<jobfit::Matcher> matcher = jobfit::Matcher::Compile(*lexicon);
  if (!matcher.ok()) return Fail(matcher.status());

  // 2. Read the documents (any format: text, PDF, DOCX, ...) and list the resume's terms.
  jobfit::Result<jobfit::Document> resume = jobfit::ReadDocument(argv[1]);
  if (!resume.ok()) return Fail(resume.status());
  jobfit::Result<jobfit::Document> ad = jobfit::ReadDocument(argv[2]);
  if (!ad.ok()) return Fail(ad.status());

  const jobfit::ScanResult scan = matcher->Scan(resume->text);
  std::printf("%s: %zu mentions of lexicon terms\n", resume->source.c_str(), scan.matches.size());
  for (const jobfit::Match& m : scan.matches) {
    const jobfit::Term& term = matcher->lexicon().term(m.term);
    std::string text = resume->text.substr(m.begin, m.end - m.begin);
    for (char& c : text) c = c == '\n' ? ' ' : c;  // "Kuber-\nnetes" spans a line break
    std::printf("  [%llu, %llu) %-24s %s\n", static_cast<unsigned long long>(m.begin),
                static_cast<unsigned long long>(m.end), text.c_str(), term.name.c_str());
  }

  // 3. Score the resume against what the ad asks for. A fixed as_of keeps the output
  //    the same whatever today's date ("Present" means January 2025).
  jobfit::Result<jobfit::Requirements> requirements =
      jobfit::AnalyzeJobAd(*matcher, ad->text, ad->source);
  if (!requirements.ok()) return Fail(requirements.status());
  jobfit::CheckOptions options;
  options.as_of = jobfit::MakeMonth(2025, 1);
  jobfit::Result<jobfit::CheckResult> check =
      jobfit::CheckResume(*matcher, resume->text, *requirements, options);
  if (!check.ok()) return Fail(check.status());
  std::printf("score against %s: %.1f/100 (%zu requirements met, %zu missing)\n",
              ad->source.c_str(), check->score, check->matched.size(), check->missing.size());
  for (const jobfit::TermOutcome& missing : check->missing) {
    std::printf("  missing (%s): %s\n",
                std::string(jobfit::NeedName(missing.requirement->need)).c_str(),
                matcher->lexicon().term(missing.requirement->term).name.c_str());
  }
  return 0;
}
