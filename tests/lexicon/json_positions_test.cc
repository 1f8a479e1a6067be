#include "lexicon/json_positions.h"

#include <string>

#include <gtest/gtest.h>

namespace jobfit::internal {
namespace {

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

TEST(JsonPositions, RecordsValuesAndKeysByPointer) {
  const std::string text = "{\"a\": [1, {\"b\": \"x\"}],\n \"c/d\": true, \"e~\": null}";
  const JsonPositions p = JsonPositions::Scan(text, 64);
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

TEST(JsonPositions, SkipsStringsWithEscapedQuotesAndBrackets) {
  const std::string text = R"({"a": "x\"}]\\", "b": 2})";
  const JsonPositions p = JsonPositions::Scan(text, 64);
  EXPECT_EQ(p.Value("/b"), text.find('2'));
}

TEST(JsonPositions, FindsDuplicateKeysEvenWhenSpelledWithEscapes) {
  const std::string text = R"({"x": {"name": 1, "n\u0061me": 2}})";
  const JsonPositions p = JsonPositions::Scan(text, 64);
  ASSERT_TRUE(p.duplicate().has_value());
  EXPECT_EQ(p.duplicate()->pointer, "/x/name");
  EXPECT_EQ(p.duplicate()->offset, text.find("\"n\\u0061me\""));
}

TEST(JsonPositions, EqualKeysInDifferentObjectsAreNotDuplicates) {
  const JsonPositions p = JsonPositions::Scan(R"([{"a": 1}, {"a": 2}])", 64);
  EXPECT_FALSE(p.duplicate().has_value());
}

TEST(JsonPositions, StopsAtMaxDepth) {
  const std::string text = std::string(100, '[') + std::string(100, ']');
  const JsonPositions p = JsonPositions::Scan(text, 64);
  ASSERT_TRUE(p.too_deep().has_value());
  EXPECT_EQ(*p.too_deep(), 64u);
  EXPECT_FALSE(JsonPositions::Scan("[[[]]]", 64).too_deep().has_value());
}

TEST(JsonPositions, SurvivesMalformedInput) {
  // Not reachable through the loader (nlohmann rejects these first), but the scanner must
  // stay in bounds whatever it is given.
  for (const char* text : {"", "{", "{\"a", "{\"a\":", "[1,", "\"\\u12", "{\"a\" 1}", "]"}) {
    const JsonPositions p = JsonPositions::Scan(text, 64);
    (void)p.Value("");
  }
}

TEST(AppendPointer, EscapesTokens) {
  std::string pointer;
  AppendPointerToken("a/b~c", &pointer);
  AppendPointerIndex(12, &pointer);
  EXPECT_EQ(pointer, "/a~1b~0c/12");
}

}  // namespace
}  // namespace jobfit::internal
