// Unit tests of the score module's hand parsers: sections, years, degrees, dates, the
// timeline and the cues of job-ad sentences.
#include <string>

#include <gtest/gtest.h>

#include "score/experience.h"
#include "score/job_ad.h"
#include "score/sections.h"
#include "score/text_util.h"
#include "score/timeline.h"

namespace jobfit::internal {
namespace {

TEST(AdSections, RecogniseRequirementPreferredAndOtherHeadings) {
  EXPECT_EQ(ClassifyAdHeading("Requirements"), AdSection::kRequired);
  EXPECT_EQ(ClassifyAdHeading("Qualifications:"), AdSection::kRequired);
  EXPECT_EQ(ClassifyAdHeading("Must have"), AdSection::kRequired);
  EXPECT_EQ(ClassifyAdHeading("What you bring"), AdSection::kRequired);
  EXPECT_EQ(ClassifyAdHeading("What we\xE2\x80\x99re looking for"), AdSection::kRequired);
  EXPECT_EQ(ClassifyAdHeading("Nice to have"), AdSection::kPreferred);
  EXPECT_EQ(ClassifyAdHeading("Preferred qualifications"), AdSection::kPreferred);
  EXPECT_EQ(ClassifyAdHeading("Bonus points"), AdSection::kPreferred);
  EXPECT_EQ(ClassifyAdHeading("Pluses"), AdSection::kPreferred);
  EXPECT_EQ(ClassifyAdHeading("Responsibilities"), AdSection::kDuties);
  EXPECT_EQ(ClassifyAdHeading("What you'll do"), AdSection::kDuties);
  EXPECT_EQ(ClassifyAdHeading("About us"), AdSection::kIgnored);
  EXPECT_EQ(ClassifyAdHeading("Benefits"), AdSection::kIgnored);
  EXPECT_EQ(ClassifyAdHeading("What we offer"), AdSection::kIgnored);
  EXPECT_EQ(ClassifyAdHeading("- 3+ years of Python and solid SQL."), std::nullopt);
}

TEST(ResumeSections, RecogniseCommonHeadingsInAnyCase) {
  EXPECT_EQ(ClassifyResumeHeading("SUMMARY"), ResumeSection::kSummary);
  EXPECT_EQ(ClassifyResumeHeading("Technical Skills"), ResumeSection::kSkills);
  EXPECT_EQ(ClassifyResumeHeading("professional experience"), ResumeSection::kExperience);
  EXPECT_EQ(ClassifyResumeHeading("PROJECTS"), ResumeSection::kProjects);
  EXPECT_EQ(ClassifyResumeHeading("Education"), ResumeSection::kEducation);
  EXPECT_EQ(ClassifyResumeHeading("LICENSES & CERTIFICATIONS"), ResumeSection::kCertifications);
  const std::string resume = "Jane Doe\nData Engineer\n\nSKILLS\nPython\r\nINTERESTS\nChess\n";
  const auto sections = FindResumeSections(resume, SplitLines(resume));
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[0].kind, ResumeSection::kHeader);
  EXPECT_EQ(sections[1].kind, ResumeSection::kSkills);
  EXPECT_EQ(sections[2].kind, ResumeSection::kOther);
}

// A resume heading has at most four words, counted across runs of spaces and tabs.
TEST(ResumeSections, CountHeadingWordsAcrossSpacesAndTabs) {
  EXPECT_EQ(ClassifyResumeHeading("  Work \t  Experience  "), ResumeSection::kExperience);
  EXPECT_EQ(ClassifyResumeHeading("\tSkills\tand\tTools\t"), ResumeSection::kSkills);
  EXPECT_EQ(ClassifyResumeHeading("Relevant Work Experience Abroad"), ResumeSection::kExperience);
  EXPECT_EQ(ClassifyResumeHeading("Relevant Work Experience In Europe"), std::nullopt);
  EXPECT_EQ(ClassifyResumeHeading("Relevant\tWork\tExperience\tIn\tEurope"), std::nullopt);
  EXPECT_EQ(ClassifyAdHeading("What you will do here daily"), AdSection::kDuties);
  EXPECT_EQ(ClassifyAdHeading("What you will do here each day"), std::nullopt);
}

TEST(TextUtil, LowerAsciiChangesOnlyAsciiCapitals) {
  std::string every;
  for (int c = 0; c < 256; ++c) every.push_back(static_cast<char>(c));
  const std::string lower = LowerAscii(every);
  ASSERT_EQ(lower.size(), every.size());
  for (int c = 0; c < 256; ++c) {
    const char want = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c);
    EXPECT_EQ(lower[static_cast<size_t>(c)], want) << c;
  }
  EXPECT_EQ(LowerAscii("5 YEARS of \xC3\x89"
                       "COLE Python"),
            "5 years of \xC3\x89"
            "cole python");
}

