#include "lexicon/json_positions.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace jobfit::internal {
namespace {

using Json = nlohmann::json;

JsonPositions ParseWithPositions(std::string_view text, size_t max_depth) {
  Json root;
  return JsonPositions::Parse(text, max_depth, &root);
}

TEST(FindInvalidUtf8, AcceptsWellFormedText) {
  EXPECT_EQ(FindInvalidUtf8(""), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), std::nullopt);
}

TEST(FindInvalidUtf8, ReportsTheFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"), 2u);
  EXPECT_EQ(FindInvalidUtf8("a\x80"), 1u);             // stray continuation byte
  EXPECT_EQ(FindInvalidUtf8("a\xC3"), 1u);             // truncated sequence
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("xy\xED\xA0\x80"), 2u);    // UTF-16 surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xE2\x82"
                            "A"),
            0u);  // bad third byte
}

TEST(LineIndex, CountsLinesAndByteColumnsFromOne) {
  const LineIndex lines("ab\ncd\n\xC3\xA9x");
  EXPECT_EQ(lines.At(0).line, 1u);
  EXPECT_EQ(lines.At(0).column, 1u);
  EXPECT_EQ(lines.At(2).column, 3u);  // the newline itself ends line 1
  EXPECT_EQ(lines.At(3).line, 2u);
  EXPECT_EQ(lines.At(3).column, 1u);
  EXPECT_EQ(lines.At(8).line, 3u);
  EXPECT_EQ(lines.At(8).column, 3u);  // columns count bytes: "é" is two
}

TEST(LineIndex, HandlesEmptyLinesAndATrailingNewline) {
  EXPECT_EQ(LineIndex("").At(0).line, 1u);
  const LineIndex lines("a\n\n\nb\n");
  EXPECT_EQ(lines.At(1).line, 1u);  // the first newline
  EXPECT_EQ(lines.At(2).line, 2u);
  EXPECT_EQ(lines.At(3).line, 3u);
  EXPECT_EQ(lines.At(4).line, 4u);  // "b"
  EXPECT_EQ(lines.At(4).column, 1u);
  EXPECT_EQ(lines.At(6).line, 5u);  // just past the trailing newline
  EXPECT_EQ(lines.At(6).column, 1u);
}

// A file with a bad byte far from its start: the block check sends it to the byte loop,
// which names the byte.
TEST(FindInvalidUtf8, FindsABadByteAfterALongValidRun) {
  std::string text(100000, 'a');
  text += "caf\xC3\xA9 ";
  const size_t bad = text.size();
  text += "\xC3(";
  text += std::string(1000, 'b');
  EXPECT_EQ(FindInvalidUtf8(text), bad);
  EXPECT_EQ(FindInvalidUtf8(std::string_view(text).substr(0, bad)), std::nullopt);
}

