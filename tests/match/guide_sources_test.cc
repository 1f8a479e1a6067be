// Checks the built-in lexicon's provenance against the guides it was built from
// (../shared/guides beside the repository): every entry that cites a guide is found in it
// by the real matcher, and every entry the matcher finds in a guide cites it. Also lists
// capitalised or technical-looking words of the guides that no entry covers, for whoever
// extends the lexicon. Skips when the guides are not there.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"

#include "testing/test_util.h"

namespace jobfit {
namespace {

namespace fs = std::filesystem;

fs::path GuidesDir() { return fs::path(JOBFIT_SOURCE_DIR) / ".." / "shared" / "guides"; }

using jobfit::test_util::Slurp;

// True for guide file names: three digits, "_", sixteen hex digits, ".txt".
bool IsGuideSource(const std::string& source) {
  if (source.size() != 24 || source[3] != '_' || source.substr(20) != ".txt") return false;
  for (size_t i = 0; i < 20; ++i) {
    if (i == 3) continue;
    const char c = source[i];
    const bool ok =
        i < 3 ? (c >= '0' && c <= '9') : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (!ok) return false;
  }
  return true;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A word looks technical when it has an inner capital ("PyTorch"), is an acronym ("SQL",
// "LLMs") or mixes letters and digits ("GPT4").
bool LooksTechnical(std::string_view word) {
  int upper = 0;
  int lower = 0;
  int digits = 0;
  bool inner_capital = false;
  for (size_t i = 0; i < word.size(); ++i) {
    upper += IsUpper(word[i]) ? 1 : 0;
    lower += IsLower(word[i]) ? 1 : 0;
    digits += IsDigit(word[i]) ? 1 : 0;
    inner_capital |= i > 0 && IsUpper(word[i]) && IsLower(word[i - 1]);
  }
  const bool acronym = upper >= 2 && lower <= 1 && digits == 0;
  return inner_capital || acronym || (digits > 0 && upper + lower > 0);
}

struct GuideScan {
  std::map<std::string, std::set<std::string>> ids_by_guide;
  std::map<std::string, std::string> text_by_guide;
  std::map<std::string, std::vector<Match>> matches_by_guide;
};

GuideScan ScanGuides(const Matcher& matcher) {
  GuideScan scan;
  for (const auto& entry : fs::directory_iterator(GuidesDir())) {
    const std::string name = entry.path().filename().string();
    if (!IsGuideSource(name)) continue;
    scan.text_by_guide[name] = Slurp(entry.path());
    const std::vector<Match> matches = matcher.FindAll(scan.text_by_guide[name]);
    for (const Match& m : matches) {
      scan.ids_by_guide[name].insert(matcher.lexicon().term(m.term).id);
    }
    scan.matches_by_guide[name] = matches;
  }
  return scan;
}

class GuideSources : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(GuidesDir())) GTEST_SKIP() << "no guides at " << GuidesDir();
    Result<Lexicon> lexicon = Lexicon::Builtin();
    ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
    Result<Matcher> matcher = Matcher::Compile(*lexicon);
    ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
    matcher_ = std::make_unique<Matcher>(std::move(*matcher));
    scan_ = ScanGuides(*matcher_);
    ASSERT_EQ(scan_.text_by_guide.size(), 5u);
  }

  std::unique_ptr<Matcher> matcher_;
  GuideScan scan_;
};

// The elliptical mentions of tests/match/data/guide_mentions.tsv, as "id\tguide".
std::set<std::string> ReadUnseenMentions() {
  std::ifstream in(std::string(JOBFIT_TEST_DATA_DIR) + "/guide_mentions.tsv");
  std::set<std::string> mentions;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t second_tab = line.find('\t', line.find('\t') + 1);
    mentions.insert(line.substr(0, second_tab));
  }
  return mentions;
}

TEST_F(GuideSources, EveryCitedGuideNamesTheEntry) {
  const Lexicon& lexicon = matcher_->lexicon();
  const std::set<std::string> unseen = ReadUnseenMentions();
  EXPECT_FALSE(unseen.empty());
  int cited = 0;
  for (size_t i = 0; i < lexicon.size(); ++i) {
    const Term& term = lexicon.term(i);
    for (const std::string& source : term.sources) {
      if (!IsGuideSource(source)) continue;
      ++cited;
      const bool found = scan_.ids_by_guide[source].count(term.id) > 0;
      if (unseen.count(term.id + "\t" + source)) {
        EXPECT_FALSE(found) << "guide_mentions.tsv lists " << term.id << " in " << source
                            << ", but the matcher now finds it: remove the line";
        continue;
      }
      EXPECT_TRUE(found) << term.origin << ": entry \"" << term.id << "\" cites " << source
                         << " but none of its aliases occurs there";
    }
  }
  EXPECT_GT(cited, 150);
}

TEST_F(GuideSources, EveryEntryFoundInAGuideCitesIt) {
  const Lexicon& lexicon = matcher_->lexicon();
  for (const auto& [guide, ids] : scan_.ids_by_guide) {
    for (const std::string& id : ids) {
      const Term& term = lexicon.term(*lexicon.Find(id));
      EXPECT_TRUE(std::count(term.sources.begin(), term.sources.end(), guide))
          << term.origin << ": entry \"" << id << "\" is named by " << guide
          << " but its sources do not list it";
    }
  }
}

// Informational: words that look like names of tools or skills and that no lexicon entry
// covers. Printed, not asserted: most are people's and companies' names.
TEST_F(GuideSources, ListsTechnicalLookingWordsNoEntryCovers) {
  std::map<std::string, int> uncovered;
  for (const auto& [guide, text] : scan_.text_by_guide) {
    std::vector<bool> covered(text.size(), false);
    for (const Match& m : scan_.matches_by_guide[guide]) {
      std::fill(covered.begin() + static_cast<std::ptrdiff_t>(m.begin),
                covered.begin() + static_cast<std::ptrdiff_t>(m.end), true);
    }
    for (size_t i = 0; i < text.size();) {
      if (!IsUpper(text[i]) && !IsLower(text[i]) && !IsDigit(text[i])) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < text.size() &&
             (IsUpper(text[end]) || IsLower(text[end]) || IsDigit(text[end]))) {
        ++end;
      }
      const std::string_view word(text.data() + i, end - i);
      if (!covered[i] && LooksTechnical(word)) ++uncovered[std::string(word)];
      i = end;
    }
  }
  std::cout << "guide words no entry covers (" << uncovered.size() << "):";
  for (const auto& [word, count] : uncovered) std::cout << " " << word << "(" << count << ")";
  std::cout << "\n";
  SUCCEED();
}

}  // namespace
}  // namespace jobfit
