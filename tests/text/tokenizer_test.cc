#include "text/tokenizer.h"

#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "testing/test_util.h"
#include "text/normalizer.h"
#include "text/utf8.h"

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

bool IsAsciiAlnumForTest(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

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

// Latin-1 letters take a short path around ICU; it must fold every one of them as ICU's
// full case folding does (sharp s to "ss", the micro sign to mu, the multiplication and
// division signs unchanged), in any position among ASCII letters.
TEST(Tokenizer, FoldsLatin1AsIcuDoes) {
  const auto icu_fold = [](const std::string& text) {
    icu::UnicodeString folded = icu::UnicodeString::fromUTF8(text);
    folded.foldCase();
    std::string out;
    folded.toUTF8String(out);
    return out;
  };
  for (char32_t cp = 0x80; cp <= 0xFF; ++cp) {
    std::string character;
    AppendUtf8(cp, &character);
    for (const std::string& text :
         {character, "Ab" + character, character + "Z", "X" + character + character + "y"}) {
      EXPECT_EQ(FoldCase(text), icu_fold(text)) << "U+" << std::hex << static_cast<uint32_t>(cp);
    }
  }
  // Other scripts and broken sequences still go through ICU.
  for (const std::string text : {"\xC4\xB0stanbul", "\xCE\xA3\xCE\xA9", "Z\xC3", "\xC3(",
                                 "\xE2\x82\xAC"
                                 "5"}) {
    EXPECT_EQ(FoldCase(text), icu_fold(text)) << text;
  }
}

// The accented Latin-1 letters are told from other characters without ICU; every
// two-byte character must still join or split words as ICU's classes say (letters,
// digits and combining marks join), on both tokenizer paths.
TEST(Tokenizer, JoinsWordsAtEveryTwoByteLetterAsIcuDoes) {
  for (char32_t cp = 0x80; cp <= 0x7FF; ++cp) {
    const auto c = static_cast<UChar32>(cp);
    const int8_t type = u_charType(c);
    const bool word =
        u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
    std::string character;
    AppendUtf8(cp, &character);
    const std::string text = "ab" + character + "cd " + std::string(64, 'x');
    for (const TokenizerPath path : {TokenizerPath::kBlocks, TokenizerPath::kBytes}) {
      TokenStream stream;
      Tokenize(text, &stream, path);
      ASSERT_GE(stream.tokens.size(), 2u);
      EXPECT_EQ(stream.tokens[0].end, word ? 4 + character.size() : 2)
          << "U+" << std::hex << static_cast<uint32_t>(cp);
    }
  }
}

// FoldCaseInto replaces what its buffer held, whichever way the text is folded.
TEST(Tokenizer, FoldCaseIntoReplacesTheBuffer) {
  std::string out = "a long leftover from an earlier word";
  for (const std::string text : {"PyTorch", "Kraków", "\xCE\xA3\xCE\xA9", ""}) {
    FoldCaseInto(text, &out);
    EXPECT_EQ(out, FoldCase(text)) << text;
  }
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

// Every gap byte on its own, between two words: the punctuation that ends a phrase does
// so as a gap of one byte too, and the rest do not. Both the full stream and the
// known-token scan say so.
TEST(Tokenizer, OneByteGapsBreakPhrasesAsLongerOnesDo) {
  const std::string ends = ",;:()[]{}|!?\"<>*=";
  for (int c = 1; c < 0x80; ++c) {
    const char gap = static_cast<char>(c);
    if (IsAsciiAlnumForTest(gap) || gap == '@' || gap == '+' || gap == '#' || gap == '\'' ||
        gap == '.') {
      continue;  // parts of tokens ("C++", "o'reilly", "node.js") or contact data, not gaps
    }
    const std::string text = std::string("alpha") + gap + "beta";
    TokenStream stream;
    Tokenize(text, &stream);
    ASSERT_EQ(stream.tokens.size(), 2u) << "gap " << c;
    const bool breaks = ends.find(gap) != std::string::npos;
    EXPECT_EQ((stream.tokens[1].flags & kBreakBefore) != 0, breaks) << "gap " << c;
    Vocabulary vocabulary;
    vocabulary.Intern("alpha");
    vocabulary.Intern("beta");
    KnownTokenStream known;
    TokenizeKnown(text, vocabulary, &known);
    ASSERT_EQ(known.tokens.size(), 2u) << "gap " << c;
    EXPECT_EQ((known.tokens[1].flags & kBreakBefore) != 0, breaks) << "gap " << c;
  }
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

// What TokenizeKnown must produce, spelled out with the full token stream: every token
// numbered, unknown glued tokens split into pieces, the known ones kept.
std::vector<KnownToken> KnownTokensTheLongWay(std::string_view text, const Vocabulary& vocabulary) {
  TokenStream stream;
  Tokenize(text, &stream, TokenizerPath::kBytes);
  std::vector<KnownToken> known;
  uint32_t ordinal = 0;
  const auto keep = [&](const Token& t, uint8_t flags) {
    const uint32_t id = vocabulary.Find(t.hash, stream.Key(t));
    if (id != Vocabulary::kUnknown) {
      known.push_back({t.begin, t.end, ordinal, id, static_cast<uint8_t>(flags & kBreakBefore)});
    }
    ++ordinal;
  };
  std::vector<Token> pieces;
  const std::vector<Token> tokens = stream.tokens;  // SplitGluedToken appends keys
  for (const Token& t : tokens) {
    const uint32_t id = vocabulary.Find(t.hash, stream.Key(t));
    const bool splittable = id == Vocabulary::kUnknown || !vocabulary.IsWholeWord(id);
    if (splittable && (t.flags & kGlued) != 0) {
      SplitGluedToken(text, t, &stream, &pieces);
      if (!pieces.empty()) {
        for (const Token& piece : pieces) keep(piece, ordinal > 0 ? piece.flags : 0);
        continue;
      }
    }
    keep(t, ordinal > 0 ? t.flags : 0);
  }
  return known;
}

void ExpectSameKnownTokens(std::string_view input, const Vocabulary& vocabulary) {
  NormalizedText normalized;
  Normalize(input, {}, &normalized);
  const std::vector<KnownToken> expected = KnownTokensTheLongWay(normalized.text(), vocabulary);
  for (const TokenizerPath path : {TokenizerPath::kBlocks, TokenizerPath::kBytes}) {
    KnownTokenStream fast;
    TokenizeKnown(normalized.text(), vocabulary, &fast, path);
    ASSERT_EQ(fast.tokens.size(), expected.size()) << input;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(fast.tokens[i].begin, expected[i].begin) << input << " token " << i;
      EXPECT_EQ(fast.tokens[i].end, expected[i].end) << input << " token " << i;
      EXPECT_EQ(fast.tokens[i].ordinal, expected[i].ordinal) << input << " token " << i;
      EXPECT_EQ(fast.tokens[i].id, expected[i].id) << input << " token " << i;
      EXPECT_EQ(fast.tokens[i].flags, expected[i].flags) << input << " token " << i;
    }
    TokenStream all;
    Tokenize(normalized.text(), &all, TokenizerPath::kBytes);
    EXPECT_GE(fast.token_count, all.tokens.size()) << input;  // glued pieces add tokens
  }
}

Vocabulary TestVocabulary() {
  Vocabulary vocabulary;
  for (const char* key : {"c++",        "c#",          ".net",
                          "node.js",    "ci",          "cd",
                          "scikit",     "learn",       "sklearn",
                          "a",          "b",           "testing",
                          "r",          "go",          "python",
                          "pandas",     "software",    "the",
                          "kubernetes", "machine",     "learning",
                          "éclair",     "strasse",     "aws",
                          "glue",       "emr",         "o'reilly",
                          "pytorch",    "17",          "3.x",
                          "javascript", "fine",        "tuning",
                          "apache",     "spark",       "mlops",
                          "k8s",        "sql",         "abcdefghijklmnop",
                          "tensorflow", "scikitlearn", "abcdefghi"}) {
    vocabulary.Intern(key);
  }
  // Context-only keys: "pandasSoftware" is known, yet still split into its two words.
  vocabulary.EndWholeWords();
  vocabulary.Intern("pandassoftware");
  vocabulary.Intern("andpandas");
  return vocabulary;
}

TEST(TokenizeKnown, KeepsWhatTheFullStreamWouldKeep) {
  const Vocabulary vocabulary = TestVocabulary();
  for (const char* text :
       {"C++, C#, F# and Notepad++. C++17 C++/CLI .NET, ASP.NET and Node.js.",
        "CI/CD and A/B testing with scikit-learn (sklearn); R and Go, the go-to language",
        "mail jane.doe@python.org or see https://github.com/jane (www.kaggle.com) Python",
        "Machine jane@x.org learning",
        "PYTHON Éclair STRASSE Straße \u201CMLOps\u201D\u00A0and\u00ADk8s",
        "\uFB01ne-tuning Kuber-\nnetes \u2022 Docker \u2022 Kubernetes",
        "AWS (Glue, EMR). Next: scikit-learn / Node.js\nApache\u00A0Spark \u2022 Go",
        "bias mitigationSoftware andPandas JavaScript iPhone PyTorch's PyTorch\u2019s",
        "ABCDEFGHIJKLMNOP abcdefghijklmnopq 3.x. wait...then O'Reilly",
        "ends with a known word: python", "sql"}) {
    ExpectSameKnownTokens(text, vocabulary);
  }
}

// Greek, Cyrillic and CJK words are turned away without folding when no key of the
// vocabulary holds a code point past Latin-1, and found when one does; a capital that
// folds into Latin-1 ("ŸES") is found either way, and an ASCII word glued to a
// Cyrillic one is still split off.
TEST(TokenizeKnown, WordsOfOtherScriptsAgainstLatinAndMixedVocabularies) {
  Vocabulary latin = TestVocabulary();
  latin.Intern("ÿes");
  ASSERT_FALSE(latin.HasKeysPastLatin1());
  Vocabulary mixed = TestVocabulary();
  mixed.Intern("ÿes");
  mixed.Intern("συστημα");
  mixed.Intern("мюнхен");
  ASSERT_TRUE(mixed.HasKeysPastLatin1());
  for (const Vocabulary* vocabulary : {&latin, &mixed}) {
    for (const char* text :
         {"ΣΥΣΤΗΜΑ and συστημα python", "МЮНХЕН, мюнхенПи мюнхенPython 東京 Python",
          "ŸES ÿes Straße éclair PythonΩ ΩPython"}) {
      ExpectSameKnownTokens(text, *vocabulary);
    }
  }
}

// Text mostly in another script, with ASCII names, punctuation and addresses among its
// words: the block path leaves such blocks to the byte loop up to their last non-ASCII
// byte, and both must still agree with the full stream wherever the blocks fall.
TEST(TokenizeKnown, AgreesOnTextMostlyInAnotherScript) {
  Vocabulary vocabulary = TestVocabulary();
  vocabulary.Intern("мюнхен");
  const std::vector<std::string> pieces = {"Мюнхен",
                                           "мюнхен",
                                           "опыт",
                                           "работы",
                                           "ΣΥΣΤΗΜΑ",
                                           "東京都",
                                           " ",
                                           " ",
                                           " ",
                                           "\n",
                                           ", ",
                                           ". ",
                                           "Python",
                                           "C++",
                                           "Node.js",
                                           "AWS",
                                           "pandasSoftware",
                                           "мюнхенPython",
                                           "jane@x.org",
                                           "www.",
                                           ":",
                                           "'",
                                           "\u2022 ",
                                           "\u00A0",
                                           "\u00e9",
                                           "17",
                                           "-"};
  std::mt19937 rng(23);
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 120);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    ExpectSameKnownTokens(text, vocabulary);
  }
}

