// The loader's view of a valid file: defaults, every field, positions, the content hash.
#include "lexicon/loader.h"

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "lexicon/lexicon_impl.h"

namespace jobfit::internal {
namespace {

std::string ReadTestFile(const std::string& name) {
  std::ifstream in(std::string(JOBFIT_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::shared_ptr<LexiconImpl> MustParse(const std::string& text, const std::string& source) {
  std::shared_ptr<LexiconImpl> impl;
  const std::vector<Status> errors = ParseLexicon(text, source, &impl);
  EXPECT_TRUE(errors.empty()) << errors.front().ToString();
  return impl;
}

const EntrySpec& Entry(const LexiconImpl& impl, const std::string& id) {
  return impl.entries.at(impl.index_by_id.at(id));
}

std::string OneEntry(const std::string& entry) {
  return R"({"schema": "jobfit.lexicon/1", "name": "t", "version": "1", "entries": [)" + entry +
         "]}";
}

TEST(ParseLexicon, ReadsEveryField) {
  const auto impl = MustParse(ReadTestFile("small.json"), "small.json");
  ASSERT_NE(impl, nullptr);
  ASSERT_EQ(impl->entries.size(), 4u);
  ASSERT_EQ(impl->layers.size(), 1u);
  EXPECT_EQ(impl->layers[0].name, "small");
  EXPECT_EQ(impl->layers[0].version, "2026.1");
  EXPECT_EQ(impl->layers[0].source, "small.json");
  EXPECT_EQ(impl->layers[0].entries, 4u);

  const EntrySpec& python = Entry(*impl, "python");
  EXPECT_EQ(python.term.name, "Python");
  EXPECT_EQ(python.term.category, Category::kLanguage);
  EXPECT_EQ(python.term.aliases, (std::vector<std::string>{"Python", "python3"}));
  EXPECT_TRUE(python.term.essential);
  EXPECT_FALSE(python.term.ambiguous);
  EXPECT_EQ(python.term.sources,
            (std::vector<std::string>{"000_1c3619e75e2818ac.txt", "extended"}));
  ASSERT_EQ(python.patterns.size(), 1u);
  EXPECT_EQ(python.patterns[0].regex, R"(\bPython\s?3(?:\.\d+)?\b)");
  EXPECT_EQ(python.patterns[0].case_policy, CasePolicy::kIgnore);
  EXPECT_FALSE(python.has_context);

  const EntrySpec& r = Entry(*impl, "r-language");
  EXPECT_TRUE(r.term.ambiguous);
  ASSERT_EQ(r.aliases.size(), 2u);
  EXPECT_EQ(r.aliases[0].case_policy, CasePolicy::kExact);
  EXPECT_TRUE(r.aliases[0].ambiguous);
  EXPECT_EQ(r.aliases[1].case_policy, CasePolicy::kIgnore);
  EXPECT_FALSE(r.aliases[1].ambiguous);
  ASSERT_TRUE(r.has_context);
  EXPECT_TRUE(r.context.default_accept);
  EXPECT_EQ(r.context.window, 6);
  EXPECT_EQ(r.context.positive, (std::vector<std::string>{"programming", "statistics"}));
  EXPECT_EQ(r.context.negative, (std::vector<std::string>{"to"}));
  ASSERT_EQ(r.context.negative_patterns.size(), 1u);
  EXPECT_EQ(r.context.negative_patterns[0].regex, R"((?i)\bR&D\b)");
  EXPECT_EQ(r.context.negative_patterns[0].case_policy, CasePolicy::kExact);
  EXPECT_TRUE(r.context.positive_patterns.empty());
  EXPECT_FALSE(r.context.skills_list);
  EXPECT_TRUE(r.context.tech_neighbors);
  EXPECT_EQ(r.term.refs, (std::vector<std::pair<std::string, std::string>>{
                             {"esco", "http://example.org/r"}, {"onet", "43232202"}}));

  const EntrySpec& sagemaker = Entry(*impl, "sagemaker");
  EXPECT_EQ(sagemaker.term.implies, (std::vector<std::string>{"aws"}));
  ASSERT_EQ(sagemaker.implies_where.size(), 1u);
}

TEST(ParseLexicon, PluralDefaultsToTrueForConceptsAndRolesOnly) {
  const auto impl = MustParse(ReadTestFile("small.json"), "small.json");
  const EntrySpec& nn = Entry(*impl, "neural-network");
  EXPECT_TRUE(nn.aliases[0].plural);   // concept: default true
  EXPECT_FALSE(nn.aliases[1].plural);  // explicitly false
  EXPECT_FALSE(Entry(*impl, "python").aliases[0].plural);

  const auto role =
      MustParse(OneEntry(R"({"id": "ml-engineer", "name": "ML engineer", "category": "role",
                   "aliases": ["ML engineer"], "sources": ["extended"]})"),
                "t.json");
  EXPECT_TRUE(role->entries[0].aliases[0].plural);
  const auto tool = MustParse(OneEntry(R"({"id": "git", "name": "Git", "category": "tool",
                   "aliases": ["git", {"text": "GitHub", "plural": true}],
                   "sources": ["extended"]})"),
                              "t.json");
  EXPECT_FALSE(tool->entries[0].aliases[0].plural);
  EXPECT_TRUE(tool->entries[0].aliases[1].plural);
}

TEST(ParseLexicon, DefaultsForOmittedFields) {
  const auto impl =
      MustParse(OneEntry(R"({"id": "x", "name": "X", "category": "tool", "aliases": ["x"],
                   "context": {}, "sources": ["extended"]})"),
                "t.json");
  const EntrySpec& x = impl->entries[0];
  EXPECT_EQ(x.aliases[0].case_policy, CasePolicy::kIgnore);
  EXPECT_FALSE(x.aliases[0].ambiguous);
  EXPECT_FALSE(x.term.essential);
  EXPECT_TRUE(x.term.implies.empty());
  EXPECT_TRUE(x.term.refs.empty());
  EXPECT_TRUE(x.has_context);
  EXPECT_FALSE(x.context.default_accept);  // "reject" unless given
  EXPECT_EQ(x.context.window, 5);
  EXPECT_TRUE(x.context.skills_list);
  EXPECT_TRUE(x.context.tech_neighbors);
}

TEST(ParseLexicon, AcceptsPatternOnlyEntriesAndAnEmptyEntryList) {
  MustParse(OneEntry(R"({"id": "x", "name": "X", "category": "tool", "aliases": [],
                         "patterns": [{"regex": "x+", "case": "exact"}],
                         "sources": ["extended"]})"),
            "t.json");
  MustParse(R"({"schema": "jobfit.lexicon/1", "name": "t", "version": "1", "entries": []})",
            "t.json");
}

TEST(ParseLexicon, KeepsUnresolvedImpliesForLaterLayers) {
  // "aws" is not in this file; it may come from the built-in layer.
  const auto impl = MustParse(ReadTestFile("small.json"), "small.json");
  EXPECT_EQ(impl->index_by_id.count("aws"), 0u);
  EXPECT_TRUE(CheckCrossEntryRules(*impl, false).ok());
  const Status strict = CheckCrossEntryRules(*impl, true);
  EXPECT_EQ(strict.code(), StatusCode::kInvalidLexicon);
  EXPECT_EQ(strict.ToString(),
            "small.json:21:44: entry \"sagemaker\": implies 1: unknown id \"aws\"");
}

TEST(ParseLexicon, RecordsJsonPositions) {
  const auto impl = MustParse(ReadTestFile("small.json"), "small.json");
  const EntrySpec& python = Entry(*impl, "python");
  EXPECT_EQ(python.where.file, "small.json");
  EXPECT_EQ(python.where.line, 7u);
  EXPECT_EQ(python.where.column, 5u);
  EXPECT_EQ(python.term.origin, "small.json:7:5");
  EXPECT_EQ(python.aliases[1].where.line, 8u);  // the string itself
  EXPECT_EQ(python.aliases[1].where.column, 28u);
  EXPECT_EQ(python.patterns[0].where.line, 9u);  // the regex string
  EXPECT_EQ(python.patterns[0].where.column, 29u);
  const EntrySpec& r = Entry(*impl, "r-language");
  EXPECT_EQ(r.aliases[0].where.line, 12u);  // an object alias points at its "text"
  EXPECT_EQ(r.aliases[0].where.column, 27u);
  EXPECT_EQ(r.context.negative_patterns[0].where.line, 14u);
  EXPECT_EQ(r.context.negative_patterns[0].where.column, 60u);
}

TEST(ParseLexicon, PositionsCountBytesAfterMultiByteCharacters) {
  const std::string text =
      "{\"schema\": \"jobfit.lexicon/1\", \"name\": \"t\", \"version\": \"1\",\n"
      "\"entries\": [{\"id\": \"x\", \"name\": \"\xC3\xA9t\xC3\xA9\", \"category\": \"nope\"}]}";
  std::shared_ptr<LexiconImpl> impl;
  const std::vector<Status> errors = ParseLexicon(text, "u.json", &impl);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front().where().line, 2u);
  EXPECT_EQ(errors.front().where().column, 54u);  // "é" counts two bytes, twice
  EXPECT_EQ(impl, nullptr);
}

