#include "report/json_writer.h"

#include <cmath>
#include <limits>
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

TEST(JsonWriterTest, NestingAndCommasMatchADocument) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Key("schema").String("x/1").Key("empty").BeginArray().EndArray();
  w.Key("list").BeginArray().Uint(1).BeginObject().EndObject().Null().Bool(true).Bool(false);
  w.BeginArray().Double(0.5).EndArray().EndArray();
  w.Key("nested").BeginObject().Key("a").BeginObject().Key("b").Null().EndObject();
  w.Key("raw").Raw("{\"k\":[1,2]}").EndObject();
  w.Key("last").String("end").EndObject();

  Json expected;
  expected["schema"] = "x/1";
  expected["empty"] = Json::array();
  expected["list"] = {1, Json::object(), nullptr, true, false, {0.5}};
  expected["nested"] = {{"a", {{"b", nullptr}}}, {"raw", {{"k", {1, 2}}}}};
  expected["last"] = "end";
  EXPECT_EQ(out, Dumped(expected));
}

TEST(JsonWriterTest, ContinuesAnObjectWrittenByOtherMeans) {
  std::string out = Dumped(Json{{"schema", "x/1"}});
  out.pop_back();
  JsonWriter w(&out);
  w.ContinueObject().Key("more").Uint(2).EndObject();
  EXPECT_EQ(out, "{\"schema\":\"x/1\",\"more\":2}");
}

}  // namespace
}  // namespace jobfit::internal