// Words of every length end at every offset of the buffer: the eight-byte loads that hash
// a word must neither read past the text nor let the bytes after a word change its hash.
TEST(TokenizeKnown, AgreesOnRandomText) {
  const Vocabulary vocabulary = TestVocabulary();
  const std::vector<std::string> pieces = {
      "python", "Python", "PYTHON", "c++", "C#", ".NET", "node.js", "sklearn", "the", "The", " ",
      " ", "\n", ", ", ". ", "-", "/", "@", "://", "www.", "(", "'s", "\u00e9", "\u00A0",
      "pandasSoftware", "abcdefghijklmnop", "ABCDEFGHIJKLMNOP", "x", "17", "3.x", "\u2022", "#",
      "www", "WWW", ":", "'", "+", "a@b.c", "[", "\"", "\t", "...", "Kuber-\nnetes", ";",
      "http://x.y",
      // Nine to sixteen bytes: two hashed chunks.
      "TensorFlow", "TENSORFLOW", "tensorflows", "ScikitLearn", "abcdefghi", "ABcdefghi",
      "abcdefghI", "abcdefghijklmno", "mlopsPandasAWS", "awsSQLpython", "KubernetesX",
      "tensorflowPython"};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    // Up to a few hundred bytes: several 64-byte blocks, cut anywhere.
    const int n = static_cast<int>(rng() % 96);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    ExpectSameKnownTokens(text, vocabulary);
  }
}

