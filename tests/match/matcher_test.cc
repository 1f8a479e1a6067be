#include "jobfit/matcher.h"

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "jobfit/lexicon.h"

namespace jobfit {
namespace {

// A small lexicon that exercises every feature of the matcher.
constexpr std::string_view kFixture = R"json({
  "schema": "jobfit.lexicon/1", "name": "fixture", "version": "1",
  "entries": [
    {"id": "python", "name": "Python", "category": "language", "sources": ["extended"],
     "aliases": ["Python", "python3"],
     "patterns": [{"regex": "\\bPython\\s?3(?:\\.\\d+|\\.x)?\\b"}]},
    {"id": "pytorch", "name": "PyTorch", "category": "library", "sources": ["extended"],
     "aliases": ["PyTorch"], "implies": ["deep-learning"]},
    {"id": "pytorch-lightning", "name": "PyTorch Lightning", "category": "library",
     "sources": ["extended"], "aliases": ["PyTorch Lightning"], "implies": ["pytorch"]},
    {"id": "deep-learning", "name": "deep learning", "category": "concept",
     "sources": ["extended"], "aliases": ["deep learning"]},
    {"id": "cnn", "name": "CNN", "category": "concept", "sources": ["extended"],
     "aliases": ["CNN", "convolutional neural network"]},
    {"id": "aws", "name": "AWS", "category": "cloud", "sources": ["extended"],
     "aliases": [{"text": "AWS", "case": "exact"}, "Amazon Web Services"]},
    {"id": "sagemaker", "name": "SageMaker", "category": "cloud", "sources": ["extended"],
     "aliases": ["SageMaker", "AWS SageMaker"], "implies": ["aws"]},
    {"id": "scikit-learn", "name": "scikit-learn", "category": "library",
     "sources": ["extended"], "aliases": ["scikit-learn", "sklearn"]},
    {"id": "go", "name": "Go", "category": "language", "sources": ["extended"],
     "aliases": [{"text": "Go", "case": "exact", "ambiguous": true}, "Golang"],
     "context": {"default": "reject", "positive": ["programming", "goroutines"],
                 "negative": ["to", "ahead"],
                 "negative_patterns": ["(?i)\\bgo-to-market\\b"]}},
    {"id": "docker", "name": "Docker", "category": "tool", "sources": ["extended"],
     "aliases": ["Docker"]}
  ]})json";

Matcher CompileFixture() {
  Result<Lexicon> lexicon = Lexicon::FromJson(kFixture, "fixture.json");
  EXPECT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  EXPECT_TRUE(matcher.ok()) << matcher.status().ToString();
  return std::move(*matcher);
}

struct Found {
  std::string id;
  std::string text;
  bool operator==(const Found&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Found& f) {
  return os << f.id << ":\"" << f.text << "\"";
}

std::vector<Found> Find(const Matcher& matcher, std::string_view text) {
  std::vector<Found> out;
  for (const Match& m : matcher.FindAll(text)) {
    EXPECT_LE(m.begin, m.end);
    EXPECT_LE(m.end, text.size());
    out.push_back(
        {matcher.lexicon().term(m.term).id, std::string(text.substr(m.begin, m.end - m.begin))});
  }
  return out;
}

// A bulk text holds a million matches: no padding between Match's members.
static_assert(sizeof(Match) == 32);

TEST(Matcher, FindsAliasesWithByteOffsets) {
  const Matcher matcher = CompileFixture();
  const std::string text = "Built models in Python and PyTorch.";
  const std::vector<Match> matches = matcher.FindAll(text);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].begin, 16u);
  EXPECT_EQ(matches[0].end, 22u);
  EXPECT_EQ(matches[1].begin, 27u);
  EXPECT_EQ(matches[1].end, 34u);
}

TEST(Matcher, LongestMatchWinsAndImpliedTermsAreNotSpans) {
  const Matcher matcher = CompileFixture();
  const std::string text = "Trained with PyTorch Lightning on AWS SageMaker";
  EXPECT_EQ(Find(matcher, text), (std::vector<Found>{{"pytorch-lightning", "PyTorch Lightning"},
                                                     {"sagemaker", "AWS SageMaker"}}));
  const ScanResult result = matcher.Scan(text);
  std::vector<std::string> implied;
  for (const ImpliedTerm& i : result.implied) {
    implied.push_back(matcher.lexicon().term(i.term).id + "<-" + matcher.lexicon().term(i.via).id);
  }
  EXPECT_EQ(implied,
            (std::vector<std::string>{"pytorch<-pytorch-lightning",
                                      "deep-learning<-pytorch-lightning", "aws<-sagemaker"}));
}