TEST(ParseLexicon, CollectsEveryProblemInOrder) {
  const std::string text =
      OneEntry(R"({"id": "x", "name": "", "category": "nope", "aliases": [1], "sources": []})");
  const std::vector<Status> errors = ParseLexicon(text, "t.json", nullptr);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_NE(errors[0].message().find("\"name\" must not be empty"), std::string::npos);
  EXPECT_NE(errors[1].message().find("unknown category"), std::string::npos);
  EXPECT_NE(errors[2].message().find("alias 1:"), std::string::npos);
  EXPECT_NE(errors[3].message().find("\"sources\" must not be empty"), std::string::npos);
}

// The first use of a repeated id is found by its place in the file, which differs from its
// place among the entries kept once an entry before it was refused.
TEST(ParseLexicon, PointsADuplicateIdAtItsFirstUseAfterARefusedEntry) {
  const std::string text =
      R"({"schema": "jobfit.lexicon/1", "name": "t", "version": "1", "entries": [
{"id": "a", "category": "tool", "aliases": ["a"], "sources": ["extended"]},
{"id": "b", "name": "B", "category": "tool", "aliases": ["b"], "sources": ["extended"]},
  {"id": "x", "name": "X", "category": "tool", "aliases": ["x"], "sources": ["extended"]},
{"id": "x", "name": "X2", "category": "tool", "aliases": ["x2"], "sources": ["extended"]}
]})";
  const std::vector<Status> errors = ParseLexicon(text, "d.json", nullptr);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].message().find("missing required field \"name\""), std::string::npos);
  EXPECT_EQ(errors[1].message(), "entry \"x\": duplicate id, first used at 4:10");
  EXPECT_EQ(errors[1].where().line, 5u);
  EXPECT_EQ(errors[1].where().column, 8u);
}

