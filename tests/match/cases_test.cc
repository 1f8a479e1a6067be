// Runs tests/match/data/cases.tsv against the built-in lexicon: the matcher table of
// positive and negative cases (tricky spellings, ambiguous names, ordinary words).
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"

#include "text/utf8.h"

namespace jobfit {
namespace {

// Decodes the table's escapes: \n and \uXXXX.
std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out.push_back('\n');
      ++i;
    } else if (s[i] == '\\' && i + 5 < s.size() + 0 && s[i + 1] == 'u') {
      text::AppendUtf8(static_cast<char32_t>(std::stoul(s.substr(i + 2, 4), nullptr, 16)), &out);
      i += 5;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct Case {
  int line = 0;
  bool expected = false;
  std::string id;
  std::string text;
};

std::vector<Case> ReadCases() {
  std::ifstream in(std::string(JOBFIT_TEST_DATA_DIR) + "/cases.tsv");
  EXPECT_TRUE(in) << "cannot open cases.tsv";
  std::vector<Case> cases;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string sign;
    Case c;
    c.line = number;
    std::getline(fields, sign, '\t');
    std::getline(fields, c.id, '\t');
    std::getline(fields, c.text);
    c.expected = sign == "+";
    c.text = Unescape(c.text);
    cases.push_back(c);
  }
  return cases;
}

TEST(MatcherCases, BuiltinLexiconGetsEveryTableCaseRight) {
  Result<Lexicon> lexicon = Lexicon::Builtin();
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  const std::vector<Case> cases = ReadCases();
  EXPECT_GE(cases.size(), 150u);
  int positives = 0;
  for (const Case& c : cases) {
    positives += c.expected ? 1 : 0;
    ASSERT_TRUE(lexicon->Find(c.id).has_value())
        << "cases.tsv:" << c.line << ": no entry \"" << c.id << "\" in the built-in lexicon";
    bool found = false;
    std::string got;
    for (const Match& m : matcher->FindAll(c.text)) {
      const std::string& id = lexicon->term(m.term).id;
      got += " " + id;
      found |= id == c.id;
    }
    EXPECT_EQ(found, c.expected) << "cases.tsv:" << c.line << ": \"" << c.text << "\" should "
                                 << (c.expected ? "" : "not ") << "yield " << c.id
                                 << "; got:" << got;
  }
  EXPECT_GE(positives, 50);
  EXPECT_GE(static_cast<int>(cases.size()) - positives, 50);
}

}  // namespace
}  // namespace jobfit