// The walk from each known token: a token that is an alias and starts longer ones, at the
// end of the text (no next token), before punctuation that ends a phrase, before an
// unknown word, and three-token aliases that stop after two.
TEST(Matcher, WalksFromEveryTokenWhereverAliasesStartEndOrStop) {
  const Matcher matcher = CompileFixture();
  EXPECT_EQ(Find(matcher, "Shipped with PyTorch"), (std::vector<Found>{{"pytorch", "PyTorch"}}));
  EXPECT_EQ(Find(matcher, "PyTorch, Lightning and Docker"),
            (std::vector<Found>{{"pytorch", "PyTorch"}, {"docker", "Docker"}}));
  EXPECT_EQ(Find(matcher, "PyTorch quick Lightning"), (std::vector<Found>{{"pytorch", "PyTorch"}}));
  EXPECT_EQ(Find(matcher, "a convolutional neural"), (std::vector<Found>{}));
  EXPECT_EQ(Find(matcher, "convolutional big neural network"), (std::vector<Found>{}));
  EXPECT_EQ(Find(matcher, "deep learning"),
            (std::vector<Found>{{"deep-learning", "deep learning"}}));
  EXPECT_EQ(Find(matcher,
                 "Docker PyTorch Lightning PyTorch deep learning, convolutional neural "
                 "network Docker Amazon Web Services"),
            (std::vector<Found>{{"docker", "Docker"},
                                {"pytorch-lightning", "PyTorch Lightning"},
                                {"pytorch", "PyTorch"},
                                {"deep-learning", "deep learning"},
                                {"cnn", "convolutional neural network"},
                                {"docker", "Docker"},
                                {"aws", "Amazon Web Services"}}));
  // Every known token of a long text starts a walk: the same words a thousand times over
  // find the same terms a thousand times.
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "PyTorch Lightning PyTorch Docker deep learning; ";
  const std::vector<Found> found = Find(matcher, many);
  ASSERT_EQ(found.size(), 4000u);
  for (size_t i = 0; i < found.size(); i += 4) {
    EXPECT_EQ(found[i], (Found{"pytorch-lightning", "PyTorch Lightning"})) << i;
    EXPECT_EQ(found[i + 1], (Found{"pytorch", "PyTorch"})) << i;
    EXPECT_EQ(found[i + 2], (Found{"docker", "Docker"})) << i;
    EXPECT_EQ(found[i + 3], (Found{"deep-learning", "deep learning"})) << i;
  }
}

// A lexicon whose vocabulary is large enough for a screen (text/vocabulary.h keeps only the
// words alone and the pairs of words its aliases and context rules need) finds the
// fixture's terms in a text exactly where the fixture alone, too small for a screen,
// finds them: multi-word aliases, one-word ones, context words near an ambiguous name,
// a pattern's version number, across punctuation, contact data and unknown words. The
// text holds the first words of the filler aliases but never a whole one, since a filler
// term near "Go" would accept it as a technology's neighbour.
TEST(Matcher, ALargeLexiconFindsTheFixturesTermsWhereTheFixtureAloneDoes) {
  nlohmann::json doc = nlohmann::json::parse(kFixture);
  const auto filler_word = [](int i) { return "Zq" + std::to_string(i) + "x"; };
  for (int i = 0; i < 3000; ++i) {
    doc["entries"].push_back({{"id", "filler-" + std::to_string(i)},
                              {"name", filler_word(i) + " Suite"},
                              {"category", "tool"},
                              {"sources", {"extended"}},
                              {"aliases", {filler_word(i) + " Suite"}}});
  }
  Result<Lexicon> large_lexicon = Lexicon::FromJson(doc.dump(), "large.json");
  ASSERT_TRUE(large_lexicon.ok()) << large_lexicon.status().ToString();
  Result<Matcher> large = Matcher::Compile(*large_lexicon);
  ASSERT_TRUE(large.ok()) << large.status().ToString();
  const Matcher small = CompileFixture();

  const std::vector<std::string> pieces = {"PyTorch Lightning",
                                           "PyTorch",
                                           "Lightning",
                                           "deep learning",
                                           "deep",
                                           "learning",
                                           "convolutional neural network",
                                           "neural network",
                                           "CNN",
                                           "Amazon Web Services",
                                           "AWS",
                                           "aws",
                                           "AWS SageMaker",
                                           "SageMaker",
                                           "sklearn",
                                           "scikit-learn",
                                           "Go",
                                           "go",
                                           "Golang",
                                           "programming",
                                           "goroutines",
                                           "to",
                                           "ahead",
                                           "go-to-market",
                                           "Python 3.10",
                                           "Python",
                                           "python3",
                                           "Docker",
                                           "the",
                                           "and",
                                           "Zq12x",
                                           "Zq7x",
                                           "zq2999x",
                                           "jane@docker.com",
                                           "www.pytorch.org",
                                           "\u00fcber",
                                           "Kubernetes"};
  const std::vector<std::string> gaps = {" ", " ", " ", "\n", ", ", ". ", " (", ") ", "-", "/"};
  std::mt19937 rng(5);
  size_t fixture_matches = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 120);
    for (int i = 0; i < n; ++i) {
      text += pieces[rng() % pieces.size()];
      text += gaps[rng() % gaps.size()];
    }
    std::vector<Found> from_large;
    for (const Found& f : Find(*large, text)) {
      if (f.id.rfind("filler-", 0) != 0) from_large.push_back(f);
    }
    const std::vector<Found> from_small = Find(small, text);
    const auto [in_large, in_small] =
        std::mismatch(from_large.begin(), from_large.end(), from_small.begin(), from_small.end());
    ASSERT_TRUE(in_large == from_large.end() && in_small == from_small.end())
        << text << "\nmatch " << (in_large - from_large.begin()) << ": large "
        << (in_large != from_large.end() ? *in_large : Found{}) << ", fixture alone "
        << (in_small != from_small.end() ? *in_small : Found{});
    fixture_matches += from_small.size();
  }
  EXPECT_GT(fixture_matches, 3000u);
  // The filler terms are found too, and not across a comma.
  EXPECT_EQ(Find(*large, "Zq12x Suite, Zq7x, Suite zq2999x suite"),
            (std::vector<Found>{{"filler-12", "Zq12x Suite"}, {"filler-2999", "zq2999x suite"}}));
}