// Known words are looked up a batch at a time, after the filter has seen them: long runs
// of them fill the batch many times over, contact data must withdraw words still waiting
// in it, and a word the quick path cannot take (glued, long, non-ASCII) must come after
// the waiting ones.
TEST(TokenizeKnown, AgreesOnLongRunsOfKnownWords) {
  const Vocabulary vocabulary = TestVocabulary();
  const std::vector<std::string> pieces = {"python ",
                                           "Python, ",
                                           "the ",
                                           "sql ",
                                           "unknown ",
                                           "AWS. ",
                                           "learning ",
                                           "python-python-sql@python.org ",
                                           "www.python.org ",
                                           "tensorflowPython ",
                                           "abcdefghijklmnopq ",
                                           "\u00e9clair ",
                                           "machine\nlearning ",
                                           "C++ "};
  std::mt19937 rng(11);
  for (int round = 0; round < 50; ++round) {
    std::string text;
    const int n = 200 + static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i) {
      // Mostly plain known words, so that the batch fills before anything flushes it.
      text += rng() % 4 != 0 ? pieces[rng() % 4] : pieces[rng() % pieces.size()];
    }
    ExpectSameKnownTokens(text, vocabulary);
  }
}

// Words glued of two or three others, each in lower case, capitalized or in capitals, at
// every length to past sixteen bytes: where a glued word starts is found from a word's
// bytes at once, and must be where the byte-by-byte rule finds it.
TEST(TokenizeKnown, FindsGluedWordsOfEveryShape) {
  const Vocabulary vocabulary = TestVocabulary();
  const std::vector<std::string> parts = {"a",   "go", "and",    "pandas",   "sql",
                                          "k8s", "17", "python", "software", "x",
                                          "aws", "ab", "3.x",    "o'reilly"};
  const auto shaped = [](const std::string& part, int shape) {
    std::string out = part;
    for (size_t i = 0; i < out.size(); ++i) {
      const bool up = shape == 2 || (shape == 1 && i == 0);
      if (up && out[i] >= 'a' && out[i] <= 'z') out[i] = static_cast<char>(out[i] - 'a' + 'A');
    }
    return out;
  };
  std::string text;
  for (const std::string& first : parts) {
    for (const std::string& second : parts) {
      for (int shapes = 0; shapes < 9; ++shapes) {
        const std::string two = shaped(first, shapes / 3) + shaped(second, shapes % 3);
        text += two + " " + two + shaped("and", shapes % 3) + " ";
      }
    }
    ExpectSameKnownTokens(text, vocabulary);
    text.clear();
  }
}

