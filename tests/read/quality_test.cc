// The read-quality counts: the 64-byte path (whole blocks and a text's padded tail) must
// count exactly as the byte loop does.
#include "read/quality.h"

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace jobfit::read {
namespace {

std::string Describe(const TextCounts& c) {
  return "visible " + std::to_string(c.visible) + ", unmapped " + std::to_string(c.unmapped) +
         ", letters " + std::to_string(c.letters) + ", words " + std::to_string(c.words) +
         ", vowelless " + std::to_string(c.vowelless_words);
}

void ExpectSamePaths(std::string_view text, const std::string& name) {
  const TextCounts blocks = CountText(text, CountPath::kBlocks);
  const TextCounts bytes = CountText(text, CountPath::kBytes);
  EXPECT_EQ(blocks, bytes) << name << ": " << Describe(blocks) << " against " << Describe(bytes);
}

TEST(ReadQualityCounts, CountLettersWordsAndUnmappedCharacters) {
  // 5 visible letters in a vowelless word, a word with vowels, a control character, a
  // tab and a form feed (blank), and an accented word that is not an ASCII word.
  const TextCounts c = CountText("rhythms python\x01\t\fcaf\xc3\xa9s");
  EXPECT_EQ(c.visible, 19u);  // 7 + 6 + 1 (the control) + 5
  EXPECT_EQ(c.unmapped, 1u);
  EXPECT_EQ(c.letters, 18u);
  EXPECT_EQ(c.words, 2u);            // "rhythms", "python"; "cafés" is not all ASCII
  EXPECT_EQ(c.vowelless_words, 0u);  // 'y' counts as a vowel
  EXPECT_EQ(CountText("xkcdqz bcdfg").vowelless_words, 2u);
}

TEST(ReadQualityCounts, PathsAgreeAcrossBlockEdges) {
  // Words and non-ASCII characters at every offset around the 64-byte edges and the tail.
  for (const char* piece : {"strengths", "bcdfghjklm", "a", "r\xc3\xa9sum\xc3\xa9", "\x7f", "\x0b",
                            "\xc2\xa0", "\xef\xbf\xbd", "\xe2\x80\x9cquoted\xe2\x80\x9d", "\xff",
                            "\xe2\x80", "tab\there", "x\r\ny"}) {
    for (size_t offset = 0; offset < 140; ++offset) {
      std::string text(offset, 'e');
      text += ' ';
      text += piece;
      text += " trailing words after it";
      ExpectSamePaths(text, "piece at " + std::to_string(offset));
    }
  }
}

// The block path classifies 64 bytes at once: every byte value, at every place in a
// block, must count as the byte loop counts it.
TEST(ReadQualityCounts, PathsAgreeOnEveryByteAtEveryPlaceInABlock) {
  const std::string words = "Rhythms PYTHON sky\tqueue\r\nxkcdq AEIOU\f bcdfg tsktsk ";
  test_util::ForEachByteAtEveryPlaceInABlock(words, 140, 0x100, ExpectSamePaths);
}

TEST(ReadQualityCounts, PathsAgreeOnRandomText) {
  std::mt19937 random(7);
  const std::string alphabet =
      "aeiouy bcdfgkrstxz AEIOUQXZ .,;-\t\n\r\f\x01\x7f"
      "09";
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const size_t length = random() % 200;
    for (size_t i = 0; i < length; ++i) {
      if (random() % 20 == 0) {
        text += static_cast<char>(0x80 + random() % 0x80);  // stray high bytes too
      } else {
        text += alphabet[random() % alphabet.size()];
      }
    }
    ExpectSamePaths(text, "random text " + std::to_string(round));
  }
}

// Mostly letters: runs of every length, up to whole blocks and beyond, ending at, before
// and after the 64-byte edges, with vowelless runs among them.
TEST(ReadQualityCounts, PathsAgreeOnLongRuns) {
  std::mt19937 random(13);
  const std::string letters = "bcdfgkrstxzBCDFG";
  const std::string vowels = "aeiouyAEIOUY";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const size_t length = random() % 700;
    while (text.size() < length) {
      const auto kind = random() % 100;
      if (kind < 70) {
        const size_t run = random() % (kind < 10 ? 140 : 9);
        const bool vowelless = random() % 3 == 0;
        for (size_t i = 0; i < run; ++i) {
          text += vowelless || random() % 4 != 0 ? letters[random() % letters.size()]
                                                 : vowels[random() % vowels.size()];
        }
      } else if (kind < 90) {
        const std::string others = std::string(" \t\n.,-") + "\x01" + "\x7f" + "0";
        text += others[random() % others.size()];
      } else if (kind < 96) {
        text += "\xc3\xa9";  // a letter outside ASCII
      } else {
        text += static_cast<char>(0x80 + random() % 0x80);
      }
    }
    ExpectSamePaths(text, "long runs " + std::to_string(round));
  }
}