// Every term's `implies`, resolved: the ids in the order written, each the index the
// lexicon gives it, in the fixture and the built-in lexicon.
TEST(Matcher, ImpliedTermsAreTheLexiconsImpliesResolved) {
  size_t edges = 0;
  const auto check = [&](const Matcher& m) {
    const Lexicon& lexicon = m.lexicon();
    for (size_t t = 0; t < lexicon.size(); ++t) {
      const std::vector<std::string>& ids = lexicon.term(t).implies;
      const std::span<const uint32_t> resolved = m.ImpliedTerms(t);
      ASSERT_EQ(resolved.size(), ids.size()) << lexicon.term(t).id;
      for (size_t k = 0; k < ids.size(); ++k) {
        EXPECT_EQ(std::optional<size_t>(resolved[k]), lexicon.Find(ids[k])) << lexicon.term(t).id;
        ++edges;
      }
    }
  };
  Result<Lexicon> builtin = Lexicon::Builtin();
  ASSERT_TRUE(builtin.ok());
  Result<Matcher> compiled = Matcher::Compile(*builtin);
  ASSERT_TRUE(compiled.ok());
  check(*compiled);
  EXPECT_GT(edges, 10u);
  const Matcher fixture = CompileFixture();
  check(fixture);
  // Direct implications only: PyTorch Lightning implies PyTorch, which implies deep
  // learning; the scan follows the chain.
  const auto implied_ids = [&](std::string_view id) {
    std::vector<std::string> ids;
    for (const uint32_t t : fixture.ImpliedTerms(*fixture.lexicon().Find(id))) {
      ids.push_back(fixture.lexicon().term(t).id);
    }
    return ids;
  };
  EXPECT_EQ(implied_ids("pytorch-lightning"), (std::vector<std::string>{"pytorch"}));
  EXPECT_EQ(implied_ids("pytorch"), (std::vector<std::string>{"deep-learning"}));
  EXPECT_TRUE(implied_ids("docker").empty());
}

TEST(Matcher, ExactCaseAliasesNeedTheirCase) {
  const Matcher matcher = CompileFixture();
  EXPECT_EQ(Find(matcher, "AWS and aws and Aws"), (std::vector<Found>{{"aws", "AWS"}}));
  EXPECT_EQ(Find(matcher, "amazon web services"),
            (std::vector<Found>{{"aws", "amazon web services"}}));
  EXPECT_TRUE(Find(matcher, "new laws").empty());
}

// Two case-exact aliases of one key end in one state of the term table, which numbers
// the states where one alias ends apart from those where more do: each alias is found,
// before and after states of either kind, and through them on the way to longer ones.
TEST(Matcher, AliasesThatEndInOneStateAreEachFound) {
  Result<Lexicon> lexicon = Lexicon::FromJson(R"json({
    "schema": "jobfit.lexicon/1", "name": "shared-state", "version": "1",
    "entries": [
      {"id": "docker", "name": "Docker", "category": "tool", "sources": ["extended"],
       "aliases": ["Docker"]},
      {"id": "go-lang", "name": "Go", "category": "language", "sources": ["extended"],
       "aliases": [{"text": "Go", "case": "exact"}]},
      {"id": "go-game", "name": "GO game", "category": "concept", "sources": ["extended"],
       "aliases": [{"text": "GO", "case": "exact"}]},
      {"id": "go-kit", "name": "Go kit", "category": "library", "sources": ["extended"],
       "aliases": ["Go kit"]},
      {"id": "kit", "name": "Kit", "category": "tool", "sources": ["extended"],
       "aliases": ["kit"]}]})json",
                                              "shared.json");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  EXPECT_EQ(Find(*matcher, "Docker, then Go and GO, a go kit and a kit"),
            (std::vector<Found>{{"docker", "Docker"},
                                {"go-lang", "Go"},
                                {"go-game", "GO"},
                                {"go-kit", "go kit"},
                                {"kit", "kit"}}));
  EXPECT_EQ(Find(*matcher, "GO kit"), (std::vector<Found>{{"go-kit", "GO kit"}}));
  EXPECT_EQ(Find(*matcher, "a GO board"), (std::vector<Found>{{"go-game", "GO"}}));

  // Every state where an alias ends holds two.
  Result<Lexicon> only_shared = Lexicon::FromJson(R"json({
    "schema": "jobfit.lexicon/1", "name": "only-shared", "version": "1",
    "entries": [
      {"id": "go-lang", "name": "Go", "category": "language", "sources": ["extended"],
       "aliases": [{"text": "Go", "case": "exact"}]},
      {"id": "go-game", "name": "GO game", "category": "concept", "sources": ["extended"],
       "aliases": [{"text": "GO", "case": "exact"}]}]})json",
                                                  "only-shared.json");
  ASSERT_TRUE(only_shared.ok()) << only_shared.status().ToString();
  Result<Matcher> shared = Matcher::Compile(*only_shared);
  ASSERT_TRUE(shared.ok()) << shared.status().ToString();
  EXPECT_EQ(Find(*shared, "Go and GO, not go"),
            (std::vector<Found>{{"go-lang", "Go"}, {"go-game", "GO"}}));
}