TEST(ParseLexicon, SkipsAByteOrderMark) {
  MustParse(
      "\xEF\xBB\xBF" + std::string(R"({"schema": "jobfit.lexicon/1", "name": "t", "version": "1",
                                "entries": []})"),
      "bom.json");
}

TEST(ContentHash, IgnoresFormattingAndKeyOrder) {
  const auto a = MustParse(ReadTestFile("small.json"), "small.json");
  const auto b = MustParse(ReadTestFile("small_reformatted.json"), "small_reformatted.json");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->content_hash, b->content_hash);
  EXPECT_EQ(a->content_hash.rfind("fnv1a64:", 0), 0u);
  EXPECT_EQ(a->content_hash.size(), 8u + 16u);
}

// The hash is of nlohmann's canonical dump; it is computed without keeping that text, so
// it is held here to the dump itself, on strings that need escapes, non-ASCII text and
// numbers.
TEST(ContentHash, IsTheHashOfTheCanonicalDump) {
  const std::string text =
      R"({"schema": "jobfit.lexicon/1", "name": "t", "version": "1",
      "entries": [
        {"id": "cafe", "name": "Caf\u00e9 \u201cq\u201d \"x\" \\ \t", "category": "language",
         "aliases": ["caf\u00e9", "\u6771\u4eac", {"text": "Cafe", "case": "exact"}],
         "context": {"window": 7, "positive": ["a/b"]}, "sources": ["extended"]},
        {"id": "kb", "name": "KB", "category": "tool", "aliases": ["kb"],
         "sources": ["extended"]}]})";
  const auto parsed = MustParse(text, "t.json");
  ASSERT_NE(parsed, nullptr);
  const std::string dump = nlohmann::json::parse(text).dump();
  EXPECT_EQ(parsed->content_hash, FormatContentHash(Fnv1a64(dump))) << dump;
  const auto small = MustParse(ReadTestFile("small.json"), "small.json");
  ASSERT_NE(small, nullptr);
  EXPECT_EQ(small->content_hash,
            FormatContentHash(Fnv1a64(nlohmann::json::parse(ReadTestFile("small.json")).dump())));
}