// Characters of two and three bytes the blocks take (accents, NBSP, Greek, Cyrillic,
// bullets and dashes, U+2BFF and U+2C00 on either side of the letters' gap, CJK) and
// those they leave to the byte loop (E0, ED, the replacement character, private use,
// four bytes, broken sequences), inside words and between them.
const std::vector<std::string>& WideCharacters() {
  static const std::vector<std::string> characters = {
      "\xc3\xa9",     "\xc3\x97",     "\xc3\x9f",         "\xc2\xa0",     "\xc2\xb7",
      "\xc2\x85",     "\xce\xa9",     "\xd0\x94",         "\xd7\xa7",     "\xdf\xbf",
      "\xe1\x80\x80", "\xe2\x80\xa2", "\xe2\x80\x93",     "\xe2\xaf\xbf", "\xe2\xb0\x80",
      "\xe3\x80\x80", "\xe6\x9d\xb1", "\xec\x9e\x84",     "\xe0\xa4\x95", "\xed\x95\x9c",
      "\xef\xbf\xbd", "\xee\x80\x80", "\xf0\x9f\x98\x80", "\x80",         "\xc3",
      "\xe2\x80",     "\xc3\xc3\xa9", "\xe2\xa9"};
  return characters;
}

TEST(ReadQualityCounts, PathsAgreeOnWideCharactersAtEveryPlace) {
  for (const std::string& wide : WideCharacters()) {
    for (size_t at = 0; at < 140; ++at) {
      std::string text = "Strengths rhythms python bcdfg aeiou xkcdq ";
      while (text.size() < 200) text += text;
      text.insert(at, wide);
      text.insert(std::min(text.size(), at + 67), wide);
      ExpectSamePaths(text, "character at " + std::to_string(at));
      ExpectSamePaths(text.substr(0, at + wide.size()), "text ending at " + std::to_string(at));
    }
  }
}

TEST(ReadQualityCounts, PathsAgreeOnWideCharactersInRandomText) {
  std::mt19937 random(29);
  const std::string ascii =
      "aeiouybcdfgkrstxzAEIOUQXZ   .,;-\t\n\r\f\x01\x7f"
      "09";
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t length = random() % 400;
    while (text.size() < length) {
      if (random() % 8 == 0) {
        text += WideCharacters()[random() % WideCharacters().size()];
      } else {
        text += ascii[random() % ascii.size()];
      }
    }
    ExpectSamePaths(text, "random wide text " + std::to_string(round));
  }
}

TEST(ReadQualityCounts, PathsAgreeOnTheCorporaAndGuides) {
  const std::filesystem::path root = JOBFIT_SOURCE_DIR;
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"corpora/resumes", "corpora/jobs", "examples", "tests/read/data"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root / dir)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
  }
  // Among them the mis-decoded guide (001_*), whose text is full of "Ã©"-like pairs.
  const std::filesystem::path guides = root / ".." / "shared" / "guides";
  if (std::filesystem::exists(guides)) {
    for (const auto& entry : std::filesystem::directory_iterator(guides)) files.push_back(entry);
  }
  ASSERT_GT(files.size(), 30u);
  for (const auto& file : files) ExpectSamePaths(test_util::Slurp(file), file.string());
}

}  // namespace
}  // namespace jobfit::read