TEST(Matcher, ExactCaseAliasesInCapitalsOnCapitalLinesOrThroughContext) {
  // A plain case-exact alias in capitals counts only on a line without lower-case letters.
  Result<Lexicon> lexicon = Lexicon::FromJson(R"json({
    "schema": "jobfit.lexicon/1", "name": "caps", "version": "1",
    "entries": [
      {"id": "qt", "name": "Qt", "category": "library", "sources": ["extended"],
       "aliases": [{"text": "Qt", "case": "exact"}]},
      {"id": "docker", "name": "Docker", "category": "tool", "sources": ["extended"],
       "aliases": ["Docker"]}]})json",
                                              "caps.json");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> caps = Matcher::Compile(*lexicon);
  ASSERT_TRUE(caps.ok()) << caps.status().ToString();
  EXPECT_EQ(Find(*caps, "Name\nSKILLS: QT, DOCKER\n"),
            (std::vector<Found>{{"qt", "QT"}, {"docker", "DOCKER"}}));
  EXPECT_EQ(Find(*caps, "Desktop apps in QT and Docker"),
            (std::vector<Found>{{"docker", "Docker"}}));
  EXPECT_TRUE(Find(*caps, "QT AND qt").empty());  // lower case on the line
  EXPECT_EQ(Find(*caps, "QT and Qt"), (std::vector<Found>{{"qt", "Qt"}}));  // own spelling
  // An ambiguous one in capitals is decided by its context rules, on any line.
  const Matcher matcher = CompileFixture();
  EXPECT_EQ(Find(matcher, "Services in GO programming"), (std::vector<Found>{{"go", "GO"}}));
  EXPECT_EQ(Find(matcher, "GO PROGRAMMING"), (std::vector<Found>{{"go", "GO"}}));
  EXPECT_TRUE(Find(matcher, "LET US GO AHEAD").empty());
  EXPECT_TRUE(Find(matcher, "gO programming").empty());
}

TEST(Matcher, PluralsOfConceptsMatch) {
  const Matcher matcher = CompileFixture();
  EXPECT_EQ(Find(matcher, "CNNs and convolutional neural networks"),
            (std::vector<Found>{{"cnn", "CNNs"}, {"cnn", "convolutional neural networks"}}));
  // Plurals are only for concepts: "Dockers" is not Docker.
  EXPECT_TRUE(Find(matcher, "Dockers").empty());
}

TEST(Matcher, PatternsExtendAliasMatches) {
  const Matcher matcher = CompileFixture();
  const std::string text = "Python 3.10 and python3 and Python";
  EXPECT_EQ(
      Find(matcher, text),
      (std::vector<Found>{{"python", "Python 3.10"}, {"python", "python3"}, {"python", "Python"}}));
  EXPECT_EQ(matcher.FindAll(text)[0].source, MatchSource::kPattern);
}

TEST(Matcher, ContextDecidesAmbiguousNames) {
  const Matcher matcher = CompileFixture();
  EXPECT_EQ(Find(matcher, "Skills: Go, Docker, Python").size(), 3u);
  EXPECT_EQ(Find(matcher, "Go programming"), (std::vector<Found>{{"go", "Go"}}));
  EXPECT_TRUE(Find(matcher, "Go to the office").empty());
  EXPECT_TRUE(Find(matcher, "Our go-to-market plan").empty());
  EXPECT_TRUE(Find(matcher, "Go").empty());
  EXPECT_EQ(Find(matcher, "services in Go and Docker"),
            (std::vector<Found>{{"go", "Go"}, {"docker", "Docker"}}));
}

// Context is the occurrence's line, at most 120 bytes either side: a skill beyond that,
// or on another line, does not vouch for an ambiguous name, one byte nearer does.
TEST(Matcher, ContextEndsAtTheLineAndAHundredAndTwentyBytes) {
  const Matcher matcher = CompileFixture();
  const auto go_accepted = [&](const std::string& text) {
    for (const Found& f : Find(matcher, text)) {
      if (f.id == "go") return true;
    }
    return false;
  };
  // "Go" ends at byte 2; Docker ends at k + 10: 122 is the last byte of the line.
  EXPECT_TRUE(go_accepted("Go " + std::string(112, 'x') + " Docker"));
  EXPECT_FALSE(go_accepted("Go " + std::string(113, 'x') + " Docker"));
  // "Go" starts at k + 8; the line starts 120 bytes before it.
  EXPECT_TRUE(go_accepted("Docker " + std::string(112, 'x') + " Go"));
  EXPECT_FALSE(go_accepted("Docker " + std::string(113, 'x') + " Go"));
  EXPECT_TRUE(go_accepted("Docker and Go"));
  EXPECT_FALSE(go_accepted("Docker\nGo"));
  EXPECT_FALSE(go_accepted("Go\nDocker"));
  EXPECT_TRUE(go_accepted("intro\nGo and Docker\nthe end"));
}

