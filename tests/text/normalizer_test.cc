#include "text/normalizer.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "text/encoding.h"
#include "text/utf8.h"

namespace jobfit::text {
namespace {

std::string Norm(std::string_view input) {
  NormalizedText out;
  Normalize(input, {}, &out);
  return std::string(out.text());
}

// Returns the input bytes that produced normalized [begin, end).
std::string Source(std::string_view input, size_t begin, size_t end) {
  NormalizedText out;
  Normalize(input, {}, &out);
  const uint64_t b = out.ToInputBegin(begin);
  const uint64_t e = out.ToInputEnd(end);
  return std::string(input.substr(b, e - b));
}

TEST(Normalizer, AsciiPassesThroughUnchanged) {
  const std::string input = "Python, SQL and C++ (5+ years)\r\nline two\ttab";
  NormalizedText out;
  Normalize(input, {}, &out);
  EXPECT_EQ(out.text(), input);
  EXPECT_TRUE(out.identity());
  EXPECT_EQ(out.ToInputBegin(7), 7u);
  EXPECT_EQ(out.ToInputEnd(10), 10u);
}

TEST(Normalizer, SpacesLookAlikesBecomeSpaces) {
  EXPECT_EQ(Norm("Apache\u00A0Spark"), "Apache Spark");
  EXPECT_EQ(Norm("A\u2009B\u202FC\u3000D"), "A B C D");
}

TEST(Normalizer, InvisibleCharactersDisappear) {
  EXPECT_EQ(Norm("Kuber\u00ADnetes"), "Kubernetes");
  EXPECT_EQ(Norm("Py\u200Bthon"), "Python");
  EXPECT_EQ(Norm("\uFEFFDocker"), "Docker");
}

TEST(Normalizer, SmartQuotesAndDashesBecomeAscii) {
  EXPECT_EQ(Norm("PyTorch\u2019s \u201CMLOps\u201D"), "PyTorch's \"MLOps\"");
  EXPECT_EQ(Norm("2019\u20132021 \u2014 lead"), "2019-2021 - lead");
}

TEST(Normalizer, LigaturesAndFullWidthUnfold) {
  EXPECT_EQ(Norm("\uFB01ne-tuning work\uFB02ows"), "fine-tuning workflows");
  EXPECT_EQ(Norm("\uFF30\uFF59\uFF34\uFF4F\uFF52\uFF43\uFF48"), "PyTorch");
}

TEST(Normalizer, CombiningMarkComposesWithAsciiBase) {
  EXPECT_EQ(Norm("cafe\u0301"), "caf\u00E9");
  EXPECT_EQ(Source("cafe\u0301 x", 0, 5), "cafe\u0301");
}

// Runs of letters NFKC leaves alone are copied without asking ICU; a run with one
// character that does change or compose is still normalized.
TEST(Normalizer, OtherScriptsPassUnlessACharacterNeedsNfkc) {
  const std::string cyrillic = "Мюнхен ΣΥΣ 東京";
  EXPECT_EQ(Norm(cyrillic), cyrillic);
  // "и" and a combining breve compose to "й"; a ligature unfolds between Cyrillic letters.
  EXPECT_EQ(Norm("й ДﬁД"), "й ДfiД");
  EXPECT_EQ(Source("ДﬁД", 2, 4), "ﬁ");
}

// Runs copied whole with the ASCII around them must come out, with their offsets, as the
// per-character path gives them: every code point of U+0080 to U+FFFF alone, twice, after
// a letter, before a combining mark, and next to the characters a repair looks for.
TEST(Normalizer, PlainRunsComeOutAsThePerCharacterPathGivesThem) {
  NormalizeOptions per_character;
  per_character.copy_plain_runs = false;
  const auto expect_same = [&](const std::string& input) {
    NormalizedText fast;
    NormalizedText slow;
    Normalize(input, {}, &fast);
    Normalize(input, per_character, &slow);
    ASSERT_EQ(fast.text(), slow.text()) << testing::PrintToString(input);
    for (size_t i = 0; i <= fast.text().size(); ++i) {
      ASSERT_EQ(fast.ToInputBegin(i), slow.ToInputBegin(i)) << testing::PrintToString(input);
      ASSERT_EQ(fast.ToInputEnd(i), slow.ToInputEnd(i)) << testing::PrintToString(input);
    }
  };
  for (char32_t cp = 0x80; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string c;
    AppendUtf8(cp, &c);
    expect_same("a" + c + " b" + c + c + "c " + c + "\u0301 " + c + "\u00A9 \u00C3" + c + "\n");
  }
  for (const char* text : {"caf\u00e9 \u00c3\u00a9t\u00c3\u00a9 na\u00efve \u2022 item",
                           "\u041c\u044e\u043d\u0445\u0435\u043d \u03b2eta \u03c0 \u2013 x",
                           "Kuber\u00ad\nnetes \u00e2\u20ac\u2122s \xff\xfe bad"}) {
    expect_same(text);
  }
}

TEST(Normalizer, HyphenatedLineBreakJoins) {
  EXPECT_EQ(Norm("Kuber-\nnetes"), "Kubernetes");
  EXPECT_EQ(Norm("Tensor-\r\n  Flow"), "TensorFlow");
  EXPECT_EQ(Norm("Kuber\u00AD\nnetes"), "Kubernetes");
  // A dash that starts a list item, or ends a line after a digit, is not hyphenation.
  EXPECT_EQ(Norm("Skills:\n- Python"), "Skills:\n- Python");
  EXPECT_EQ(Norm("2019-\n2021"), "2019-\n2021");
  NormalizeOptions keep;
  keep.join_hyphenated_lines = false;
  NormalizedText out;
  Normalize("Kuber-\nnetes", keep, &out);
  EXPECT_EQ(out.text(), "Kuber-\nnetes");
}

// Hyphens are passed over sixteen bytes at a time unless a letter stands before them and
// white space after: each kind at every offset of those sixteen bytes, the letter or the
// line break in the neighbouring block, and hyphens at the text's first and last byte.
TEST(Normalizer, HyphensJoinOrStayAtEveryOffset) {
  const std::string body =
      "Kuber-\nnetes, end-to-end, x - y, Tensor- \r\nFlow, 2019-\n2021, data-\n- item, "
      "caf\u00e9 ML-\tOps";
  const std::string joined =
      "Kubernetes, end-to-end, x - y, TensorFlow, 2019-\n2021, data-\n- item, "
      "caf\u00e9 ML-\tOps";
  for (size_t pad = 0; pad < 40; ++pad) {
    const std::string before(pad, 'a');
    EXPECT_EQ(Norm(before + " " + body + "-"), before + " " + joined + "-") << pad;
    EXPECT_EQ(Norm("-\n" + before + "b-\ncd"), "-\n" + before + "bcd") << pad;
  }
}

TEST(Normalizer, JoinedWordMapsToTheWholeInputSpan) {
  const std::string input = "use Kuber-\n  netes daily";
  EXPECT_EQ(Source(input, 4, 14), "Kuber-\n  netes");
}

TEST(Normalizer, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Norm("a\xFF"
                 "b"),
            "a\uFFFD"
            "b");
  EXPECT_EQ(Norm("\xE2\x82"), "\uFFFD\uFFFD");
  EXPECT_EQ(Norm("\xC0\xAF"), "\uFFFD\uFFFD");            // overlong "/"
  EXPECT_EQ(Norm("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // surrogate
  EXPECT_EQ(Norm(std::string("x\0y", 3)), std::string("x\0y", 3));
}

// The scan of a mapped file stands in for the reader's UTF-8 check (ScanResult::
// invalid_utf8), so the normalizer must say "not UTF-8" exactly when the check would.
TEST(Normalizer, SaysTheInputHeldInvalidUtf8ExactlyWhenTheCheckWould) {
  const auto invalid = [](std::string_view input) {
    NormalizedText out;
    Normalize(input, {}, &out);
    return out.had_invalid_utf8();
  };
  EXPECT_FALSE(invalid("Python and Go, 5+ years"));
  EXPECT_FALSE(invalid("caf\u00e9 \u2013 \u201cML\u201d \uFFFD \u00e2\u20ac\u2122 \u03b2"));
  EXPECT_TRUE(invalid("caf\xE9 au lait"));        // Windows-1252, in ASCII
  EXPECT_TRUE(invalid("\u00e9\xE9\u00e9"));       // inside a run of valid characters
  EXPECT_TRUE(invalid("na\u00efve \xE2\x82"));    // cut by the end
  EXPECT_TRUE(invalid("\xC0\xAF \xED\xA0\x80"));  // overlong, surrogate
  EXPECT_TRUE(invalid("\xF5\x80\x80\x80"));       // past U+10FFFF
  NormalizedText reused;
  Normalize("\xFF", {}, &reused);
  Normalize("Python", {}, &reused);
  EXPECT_FALSE(reused.had_invalid_utf8());
  Normalize("\xFF", {}, &reused);
  Normalize("r\u00e9sum\u00e9", {}, &reused);
  EXPECT_FALSE(reused.had_invalid_utf8());

  // Random mixes of ASCII, valid sequences, stray bytes and cut sequences.
  const std::vector<std::string> parts = {
      "a",          " ",        "-\n",          "Py",
      "\u00e9",     "\u2013",   "\u00a0",       "\u4e2d",
      "\U0001F600", "\u0301",   "\u00c3\u00a9", "\u03b2",
      "\xFF",       "\x80",     "\xC3",         "\xE2\x82",
      "\xF0\x9F",   "\xC1\xBF", "\xED\xB0\x80", "\xF4\x90\x80\x80"};
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    const size_t count = random() % 12;
    for (size_t i = 0; i < count; ++i) input += parts[random() % parts.size()];
    ASSERT_EQ(invalid(input), !IsValidUtf8(input)) << testing::PrintToString(input);
  }
}

TEST(Normalizer, Windows1252MojibakeIsDecodedBack) {
  EXPECT_EQ(Norm("you\u00E2\u20AC\u2122re"), "you're");                 // â€™
  EXPECT_EQ(Norm("\u00E2\u20AC\u0153ML\u00E2\u20AC\u009D"), "\"ML\"");  // â€œ â€
  EXPECT_EQ(Norm("r\u00C3\u00A9sum\u00C3\u00A9"), "r\u00E9sum\u00E9");  // Ã©
  EXPECT_EQ(Norm("Apache\u00C2\u00A0Spark"), "Apache Spark");           // Â + NBSP
}

TEST(Normalizer, LossyGreekMojibakeOfGuide001IsRepaired) {
  // The damage seen in ../shared/guides/001_*: only a lead byte survived, decoded as
  // Windows-1253.
  EXPECT_EQ(Norm("If you\u03B2re interested"), "If you're interested");
  EXPECT_EQ(Norm("Linear Algebra \u03B2 Matrices"), "Linear Algebra   Matrices");
  EXPECT_EQ(Norm("\u03C0\u2019 Want more"), "  Want more");
  EXPECT_EQ(Norm("\u03B2\nRegression"), " \nRegression");
  // Real Greek is left alone.
  EXPECT_EQ(Norm("\u03B1\u03B2\u03B3"), "\u03B1\u03B2\u03B3");
  NormalizeOptions keep;
  keep.repair_mojibake = false;
  NormalizedText out;
  Normalize("you\u03B2re", keep, &out);
  EXPECT_EQ(out.text(), "you\u03B2re");
}

TEST(Normalizer, OffsetsMapEveryTokenBackToItsInputBytes) {
  const std::string input = "\u201CPyTorch\u201D\u00A0and \uFB01ne";
  NormalizedText out;
  Normalize(input, {}, &out);
  ASSERT_EQ(out.text(), "\"PyTorch\" and fine");
  EXPECT_EQ(Source(input, 1, 8), "PyTorch");
  EXPECT_EQ(Source(input, 14, 18), "\uFB01ne");
  EXPECT_EQ(Source(input, 14, 15), "\uFB01");
}

// Regression: a run of full-width letters was one edit, so every token in it mapped to
// the whole run and two matches overlapped.
TEST(Normalizer, EachFullWidthCharacterMapsToItsOwnBytes) {
  const std::string input = "\uFF30\uFF59\u30FB\uFF2A\uFF21\uFF38";  // Ｐｙ・ＪＡＸ
  NormalizedText out;
  Normalize(input, {}, &out);
  ASSERT_EQ(out.text(), "Py\u30FBJAX");
  EXPECT_EQ(Source(input, 0, 2), "\uFF30\uFF59");
  EXPECT_EQ(Source(input, 5, 8), "\uFF2A\uFF21\uFF38");
}

TEST(Normalizer, ReusedOutputIsCleared) {
  NormalizedText out;
  Normalize("\u00A0long text here", {}, &out);
  Normalize("ab", {}, &out);
  EXPECT_EQ(out.text(), "ab");
  EXPECT_TRUE(out.identity());
}

// The hinted lookups the matcher uses must map every offset as the plain ones do, whether
// the offsets grow, jump back or come in any order.
TEST(Normalizer, HintedOffsetMappingAgreesWithTheBinarySearch) {
  std::string input;
  for (int i = 0; i < 200; ++i) {
    input += i % 3 == 0 ? "\u00A0Apache\u00A0Spark " : "plain ";
    input += i % 7 == 0 ? "\uFB01ne-\ntuning " : "and \u201Cquoted\u201D ";
  }
  NormalizedText out;
  Normalize(input, {}, &out);
  ASSERT_FALSE(out.identity());
  const size_t n = out.text().size();
  std::vector<uint64_t> offsets;
  for (uint64_t k = 0; k <= n; ++k) offsets.push_back(k);   // growing
  for (uint64_t k = n + 1; k-- > 0;) offsets.push_back(k);  // shrinking
  std::mt19937 rng(3);
  for (int k = 0; k < 2000; ++k) offsets.push_back(rng() % (n + 1));  // any order
  size_t begin_hint = 0;
  size_t end_hint = 0;
  for (const uint64_t offset : offsets) {
    ASSERT_EQ(out.ToInputBegin(offset, &begin_hint), out.ToInputBegin(offset)) << offset;
    ASSERT_EQ(out.ToInputEnd(offset, &end_hint), out.ToInputEnd(offset)) << offset;
  }
}

}  // namespace
}  // namespace jobfit::text
