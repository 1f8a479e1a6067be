#include "text/vocabulary.h"

#include <memory>
#include <string>
#include <vector>

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
  EXPECT_EQ(vocabulary.FindLowered(Vocabulary::HashHead(6, Vocabulary::HeadOf("python")), "PyThOn",
                                   Vocabulary::HeadOf("python"), Vocabulary::TailOf("python")),
            python);
  EXPECT_EQ(vocabulary.FindLowered(Vocabulary::HashHead(3, Vocabulary::HeadOf("c++")), "C++",
                                   Vocabulary::HeadOf("c++"), 0),
            cpp);
  EXPECT_EQ(vocabulary.size(), 2u);
}

TEST(Vocabulary, LoweredLookupComparesPastTheFirstEightBytes) {
  Vocabulary vocabulary;
  const uint32_t kubernetes = vocabulary.Intern("kubernetes");
  const uint32_t kuberne = vocabulary.Intern("kuberne");
  const uint32_t long_key = vocabulary.Intern("infrastructure-as-code");
  // The lookup of `raw` under the head hash of `stored`: that hash passes the filter, and
  // for words of up to eight bytes it picks the stored key's slot, so only the comparison
  // of the bytes can turn a wrong word away; a longer word's hash goes on with its own
  // later bytes, and any step (hash or comparison) may turn it away.
  const auto find = [&](std::string_view raw, std::string_view stored) {
    const std::string key = FoldCase(raw);
    return vocabulary.FindLowered(Vocabulary::HashHead(stored.size(), Vocabulary::HeadOf(stored)),
                                  raw, Vocabulary::HeadOf(key), Vocabulary::TailOf(key));
  };
  EXPECT_EQ(find("KuberNETES", "kubernetes"), kubernetes);
  EXPECT_EQ(find("Kuberne", "kuberne"), kuberne);
  EXPECT_EQ(find("INFRASTRUCTURE-as-Code", "infrastructure-as-code"), long_key);
  // Same first eight bytes, a different tail; and a different length.
  EXPECT_EQ(find("kubernetez", "kubernetes"), Vocabulary::kUnknown);
  EXPECT_EQ(find("zubernetes", "kubernetes"), Vocabulary::kUnknown);
  EXPECT_EQ(find("kubernete", "kubernetes"), Vocabulary::kUnknown);
  // Nine bytes: the ninth alone differs.
  const uint32_t terraform = vocabulary.Intern("terraform");
  EXPECT_EQ(find("Terraform", "terraform"), terraform);
  EXPECT_EQ(find("terraforn", "terraform"), Vocabulary::kUnknown);
  // Differences in bytes 8 to 15, and past the sixteenth.
  EXPECT_EQ(find("infrastructurX-as-code", "infrastructure-as-code"), Vocabulary::kUnknown);
  EXPECT_EQ(find("infrastructure-as-codX", "infrastructure-as-code"), Vocabulary::kUnknown);
  EXPECT_EQ(Vocabulary::HeadOf("go"), uint64_t{'g'} | uint64_t{'o'} << 8);
  EXPECT_EQ(Vocabulary::TailOf("go"), 0u);
  EXPECT_EQ(Vocabulary::TailOf("kubernetes"), uint64_t{'e'} | uint64_t{'s'} << 8);
}