// A vocabulary large enough for a screen (Vocabulary::kMinKeysToScreen): TestVocabulary's
// keys and filler ones, some kept alone and some in pairs, among them words TakesQuickly
// leaves to OnToken (non-ASCII, longer than sixteen bytes, glued).
struct ScreenedVocabulary {
  Vocabulary vocabulary;
  std::set<uint32_t> alone;
  std::set<std::pair<uint32_t, uint32_t>> pairs;
};

const ScreenedVocabulary& TestScreenedVocabulary() {
  static const ScreenedVocabulary* const screened = [] {
    auto* out = new ScreenedVocabulary{TestVocabulary(), {}, {}};
    Vocabulary& vocabulary = out->vocabulary;
    vocabulary.Intern("abcdefghijklmnopqr");
    for (int i = 0; vocabulary.size() < Vocabulary::kMinKeysToScreen; ++i) {
      vocabulary.Intern("filler" + std::to_string(i));
    }
    const auto id = [&](std::string_view key) {
      const uint32_t found = vocabulary.Find(HashKey(key), key);
      EXPECT_NE(found, Vocabulary::kUnknown) << key;
      return found;
    };
    for (const char* key : {"python", "c++", "c#", ".net", "r", "go", "sql", "k8s",
                            "pandassoftware", "\u00e9clair", "abcdefghijklmnop", "filler7"}) {
      out->alone.insert(id(key));
    }
    for (const auto& [first, second] :
         std::vector<std::pair<const char*, const char*>>{{"machine", "learning"},
                                                          {"scikit", "learn"},
                                                          {"ci", "cd"},
                                                          {"apache", "spark"},
                                                          {"fine", "tuning"},
                                                          {"aws", "glue"},
                                                          {"the", "software"},
                                                          {"tensorflow", "python"},
                                                          {"pandas", "software"},
                                                          {"\u00e9clair", "testing"},
                                                          {"testing", "\u00e9clair"},
                                                          {"python", "abcdefghijklmnopqr"},
                                                          {"abcdefghijklmnopqr", "mlops"},
                                                          {"filler1", "filler2"},
                                                          {"filler2", "filler3"}}) {
      out->pairs.insert({id(first), id(second)});
    }
    for (const uint32_t word : out->alone) vocabulary.KeepAlone(word);
    for (const auto& [first, second] : out->pairs) vocabulary.KeepPair(first, second);
    vocabulary.BuildScreen();
    EXPECT_NE(vocabulary.screen().pairs.words, nullptr);
    return out;
  }();
  return *screened;
}

