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
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"

namespace jobfit {
namespace {

namespace fs = std::filesystem;

fs::path GuidesDir() { return fs::path(JOBFIT_SOURCE_DIR) / ".." / "shared" / "guides"; }

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool IsGuideSource(const std::string& source) {
  static const std::regex kGuide(R"(\d{3}_[0-9a-f]{16}\.txt)");
  return std::regex_match(source, kGuide);
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
  static const std::regex kTechnical(
      R"(\b([A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]?s?|[A-Za-z]+[0-9][A-Za-z0-9]*)\b)");
  std::map<std::string, int> uncovered;
  for (const auto& [guide, text] : scan_.text_by_guide) {
    std::vector<bool> covered(text.size(), false);
    for (const Match& m : scan_.matches_by_guide[guide]) {
      std::fill(covered.begin() + static_cast<std::ptrdiff_t>(m.begin),
                covered.begin() + static_cast<std::ptrdiff_t>(m.end), true);
    }
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kTechnical);
         it != std::sregex_iterator(); ++it) {
      const auto pos = static_cast<size_t>(it->position());
      if (!covered[pos]) ++uncovered[it->str()];
    }
  }
  std::cout << "guide words no entry covers (" << uncovered.size() << "):";
  for (const auto& [word, count] : uncovered) std::cout << " " << word << "(" << count << ")";
  std::cout << "\n";
  SUCCEED();
}

}  // namespace
}  // namespace jobfit