// A context pattern decides whatever the letter case of the text, when it asks for that
// with (?i), and patterns of character classes only decide too.
TEST(Matcher, ContextPatternsMatchWhateverTheCaseOfTheText) {
  const Matcher matcher = CompileFixture();
  for (const std::string text :
       {"Our go-to-market plan", "OUR GO-TO-MARKET PLAN", "our Go-To-Market plan"}) {
    EXPECT_TRUE(Find(matcher, text).empty()) << text;
  }
  // An ambiguous "R" that only one context pattern accepts, so the pattern decides.
  const auto r_matcher = [](const std::string& pattern) {
    const std::string json =
        R"({"schema": "jobfit.lexicon/1", "name": "gate", "version": "1", "entries": [
          {"id": "r", "name": "R", "category": "language", "sources": ["extended"],
           "aliases": [{"text": "R", "case": "exact", "ambiguous": true}],
           "context": {"default": "reject", "skills_list": false, "tech_neighbors": false,
                       "positive_patterns": [)" +
        nlohmann::json(pattern).dump() + "]}}]}";
    Result<Lexicon> lexicon = Lexicon::FromJson(json, "gate.json");
    EXPECT_TRUE(lexicon.ok()) << lexicon.status().ToString();
    Result<Matcher> compiled = Matcher::Compile(*lexicon);
    EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
    return std::move(*compiled);
  };
  const Matcher studio = r_matcher("(?i)\\bR\\s+studio\\b");
  EXPECT_EQ(Find(studio, "analysis in R Studio").size(), 1u);
  EXPECT_EQ(Find(studio, "ANALYSIS IN R STUDIO").size(), 1u);
  EXPECT_EQ(Find(studio, "Analysis in R sTuDiO").size(), 1u);
  EXPECT_TRUE(Find(studio, "analysis in R and more").empty());
  // No string vouches for every match of a pattern made of classes only.
  const Matcher version = r_matcher("\\bR\\s+\\d+\\.\\d+");
  EXPECT_EQ(Find(version, "analysis in R 4.3").size(), 1u);
  EXPECT_TRUE(Find(version, "analysis in R and more").empty());
}

TEST(Matcher, ExplainRecordsEveryDecisionWithItsReason) {
  const Matcher matcher = CompileFixture();
  ScanOptions options;
  options.explain = true;
  const ScanResult result =
      matcher.Scan("Languages: Go, Python\nOur Go-to-market plan\nGo ahead", options);
  ASSERT_EQ(result.decisions.size(), 3u);
  EXPECT_TRUE(result.decisions[0].accepted);
  EXPECT_EQ(result.decisions[0].reason, "accepted: item of a skills list");
  EXPECT_FALSE(result.decisions[1].accepted);
  EXPECT_NE(result.decisions[1].reason.find("negative pattern"), std::string::npos);
  EXPECT_FALSE(result.decisions[2].accepted);
  EXPECT_EQ(result.decisions[2].reason, "rejected: near \"ahead\"");
  EXPECT_TRUE(matcher.Scan("Go ahead").decisions.empty());
}

// Context words are found by their token id: a word listed twice, a word of several tokens
// (which no single token equals), and many words, the nearest of which is named.
TEST(Matcher, ContextWordsAreFoundByIdWhateverTheirPlaceInTheList) {
  nlohmann::json positive = nlohmann::json::array();
  for (int k = 0; k < 60; ++k) positive.push_back("word" + std::to_string(k));
  positive.push_back("statistics");
  positive.push_back("statistics");
  positive.push_back("data science");
  const std::string json =
      R"({"schema": "jobfit.lexicon/1", "name": "words", "version": "1", "entries": [
        {"id": "r", "name": "R", "category": "language", "sources": ["extended"],
         "aliases": [{"text": "R", "case": "exact", "ambiguous": true}],
         "context": {"default": "reject", "skills_list": false, "tech_neighbors": false,
                     "window": 4, "negative": ["rated", "word7"], "positive": )" +
      positive.dump() + "}}]}";
  Result<Lexicon> lexicon = Lexicon::FromJson(json, "words.json");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  ScanOptions options;
  options.explain = true;
  const auto reason = [&](std::string_view text) {
    const ScanResult result = matcher->Scan(text, options);
    return result.decisions.size() == 1 ? result.decisions[0].reason : std::string("?");
  };
  EXPECT_EQ(reason("statistics in R"), "accepted: near \"statistics\"");
  EXPECT_EQ(reason("R and word59"), "accepted: near \"word59\"");
  EXPECT_EQ(reason("word0 word1 R"), "accepted: near \"word1\"");
  EXPECT_EQ(reason("word7 R word3"), "rejected: near \"word7\"");
  EXPECT_EQ(reason("data science R"), "rejected: no supporting context (default reject)");
  EXPECT_EQ(reason("R in a rated film"), "rejected: near \"rated\"");
}

TEST(Matcher, OffsetsPointIntoTheOriginalText) {
  const Matcher matcher = CompileFixture();
  const std::string text = "\u201CPy\u00ADTorch\u201D and scikit-\nlearn and Dock-\ner";
  EXPECT_EQ(Find(matcher, text), (std::vector<Found>{{"pytorch", "Py\u00ADTorch"},
                                                     {"scikit-learn", "scikit-\nlearn"},
                                                     {"docker", "Dock-\ner"}}));
}

TEST(Matcher, ForEachStopsWhenAsked) {
  const Matcher matcher = CompileFixture();
  Matcher::Scratch scratch;
  int seen = 0;
  matcher.ForEach("Python Docker PyTorch", scratch, [&](const Match&) { return ++seen < 2; });
  EXPECT_EQ(seen, 2);
}

TEST(Matcher, LargeInputsAreScannedInPiecesWithoutLosingMatches) {
  const Matcher matcher = CompileFixture();
  std::string text;
  const std::string line = "filler words about nothing in particular, then Python\n";
  while (text.size() < (size_t{20} << 20)) text += line;
  const std::vector<Match> matches = matcher.FindAll(text);
  ASSERT_EQ(matches.size(), text.size() / line.size());
  for (size_t i = 0; i < matches.size(); ++i) {
    ASSERT_EQ(matches[i].begin, i * line.size() + line.size() - 7);
  }
}

// A large text's matches are reserved for once, from the first piece's density, rather
// than grown by doubling; a dense first piece before sparse text reserves no more than two
// bytes of matches per byte of text.
TEST(Matcher, ReservesALargeTextsMatchesFromItsFirstPiece) {
  const Matcher matcher = CompileFixture();
  // 2 matches per paragraph: 65,600 paragraphs make 131,200 matches, just past 2^17,
  // where doubling would leave room for 262,144.
  const std::string paragraph = "Python and Docker in production systems.\n\n";
  std::string text;
  for (int i = 0; i < 65600; ++i) text += paragraph;
  const ScanResult even = matcher.Scan(text);
  ASSERT_EQ(even.matches.size(), 131200u);
  EXPECT_LT(even.matches.capacity(), even.matches.size() * 5 / 4);

  std::string dense;
  for (int i = 0; i < 25000; ++i) dense += paragraph;  // about one piece
  const std::string filler = "filler words about nothing in particular at all\n";
  while (dense.size() < (size_t{24} << 20)) dense += filler;
  const ScanResult sparse_after = matcher.Scan(dense);
  ASSERT_EQ(sparse_after.matches.size(), 50000u);
  EXPECT_LE(sparse_after.matches.capacity() * sizeof(Match), 2 * dense.size());
}

// A counting scan gives, for each term, how often a full scan matches it, with the same
// implied terms and decisions and no matches; across pieces, and with one scratch used
// for counting and full scans in turn.
TEST(Matcher, ACountingScanCountsWhatAFullScanFinds) {
  const Matcher matcher = CompileFixture();
  std::string text = "Go programming with PyTorch Lightning on AWS SageMaker; go ahead.\n";
  for (int i = 0; i < 40000; ++i) {
    text += i % 3 == 0 ? "Python 3.11 and scikit-learn, then PyTorch.\n" : "Docker and Go code\n";
  }
  ASSERT_GT(text.size(), size_t{1} << 20);  // more than one piece
  ScanOptions full;
  full.explain = true;
  ScanOptions counting = full;
  counting.count_only = true;
  Matcher::Scratch scratch;
  for (int round = 0; round < 2; ++round) {
    const ScanResult all = matcher.Scan(text, full, scratch);
    const ScanResult counted = matcher.Scan(text, counting, scratch);
    std::map<uint32_t, uint64_t> expected;
    for (const Match& m : all.matches) ++expected[m.term];
    ASSERT_GT(expected.size(), 4u);
    EXPECT_TRUE(counted.matches.empty());
    std::map<uint32_t, uint64_t> got;
    uint32_t previous = 0;
    for (const TermCount& c : counted.term_counts) {
      if (!got.empty()) {
        EXPECT_LT(previous, c.term);  // by term index
      }
      previous = c.term;
      got[c.term] = c.count;
    }
    EXPECT_EQ(got, expected);
    EXPECT_TRUE(all.term_counts.empty());
    ASSERT_EQ(counted.implied.size(), all.implied.size());
    for (size_t i = 0; i < all.implied.size(); ++i) {
      EXPECT_EQ(counted.implied[i].term, all.implied[i].term);
      EXPECT_EQ(counted.implied[i].via, all.implied[i].via);
    }
    ASSERT_EQ(counted.decisions.size(), all.decisions.size());
    for (size_t i = 0; i < all.decisions.size(); ++i) {
      EXPECT_EQ(counted.decisions[i].begin, all.decisions[i].begin);
      EXPECT_EQ(counted.decisions[i].reason, all.decisions[i].reason);
    }
  }
  // A second text's counts start from nothing, with this matcher or another of another
  // size on the same scratch.
  const ScanResult once = matcher.Scan("Docker", counting, scratch);
  ASSERT_EQ(once.term_counts.size(), 1u);
  EXPECT_EQ(once.term_counts[0].count, 1u);
  Result<Lexicon> small = Lexicon::FromJson(R"json({
    "schema": "jobfit.lexicon/1", "name": "small", "version": "1",
    "entries": [{"id": "kafka", "name": "Kafka", "category": "tool", "sources": ["extended"],
                 "aliases": ["Kafka"]}]})json",
                                            "small.json");
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  Result<Matcher> other = Matcher::Compile(*small);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  const ScanResult kafka = other->Scan("Kafka, Docker and Kafka", counting, scratch);
  ASSERT_EQ(kafka.term_counts.size(), 1u);
  EXPECT_EQ(kafka.term_counts[0].count, 2u);
  const ScanResult again = matcher.Scan("Docker and Docker", counting, scratch);
  ASSERT_EQ(again.term_counts.size(), 1u);
  EXPECT_EQ(again.term_counts[0].count, 2u);
}

TEST(Matcher, IsSafeToShareBetweenThreads) {
  const Matcher matcher = CompileFixture();
  const std::string text = "Python, Go, Docker\nPyTorch Lightning on AWS SageMaker\n";
  const std::vector<Match> expected = matcher.FindAll(text);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Matcher::Scratch scratch;
      for (int i = 0; i < 200; ++i) {
        const ScanResult r = matcher.Scan(text, {}, scratch);
        if (r.matches.size() != expected.size()) ++failures[static_cast<size_t>(t)];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(MatcherCompile, ReportsBadPatternWithRe2MessageAndPosition) {
  constexpr std::string_view kBad = R"json({
  "schema": "jobfit.lexicon/1", "name": "bad", "version": "1",
  "entries": [
    {"id": "py3", "name": "Python 3", "category": "language", "sources": ["extended"],
     "aliases": ["py3"], "patterns": [{"regex": "\\bPython(3"}]}
  ]})json";
  Result<Lexicon> lexicon = Lexicon::FromJson(kBad, "bad.json");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  ASSERT_FALSE(matcher.ok());
  EXPECT_EQ(matcher.status().ToString(),
            "bad.json:5:49: entry \"py3\": pattern 1: missing ): \\bPython(3");
}

TEST(MatcherCompile, ReportsAliasClaimedByEntriesOfTwoLayers) {
  constexpr std::string_view kBase = R"json({
  "schema": "jobfit.lexicon/1", "name": "base", "version": "1",
  "entries": [
    {"id": "k8s", "name": "Kubernetes", "category": "tool", "sources": ["extended"],
     "aliases": ["Kubernetes"]}
  ]})json";
  constexpr std::string_view kOverlay = R"json({
  "schema": "jobfit.lexicon/1", "name": "overlay", "version": "1",
  "entries": [
    {"id": "kube", "name": "Kube", "category": "tool", "sources": ["extended"],
     "aliases": ["KUBERNETES"]}
  ]})json";
  Result<Lexicon> base = Lexicon::FromJson(kBase, "base.json");
  Result<Lexicon> overlay = Lexicon::FromJson(kOverlay, "overlay.json");
  ASSERT_TRUE(base.ok() && overlay.ok());
  Result<Lexicon> layered = base->LayeredWith(*overlay);
  Status status = layered.status();
  if (layered.ok()) status = Matcher::Compile(*layered).status();
  EXPECT_EQ(status.ToString(),
            "overlay.json:5:18: entry \"kube\": alias 1: \"KUBERNETES\" is also an alias of entry "
            "\"k8s\" (base.json:5:18)");
}