// With a screen, TokenizeKnown keeps some of the known tokens: each exactly as without
// one, in the same order, among them every token kept alone and both tokens of every
// pair that stand next to each other. Returns how many it kept, of how many known.
std::pair<size_t, size_t> ExpectScreenedKnownTokens(std::string_view input) {
  const ScreenedVocabulary& screened = TestScreenedVocabulary();
  NormalizedText normalized;
  Normalize(input, {}, &normalized);
  const std::vector<KnownToken> known =
      KnownTokensTheLongWay(normalized.text(), screened.vocabulary);
  std::set<uint32_t> required;  // ordinals
  for (size_t k = 0; k < known.size(); ++k) {
    // Punctuation that ends a phrase between them (kBreakBefore) parts a pair.
    const auto pairs_with = [&](size_t first, size_t second) {
      return known[second].ordinal == known[first].ordinal + 1 &&
             (known[second].flags & kBreakBefore) == 0 &&
             screened.pairs.count({known[first].id, known[second].id}) > 0;
    };
    if (screened.alone.count(known[k].id) > 0 || (k > 0 && pairs_with(k - 1, k)) ||
        (k + 1 < known.size() && pairs_with(k, k + 1))) {
      required.insert(known[k].ordinal);
    }
  }
  size_t kept = 0;
  for (const TokenizerPath path : {TokenizerPath::kBlocks, TokenizerPath::kBytes}) {
    KnownTokenStream got;
    TokenizeKnown(normalized.text(), screened.vocabulary, &got, path);
    size_t k = 0;
    for (const KnownToken& token : got.tokens) {
      while (k < known.size() && known[k].ordinal < token.ordinal) ++k;
      if (k == known.size() || known[k].ordinal != token.ordinal) {
        ADD_FAILURE() << input << ": kept a token known without a screen: ordinal "
                      << token.ordinal;
        return {0, 0};
      }
      EXPECT_EQ(token.begin, known[k].begin) << input << " ordinal " << token.ordinal;
      EXPECT_EQ(token.end, known[k].end) << input << " ordinal " << token.ordinal;
      EXPECT_EQ(token.id, known[k].id) << input << " ordinal " << token.ordinal;
      EXPECT_EQ(token.flags, known[k].flags) << input << " ordinal " << token.ordinal;
      required.erase(token.ordinal);
    }
    EXPECT_TRUE(required.empty()) << input << ": " << required.size()
                                  << " tokens alone or in a pair not kept, the first ordinal "
                                  << *required.begin();
    KnownTokenStream unscreened;
    TokenizeKnown(normalized.text(), TestVocabulary(), &unscreened, path);
    EXPECT_EQ(got.token_count, unscreened.token_count) << input;
    kept = got.tokens.size();
  }
  return {kept, known.size()};
}

