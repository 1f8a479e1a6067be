// The public Lexicon API: loading, layering, the built-in lexicons, categories.
#include "jobfit/lexicon.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "lexicon/builtin_files.h"

namespace jobfit {
namespace {

const std::string kData = JOBFIT_TEST_DATA_DIR;

Lexicon MustLoad(const std::string& name) {
  Result<Lexicon> lexicon = Lexicon::Load(kData + "/" + name);
  EXPECT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  return *std::move(lexicon);
}

TEST(Categories, RoundTripEveryName) {
  for (int i = 0; i < kCategoryCount; ++i) {
    const auto category = static_cast<Category>(i);
    EXPECT_EQ(ParseCategory(CategoryName(category)), category) << CategoryName(category);
    EXPECT_FALSE(CategoryTitle(category).empty());
  }
  EXPECT_EQ(CategoryName(Category::kSoftSkill), "soft-skill");
  EXPECT_EQ(CategoryTitle(Category::kSoftSkill), "Soft skills");
  EXPECT_EQ(CategoryTitle(Category::kLibrary), "Libraries & frameworks");
  EXPECT_EQ(CategoryTitle(Category::kMlops), "MLOps");
  EXPECT_EQ(ParseCategory("soft_skill"), std::nullopt);
  EXPECT_EQ(ParseCategory("Language"), std::nullopt);
  EXPECT_EQ(ParseCategory(""), std::nullopt);
}

TEST(Lexicon, LoadsAFileAndFindsTermsById) {
  const Lexicon lexicon = MustLoad("small.json");
  ASSERT_EQ(lexicon.size(), 4u);
  const std::optional<size_t> python = lexicon.Find("python");
  ASSERT_TRUE(python.has_value());
  EXPECT_EQ(lexicon.term(*python).name, "Python");
  EXPECT_EQ(lexicon.term(*python).origin, kData + "/small.json:7:5");
  EXPECT_EQ(lexicon.Find("cobol"), std::nullopt);
  ASSERT_EQ(lexicon.layers().size(), 1u);
  EXPECT_EQ(lexicon.layers()[0].source, kData + "/small.json");
  EXPECT_EQ(lexicon.content_hash(), lexicon.layers()[0].content_hash);
}

TEST(Lexicon, LoadReportsAMissingFile) {
  const Result<Lexicon> missing = Lexicon::Load(kData + "/no_such_lexicon.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().where().file, kData + "/no_such_lexicon.json");
}

TEST(Lexicon, FromJsonNamesTheSourceInErrors) {
  const Result<Lexicon> bad = Lexicon::FromJson("{\"schema\": 3}", "inline.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidLexicon);
  EXPECT_EQ(bad.status().ToString(), "inline.json:1:12: \"schema\" must be a string, got 3");
}

TEST(Lexicon, CopiesShareOneBody) {
  const Lexicon a = MustLoad("small.json");
  const Lexicon b = a;  // NOLINT(performance-unnecessary-copy-initialization): the point
  EXPECT_EQ(&a.term(0), &b.term(0));
}

TEST(LayeredWith, OverridesByIdAndAddsNewIds) {
  const Lexicon small = MustLoad("small.json");
  const Lexicon cloud = MustLoad("cloud.json");
  const Result<Lexicon> both = small.LayeredWith(cloud);
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_EQ(both->size(), 5u);  // 4 + aws; python is replaced, not added
  const size_t python = *both->Find("python");
  EXPECT_EQ(python, *small.Find("python"));  // keeps its place
  EXPECT_EQ(both->term(python).name, "Python (override)");
  EXPECT_EQ(both->term(python).aliases, (std::vector<std::string>{"Python", "py"}));
  EXPECT_FALSE(both->term(python).essential);  // replaced entirely, not merged
  ASSERT_TRUE(both->Find("aws").has_value());
  // The originals are untouched.
  EXPECT_EQ(small.term(*small.Find("python")).name, "Python");
  EXPECT_EQ(small.Find("aws"), std::nullopt);
}

TEST(LayeredWith, ResolvesImpliesAcrossLayers) {
  const Lexicon small = MustLoad("small.json");  // sagemaker implies aws, defined in cloud
  const Lexicon cloud = MustLoad("cloud.json");
  EXPECT_TRUE(small.LayeredWith(cloud).ok());
  EXPECT_TRUE(cloud.LayeredWith(small).ok());  // order does not matter for resolution
  const Result<Lexicon> alone = small.LayeredWith(small);
  ASSERT_FALSE(alone.ok());
  EXPECT_NE(alone.status().message().find("unknown id \"aws\""), std::string::npos)
      << alone.status().ToString();
}

TEST(LayeredWith, RefusesACycleFormedAcrossLayers) {
  const Lexicon small = MustLoad("small.json");
  const Result<Lexicon> loop = Lexicon::FromJson(
      R"({"schema": "jobfit.lexicon/1", "name": "loop", "version": "1", "entries": [
          {"id": "aws", "name": "AWS", "category": "cloud", "aliases": ["aws"],
           "implies": ["sagemaker"], "sources": ["extended"]}]})",
      "loop.json");
  ASSERT_TRUE(loop.ok()) << loop.status().ToString();
  const Result<Lexicon> both = small.LayeredWith(*loop);
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.status().code(), StatusCode::kInvalidLexicon);
  EXPECT_NE(both.status().message().find("implies cycle: sagemaker -> aws -> sagemaker"),
            std::string::npos)
      << both.status().ToString();
}

