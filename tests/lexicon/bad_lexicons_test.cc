// Runs every case of data/bad_lexicons.txt: each lexicon (or stack of layered lexicons)
// must be refused with exactly the message written under it. The file's header says how
// to write a case.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "jobfit/lexicon.h"

namespace jobfit {
namespace {

struct BadCase {
  std::string name;
  int line = 0;                     // of the case's "===" line, for failure messages
  std::vector<std::string> layers;  // JSON texts, layered in order
  std::string expected;             // "<status code name> <Status::ToString()>"
};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Replaces \xHH with the byte, so the file can hold invalid UTF-8 while staying valid
// UTF-8 itself. JSON has no \x escape, so this never changes a meaningful lexicon.
std::string UnescapeBytes(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' &&
        HexDigit(text[i + 2]) >= 0 && HexDigit(text[i + 3]) >= 0) {
      out.push_back(static_cast<char>(HexDigit(text[i + 2]) * 16 + HexDigit(text[i + 3])));
      i += 3;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::vector<BadCase> ReadCases(const std::string& path) {
  std::ifstream in(path);
  std::vector<BadCase> cases;
  std::string line;
  int number = 0;
  BadCase* current = nullptr;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("=== ", 0) == 0) {
      current = &cases.emplace_back();
      current->name = line.substr(4);
      current->line = number;
      current->layers.emplace_back();
    } else if (current == nullptr) {
      continue;  // the header
    } else if (line == "+++") {
      current->layers.emplace_back();
    } else if (line.rfind(">>> ", 0) == 0) {
      current->expected = line.substr(4);
      current = nullptr;
    } else {
      current->layers.back() += UnescapeBytes(line) + "\n";
    }
  }
  return cases;
}

// Layer k of a case is named "bad.json", "overlay.json", "overlay2.json", ...
std::string LayerName(size_t k) {
  if (k == 0) return "bad.json";
  return k == 1 ? "overlay.json" : "overlay" + std::to_string(k) + ".json";
}

std::string Outcome(const BadCase& c) {
  Result<Lexicon> layered = Status(StatusCode::kInternal, "no layers");
  for (size_t k = 0; k < c.layers.size(); ++k) {
    Result<Lexicon> one = Lexicon::FromJson(c.layers[k], LayerName(k));
    if (!one.ok())
      return StatusCodeName(one.status().code()) + std::string(" ") + one.status().ToString();
    layered = k == 0 ? std::move(one) : layered->LayeredWith(*one);
    if (!layered.ok()) {
      return StatusCodeName(layered.status().code()) + std::string(" ") +
             layered.status().ToString();
    }
  }
  return "loaded without error";
}

TEST(BadLexicons, EachCaseGivesItsMessage) {
  const std::string path = JOBFIT_TEST_DATA_DIR "/bad_lexicons.txt";
  const std::vector<BadCase> cases = ReadCases(path);
  ASSERT_GE(cases.size(), 50u) << "could not read the cases in " << path;
  for (const BadCase& c : cases) {
    SCOPED_TRACE(path + ":" + std::to_string(c.line) + ": " + c.name);
    ASSERT_FALSE(c.expected.empty()) << "case has no >>> line";
    EXPECT_EQ(Outcome(c), c.expected);
  }
}

}  // namespace
}  // namespace jobfit
