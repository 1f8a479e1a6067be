// Extracts every text of corpora/ with the built-in lexicon and compares the terms found
// with the hand-checked gold list beside it (corpora/README.md). Prints each file's misses
// and extras, and precision and recall over the whole corpus; fails below 0.95 on either.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"

#include "testing/test_util.h"

namespace jobfit {
namespace {

namespace fs = std::filesystem;

using jobfit::test_util::Slurp;

std::set<std::string> ReadGold(const fs::path& path) {
  std::set<std::string> ids;
  std::istringstream in(Slurp(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    ids.insert(line);
  }
  return ids;
}

std::string Join(const std::set<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += " " + id;
  return out;
}

TEST(Corpora, PrecisionAndRecallAgainstGoldListsAreAtLeast95Percent) {
  const fs::path root = fs::path(JOBFIT_SOURCE_DIR) / "corpora";
  Result<Lexicon> lexicon = Lexicon::Builtin();
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();

  int files = 0;
  size_t true_positives = 0;
  size_t false_positives = 0;
  size_t false_negatives = 0;
  std::vector<fs::path> texts;
  for (const char* kind : {"resumes", "jobs"}) {
    for (const auto& entry : fs::directory_iterator(root / kind)) {
      if (entry.path().extension() == ".txt") texts.push_back(entry.path());
    }
  }
  std::sort(texts.begin(), texts.end());
  for (const fs::path& text_path : texts) {
    const fs::path gold_path = text_path.string() + ".gold";
    ASSERT_TRUE(fs::exists(gold_path)) << "no gold list for " << text_path;
    const std::set<std::string> gold = ReadGold(gold_path);
    for (const std::string& id : gold) {
      EXPECT_TRUE(lexicon->Find(id).has_value()) << gold_path << ": unknown id " << id;
    }
    std::set<std::string> found;
    for (const Match& m : matcher->FindAll(Slurp(text_path)))
      found.insert(lexicon->term(m.term).id);
    std::set<std::string> missed;
    std::set<std::string> extra;
    std::set_difference(gold.begin(), gold.end(), found.begin(), found.end(),
                        std::inserter(missed, missed.end()));
    std::set_difference(found.begin(), found.end(), gold.begin(), gold.end(),
                        std::inserter(extra, extra.end()));
    true_positives += gold.size() - missed.size();
    false_negatives += missed.size();
    false_positives += extra.size();
    ++files;
    if (!missed.empty() || !extra.empty()) {
      std::cout << fs::relative(text_path, root).string() << ": missed" << Join(missed)
                << " | extra" << Join(extra) << "\n";
    }
  }
  const double precision =
      static_cast<double>(true_positives) / static_cast<double>(true_positives + false_positives);
  const double recall =
      static_cast<double>(true_positives) / static_cast<double>(true_positives + false_negatives);
  std::cout << "corpora: " << files << " files, " << true_positives << " true positives, "
            << false_positives << " false positives, " << false_negatives
            << " false negatives; precision " << precision << ", recall " << recall << "\n";
  EXPECT_GE(files, 24);
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.95);
}

}  // namespace
}  // namespace jobfit