// The inline lookup of words up to sixteen bytes answers as Find does for every length,
// for keys that share their first eight bytes, and under the hash of another key (the
// comparison alone must turn the word away).
TEST(Vocabulary, ShortLoweredLookupAgreesWithFind) {
  Vocabulary vocabulary;
  const std::string alphabet = "abcdefghijklmnop";
  std::vector<std::string> keys;
  for (size_t len = 1; len <= 16; ++len) keys.push_back(alphabet.substr(0, len));
  for (size_t len = 9; len <= 16; ++len) keys.push_back(alphabet.substr(0, len - 1) + "z");
  for (const std::string& key : keys) vocabulary.Intern(key);
  vocabulary.Intern(alphabet + "q");  // a longer key right after in the pool
  std::vector<std::string> words = keys;
  for (size_t len = 1; len <= 16; ++len) words.push_back(std::string(len - 1, 'a') + "y");
  words.push_back("abcdefghijklmnoz");
  for (const std::string& word : words) {
    const uint64_t head = Vocabulary::HeadOf(word);
    const uint64_t tail = Vocabulary::TailOf(word);
    const uint64_t head_hash = Vocabulary::HashHead(word.size(), head);
    EXPECT_EQ(vocabulary.FindLoweredShort(head_hash, word.size(), head, tail),
              vocabulary.Find(HashKey(word), word))
        << word;
    for (const std::string& key : keys) {
      // A key with the word's length and first eight bytes has the word's own hash.
      if (key.size() != word.size() || Vocabulary::HeadOf(key) == head) continue;
      EXPECT_EQ(
          vocabulary.FindLoweredShort(Vocabulary::HashHead(key.size(), Vocabulary::HeadOf(key)),
                                      word.size(), head, tail),
          Vocabulary::kUnknown)
          << word << " under the hash of " << key;
    }
  }
}

// Find compares the folded key itself; under the hash of a stored key (the same slot: Find
// has no filter in front), a key that differs anywhere, or only in length, is not that
// key.
TEST(Vocabulary, FindComparesTheWholeKeyUnderTheSameHash) {
  Vocabulary vocabulary;
  const uint32_t go = vocabulary.Intern("go");
  const uint32_t long_key = vocabulary.Intern("infrastructure-as-code");
  const uint32_t accent = vocabulary.Intern("\xC3\xA9t\xC3\xA9");  // "été"
  EXPECT_EQ(vocabulary.Find(HashKey("go"), "go"), go);
  EXPECT_EQ(vocabulary.Find(HashKey("go"), "gp"), Vocabulary::kUnknown);
  EXPECT_EQ(vocabulary.Find(HashKey("go"), "g"), Vocabulary::kUnknown);
  EXPECT_EQ(vocabulary.Find(HashKey("go"), "goo"), Vocabulary::kUnknown);
  EXPECT_EQ(vocabulary.Find(HashKey("infrastructure-as-code"), "infrastructure-as-code"), long_key);
  EXPECT_EQ(vocabulary.Find(HashKey("infrastructure-as-code"), "infrastructure-as-cody"),
            Vocabulary::kUnknown);
  EXPECT_EQ(vocabulary.Find(HashKey("infrastructure-as-code"), "infrastructure-as-cod"),
            Vocabulary::kUnknown);
  EXPECT_EQ(vocabulary.Find(HashKey("\xC3\xA9t\xC3\xA9"), "\xC3\xA9t\xC3\xA9"), accent);
  EXPECT_EQ(vocabulary.Find(HashKey("\xC3\xA9t\xC3\xA9"), "\xC3\xA9t\xC3\xA8"),
            Vocabulary::kUnknown);
}