TEST(LayeredWith, KeepsLayersAndCombinesHashesInOrder) {
  const Lexicon small = MustLoad("small.json");
  const Lexicon cloud = MustLoad("cloud.json");
  const Result<Lexicon> ab = small.LayeredWith(cloud);
  const Result<Lexicon> ba = cloud.LayeredWith(small);
  ASSERT_TRUE(ab.ok());
  ASSERT_TRUE(ba.ok());
  ASSERT_EQ(ab->layers().size(), 2u);
  EXPECT_EQ(ab->layers()[0].name, "small");
  EXPECT_EQ(ab->layers()[1].name, "cloud");
  EXPECT_EQ(ab->layers()[1].entries, 2u);
  EXPECT_NE(ab->content_hash(), ba->content_hash());
  EXPECT_NE(ab->content_hash(), small.content_hash());
  // Same files, same order: same hash, whatever their formatting.
  const Result<Lexicon> again = MustLoad("small_reformatted.json").LayeredWith(cloud);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->content_hash(), ab->content_hash());
  const Result<Lexicon> changed = MustLoad("small_changed_alias.json").LayeredWith(cloud);
  ASSERT_TRUE(changed.ok());
  EXPECT_NE(changed->content_hash(), ab->content_hash());
}

TEST(Builtin, LoadsTheEmbeddedLexicons) {
  if (internal::BuiltinLexiconFiles().empty()) {
    GTEST_SKIP() << "no lexicons/*.json were embedded in this build";
  }
  const Result<Lexicon> builtin = Lexicon::Builtin();
  ASSERT_TRUE(builtin.ok()) << builtin.status().ToString();
  EXPECT_GT(builtin->size(), 0u);
  ASSERT_EQ(builtin->layers().size(), internal::BuiltinLexiconFiles().size());
  std::string previous;
  for (const LexiconLayer& layer : builtin->layers()) {
    EXPECT_EQ(layer.source.rfind("<builtin:", 0), 0u) << layer.source;
    EXPECT_LT(previous, layer.source);  // loaded in file-name order
    previous = layer.source;
  }
  EXPECT_EQ(builtin->content_hash().rfind("fnv1a64:", 0), 0u);
}

TEST(Builtin, ParsesOnceAndSharesTheBodyAcrossThreads) {
  if (internal::BuiltinLexiconFiles().empty()) {
    GTEST_SKIP() << "no lexicons/*.json were embedded in this build";
  }
  std::vector<const Term*> first_terms(4, nullptr);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < first_terms.size(); ++i) {
    threads.emplace_back([&first_terms, i] {
      const Result<Lexicon> builtin = Lexicon::Builtin();
      if (builtin.ok() && builtin->size() > 0) first_terms[i] = &builtin->term(0);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const Term* term : first_terms) {
    ASSERT_NE(term, nullptr);
    EXPECT_EQ(term, first_terms[0]);
  }
}

TEST(Builtin, EmbedsTheFilesByteForByte) {
  for (const internal::EmbeddedFile& file : internal::BuiltinLexiconFiles()) {
    const Result<Lexicon> from_disk =
        Lexicon::Load(std::string(JOBFIT_SOURCE_DIR) + "/lexicons/" + file.name);
    ASSERT_TRUE(from_disk.ok()) << from_disk.status().ToString();
    const Result<Lexicon> embedded = Lexicon::FromJson(
        std::string_view(reinterpret_cast<const char*>(file.data), file.size), file.name);
    ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
    EXPECT_EQ(from_disk->content_hash(), embedded->content_hash()) << file.name;
  }
}

}  // namespace
}  // namespace jobfit