Matcher CompileJson(std::string_view json) {
  Result<Lexicon> lexicon = Lexicon::FromJson(json, "test.json");
  EXPECT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  EXPECT_TRUE(matcher.ok()) << matcher.status().ToString();
  return std::move(*matcher);
}

// Context never reaches past a line, so the decisions on a text of many lines are those on
// each line scanned alone: whatever a scan carries from one occurrence to the next (where
// the neighbouring skills start) must not change them.
TEST(Matcher, DecisionsOnManyLinesAreThoseOnEachLineAlone) {
  Result<Lexicon> builtin = Lexicon::Builtin();
  ASSERT_TRUE(builtin.ok());
  Result<Matcher> matcher = Matcher::Compile(*builtin);
  ASSERT_TRUE(matcher.ok());
  const std::vector<std::string> lines = {
      "Built services in Go and Docker on Kubernetes.",
      "Go home early and rest.",
      "Spark, Kafka and Airflow pipelines.",
      "Ideas that spark joy.",
      "R and Python for statistics; later Go.",
      "Our R&D team and the go-to-market plan.",
      "Swift and Kotlin apps, then React with Redux.",
      "A swift response to React to change.",
      "CV models in PyTorch, a CV joint, Julia and Rust.",
      "MS degree; MS Office; Master the basics of Go.",
      "",
  };
  ScanOptions explain;
  explain.explain = true;
  std::mt19937 random(11);
  std::string text;
  std::vector<Decision> expected;
  for (int i = 0; i < 400; ++i) {
    const std::string& line = lines[random() % lines.size()];
    const uint64_t at = text.size();
    for (Decision d : matcher->Scan(line, explain).decisions) {
      d.begin += at;
      d.end += at;
      expected.push_back(std::move(d));
    }
    text += line + "\n";
  }
  const std::vector<Decision> decided = matcher->Scan(text, explain).decisions;
  ASSERT_EQ(decided.size(), expected.size());
  size_t accepted = 0;
  for (size_t i = 0; i < decided.size(); ++i) {
    EXPECT_EQ(decided[i].begin, expected[i].begin) << i;
    EXPECT_EQ(decided[i].accepted, expected[i].accepted) << i << " " << expected[i].reason;
    EXPECT_EQ(decided[i].reason, expected[i].reason) << i;
    accepted += decided[i].accepted ? 1 : 0;
  }
  EXPECT_GT(accepted, 0u);
  EXPECT_LT(accepted, decided.size());
}