TEST(TokenizeKnown, AScreenKeepsWordsAloneOrInPairsAsTheyWereKnown) {
  for (const char* text :
       {"machine learning, Machine Learning; machine, learning; learning machine",
        "CI/CD and A/B testing with scikit-learn (sklearn); R and Go, the go-to language",
        "Apache\u00A0Spark \u2022 AWS (Glue, EMR). AWS Glue fine-tuning fine\ntuning",
        "python abcdefghijklmnopqr mlops; the abcdefghijklmnopqr mlops; abcdefghijklmnopqr",
        "\u00e9clair testing; testing \u00e9clair; the \u00e9clair the; \u00c9CLAIR TESTING",
        "tensorflowPython pandasSoftware the software andPandas software the tensorflowPython",
        "Machine jane@x.org learning; machine www.learning.org learning",
        "filler1 filler2 filler3 filler4 filler7 filler2 filler1 filler3", "the software the",
        "ends with the software", "python"}) {
    ExpectScreenedKnownTokens(text);
  }
  // Known words that are neither alone nor in a pair are not looked up: the screen must
  // leave out most of them, or it saves nothing.
  std::string plain;
  for (int i = 0; i < 300; ++i) plain += "the learning machine testing a b ";
  const auto [kept, known] = ExpectScreenedKnownTokens(plain);
  EXPECT_EQ(known, 1800u);
  EXPECT_LT(kept, known / 4);
}

// Random text across many batches of deferred words: a word turned away waits for the next
// one, which may keep it after all, across a full batch, a word OnToken reads, contact
// data withdrawn, and the end of the text.
TEST(TokenizeKnown, AScreenAgreesOnRandomText) {
  const std::vector<std::string> pieces = {"machine",
                                           "learning",
                                           "Machine",
                                           "LEARNING",
                                           "the",
                                           "software",
                                           "python",
                                           "tensorflow",
                                           "scikit",
                                           "learn",
                                           "ci",
                                           "cd",
                                           "fine",
                                           "tuning",
                                           "aws",
                                           "glue",
                                           "unknown",
                                           "filler1",
                                           "filler2",
                                           "filler3",
                                           "filler7",
                                           "filler9",
                                           "\u00e9clair",
                                           "testing",
                                           "mlops",
                                           "abcdefghijklmnopqr",
                                           "abcdefghijklmnop",
                                           "tensorflowPython",
                                           "pandasSoftware",
                                           "jane@python.org",
                                           "www.machine.org",
                                           "\u00fcber",
                                           "abcdefghijklmnopqrstuvwxyz"};
  const std::vector<std::string> gaps = {" ", " ", " ",  "\n", ", ",     ". ",
                                         "-", "/", " (", ") ", "\u00A0", " \u2022 "};
  std::mt19937 rng(13);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 300);
    for (int i = 0; i < n; ++i) {
      text += pieces[rng() % pieces.size()];
      text += gaps[rng() % gaps.size()];
    }
    ExpectScreenedKnownTokens(text);
  }
}

