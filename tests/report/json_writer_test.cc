#include "report/json_writer.h"

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace jobfit::internal {
namespace {

using Json = nlohmann::ordered_json;

std::string Dumped(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Written(const std::string& value) {
  std::string out;
  JsonWriter(&out).String(value);
  return out;
}

std::string Written(double value) {
  std::string out;
  JsonWriter(&out).Double(value);
  return out;
}

TEST(JsonWriterTest, StringsAreEscapedAsNlohmannDoes) {
  const char with_nul[] = "nul \0 and unit separator \x1f and DEL \x7f";
  const std::vector<std::string> strings = {
      "",
      "plain ASCII, C++ and C#",
      "quote \" and backslash \\ and slash /",
      "tab\there, line\nbreak, \r \b \f",
      std::string(with_nul, sizeof with_nul - 1),
      "caf\xc3\xa9, \xe2\x80\x9csmart quotes\xe2\x80\x9d, NBSP\xc2\xa0, ligature \xef\xac\x81",
      "CJK \xe6\x97\xa5\xe6\x9c\xac and emoji \xf0\x9f\x9a\x80",
      "invalid \xff byte",
      "truncated \xe2\x80",
      "overlong \xc0\xaf slash",
      "lone surrogate \xed\xa0\x80 here",
      "mis-decoded \xc3\x83\xc2\xa9 text",
  };
  for (const std::string& s : strings) {
    EXPECT_EQ(Written(s), Dumped(Json(s))) << s;
  }
}

// Strings of random pieces, long enough to cross the writer's 16-byte blocks: plain text,
// every escape, multi-byte characters and broken sequences at any offset.
TEST(JsonWriterTest, RandomStringsAreEscapedAsNlohmannDoes) {
  // The last four pieces are broken UTF-8.
  const std::vector<std::string> pieces = {"a",
                                           "Kubernetes ",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\t",
                                           std::string(1, '\0'),
                                           "\x01",
                                           "\x1f",
                                           "\x7f",
                                           "\xc3\xa9",
                                           "\xe2\x80\x99",
                                           "\xf0\x9f\x9a\x80",
                                           " ",
                                           "0123456789abcdef",
                                           "\xff",
                                           "\xe2\x80",
                                           "\xed\xa0\x80",
                                           "\xc0\xaf"};
  std::mt19937 random(11);
  for (int i = 0; i < 20000; ++i) {
    // Most strings valid, as in a report: broken pieces only in every fourth.
    const size_t usable = i % 4 == 0 ? pieces.size() : pieces.size() - 4;
    std::string s;
    const size_t count = random() % 40;
    for (size_t k = 0; k < count; ++k) s += pieces[random() % usable];
    ASSERT_EQ(Written(s), Dumped(Json(s))) << s;
  }
}

TEST(JsonWriterTest, NumbersAreWrittenAsNlohmannDoes) {
  const std::vector<double> numbers = {0.0,
                                       -0.0,
                                       1.0,
                                       100.0,
                                       67.3,
                                       0.1,
                                       1.0 / 3.0,
                                       2.0 / 3.0 * 40.0,
                                       1e-7,
                                       123456789012345678.0,
                                       1e300,
                                       -2.5,
                                       std::numeric_limits<double>::denorm_min(),
                                       std::numeric_limits<double>::max()};
  for (const double d : numbers) EXPECT_EQ(Written(d), Dumped(Json(d))) << d;
  EXPECT_EQ(Written(std::nan("")), "null");
  EXPECT_EQ(Written(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(Dumped(Json(std::numeric_limits<double>::infinity())), "null");

  std::string out;
  JsonWriter(&out).Uint(0);
  EXPECT_EQ(out, "0");
  out.clear();
  JsonWriter(&out).Uint(std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(out, Dumped(Json(std::numeric_limits<uint64_t>::max())));
}

// Scores, weights and years take the writer's decimal path: numbers of up to four
// decimals and seven digits, and numbers near them that must not.
TEST(JsonWriterTest, ShortDecimalsAreWrittenAsNlohmannDoes) {
  for (int k = -200000; k <= 200000; ++k) {
    const double hundredths = k / 100.0;
    ASSERT_EQ(Written(hundredths), Dumped(Json(hundredths))) << k << " / 100";
    const double near = std::nextafter(hundredths, 1e9);
    ASSERT_EQ(Written(near), Dumped(Json(near))) << k;
  }
  for (int k = 0; k < 10000000; k += 97) {
    const double ten_thousandths = k / 10000.0;
    ASSERT_EQ(Written(ten_thousandths), Dumped(Json(ten_thousandths))) << k << " / 10000";
    ASSERT_EQ(Written(-k / 1000.0), Dumped(Json(-k / 1000.0))) << "-" << k << " / 1000";
  }
  for (const double d : {0.1 + 0.2, 1.0 / 3.0, 999999.99, 9999999.0, 10000000.0, 591266.8799,
                         -999999.99, 1e-5, 0.005, 12.345, 2.675, 0.0625}) {
    EXPECT_EQ(Written(d), Dumped(Json(d))) << d;
  }
}

TEST(JsonWriterTest, NestingAndCommasMatchADocument) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Key("schema").String("x/1").Key("empty").BeginArray().EndArray();
  w.Key("list").BeginArray().Uint(1).BeginObject().EndObject().Null().Bool(true).Bool(false);
  w.BeginArray().Double(0.5).EndArray().EndArray();
  w.Key("nested").BeginObject().Key("a").BeginObject().Key("b").Null().EndObject();
  w.Key("raw").Raw("{\"k\":[1,2]}").EndObject();
  // Keys and values past the writer's short-string path, after other members.
  const std::string long_key(60, 'k');
  const std::string long_value = "a value of more than forty-eight plain bytes, " + long_key;
  w.Key(long_key).String(long_value).Key("mixed").BeginArray().String(long_value);
  w.String("short").String(long_value + " \"quoted\"").EndArray();
  w.Key("last").String("end").EndObject().Finish();

  Json expected;
  expected["schema"] = "x/1";
  expected["empty"] = Json::array();
  expected["list"] = {1, Json::object(), nullptr, true, false, {0.5}};
  expected["nested"] = {{"a", {{"b", nullptr}}}, {"raw", {{"k", {1, 2}}}}};
  expected[long_key] = long_value;
  expected["mixed"] = {long_value, "short", long_value + " \"quoted\""};
  expected["last"] = "end";
  EXPECT_EQ(out, Dumped(expected));
}

TEST(JsonWriterTest, EmptyWritesNeedNoRoom) {
  std::string out;
  JsonWriter(&out).Raw("");
  EXPECT_EQ(out, "");
  JsonWriter(&out).BeginArray().Raw("").EndArray();
  EXPECT_EQ(out, "[]");
}

// The text stays in the writer's room until Finish(): a string moved away before it gets
// none of it, and the writer's destructor appends it to the string it was given.
TEST(JsonWriterTest, FinishesIntoTheStringItWasGivenEvenAfterAMove) {
  std::string moved;
  std::string out;
  {
    JsonWriter w(&out);
    w.BeginArray().String("x").EndArray();
    EXPECT_EQ(w.size(), 5u);
    moved = std::move(out);
    out = "reused";
  }
  EXPECT_TRUE(moved.empty());
  EXPECT_EQ(out, "reused[\"x\"]");
}

TEST(JsonWriterTest, ContinuesAnObjectWrittenByOtherMeans) {
  std::string out = Dumped(Json{{"schema", "x/1"}});
  out.pop_back();
  JsonWriter w(&out);
  w.ContinueObject().Key("more").Uint(2).EndObject().Finish();
  EXPECT_EQ(out, "{\"schema\":\"x/1\",\"more\":2}");
}

// The writer's room grows past its first 4 KB, and after Finish() it may go on writing.
TEST(JsonWriterTest, GrowsAndFinishesMoreThanOnce) {
  std::string out;
  JsonWriter w(&out);
  Json expected = Json::array();
  w.BeginArray();
  for (int i = 0; i < 3000; ++i) {
    const std::string value =
        "item " + std::to_string(i) + std::string(static_cast<size_t>(i % 70), 'x');
    w.String(value).Double(i / 4.0);
    expected.push_back(value);
    expected.push_back(i / 4.0);
    if (i == 1000) {
      w.Finish();
      EXPECT_TRUE(out.ends_with(",250.0")) << out.substr(out.size() - 20);  // 1000 / 4.0
    }
  }
  w.EndArray().Finish();
  EXPECT_EQ(out, Dumped(expected));
  w.Finish();
  EXPECT_EQ(out, Dumped(expected));
}

// The writer grows the string it writes to from what is written: a small write into a
// string with a mebibyte of room (emptied after a large text) makes a few kilobytes of
// it ready, not all of it; and writes that fit the room a caller reserved stay in it.
TEST(JsonWriterTest, GrowsFromWhatIsWrittenWithinTheRoom) {
  std::string large_room;
  large_room.reserve(size_t{1} << 20);
  {
    JsonWriter w(&large_room);
    w.BeginArray().String("small");
    EXPECT_LT(large_room.size(), size_t{64} << 10);  // the room made ready so far
  }
  EXPECT_EQ(large_room, "[\"small\"");

  std::string out;
  out.reserve(size_t{60} << 10);
  const char* const room = out.data();
  JsonWriter w(&out);
  std::string expected = "[";
  w.BeginArray();
  for (int i = 0; i < 2000; ++i) {
    w.String("item of some length " + std::to_string(i));
    expected += (i > 0 ? ",\"" : "\"") + ("item of some length " + std::to_string(i)) + "\"";
  }
  w.EndArray().Finish();
  EXPECT_EQ(out, expected + "]");
  ASSERT_LE(out.size(), size_t{60} << 10);
  EXPECT_EQ(out.data(), room);  // written where the reserved room was, never moved
}

}  // namespace
}  // namespace jobfit::internal
