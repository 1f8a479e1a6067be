#include "text/tokenizer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "text/normalizer.h"

namespace jobfit::text {
namespace {

std::vector<std::string> Keys(std::string_view input) {
  NormalizedText normalized;
  Normalize(input, {}, &normalized);
  TokenStream stream;
  Tokenize(normalized.text(), &stream);
  std::vector<std::string> keys;
  for (const Token& t : stream.tokens) keys.emplace_back(stream.Key(t));
  return keys;
}

using Strings = std::vector<std::string>;

TEST(Tokenizer, KeepsPlusAndSharpSuffixes) {
  EXPECT_EQ(Keys("C++, C#, F# and Notepad++."), (Strings{"c++", "c#", "f#", "and", "notepad++"}));
  EXPECT_EQ(Keys("C++17 C++/CLI"), (Strings{"c++", "17", "c++", "cli"}));
  EXPECT_EQ(Keys("A+B #hashtag"), (Strings{"a", "b", "hashtag"}));
}

TEST(Tokenizer, KeepsInnerAndLeadingDots) {
  EXPECT_EQ(Keys(".NET, ASP.NET and Node.js."), (Strings{".net", "asp.net", "and", "node.js"}));
  EXPECT_EQ(Keys("Python 3.x. Done"), (Strings{"python", "3.x", "done"}));
  EXPECT_EQ(Keys("wait...then"), (Strings{"wait", "then"}));
}

TEST(Tokenizer, SlashesHyphensAndAmpersandsSeparate) {
  EXPECT_EQ(Keys("CI/CD"), (Strings{"ci", "cd"}));
  EXPECT_EQ(Keys("A/B testing"), (Strings{"a", "b", "testing"}));
  EXPECT_EQ(Keys("scikit-learn"), Keys("scikit learn"));
  EXPECT_EQ(Keys("Weights & Biases"), (Strings{"weights", "biases"}));
  EXPECT_EQ(Keys("R&D"), (Strings{"r", "d"}));
}

TEST(Tokenizer, HyphenFlagsMarkCompounds) {
  NormalizedText normalized;
  Normalize("go-to-market - Go", {}, &normalized);
  TokenStream stream;
  Tokenize(normalized.text(), &stream);
  ASSERT_EQ(stream.tokens.size(), 4u);
  EXPECT_EQ(stream.tokens[0].flags & (kHyphenBefore | kHyphenAfter), kHyphenAfter);
  EXPECT_EQ(stream.tokens[1].flags & (kHyphenBefore | kHyphenAfter), kHyphenBefore | kHyphenAfter);
  EXPECT_EQ(stream.tokens[2].flags & (kHyphenBefore | kHyphenAfter), kHyphenBefore);
  EXPECT_EQ(stream.tokens[3].flags & (kHyphenBefore | kHyphenAfter), 0);
}

TEST(Tokenizer, DropsPossessives) {
  EXPECT_EQ(Keys("PyTorch's API"), (Strings{"pytorch", "api"}));
  EXPECT_EQ(Keys("PyTorch\u2019s API"), (Strings{"pytorch", "api"}));
  EXPECT_EQ(Keys("O'Reilly"), (Strings{"o'reilly"}));
}

TEST(Tokenizer, KeepsPluralsForTheLexiconToResolve) {
  EXPECT_EQ(Keys("CNNs and LLMs"), (Strings{"cnns", "and", "llms"}));
}

TEST(Tokenizer, SkipsEmailAddressesAndUrls) {
  EXPECT_EQ(Keys("mail jane.doe@python.org or see https://github.com/jane (www.kaggle.com)"),
            (Strings{"mail", "or", "see"}));
  EXPECT_EQ(Keys("@handle"), (Strings{"handle"}));
}

TEST(Tokenizer, FoldsCaseIncludingNonAscii) {
  EXPECT_EQ(Keys("PYTHON Éclair STRASSE"), (Strings{"python", "éclair", "strasse"}));
  EXPECT_EQ(Keys("Straße"), (Strings{"strasse"}));
}

TEST(Tokenizer, HandlesTrickyTypography) {
  EXPECT_EQ(Keys("\u201CMLOps\u201D\u00A0and\u00ADk8s"), (Strings{"mlops", "andk8s"}));
  EXPECT_EQ(Keys("\uFB01ne-tuning"), (Strings{"fine", "tuning"}));
  EXPECT_EQ(Keys("Kuber-\nnetes"), (Strings{"kubernetes"}));
  EXPECT_EQ(Keys("\u2022 Docker \u2022 Kubernetes"), (Strings{"docker", "kubernetes"}));
}

TEST(Tokenizer, PhraseEndingPunctuationBreaksPhrases) {
  NormalizedText normalized;
  Normalize("AWS (Glue, EMR). Next: scikit-learn / Node.js\nApache\u00A0Spark \u2022 Go", {},
            &normalized);
  TokenStream stream;
  Tokenize(normalized.text(), &stream);
  std::vector<std::string> breaks;
  for (const Token& t : stream.tokens) {
    if (t.flags & kBreakBefore) breaks.emplace_back(stream.Key(t));
  }
  EXPECT_EQ(breaks, (Strings{"glue", "emr", "next", "scikit", "go"}));
}

TEST(Tokenizer, SplitsWordsGluedByALostLineBreakOnRequest) {
  NormalizedText normalized;
  Normalize("bias mitigationSoftware andPandas JavaScript iPhone PyTorch", {}, &normalized);
  TokenStream stream;
  Tokenize(normalized.text(), &stream);
  std::vector<std::string> glued;
  for (const Token& t : stream.tokens) {
    if (t.flags & kGlued) glued.emplace_back(stream.Key(t));
  }
  // JavaScript is flagged too; the matcher only splits what the lexicon does not know.
  EXPECT_EQ(glued, (Strings{"mitigationsoftware", "andpandas", "javascript"}));
  std::vector<Token> pieces;
  SplitGluedToken(normalized.text(), stream.tokens[1], &stream, &pieces);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(stream.Key(pieces[0]), "mitigation");
  EXPECT_EQ(stream.Key(pieces[1]), "software");
  EXPECT_EQ(normalized.text().substr(pieces[1].begin, pieces[1].end - pieces[1].begin), "Software");
  EXPECT_EQ(pieces[1].hash, HashKey("software"));
}

TEST(Tokenizer, TokenOffsetsPointIntoTheNormalizedText) {
  NormalizedText normalized;
  Normalize("  Node.js, C#!", {}, &normalized);
  TokenStream stream;
  Tokenize(normalized.text(), &stream);
  ASSERT_EQ(stream.tokens.size(), 2u);
  EXPECT_EQ(stream.tokens[0].begin, 2u);
  EXPECT_EQ(stream.tokens[0].end, 9u);
  EXPECT_EQ(stream.tokens[1].begin, 11u);
  EXPECT_EQ(stream.tokens[1].end, 13u);
  EXPECT_EQ(stream.tokens[0].hash, HashKey("node.js"));
}

TEST(Tokenizer, SurvivesGarbage) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 37) % 256));
  NormalizedText normalized;
  Normalize(garbage, {}, &normalized);
  TokenStream stream;
  Tokenize(normalized.text(), &stream);
  for (const Token& t : stream.tokens) {
    EXPECT_LT(t.begin, t.end);
    EXPECT_LE(t.end, normalized.text().size());
  }
}

}  // namespace
}  // namespace jobfit::text