TEST(TextUtil, FoldForCuesAndOneLineCollapseWhiteSpace) {
  EXPECT_EQ(FoldForCues("  Nice\t TO \r\n Have:  "), "nice to have:");
  EXPECT_EQ(FoldForCues(" \n\t "), "");
  EXPECT_EQ(OneLine("- Build  ML\n pipelines\t"), "Build ML pipelines");
  EXPECT_EQ(OneLine("Python"), "Python");
}

double OnlyYears(const std::string& sentence) {
  const auto phrases = FindYearsPhrases(sentence);
  return phrases.size() == 1 ? phrases[0].years : -1;
}

TEST(Years, ReadEveryPhraseOfTheIssue) {
  EXPECT_EQ(OnlyYears("3+ years of Python"), 3);
  EXPECT_EQ(OnlyYears("5-7 years of professional experience"), 5);
  EXPECT_EQ(OnlyYears("at least two years of experience"), 2);
  EXPECT_EQ(OnlyYears("minimum of 3 yrs experience with SQL"), 3);
  EXPECT_EQ(OnlyYears("3 to 5 years in DevOps"), 3);
  EXPECT_EQ(OnlyYears("2\xCE\xB2"
                      "4 years of experience in machine learning"),
            2);
}

TEST(Years, CompanyAgeAndPeriodsAreNotRequirements) {
  EXPECT_TRUE(FindYearsPhrases("The company was founded 12 years ago.").empty());
  EXPECT_TRUE(FindYearsPhrases("We were founded 12 years ago and have grown since").empty());
  EXPECT_TRUE(FindYearsPhrases("inside a 150-year-old insurer").empty());
  EXPECT_TRUE(FindYearsPhrases("a structured two-year programme").empty());
  EXPECT_TRUE(FindYearsPhrases("a paid sabbatical after four years").empty());
  EXPECT_TRUE(FindYearsPhrases("completion within three years of hire").empty());
  // The negating word may stand five words before the unit, past a range and a "to".
  EXPECT_TRUE(FindYearsPhrases("for 1-2 to 5 years of experience").empty());
  const auto ranged = FindYearsPhrases("1-2 to 5 years of experience");
  ASSERT_EQ(ranged.size(), 1u);
  EXPECT_EQ(ranged[0].years, 1.0);
  EXPECT_EQ(ranged[0].begin, 0u);
}

TEST(Years, SideClauseIsMarked) {
  const auto phrases =
      FindYearsPhrases("5+ years of backend development, including at least two years of Go");
  ASSERT_EQ(phrases.size(), 2u);
  EXPECT_FALSE(phrases[0].side);
  EXPECT_TRUE(phrases[1].side);
}

TEST(Degrees, LevelsFromTermsAndAbbreviations) {
  EXPECT_EQ(DegreeLevelOfTerm("bachelors-degree"), DegreeLevel::kBachelor);
  EXPECT_EQ(DegreeLevelOfTerm("phd"), DegreeLevel::kDoctorate);
  EXPECT_EQ(HighestDegreeInText("B.Eng. Computer Engineering, 2015"), DegreeLevel::kBachelor);
  EXPECT_EQ(HighestDegreeInText("M.Sc. Computer Science\nBSc Maths"), DegreeLevel::kMaster);
  EXPECT_EQ(HighestDegreeInText("Ph.D. in Linguistics"), DegreeLevel::kDoctorate);
  EXPECT_EQ(HighestDegreeInText("ms excel and ba skills"), DegreeLevel::kNone);
}

// The degree terms by index give every term of the built-in lexicon the level its id
// gives, and none where a lexicon has no degree terms.
TEST(Degrees, TermsByIndexAgreeWithTheirIds) {
  const Result<Lexicon> builtin = Lexicon::Builtin();
  ASSERT_TRUE(builtin.ok());
  const DegreeTerms degrees(*builtin);
  int found = 0;
  for (size_t t = 0; t < builtin->size(); ++t) {
    const DegreeLevel level = DegreeLevelOfTerm(builtin->term(t).id);
    EXPECT_EQ(degrees.LevelOf(static_cast<uint32_t>(t)), level) << builtin->term(t).id;
    found += level != DegreeLevel::kNone ? 1 : 0;
  }
  EXPECT_EQ(found, 5);  // bachelor's, master's, MBA, PhD, associate
  EXPECT_EQ(DegreeLevelOfTerm("mba"), DegreeLevel::kMaster);
  EXPECT_EQ(DegreeLevelOfTerm("associate-degree"), DegreeLevel::kAssociate);
  EXPECT_EQ(DegreeLevelOfTerm("python"), DegreeLevel::kNone);

  const Result<Lexicon> plain = Lexicon::FromJson(
      R"({"schema": "jobfit.lexicon/1", "name": "tools", "version": "1",
          "entries": [{"id": "zig", "name": "Zig", "category": "language",
                       "sources": ["extended"], "aliases": ["Zig"]}]})",
      "tools.json");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(DegreeTerms(*plain).LevelOf(0), DegreeLevel::kNone);
}

