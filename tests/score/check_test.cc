// Job-ad analysis on small ads, and the scorer's ordering, property and golden-file tests
// over corpora/. Golden files live in tests/golden/check/<case>/; set
// JOBFIT_UPDATE_GOLDEN=1 to rewrite them, then review the diff like code.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "jobfit/matcher.h"
#include "jobfit/report.h"
#include "jobfit/score.h"

#include "testing/test_util.h"

namespace jobfit {
namespace {

namespace fs = std::filesystem;

const MonthIndex kAsOf = MakeMonth(2025, 6);

const Matcher& SharedMatcher() {
  static const Matcher* matcher = [] {
    Result<Lexicon> lexicon = Lexicon::Builtin();
    EXPECT_TRUE(lexicon.ok()) << lexicon.status().ToString();
    Result<Matcher> compiled = Matcher::Compile(*lexicon);
    EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
    return new Matcher(std::move(*compiled));
  }();
  return *matcher;
}

using jobfit::test_util::Slurp;

fs::path Corpora() { return fs::path(JOBFIT_SOURCE_DIR) / "corpora"; }

uint32_t Id(std::string_view id) {
  return static_cast<uint32_t>(SharedMatcher().lexicon().Find(id).value());
}

const TermRequirement* FindReq(const Requirements& reqs, std::string_view id) {
  for (const TermRequirement& r : reqs.terms) {
    if (r.term == Id(id)) return &r;
    for (uint32_t alt : r.alternatives) {
      if (alt == Id(id)) return &r;
    }
  }
  return nullptr;
}

Requirements Ad(const std::string& text) {
  Result<Requirements> reqs = AnalyzeJobAd(SharedMatcher(), text, "ad.txt");
  EXPECT_TRUE(reqs.ok()) << reqs.status().ToString();
  return reqs.ok() ? *reqs : Requirements{};
}

double Score(const std::string& resume, const Requirements& reqs) {
  CheckOptions options;
  options.as_of = kAsOf;
  Result<CheckResult> result = CheckResume(SharedMatcher(), resume, reqs, options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? result->score : -1;
}

TEST(JobAd, SectionsDecideNeedAndAboutUsDoesNotCount) {
  const Requirements reqs =
      Ad("Data Engineer\n\nAbout us\nWe love Kafka.\n\nRequirements\n- Experience with Airflow.\n"
         "\nNice to have\n- Terraform.\n\nBenefits\n- Free Snowflake credits.\n"
         "\nWe are an equal opportunity employer and value Excel users.\n");
  ASSERT_NE(FindReq(reqs, "apache-airflow"), nullptr);
  EXPECT_EQ(FindReq(reqs, "apache-airflow")->need, Need::kRequired);
  ASSERT_NE(FindReq(reqs, "terraform"), nullptr);
  EXPECT_EQ(FindReq(reqs, "terraform")->need, Need::kPreferred);
  EXPECT_EQ(FindReq(reqs, "apache-kafka"), nullptr);
  EXPECT_EQ(FindReq(reqs, "snowflake"), nullptr);
  ASSERT_NE(FindReq(reqs, "data-engineer"), nullptr);  // the title
  EXPECT_EQ(FindReq(reqs, "data-engineer")->need, Need::kRequired);
  EXPECT_GT(FindReq(reqs, "apache-airflow")->weight, FindReq(reqs, "terraform")->weight);
}

TEST(JobAd, InlineCuesOrAlternativesAndNegations) {
  const Requirements reqs =
      Ad("ML Engineer\n\nRequirements\n- Experience with PyTorch or TensorFlow.\n"
         "- Docker; experience with Kubernetes is a plus.\n- No Scala experience required.\n"
         "- Java experience is not needed.\n\nResponsibilities\n- You must have SQL.\n");
  const TermRequirement* pytorch = FindReq(reqs, "pytorch");
  ASSERT_NE(pytorch, nullptr);
  EXPECT_EQ(pytorch, FindReq(reqs, "tensorflow"));
  EXPECT_EQ(pytorch->alternatives.size(), 1u);
  EXPECT_EQ(FindReq(reqs, "docker")->need, Need::kRequired);
  EXPECT_EQ(FindReq(reqs, "kubernetes")->need, Need::kPreferred);
  EXPECT_EQ(FindReq(reqs, "scala"), nullptr);
  EXPECT_EQ(FindReq(reqs, "java"), nullptr);
  EXPECT_EQ(FindReq(reqs, "sql")->need, Need::kRequired);
}

TEST(JobAd, YearsTiedToTermOrRoleAndCompanyAgeIgnored) {
  const Requirements reqs =
      Ad("Backend Engineer\n\nAbout us\nWe were founded 12 years ago.\n\nRequirements\n"
         "- 5+ years of backend development, including at least two years of Go.\n"
         "- 3+ years of Python.\n- Minimum of 3 yrs experience with SQL.\n"
         "- Bachelor's degree in Computer Science or a related field.\n");
  ASSERT_TRUE(reqs.role_years.has_value());
  EXPECT_EQ(reqs.role_years->years, 5);
  bool python = false;
  bool sql = false;
  for (const YearsRequirement& y : reqs.term_years) {
    python |= y.term == Id("python") && y.years == 3;
    sql |= y.term == Id("sql") && y.years == 3;
  }
  EXPECT_TRUE(python);
  EXPECT_TRUE(sql);
  ASSERT_TRUE(reqs.degree.has_value());
  EXPECT_EQ(reqs.degree->level, DegreeLevel::kBachelor);
  ASSERT_EQ(reqs.degree->fields.size(), 1u);
  EXPECT_EQ(reqs.degree->fields[0], Id("computer-science"));
  EXPECT_EQ(FindReq(reqs, "computer-science"), nullptr);  // part of the degree
}

TEST(JobAd, CompanyAgeAloneGivesNoYearsRequirement) {
  const Requirements reqs =
      Ad("Analyst\n\nRequirements\n- We were founded 12 years ago; Excel skills.\n");
  EXPECT_FALSE(reqs.role_years.has_value());
  EXPECT_TRUE(reqs.term_years.empty());
}

TEST(Resume, TimelineMergesOverlapsAndDatesTerms) {
  const std::string resume =
      "Jane Doe\n\nEXPERIENCE\nEngineer, A          Jan 2019 - Present\n- Python services.\n"
      "Engineer, B\n03/2018 - 06/2021\n- Go tools.\n\nSKILLS\nSQL\n";
  CheckOptions options;
  options.as_of = kAsOf;
  Result<ResumeAnalysis> analysis = AnalyzeResume(SharedMatcher(), resume, options);
  ASSERT_TRUE(analysis.ok());
  ASSERT_EQ(analysis->roles.size(), 2u);
  EXPECT_EQ(analysis->roles[1].heading, "Engineer, B");
  EXPECT_NEAR(analysis->total_years, (MakeMonth(2025, 6) - MakeMonth(2018, 3) + 1) / 12.0, 1e-9);
  for (const ResumeTerm& t : analysis->terms) {
    if (t.term == Id("python")) {
      EXPECT_NEAR(t.years, 6.5, 1e-9);
      EXPECT_EQ(t.last_used, kAsOf);
    }
    if (t.term == Id("sql")) {
      EXPECT_EQ(t.years, 0);
    }
  }
}

// A term's years and last use come from the roles that name it, among seventy dated
// roles that mostly name other terms.
TEST(Resume, YearsCountTheRolesNamingATermAmongManyRoles) {
  std::string resume = "Jane Roe\n\nEXPERIENCE\n";
  for (int k = 0; k < 70; ++k) {
    const std::string skill = k == 0 || k == 69 ? "Python" : k == 68 ? "Golang" : "Microsoft Excel";
    resume += "Engineer, Company " + std::to_string(k) + "    Jan " + std::to_string(1950 + k) +
              " - Dec " + std::to_string(1950 + k) + "\n- Built tools in " + skill + ".\n\n";
  }
  CheckOptions options;
  options.as_of = kAsOf;
  Result<ResumeAnalysis> analysis = AnalyzeResume(SharedMatcher(), resume, options);
  ASSERT_TRUE(analysis.ok());
  ASSERT_EQ(analysis->roles.size(), 70u);
  std::map<uint32_t, const ResumeTerm*> by_id;
  for (const ResumeTerm& t : analysis->terms) by_id[t.term] = &t;
  ASSERT_TRUE(by_id.count(Id("python")) && by_id.count(Id("go")) && by_id.count(Id("excel")));
  EXPECT_NEAR(by_id[Id("python")]->years, 2.0, 1e-9);
  EXPECT_EQ(by_id[Id("python")]->last_used, MakeMonth(2019, 12));
  EXPECT_NEAR(by_id[Id("go")]->years, 1.0, 1e-9);
  EXPECT_EQ(by_id[Id("go")]->last_used, MakeMonth(2018, 12));
  EXPECT_NEAR(by_id[Id("excel")]->years, 67.0, 1e-9);
  EXPECT_EQ(by_id[Id("excel")]->last_used, MakeMonth(2017, 12));
}

// Each term lists each of its mentions once, terms in lexicon order and mentions in text
// order, whatever was analysed before on the same thread.
TEST(Resume, TermsListTheScansMentionsByTermInLexiconAndTextOrder) {
  std::vector<std::string> resumes;
  for (const auto& entry : fs::directory_iterator(Corpora() / "resumes")) {
    resumes.push_back(Slurp(entry.path()));
  }
  std::sort(resumes.begin(), resumes.end());
  resumes.push_back("Go, R and C++; Python and Go again.\nGo.\n");
  resumes.push_back("");  // no mentions at all
  CheckOptions options;
  options.as_of = kAsOf;
  std::vector<std::vector<ResumeTerm>> first_pass;
  for (const std::string& resume : resumes) {
    std::map<uint32_t, std::vector<std::pair<uint64_t, uint64_t>>> expected;
    for (const Match& m : SharedMatcher().Scan(resume).matches) {
      expected[m.term].emplace_back(m.begin, m.end);
    }
    Result<ResumeAnalysis> analysis = AnalyzeResume(SharedMatcher(), resume, options);
    ASSERT_TRUE(analysis.ok());
    std::map<uint32_t, std::vector<std::pair<uint64_t, uint64_t>>> listed;
    uint32_t previous = 0;
    for (size_t i = 0; i < analysis->terms.size(); ++i) {
      const ResumeTerm& t = analysis->terms[i];
      if (i > 0) {
        EXPECT_LT(previous, t.term) << "terms in lexicon order, each once";
      }
      previous = t.term;
      for (const TextSpan& span : t.spans) listed[t.term].emplace_back(span.begin, span.end);
    }
    EXPECT_EQ(listed, expected);
    first_pass.push_back(analysis->terms);
  }
  ASSERT_GT(first_pass.front().size(), 5u);
  // Again in the other order: nothing left over from the resume analysed before.
  for (size_t r = resumes.size(); r-- > 0;) {
    Result<ResumeAnalysis> again = AnalyzeResume(SharedMatcher(), resumes[r], options);
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(again->terms.size(), first_pass[r].size());
    for (size_t i = 0; i < again->terms.size(); ++i) {
      EXPECT_EQ(again->terms[i].term, first_pass[r][i].term);
      ASSERT_EQ(again->terms[i].spans.size(), first_pass[r][i].spans.size());
      for (size_t k = 0; k < again->terms[i].spans.size(); ++k) {
        EXPECT_EQ(again->terms[i].spans[k].begin, first_pass[r][i].spans[k].begin);
        EXPECT_EQ(again->terms[i].spans[k].end, first_pass[r][i].spans[k].end);
      }
    }
  }
}

// All corpora pairs: resume name -> ad name -> score.
struct Corpus {
  std::vector<std::string> names;
  std::map<std::string, std::string> resumes;
  std::map<std::string, Requirements> ads;
};

const Corpus& LoadCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    for (const auto& entry : fs::directory_iterator(Corpora() / "jobs")) {
      if (entry.path().extension() != ".txt") continue;
      c->names.push_back(entry.path().stem().string());
    }
    std::sort(c->names.begin(), c->names.end());
    for (const std::string& name : c->names) {
      c->resumes[name] = Slurp(Corpora() / "resumes" / (name + ".txt"));
      c->ads[name] = Ad(Slurp(Corpora() / "jobs" / (name + ".txt")));
    }
    return c;
  }();
  return *corpus;
}

TEST(Ordering, StrongMlResumeOutscoresWeakAndOffTopicOnes) {
  const Corpus& c = LoadCorpus();
  for (const char* ad : {"ml_engineer_senior", "ml_engineer_junior"}) {
    const Requirements& reqs = c.ads.at(ad);
    const double senior = Score(c.resumes.at("ml_engineer_senior"), reqs);
    for (const char* weak :
         {"backend_java", "frontend_react", "nurse", "sales_manager", "chef", "teacher"}) {
      EXPECT_GT(senior, Score(c.resumes.at(weak), reqs)) << ad << " vs " << weak;
    }
  }
  for (const char* off : {"nurse", "chef", "teacher", "sales_manager"}) {
    EXPECT_LT(Score(c.resumes.at(off), c.ads.at("ml_engineer_senior")), 30) << off;
  }
  EXPECT_LT(Score(c.resumes.at("backend_java"), c.ads.at("ml_engineer_senior")), 45);
}

TEST(Ordering, EachResumeScoresHighestOnItsOwnKindOfAd) {
  const Corpus& c = LoadCorpus();
  for (const std::string& resume : c.names) {
    const double own = Score(c.resumes.at(resume), c.ads.at(resume));
    std::string best = resume;
    double best_other = -1;
    for (const std::string& ad : c.names) {
      if (ad == resume) continue;
      const double s = Score(c.resumes.at(resume), c.ads.at(ad));
      if (s > best_other) {
        best_other = s;
        best = ad;
      }
    }
    // Close relatives (the three ML engineer ads) may tie or swap; the resume must still
    // beat every ad of another kind.
    const bool sibling = resume.starts_with("ml_engineer") && best.starts_with("ml_engineer");
    if (!sibling) {
      EXPECT_GE(own, best_other) << resume << " scores higher on " << best;
    }
  }
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

TEST(Properties, LineEndingsSpacingAndCaseChangeNothing) {
  const Corpus& c = LoadCorpus();
  for (const std::string& name : c.names) {
    const std::string& resume = c.resumes.at(name);
    const double base = Score(resume, c.ads.at(name));
    EXPECT_EQ(Score(Replace(resume, "\n", "\r\n"), c.ads.at(name)), base) << name;
    EXPECT_EQ(Score(Replace(Replace(resume, " ", "  "), "\n", " \t\n"), c.ads.at(name)), base)
        << name;
    // Headings in another case, and words the lexicon matches in any case upper-cased.
    std::string recased = resume;
    for (const char* heading :
         {"SUMMARY", "SKILLS", "EXPERIENCE", "PROJECTS", "EDUCATION", "CERTIFICATIONS"}) {
      std::string title = std::string(1, heading[0]);
      for (const char* p = heading + 1; *p; ++p) title += static_cast<char>(*p - 'A' + 'a');
      recased = Replace(recased, std::string("\n") + heading + "\n", "\n" + title + "\n");
    }
    for (const char* word : {"Python", "PyTorch", "Kubernetes", "Docker", "Airflow"}) {
      std::string upper = word;
      for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      recased = Replace(recased, word, upper);
    }
    EXPECT_EQ(Score(recased, c.ads.at(name)), base) << name;
  }
}

TEST(Properties, AddingMissingRequiredTermsNeverLowersRemovingMatchedNeverRaises) {
  const Corpus& c = LoadCorpus();
  const Lexicon& lexicon = SharedMatcher().lexicon();
  for (const std::string& name : c.names) {
    for (const std::string& ad : {name, std::string("ml_engineer_senior")}) {
      const Requirements& reqs = c.ads.at(ad);
      const std::string& resume = c.resumes.at(name);
      CheckOptions options;
      options.as_of = kAsOf;
      Result<CheckResult> result = CheckResume(SharedMatcher(), resume, reqs, options);
      ASSERT_TRUE(result.ok());
      const double base = result->score;
      for (const TermOutcome& o : result->missing) {
        const std::string added =
            resume + "\nSKILLS\n" + lexicon.term(o.requirement->term).name + "\n";
        EXPECT_GE(Score(added, reqs), base)
            << name << " + " << lexicon.term(o.requirement->term).id;
      }
      for (const TermOutcome& o : result->matched) {
        std::string removed = resume;
        for (auto it = o.resume_spans.rbegin(); it != o.resume_spans.rend(); ++it) {
          removed.replace(it->begin, it->end - it->begin, std::string(it->end - it->begin, ' '));
        }
        EXPECT_LE(Score(removed, reqs), base + 1e-9)
            << name << " - " << lexicon.term(o.requirement->term).id;
      }
    }
  }
}

// Results scored against one set of requirements share it rather than each copying the
// ad, every outcome points at one of its terms, and a result keeps it alive on its own.
TEST(Check, ResultsShareTheRequirementsTheyWereScoredAgainst) {
  CheckOptions options;
  options.as_of = kAsOf;
  auto shared = std::make_shared<const Requirements>(
      Ad("ML Engineer\n\nRequirements\n- Python, PyTorch and Docker.\n- Kubernetes or AWS.\n"));
  const std::string strong = "Skills: Python, PyTorch, Docker\n";
  const std::string weak = "Skills: Excel\n";
  const auto expect_outcomes_in = [](const CheckResult& result, const Requirements& reqs) {
    ASSERT_FALSE(reqs.terms.empty());
    for (const auto* outcomes : {&result.matched, &result.missing}) {
      for (const TermOutcome& o : *outcomes) {
        ASSERT_NE(o.requirement, nullptr);
        EXPECT_GE(o.requirement, reqs.terms.data());
        EXPECT_LT(o.requirement, reqs.terms.data() + reqs.terms.size());
      }
    }
    EXPECT_EQ(result.matched.size() + result.missing.size(), reqs.terms.size());
  };
  Result<CheckResult> a = CheckResume(SharedMatcher(), strong, shared, options);
  Result<CheckResult> b = CheckResume(SharedMatcher(), weak, shared, options);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->requirements.get(), shared.get());
  EXPECT_EQ(b->requirements.get(), shared.get());
  expect_outcomes_in(*a, *shared);
  expect_outcomes_in(*b, *shared);
  EXPECT_GT(a->score, b->score);

  // Given by reference, the requirements are copied once, into the result.
  Result<CheckResult> copied = CheckResume(SharedMatcher(), strong, *shared, options);
  ASSERT_TRUE(copied.ok());
  EXPECT_NE(copied->requirements.get(), shared.get());
  expect_outcomes_in(*copied, *copied->requirements);
  EXPECT_EQ(copied->score, a->score);

  // The caller lets go: the results still read their requirements (ASan checks this).
  const Requirements* held = shared.get();
  shared.reset();
  EXPECT_EQ(a->requirements.get(), held);
  for (const TermOutcome& o : a->matched) EXPECT_FALSE(o.requirement->sentence.empty());

  Result<CheckResult> none = CheckResume(SharedMatcher(), strong, nullptr, options);
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
}

TEST(Suggestions, NeverSuggestWhatTheResumeHas) {
  const Corpus& c = LoadCorpus();
  for (const std::string& name : c.names) {
    CheckOptions options;
    options.as_of = kAsOf;
    Result<CheckResult> result =
        CheckResume(SharedMatcher(), c.resumes.at(name), c.ads.at(name), options);
    ASSERT_TRUE(result.ok());
    for (const Suggestion& s : result->suggestions) {
      if (s.kind != SuggestionKind::kAddTerm) continue;
      for (const ResumeTerm& t : result->resume.terms) {
        EXPECT_FALSE(s.term == t.term && !t.spans.empty()) << name << ": " << s.message;
      }
    }
  }
}

// Leaving the suggestions out changes nothing else: the same score, terms and parts.
TEST(Suggestions, LeftOutOnRequestWithTheRestUnchanged) {
  const Corpus& c = LoadCorpus();
  for (const std::string& name : c.names) {
    CheckOptions options;
    options.as_of = kAsOf;
    Result<CheckResult> full =
        CheckResume(SharedMatcher(), c.resumes.at(name), c.ads.at(name), options);
    options.suggestions = false;
    Result<CheckResult> bare =
        CheckResume(SharedMatcher(), c.resumes.at(name), c.ads.at(name), options);
    ASSERT_TRUE(full.ok() && bare.ok());
    EXPECT_FALSE(full->suggestions.empty()) << name;
    EXPECT_TRUE(bare->suggestions.empty()) << name;
    full->suggestions.clear();
    const std::string& text = c.resumes.at(name);
    EXPECT_EQ(RenderCheckJson(SharedMatcher().lexicon(), name, text, *full, {}),
              RenderCheckJson(SharedMatcher().lexicon(), name, text, *bare, {}))
        << name;
  }
}

TEST(Profile, BuiltinMlEngineerLoadsAndRanksMlResumesFirst) {
  Result<RoleProfile> profile = RoleProfile::Builtin("ml-engineer");
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_GT(profile->term_count(), 50u);
  Result<Requirements> reqs = profile->ToRequirements(SharedMatcher().lexicon());
  ASSERT_TRUE(reqs.ok()) << reqs.status().ToString();
  const Corpus& c = LoadCorpus();
  const double ml = Score(c.resumes.at("ml_engineer_senior"), *reqs);
  for (const char* other : {"backend_java", "nurse", "chef", "frontend_react"}) {
    EXPECT_GT(ml, Score(c.resumes.at(other), *reqs)) << other;
  }
  EXPECT_FALSE(RoleProfile::Builtin("astronaut").ok());
}

TEST(Profile, BadProfilesGiveClearErrorsNamingTheFile) {
  auto error = [](std::string_view json) {
    return RoleProfile::FromJson(json, "p.json").status().ToString();
  };
  EXPECT_NE(error("{").find("p.json"), std::string::npos);
  EXPECT_NE(error(R"({"schema":"x"})").find("jobfit.profile/1"), std::string::npos);
  EXPECT_NE(
      error(R"({"schema":"jobfit.profile/1","name":"a","terms":[{"id":"python"}]})").find("weight"),
      std::string::npos);
  Result<RoleProfile> unknown = RoleProfile::FromJson(
      R"({"schema":"jobfit.profile/1","name":"a","terms":[{"id":"no-such","weight":1}]})",
      "p.json");
  ASSERT_TRUE(unknown.ok());
  EXPECT_NE(unknown->ToRequirements(SharedMatcher().lexicon()).status().ToString().find("no-such"),
            std::string::npos);
}

TEST(Golden, TextAndJsonReports) {
  struct Case {
    const char* name;
    std::string resume;  // relative to the source tree
    std::string ad;      // empty: the ml-engineer profile
  };
  const std::vector<Case> cases = {
      {"sample", "examples/sample_resume.txt", "examples/sample_job.txt"},
      {"ml_senior_on_ml_senior", "corpora/resumes/ml_engineer_senior.txt",
       "corpora/jobs/ml_engineer_senior.txt"},
      {"data_engineer_on_data_engineer", "corpora/resumes/data_engineer.txt",
       "corpora/jobs/data_engineer.txt"},
      {"nurse_on_ml_junior", "corpora/resumes/nurse.txt", "corpora/jobs/ml_engineer_junior.txt"},
      {"ml_junior_on_profile", "corpora/resumes/ml_engineer_junior.txt", ""},
  };
  const fs::path root(JOBFIT_SOURCE_DIR);
  for (const Case& c : cases) {
    const std::string resume = Slurp(root / c.resume);
    Requirements reqs;
    if (c.ad.empty()) {
      Result<RoleProfile> profile = RoleProfile::Builtin("ml-engineer");
      ASSERT_TRUE(profile.ok());
      reqs = *profile->ToRequirements(SharedMatcher().lexicon());
    } else {
      Result<Requirements> analysed = AnalyzeJobAd(SharedMatcher(), Slurp(root / c.ad), c.ad);
      ASSERT_TRUE(analysed.ok());
      reqs = *analysed;
    }
    CheckOptions options;
    options.as_of = kAsOf;
    options.explain = true;
    Result<CheckResult> result = CheckResume(SharedMatcher(), resume, reqs, options);
    ASSERT_TRUE(result.ok());
    CheckReportOptions plain;  // no colour, 80 columns
    const fs::path dir = root / "tests" / "golden" / "check" / c.name;
    const std::string text =
        RenderCheckText(SharedMatcher().lexicon(), c.resume, resume, *result, plain);
    for (size_t start = 0; start < text.size();) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      size_t columns = 0;
      for (size_t i = start; i < end; ++i) {
        columns += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
      }
      EXPECT_LE(columns, 80u) << c.name << ": " << text.substr(start, end - start);
      start = end + 1;
    }
    jobfit::test_util::ExpectGolden(dir / "report.txt", text);
    CheckReportOptions explain = plain;
    explain.explain = true;
    jobfit::test_util::ExpectGolden(
        dir / "report.json",
        RenderCheckJson(SharedMatcher().lexicon(), c.resume, resume, *result, explain));
  }
}

}  // namespace
}  // namespace jobfit