// HashKey is HashHead of the first eight bytes continued by HashNext over the rest, eight
// bytes at a time and zero-padded: the tokenizer's lookups compute it in those steps.
TEST(Vocabulary, HashKeyIsTheHeadHashContinued) {
  for (const std::string_view key : {"", "r", "go", "pytorch", "postgres", "terraform",
                                     "kubernetes-operator", "infrastructure-as-code"}) {
    uint64_t hash = Vocabulary::HashHead(key.size(), Vocabulary::HeadOf(key));
    for (size_t i = 8; i < key.size(); i += 8) {
      hash = Vocabulary::HashNext(hash, Vocabulary::HeadOf(key.substr(i)));
    }
    EXPECT_EQ(HashKey(key), hash) << key;
  }
  // The header promises hashes stable across runs and builds: a change to these values
  // must be deliberate.
  EXPECT_EQ(HashKey("r"), 0x1721bfb02896b130ULL);
  EXPECT_EQ(HashKey("python"), 0xf294c23e1c6a6dbfULL);
  EXPECT_EQ(HashKey("postgres"), 0x8a570a849873e5d7ULL);
  EXPECT_EQ(HashKey("terraform"), 0xc584e40b231647ebULL);
  EXPECT_EQ(HashKey("scikit-learn"), 0x5874375ed76000d1ULL);
  EXPECT_EQ(HashKey("infrastructure-as-code"), 0x964b0f76bd99c6c0ULL);
  EXPECT_NE(HashKey("developer"), HashKey("developed"));
  EXPECT_EQ(Vocabulary::HashHead(9, Vocabulary::HeadOf("developer")),
            Vocabulary::HashHead(9, Vocabulary::HeadOf("developed")));
}