TEST(Dates, RangesOfEveryForm) {
  const MonthIndex now = MakeMonth(2025, 6);
  auto range = FindDateRange("Senior ML Engineer, Northwind     Jan 2019 - Present", now);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->begin, MakeMonth(2019, 1));
  EXPECT_EQ(range->end, now);
  EXPECT_TRUE(range->present);
  range = FindDateRange("03/2018 - 06/2021", now);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->begin, MakeMonth(2018, 3));
  EXPECT_EQ(range->end, MakeMonth(2021, 6));
  range = FindDateRange("Junior BI Developer 2017-2020", now);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->begin, MakeMonth(2017, 1));
  EXPECT_EQ(range->end, MakeMonth(2020, 12));
  range = FindDateRange("Intern, Sep '22 \xE2\x80\x93 Mar '23", now);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->begin, MakeMonth(2022, 9));
  EXPECT_EQ(range->end, MakeMonth(2023, 3));
  range = FindDateRange("'19 to '21", now);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->begin, MakeMonth(2019, 1));
  // A curly apostrophe opening the line, and month names of every length.
  range = FindDateRange(
      "\xE2\x80\x99"
      "19 \xE2\x80\x93 \xE2\x80\x99"
      "21",
      now);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->begin, MakeMonth(2019, 1));
  EXPECT_EQ(range->end, MakeMonth(2021, 12));
  range = FindDateRange("Lead (remote), September 2019 - Sept. 2020", now);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->begin, MakeMonth(2019, 9));
  EXPECT_EQ(range->end, MakeMonth(2020, 9));
  range = FindDateRange("Analyst: May 2016 to December 2017", now);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->begin, MakeMonth(2016, 5));
  EXPECT_EQ(range->end, MakeMonth(2017, 12));
  EXPECT_FALSE(FindDateRange("M.Sc. Computer Science, University of Leeds, 2017", now));
  EXPECT_FALSE(FindDateRange("2020 - 2018", now));
}

TEST(Timeline, OverlappingRolesCountOnce) {
  EXPECT_EQ(MergedMonths({{MakeMonth(2019, 1), MakeMonth(2020, 12)},
                          {MakeMonth(2020, 6), MakeMonth(2021, 5)}}),
            29);
  EXPECT_EQ(MergedMonths({{MakeMonth(2019, 1), MakeMonth(2019, 12)},
                          {MakeMonth(2021, 1), MakeMonth(2021, 12)}}),
            24);
  // Adjacent roles join without a gap month.
  EXPECT_EQ(MergedMonths({{MakeMonth(2019, 1), MakeMonth(2019, 12)},
                          {MakeMonth(2020, 1), MakeMonth(2020, 12)}}),
            24);
  EXPECT_EQ(MergedMonths({}), 0);
}

TEST(Cues, InlinePreferenceRequirementAndNegation) {
  EXPECT_EQ(ClauseCue(FoldForCues("Experience with Spark is a plus")), Need::kPreferred);
  EXPECT_EQ(ClauseCue(FoldForCues("must have Terraform")), Need::kRequired);
  EXPECT_EQ(ClauseCue(FoldForCues("Experience with Docker")), std::nullopt);
  EXPECT_TRUE(IsNegatedClause(FoldForCues("No Kubernetes experience required")));
  EXPECT_TRUE(IsNegatedClause(FoldForCues("Java experience is not needed")));
  EXPECT_TRUE(IsNegatedClause(FoldForCues("no Scala required")));
  EXPECT_FALSE(IsNegatedClause(FoldForCues("Kubernetes experience required")));
  EXPECT_TRUE(IsBoilerplate(FoldForCues("We are an equal opportunity employer.")));
}

TEST(Sentences, BulletsAndWrappedLines) {
  const std::string text =
      "Requirements\n- 3+ years of Python and\n  solid SQL.\n- Docker. Kubernetes.\n";
  const std::vector<Range> sentences = SplitSentences(text, {{0, 12}});
  ASSERT_EQ(sentences.size(), 4u);
  EXPECT_EQ(OneLine(text.substr(sentences[1].begin, sentences[1].end - sentences[1].begin)),
            "3+ years of Python and solid SQL.");
}

}  // namespace
}  // namespace jobfit::internal