// The block count against a byte loop, at lengths around its 16-byte steps and the
// 255-step flush of its byte counters, where a dense run would overflow them.
TEST(CountJsonSeparators, CountsEveryColonCommaAndBracket) {
  std::mt19937 random(7);
  const std::string alphabet = ":,[]{} a\"";
  for (const size_t length : {0u, 1u, 15u, 16u, 17u, 4079u, 4080u, 4081u, 9000u}) {
    std::string text;
    for (size_t i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    size_t colons = 0;
    size_t others = 0;
    for (const char c : text) {
      colons += c == ':';
      others += c == ',' || c == '[';
    }
    const JsonSeparatorCounts counts = CountJsonSeparators(text);
    EXPECT_EQ(counts.colons, colons) << length;
    EXPECT_EQ(counts.commas_and_brackets, others) << length;
  }
  const JsonSeparatorCounts dense = CountJsonSeparators(std::string(100000, ':'));
  EXPECT_EQ(dense.colons, 100000u);
  EXPECT_EQ(dense.commas_and_brackets, 0u);
}

TEST(JsonPositions, RecordsValuesAndKeysByPointer) {
  const std::string text = "{\"a\": [1, {\"b\": \"x\"}],\n \"c/d\": true, \"e~\": null}";
  const JsonPositions p = ParseWithPositions(text, 64);
  EXPECT_EQ(p.Value(""), 0u);
  EXPECT_EQ(p.Value("/a"), text.find('['));
  EXPECT_EQ(p.Value("/a/0"), text.find('1'));
  EXPECT_EQ(p.Value("/a/1"), text.find("{\"b\""));
  EXPECT_EQ(p.Value("/a/1/b"), text.find("\"x\""));
  EXPECT_EQ(p.Key("/a/1/b"), text.find("\"b\""));
  EXPECT_EQ(p.Value("/c~1d"), text.find("true"));
  EXPECT_EQ(p.Value("/e~0"), text.find("null"));
  EXPECT_EQ(p.Value("/missing"), std::nullopt);
  EXPECT_EQ(p.Value("/a/2"), std::nullopt);
  EXPECT_FALSE(p.duplicate().has_value());
}

// Thousands of values, as a large lexicon has: every one is found where it is, across the
// growth of the tables, and a repeated key keeps its first occurrence.
TEST(JsonPositions, FindsEveryValueOfALargeDocument) {
  std::string text = "{\"entries\": [";
  std::vector<size_t> id_at, alias_at, key_at;
  for (int i = 0; i < 5000; ++i) {
    if (i > 0) text += ",\n";
    text += "{";
    key_at.push_back(text.size());
    text += "\"id\": ";
    id_at.push_back(text.size());
    text += "\"e" + std::to_string(i) + "\", \"aliases\": [\"a\", ";
    alias_at.push_back(text.size());
    text += "\"b" + std::to_string(i) + "\"]}";
  }
  text += "], \"entries\": 0}";
  const JsonPositions p = ParseWithPositions(text, 64);
  for (int i = 0; i < 5000; ++i) {
    const std::string entry = "/entries/" + std::to_string(i);
    ASSERT_EQ(p.Value(entry + "/id"), id_at[i]) << entry;
    ASSERT_EQ(p.Key(entry + "/id"), key_at[i]) << entry;
    ASSERT_EQ(p.Value(entry + "/aliases/1"), alias_at[i]) << entry;
    ASSERT_EQ(p.Value(entry), key_at[i] - 1) << entry;
  }
  EXPECT_EQ(p.Value("/entries/5000"), std::nullopt);
  EXPECT_EQ(p.Value("/entries/0/aliases/2"), std::nullopt);
  // "entries" twice: the array, the first, is where its pointer leads.
  EXPECT_EQ(p.Value("/entries"), text.find('['));
  ASSERT_TRUE(p.duplicate().has_value());
  EXPECT_EQ(p.duplicate()->offset, text.rfind("\"entries\""));
}

TEST(JsonPositions, SkipsStringsWithEscapedQuotesAndBrackets) {
  const std::string text = R"({"a": "x\"}]\\", "b": 2})";
  const JsonPositions p = ParseWithPositions(text, 64);
  EXPECT_EQ(p.Value("/b"), text.find('2'));
}

TEST(JsonPositions, FindsDuplicateKeysEvenWhenSpelledWithEscapes) {
  const std::string text = R"({"x": {"name": 1, "n\u0061me": 2}})";
  const JsonPositions p = ParseWithPositions(text, 64);
  ASSERT_TRUE(p.duplicate().has_value());
  EXPECT_EQ(p.duplicate()->pointer, "/x/name");
  EXPECT_EQ(p.duplicate()->offset, text.find("\"n\\u0061me\""));
}

// The pointer of a duplicate is written out from the path only then: through arrays, and
// with the keys escaped as RFC 6901 says.
TEST(JsonPositions, NamesADuplicateKeyByItsWholeEscapedPointer) {
  const std::string text = R"({"a/b": [0, {"k~": {"z": 1, "y": [], "z": 2}}], "c": 3})";
  const JsonPositions p = ParseWithPositions(text, 64);
  ASSERT_TRUE(p.duplicate().has_value());
  EXPECT_EQ(p.duplicate()->pointer, "/a~1b/1/k~0/z");
  EXPECT_EQ(p.duplicate()->offset, text.rfind("\"z\""));
  EXPECT_EQ(p.Value("/a~1b/1/k~0/y"), text.find("[]"));
  EXPECT_EQ(p.Value("/c"), text.find('3'));
}

TEST(JsonPositions, EqualKeysInDifferentObjectsAreNotDuplicates) {
  const JsonPositions p = ParseWithPositions(R"([{"a": 1}, {"a": 2}])", 64);
  EXPECT_FALSE(p.duplicate().has_value());
}

TEST(JsonPositions, StopsAtMaxDepth) {
  const std::string text = std::string(100, '[') + std::string(100, ']');
  const JsonPositions p = ParseWithPositions(text, 64);
  ASSERT_TRUE(p.too_deep().has_value());
  EXPECT_EQ(*p.too_deep(), 64u);
  EXPECT_FALSE(ParseWithPositions("[[[]]]", 64).too_deep().has_value());
}

TEST(JsonPositions, RejectsMalformedInputAsNlohmannDoes) {
  for (const char* text :
       {"", "{", "{\"a", "{\"a\":", "[1,", "\"\\u12", "{\"a\" 1}", "]", "[1] 2"}) {
    Json root;
    EXPECT_THROW(JsonPositions::Parse(text, 64, &root), Json::parse_error) << text;
    EXPECT_THROW(root = Json::parse(text), Json::parse_error) << text;
  }
}