// Keys that share their length and first eight bytes share a filter bit. Each is still
// told from the others, in any letter case and past the sixteenth byte, and a word of
// the same shape that is no key is turned away.
TEST(Vocabulary, KeysSharingAHeadStayApart) {
  Vocabulary vocabulary;
  std::vector<uint32_t> ids;
  for (int i = 0; i < 3000; ++i) {
    ids.push_back(vocabulary.Intern("product1" + std::to_string(10000 + i)));
  }
  const uint32_t long_key = vocabulary.Intern("productionisation-pipelines");
  const auto find = [&](std::string_view raw) {
    const std::string key = FoldCase(raw);
    const uint64_t head = Vocabulary::HeadOf(key);
    return vocabulary.FindLowered(Vocabulary::HashHead(key.size(), head), raw, head,
                                  Vocabulary::TailOf(key));
  };
  for (int i = 0; i < 3000; ++i) {
    const std::string key = "product1" + std::to_string(10000 + i);
    ASSERT_EQ(find(key), ids[static_cast<size_t>(i)]) << key;
    ASSERT_EQ(vocabulary.Find(HashKey(key), key), ids[static_cast<size_t>(i)]) << key;
  }
  EXPECT_EQ(find("PRODUCT113000"), Vocabulary::kUnknown);
  EXPECT_EQ(find("Product112999"), ids.back());
  EXPECT_EQ(find("PRODUCTIONISATION-pipelines"), long_key);
  EXPECT_EQ(find("productionisation-pipelinez"), Vocabulary::kUnknown);
  EXPECT_EQ(find("productionisation-pipelinesx"), Vocabulary::kUnknown);
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

TEST(Vocabulary, KnowsWhetherAKeyHoldsACodePointPastLatin1) {
  Vocabulary vocabulary;
  vocabulary.Intern("python");
  vocabulary.Intern("na\u00EFve");
  vocabulary.Intern("\u00FFes");
  EXPECT_FALSE(vocabulary.HasKeysPastLatin1());
  vocabulary.Intern("\u0142\u00F3d\u017A");  // "łódź"
  EXPECT_TRUE(vocabulary.HasKeysPastLatin1());
}

// The screen is worth its cost only for a vocabulary large enough to hold many of a text's
// common words: a smaller one keeps every known word, with its own filter as the screen.
TEST(Vocabulary, ScreensOnlyAVocabularyLargeEnough) {
  Vocabulary small;
  small.KeepAlone(small.Intern("python"));
  small.KeepPair(small.Intern("machine"), small.Intern("learning"));
  small.BuildScreen();
  EXPECT_EQ(small.screen().pairs.words, nullptr);
  EXPECT_EQ(small.screen().alone.words, small.filter().words);
  EXPECT_EQ(small.screen().alone.shift, small.filter().shift);

  Vocabulary large;
  for (size_t i = 0; i < Vocabulary::kMinKeysToScreen; ++i) {
    large.Intern("key" + std::to_string(i));
  }
  EXPECT_EQ(large.screen().pairs.words, nullptr);  // none before BuildScreen
  large.KeepAlone(1);
  large.BuildScreen();
  EXPECT_NE(large.screen().pairs.words, nullptr);
  EXPECT_NE(large.screen().alone.words, large.filter().words);
}

// A filter may let a word through by mistake, never turn a kept one away; and it must turn
// most others away, or the screen would save nothing.
TEST(Vocabulary, ScreenLetsEveryKeptWordAndPairThroughAndTurnsMostOthersAway) {
  Vocabulary vocabulary;
  std::vector<uint64_t> head_hashes = {0};  // by id
  for (int i = 0; i < 6000; ++i) {
    const std::string key = "word" + std::to_string(i);
    vocabulary.Intern(key);
    head_hashes.push_back(Vocabulary::HashHead(key.size(), Vocabulary::HeadOf(key)));
  }
  const auto alone = [](uint32_t id) { return id % 7 == 0; };
  const auto pair = [](uint32_t first, uint32_t second) {
    return first % 5 == 0 && second == first + 1;
  };
  for (uint32_t id = 1; id <= 6000; ++id) {
    if (alone(id)) vocabulary.KeepAlone(id);
    if (id < 6000 && pair(id, id + 1)) vocabulary.KeepPair(id, id + 1);
  }
  vocabulary.BuildScreen();
  const Vocabulary::Screen screen = vocabulary.screen();
  ASSERT_NE(screen.pairs.words, nullptr);
  int alone_by_mistake = 0;
  int pairs_by_mistake = 0;
  for (uint32_t id = 1; id <= 6000; ++id) {
    const unsigned stands_alone = screen.MayStandAlone(head_hashes[id]);
    if (alone(id)) {
      EXPECT_EQ(stands_alone, 1u) << id;
    } else {
      alone_by_mistake += static_cast<int>(stands_alone);
    }
    if (id == 6000) continue;
    const unsigned pairs = screen.MayPair(head_hashes[id], head_hashes[id + 1]);
    if (pair(id, id + 1)) {
      EXPECT_EQ(pairs, 1u) << id;
    } else {
      pairs_by_mistake += static_cast<int>(pairs);
    }
    // The pair in the other order is no pair.
    pairs_by_mistake += static_cast<int>(screen.MayPair(head_hashes[id + 1], head_hashes[id]));
  }
  // 5,143 words not kept alone (58 let through), 10,799 ordered pairs that are none (72:
  // two bits per pair; one let 7% through).
  EXPECT_LT(alone_by_mistake, 5143 / 20);
  EXPECT_LT(pairs_by_mistake, 10799 / 50);
}

// The screen's filters are sized by the distinct words and pairs kept (an alias and its
// plural repeat theirs), and the lists asked for are let go once the screen is made.
TEST(Vocabulary, ScreenIsSizedByDistinctPairsAndReleasesItsLists) {
  const auto build = [](int repeats) {
    auto vocabulary = std::make_unique<Vocabulary>();
    for (int i = 0; i < 6000; ++i) vocabulary->Intern("word" + std::to_string(i));
    for (int r = 0; r < repeats; ++r) {
      for (uint32_t id = 1; id < 6000; ++id) {
        vocabulary->KeepAlone(id);
        vocabulary->KeepPair(id, id + 1);
      }
    }
    return vocabulary;
  };
  const std::unique_ptr<Vocabulary> once = build(1);
  const std::unique_ptr<Vocabulary> ten_times = build(10);
  const size_t asked = ten_times->MemoryBytes();
  once->BuildScreen();
  ten_times->BuildScreen();
  EXPECT_EQ(ten_times->MemoryBytes(), once->MemoryBytes());
  // Ten times 5,999 words and as many pairs took 720 KB; the filters take 48 KB.
  EXPECT_LT(ten_times->MemoryBytes() + 600 * 1024, asked);
}

}  // namespace
}  // namespace jobfit::text