// The block path reads plain words from bit masks and leaves everything else to the byte
// loop; on real documents both must give the same tokens, flags and keys.
void ExpectSamePaths(std::string_view input, const std::string& name) {
  NormalizedText normalized;
  Normalize(input, {}, &normalized);
  TokenStream blocks;
  TokenStream bytes;
  Tokenize(normalized.text(), &blocks, TokenizerPath::kBlocks);
  Tokenize(normalized.text(), &bytes, TokenizerPath::kBytes);
  ASSERT_EQ(blocks.tokens.size(), bytes.tokens.size()) << name;
  for (size_t i = 0; i < bytes.tokens.size(); ++i) {
    const Token& a = blocks.tokens[i];
    const Token& b = bytes.tokens[i];
    ASSERT_TRUE(a.begin == b.begin && a.end == b.end && a.flags == b.flags &&
                blocks.Key(a) == bytes.Key(b))
        << name << " token " << i << ": \"" << blocks.Key(a) << "\" against \"" << bytes.Key(b)
        << "\"";
  }
}

// The block path classifies the 64 bytes of a block at once: every ASCII byte, at every
// place in a block, must end, join or start words as the byte loop says.
TEST(TokenizerPaths, AgreeOnEveryAsciiByteAtEveryPlaceInABlock) {
  // A ':' or '@' swept onto a 'Q' makes a web or mail address of its chunk.
  const std::string words = "node.js C++ www.x.org o'reilly httpsQ//jobs/go jQx.io Go #x +y \"q\" ";
  test_util::ForEachByteAtEveryPlaceInABlock(words, 160, 0x80, ExpectSamePaths);
}

TEST(TokenizerPaths, AgreeOnTheCorporaAndGuides) {
  const std::filesystem::path root = JOBFIT_SOURCE_DIR;
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"corpora/resumes", "corpora/jobs", "examples", "tests/read/data"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root / dir)) {
      if (entry.path().extension() == ".txt" || entry.path().extension() == ".md") {
        files.push_back(entry.path());
      }
    }
  }
  const std::filesystem::path guides = root / ".." / "shared" / "guides";
  if (std::filesystem::exists(guides)) {
    for (const auto& entry : std::filesystem::directory_iterator(guides)) files.push_back(entry);
  }
  ASSERT_GT(files.size(), 30u);
  for (const auto& file : files) ExpectSamePaths(test_util::Slurp(file), file.string());
}

TEST(TokenizerPaths, AgreeOnEveryRuleNearABlockEdge) {
  // Each case sits at every offset around the 64-byte edge, after plain words.
  const std::string filler = "plain words and more plain words fill the block here now ";
  for (const char* tail :
       {"node.js", ".NET", "C++17", "C#", "o'reilly", "PyTorch's", "a:b", "https://x.org",
        "jane@x.org", "www.kaggle.com", "(www.x.com)", "caf\u00e9", "wait...then", "x.",
        "end: ", "mitigationSoftware", "Kuber-\nnetes", "A/B", "R&D", "e-mail", "abc'", "ab+",
        // Contact data the byte loop only recognizes from a byte the block
        // before it does not see: "www." followed by anything, and a ':'
        // further into a chunk that holds "://".
        "www.,", "://:hon", "x://y:z"}) {
    for (size_t shift = 0; shift < 70; ++shift) {
      const std::string text =
          filler.substr(0, shift % filler.size()) + filler + tail + " " + filler + tail;
      ExpectSamePaths(text, text);
    }
  }
}

}  // namespace
}  // namespace jobfit::text