// Too deep is reported only for well-formed text: a syntax error further on still throws.
TEST(JsonPositions, ReportsSyntaxErrorsPastTheDepthLimit) {
  Json root;
  EXPECT_THROW(JsonPositions::Parse(std::string(100, '[') + "}", 64, &root), Json::parse_error);
}

// The document is the one nlohmann's own parser builds, a repeated key's last value
// included, and every value and key is found where a byte-by-byte search finds it.
TEST(JsonPositions, BuildsNlohmannsDocumentAndFindsEveryToken) {
  const std::string text =
      "\xEF\xBB\xBF{\"n\": -12.5e3,\"u\":18446744073709551615 , \"i\":-7\r\n,\t\"t\": true,"
      "\"f\":false,\"z\":null, \"s\": \"q\\\"}\\\\\", \"e\": {}, \"a\": [ [], 1 ,2,[3]],"
      "\"n\": 0 }";
  Json root;
  const JsonPositions p = JsonPositions::Parse(text, 64, &root);
  EXPECT_EQ(root, Json::parse(text));
  EXPECT_EQ(root["n"], 0);
  EXPECT_EQ(p.Value(""), 3u);
  EXPECT_EQ(p.Value("/n"), text.find("-12.5e3"));  // the first of the two stays
  EXPECT_EQ(p.Value("/u"), text.find("1844"));
  EXPECT_EQ(p.Value("/i"), text.find("-7"));
  EXPECT_EQ(p.Value("/t"), text.find("true"));
  EXPECT_EQ(p.Value("/f"), text.find("false"));
  EXPECT_EQ(p.Value("/z"), text.find("null"));
  EXPECT_EQ(p.Value("/s"), text.find("\"q"));
  EXPECT_EQ(p.Value("/e"), text.find("{}"));
  EXPECT_EQ(p.Value("/a"), text.find("[ []"));
  EXPECT_EQ(p.Value("/a/0"), text.find("[],"));
  EXPECT_EQ(p.Value("/a/1"), text.find("1 ,"));
  EXPECT_EQ(p.Value("/a/2"), text.find("2,["));
  EXPECT_EQ(p.Value("/a/3"), text.find("[3]"));
  EXPECT_EQ(p.Value("/a/3/0"), text.find("3]"));
  EXPECT_EQ(p.Key("/i"), text.find("\"i\""));
  EXPECT_EQ(p.Key("/t"), text.find("\"t\""));
  ASSERT_TRUE(p.duplicate().has_value());
  EXPECT_EQ(p.duplicate()->pointer, "/n");
  EXPECT_EQ(p.duplicate()->offset, text.rfind("\"n\""));
}

// Random documents against nlohmann's parser, and each value's position against where
// the writer put it.
TEST(JsonPositions, AgreesWithNlohmannOnRandomDocuments) {
  std::mt19937 random(11);
  for (int round = 0; round < 200; ++round) {
    std::string text = "{";
    std::vector<std::pair<std::string, size_t>> expected;
    const int members = static_cast<int>(random() % 8);
    for (int m = 0; m < members; ++m) {
      if (m > 0) text += random() % 2 ? "," : " ,\n ";
      const std::string key = "k" + std::to_string(m);
      text += "\"" + key + "\"" + (random() % 2 ? ":" : " : ");
      expected.emplace_back("/" + key, text.size());
      switch (random() % 5) {
        case 0:
          text += std::to_string(static_cast<int>(random() % 2001) - 1000);
          break;
        case 1:
          text += "\"v\\u00e9\\n" + std::to_string(random() % 100) + "\"";
          break;
        case 2:
          text += "[";
          for (int i = 0, n = static_cast<int>(random() % 4); i < n; ++i) {
            if (i > 0) text += ",";
            expected.emplace_back("/" + key + "/" + std::to_string(i), text.size());
            text += std::to_string(i) + ".5";
          }
          text += "]";
          break;
        case 3:
          text += "{\"x\":{\"y\": [true, ";
          expected.emplace_back("/" + key + "/x/y/1", text.size());
          text += "{\"z\":2}]}}";
          break;
        default:
          text += "null";
          break;
      }
    }
    text += random() % 2 ? "}" : " }\n";
    Json root;
    const JsonPositions p = JsonPositions::Parse(text, 64, &root);
    ASSERT_EQ(root, Json::parse(text)) << text;
    for (const auto& [pointer, offset] : expected) {
      ASSERT_EQ(p.Value(pointer), offset) << pointer << " in " << text;
    }
  }
}