// Regression: context words joined the vocabulary of the known-token scan, and a glued
// word that was one of them ("KubeRay", "pySpark") was no longer split, hiding the alias.
TEST(MatcherRegression, AGluedContextWordIsStillSplit) {
  Result<Lexicon> builtin = Lexicon::Builtin();
  ASSERT_TRUE(builtin.ok());
  Result<Matcher> matcher = Matcher::Compile(*builtin);
  ASSERT_TRUE(matcher.ok());
  const std::vector<Found> found =
      Find(*matcher, "Deployed distributed training with KubeRay on GKE clusters.");
  EXPECT_NE(std::find(found.begin(), found.end(), Found{"ray", "Ray"}), found.end())
      << ::testing::PrintToString(found);

  const Matcher custom = CompileJson(R"json({
    "schema": "jobfit.lexicon/1", "name": "t", "version": "1", "entries": [
      {"id": "spark", "name": "Spark", "category": "tool", "sources": ["extended"],
       "aliases": ["Spark"]},
      {"id": "r", "name": "R", "category": "language", "sources": ["extended"],
       "aliases": [{"text": "R", "case": "exact", "ambiguous": true}],
       "context": {"positive": ["pyspark"]}}]})json");
  EXPECT_EQ(Find(custom, "Worked with pySpark daily."), (std::vector<Found>{{"spark", "Spark"}}));
}