// The canonical text is hashed as it is walked, never written; held here to dump() on
// every kind of value and every character class a string can hold.
TEST(ContentHash, WalksValuesAsDumpWritesThem) {
  const std::vector<std::string> texts = {
      R"({"b": [1, -2, 3.5, -0.0, 1e300, 18446744073709551615, -9223372036854775808],
          "a": {"z": null, "y": true, "x": false, "w": [], "v": {}},
          "s": "quote \" backslash \\ slash / \b\f\n\r\t \u0001 \u001f \u007f \u00e9 \ud83d\ude00",
          "": "", "k\u0000ey": "\u2028"})",
      R"([["nested", ["deep", {"k": [0.1, 2e-7]}]], "tail"])",
      R"("just a string")",
      R"(42)",
  };
  for (const std::string& text : texts) {
    EXPECT_EQ(CanonicalJsonHash(text), Fnv1a64(nlohmann::json::parse(text).dump())) << text;
  }
  // Random strings of every byte class a parsed string can hold: control characters,
  // quotes, backslashes, ASCII, and two-, three- and four-byte UTF-8.
  std::mt19937 random(7);
  const std::vector<std::string> pieces = {
      "\"", "\\",       "\n",           std::string(1, '\0'), "\x01", "\x1f", "\x7f", "a", "Z", " ",
      "/",  "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80",   "~"};
  for (int round = 0; round < 200; ++round) {
    nlohmann::json object = nlohmann::json::object();
    for (int member = 0; member < 4; ++member) {
      std::string key, value;
      for (int k = 0; k < 6; ++k) key += pieces[random() % pieces.size()];
      for (int k = 0; k < 12; ++k) value += pieces[random() % pieces.size()];
      object[key] = nlohmann::json::array({value, static_cast<int>(random() % 1000) - 500});
    }
    const std::string text = object.dump();
    EXPECT_EQ(CanonicalJsonHash(text), Fnv1a64(text)) << text;
  }
}

TEST(ContentHash, ChangesWithOneAlias) {
  const auto a = MustParse(ReadTestFile("small.json"), "small.json");
  const auto c = MustParse(ReadTestFile("small_changed_alias.json"), "c.json");
  EXPECT_NE(a->content_hash, c->content_hash);
}

TEST(ContentHash, IsFnv1a64) {
  // Published FNV-1a 64 test vectors.
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(FormatContentHash(0xaf63dc4c8601ec8cULL), "fnv1a64:af63dc4c8601ec8c");
}

TEST(ContentHash, CombinesLayersInOrder) {
  LexiconLayer a, b;
  a.content_hash = "fnv1a64:0000000000000001";
  b.content_hash = "fnv1a64:0000000000000002";
  EXPECT_EQ(CombineLayerHashes({a}), a.content_hash);
  EXPECT_NE(CombineLayerHashes({a, b}), CombineLayerHashes({b, a}));
  EXPECT_EQ(CombineLayerHashes({a, b}), CombineLayerHashes({a, b}));
}

}  // namespace
}  // namespace jobfit::internal