TEST(AppendPointer, EscapesTokens) {
  std::string pointer;
  AppendPointerToken("a/b~c", &pointer);
  AppendPointerToken("12", &pointer);
  EXPECT_EQ(pointer, "/a~1b~0c/12");
}

// A path built a token at a time leads where the pointer written out does.
// Values below depth 2 are filed under their depth-2 ancestor: repeated keys there keep
// their first value, and a path into another subtree finds nothing.
TEST(JsonPositions, FindsDeepValuesUnderTheirAncestor) {
  const std::string text =
      R"({"e": [{"a": {"b": 1, "b": [2, 3]}}, {"a": {"c": 4}}], "f": {"g": {"h": 5}}})";
  const JsonPositions p = ParseWithPositions(text, 64);
  EXPECT_EQ(p.Value("/e/0/a/b"), text.find('1'));
  EXPECT_EQ(p.Key("/e/0/a/b"), text.find("\"b\""));
  EXPECT_EQ(p.Value("/e/1/a/c"), text.find('4'));
  EXPECT_EQ(p.Value("/e/1/a/b"), std::nullopt);
  EXPECT_EQ(p.Value("/e/0/a/c"), std::nullopt);
  EXPECT_EQ(p.Value("/f/g/h"), text.find('5'));
  EXPECT_EQ(p.Value("/f/g"), text.find("{\"h\""));
  EXPECT_EQ(p.Value("/e/2/a"), std::nullopt);
}

// An entry with more records than a walk covers is looked up through its own tables:
// every alias of one huge entry, and of entries either side of the limit (4 + 3 x 20 = 64
// records are walked, 67 are not), is found.
TEST(JsonPositions, FindsEveryValueOfOneHugeEntry) {
  for (const int aliases : {20, 21, 5000}) {
    std::string text = "{\"entries\": [{\"id\": \"x\", \"aliases\": [";
    std::vector<size_t> alias_at;
    std::vector<size_t> text_at;
    for (int i = 0; i < aliases; ++i) {
      if (i > 0) text += ", ";
      alias_at.push_back(text.size());
      text += "{\"text\": ";
      text_at.push_back(text.size());
      text += "\"a" + std::to_string(i) + "\"}";
    }
    text += "]}, {\"id\": \"y\"}]}";
    const JsonPositions p = ParseWithPositions(text, 64);
    for (int i = 0; i < aliases; ++i) {
      const std::string alias = "/entries/0/aliases/" + std::to_string(i);
      ASSERT_EQ(p.Value(alias), alias_at[i]) << alias;
      ASSERT_EQ(p.Value(alias + "/text"), text_at[i]) << alias;
      ASSERT_EQ(p.Key(alias + "/text"), text_at[i] - 8) << alias;
    }
    EXPECT_EQ(p.Value("/entries/0/id"), text.find("\"x\""));
    EXPECT_EQ(p.Value("/entries/1/id"), text.find("\"y\""));
    EXPECT_EQ(p.Value("/entries/0/aliases/" + std::to_string(aliases)), std::nullopt);
  }
}

TEST(JsonPath, MatchesThePointerWrittenOut) {
  const JsonPath path = JsonPath().Member("a/b").Item(3).Member("k~").Item(10);
  EXPECT_EQ(path.hash(), JsonPath::Of("/a~1b/3/k~0/10").hash());
  EXPECT_EQ(JsonPath().hash(), JsonPath::Of("").hash());
  EXPECT_EQ(path.depth(), 4u);
  EXPECT_EQ(JsonPath::Of("/a~1b/3/k~0/10").depth(), 4u);
  EXPECT_EQ(path.anchor(), JsonPath().Member("a/b").Item(3).hash());
  EXPECT_EQ(JsonPath::Of("/a~1b/3/k~0/10").anchor(), path.anchor());
  EXPECT_EQ(JsonPath().Member("x").anchor(), JsonPath().Member("x").hash());
  EXPECT_NE(path.hash(), JsonPath::Of("/a~1b/3/k~0/1").hash());
  EXPECT_NE(JsonPath().Member("a/b").hash(), JsonPath().Member("a").Member("b").hash());
  const std::string text = R"({"a/b": [0, 1, 2, {"k~": [5]}]})";
  const JsonPositions p = ParseWithPositions(text, 64);
  EXPECT_EQ(p.Value(JsonPath().Member("a/b").Item(3).Member("k~").Item(0)), text.find('5'));
  EXPECT_EQ(p.Key(JsonPath().Member("a/b").Item(3).Member("k~")), text.find("\"k~\""));
}

}  // namespace
}  // namespace jobfit::internal