// Regression: a pattern's end was found by tokenizing from the alias on, without splitting
// glued words as the scan does and without the start of the alias's chunk.
TEST(MatcherRegression, PatternEndsCountTokensAsTheScanDoes) {
  const auto lexicon = [](std::string_view pattern) {
    return std::string(R"json({
      "schema": "jobfit.lexicon/1", "name": "t", "version": "1", "entries": [
        {"id": "foo", "name": "Foo", "category": "tool", "sources": ["extended"],
         "aliases": ["Foo"], "patterns": [{"regex": ")json") +
           std::string(pattern) + R"json("}]},
        {"id": "baz", "name": "Baz", "category": "tool", "sources": ["extended"],
         "aliases": ["Baz"]}]})json";
  };
  // The pattern's match covers the glued word whole: "Baz" inside it is not a second match.
  EXPECT_EQ(Find(CompileJson(lexicon(R"(\\bFoo\\s+\\w+)")), "Used Foo barBaz daily."),
            (std::vector<Found>{{"foo", "Foo barBaz"}}));
  // The pattern may end where the glued word is split.
  EXPECT_EQ(Find(CompileJson(lexicon(R"(\\bFoo\\s+bar)")), "Used Foo barBaz daily."),
            (std::vector<Found>{{"foo", "Foo bar"}, {"baz", "Baz"}}));
  // "-@Foo-9@b.co" is not an e-mail address, though its tail would look like one.
  EXPECT_EQ(Find(CompileJson(lexicon(R"(\\bFoo-9)")), "See -@Foo-9@b.co today"),
            (std::vector<Found>{{"foo", "Foo-9"}}));
}

}  // namespace
}  // namespace jobfit

namespace jobfit {
namespace {

// A caller that scans bytes it has not checked (jobfit extract's mapped files) reads the
// file again, decoded, when the scan says it held bytes that are not UTF-8: in any piece
// of a large text, and never carried over from an earlier text.
TEST(Matcher, SaysWhenTheTextHeldBytesThatAreNotUtf8) {
  const Matcher matcher = CompileFixture();
  Matcher::Scratch scratch;
  std::string text;
  while (text.size() < (size_t{3} << 20))
    text += "Built models in Python, caf\u00e9 \u2013 PyTorch.\n";
  EXPECT_FALSE(matcher.Scan(text, {}, scratch).invalid_utf8);
  std::string late = text;
  late[late.size() - 20] = '\xE9';  // past the first piece
  const ScanResult scanned = matcher.Scan(late, {}, scratch);
  EXPECT_TRUE(scanned.invalid_utf8);
  EXPECT_FALSE(scanned.matches.empty());
  EXPECT_FALSE(matcher.Scan(text, {}, scratch).invalid_utf8);
  EXPECT_TRUE(matcher.Scan("na\xEFve Python", {}, scratch).invalid_utf8);
  EXPECT_FALSE(matcher.Scan("Python", {}, scratch).invalid_utf8);
}

// Regression: a run of UTF-8 continuation bytes longer than a piece made the piece
// splitter return an empty piece, and Scan looped for ever.
TEST(MatcherRegression, InvalidUtf8LongerThanAPieceDoesNotHang) {
  const Matcher matcher = CompileFixture();
  const std::string garbage(2'000'000, '\x80');
  EXPECT_TRUE(matcher.FindAll(garbage).empty());
  Matcher::Scratch scratch;
  int calls = 0;
  matcher.ForEach(garbage + " Python", scratch, [&](const Match&) { return ++calls > 0; });
  EXPECT_EQ(calls, 1);
}

// Regression: a term wrapped across lines was cut in two when a piece ended between its
// lines; the splitter now prefers a line break after phrase-ending punctuation.
TEST(MatcherRegression, PieceCutPrefersLinesEndingASentence) {
  const Matcher matcher = CompileFixture();
  std::string text;
  const std::string sentence = "Some plain words end here.\n";
  while (text.size() + sentence.size() < (size_t{1} << 20) - 8) text += sentence;
  text += "PyTorch\nLightning trainers\n";
  text += std::string(1000, 'x') + "\n";
  const std::vector<Found> found = Find(matcher, text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (Found{"pytorch-lightning", "PyTorch\nLightning"}));
}

// Regression: a skipped e-mail address did not break the phrase around it.
TEST(MatcherRegression, AnAddressBetweenWordsBreaksAPhrase) {
  const Matcher matcher = CompileFixture();
  EXPECT_EQ(Find(matcher, "deep jane@corp.org learning"), std::vector<Found>{});
  EXPECT_EQ(Find(matcher, "deep learning"),
            (std::vector<Found>{{"deep-learning", "deep learning"}}));
}

// Regression: tech_neighbors accepted a neighbour one token beyond the window.
TEST(MatcherRegression, TechNeighboursStayWithinTheWindow) {
  const Matcher matcher = CompileFixture();
  // Go's window is the default 5: Docker 5 tokens after Go counts, 6 tokens after does not.
  EXPECT_EQ(Find(matcher, "we Go a b c d Docker").size(), 2u);
  EXPECT_EQ(Find(matcher, "we Go a b c d e Docker").size(), 1u);
}

}  // namespace
}  // namespace jobfit
