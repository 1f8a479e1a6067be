#include "text/vocabulary.h"

#include <string>

#include <gtest/gtest.h>

#include "text/tokenizer.h"

namespace jobfit::text {
namespace {

TEST(Vocabulary, InternsOnceAndFindsByFoldedKey) {
  Vocabulary vocabulary;
  const uint32_t python = vocabulary.Intern("python");
  EXPECT_EQ(vocabulary.Intern("python"), python);
  const uint32_t cpp = vocabulary.Intern("c++");
  EXPECT_NE(cpp, python);
  EXPECT_EQ(vocabulary.Find(HashKey("python"), "python"), python);
  EXPECT_EQ(vocabulary.Find(HashKey("pytho"), "pytho"), Vocabulary::kUnknown);
  // The tokenizer's lookup lower-cases the word as it compares.
  EXPECT_EQ(vocabulary.FindLowered(HashKey("python"), "PyThOn", Vocabulary::HeadOf("python")),
            python);
  EXPECT_EQ(vocabulary.FindLowered(HashKey("c++"), "C++", Vocabulary::HeadOf("c++")), cpp);
  EXPECT_EQ(vocabulary.size(), 2u);
}

TEST(Vocabulary, LoweredLookupComparesPastTheFirstEightBytes) {
  Vocabulary vocabulary;
  const uint32_t kubernetes = vocabulary.Intern("kubernetes");
  const uint32_t kuberne = vocabulary.Intern("kuberne");
  const auto find = [&](std::string_view raw, std::string_view key) {
    return vocabulary.FindLowered(HashKey(key), raw, Vocabulary::HeadOf(key));
  };
  EXPECT_EQ(find("KuberNETES", "kubernetes"), kubernetes);
  EXPECT_EQ(find("Kuberne", "kuberne"), kuberne);
  // Same first eight bytes, a different tail; and a different length.
  EXPECT_EQ(find("kubernetez", "kubernetez"), Vocabulary::kUnknown);
  EXPECT_EQ(find("kubernete", "kubernete"), Vocabulary::kUnknown);
  EXPECT_EQ(Vocabulary::HeadOf("go"), uint64_t{'g'} | uint64_t{'o'} << 8);
}

TEST(Vocabulary, KeepsEveryKeyAcrossGrowth) {
  Vocabulary vocabulary;
  for (int i = 0; i < 5000; ++i) vocabulary.Intern("key" + std::to_string(i));
  for (int i = 0; i < 5000; ++i) {
    const std::string key = "key" + std::to_string(i);
    EXPECT_EQ(vocabulary.Find(HashKey(key), key), static_cast<uint32_t>(i + 1)) << key;
  }
  EXPECT_EQ(vocabulary.Find(HashKey("key5000"), "key5000"), Vocabulary::kUnknown);
}

TEST(Vocabulary, KeysAfterEndWholeWordsAreContextOnly) {
  Vocabulary vocabulary;
  const uint32_t ray = vocabulary.Intern("ray");
  EXPECT_TRUE(vocabulary.IsWholeWord(ray));
  vocabulary.EndWholeWords();
  const uint32_t kuberay = vocabulary.Intern("kuberay");
  EXPECT_FALSE(vocabulary.IsWholeWord(kuberay));
  EXPECT_TRUE(vocabulary.IsWholeWord(ray));
}

}  // namespace
}  // namespace jobfit::text
