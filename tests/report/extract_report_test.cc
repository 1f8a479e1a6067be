#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"
#include "jobfit/report.h"

#include "testing/test_util.h"

namespace jobfit {
namespace {

using Json = nlohmann::ordered_json;

// Aliases, a pattern and an ambiguous alias with context rules: every kind of span.
constexpr std::string_view kLexicon = R"json({
  "schema": "jobfit.lexicon/1", "name": "report-fixture", "version": "1",
  "entries": [
    {"id": "python", "name": "Python", "category": "language", "sources": ["extended"],
     "aliases": ["Python"], "patterns": [{"regex": "\\bPython\\s?3(?:\\.\\d+)?\\b"}]},
    {"id": "pytorch", "name": "PyTorch", "category": "library", "sources": ["extended"],
     "aliases": ["PyTorch"], "implies": ["deep-learning"]},
    {"id": "deep-learning", "name": "deep learning", "category": "concept",
     "sources": ["extended"], "aliases": ["deep learning"]},
    {"id": "go", "name": "Go", "category": "language", "sources": ["extended"],
     "aliases": [{"text": "Go", "case": "exact", "ambiguous": true}],
     "context": {"default": "reject", "positive": ["programming"], "negative": ["ahead"]}}
  ]})json";

// The extract report is written straight to a string (not through an nlohmann document):
// its bytes must be those nlohmann would write for the same members, whatever the text
// holds, for every kind of document and span. The golden files pin the members, their
// order and the form of every number; they were checked against the report of the
// nlohmann-built writer this one replaced, which gave the same bytes on the same inputs.
TEST(ExtractReport, JsonIsNlohmannsOwnFormWithEveryKindOfMember) {
  Result<Lexicon> lexicon = Lexicon::FromJson(kLexicon, "fixture.json");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  // Invalid UTF-8 inside a span's line, a "quoted" name, a pattern, an accepted and a
  // rejected "Go", and a control character.
  const std::string text =
      "Go programming and Python 3.11 \xFF\xFE, \"PyTorch\"\tand PyTorch.\nGo ahead.\n\x01";
  std::vector<ExtractedDocument> docs(2);
  docs[0].source = "resume \"one\" \xFF.txt";  // invalid UTF-8 becomes U+FFFD
  docs[0].text = text;
  ScanOptions options;
  options.explain = true;
  docs[0].result = matcher->Scan(text, options);
  docs[0].quality.confidence = ReadConfidence::kMedium;
  docs[0].quality.score = 0.8125;
  docs[0].quality.issues.push_back({ReadIssueKind::kUnmappableFont, ReadConfidence::kMedium,
                                    "3% of characters are unmapped \xE2\x80\x94 check"});
  docs[1].source = "missing.pdf";
  docs[1].error =
      Status(StatusCode::kNotFound, "cannot open: no such file", Location::InFile("missing.pdf"));
  ReportOptions report;
  report.explain = true;
  const std::string out = RenderExtractJson(*lexicon, docs, report);

  const std::filesystem::path golden =
      std::filesystem::path(JOBFIT_SOURCE_DIR) / "tests" / "golden" / "extract_report";
  test_util::ExpectGolden(golden / "every_member.json", out);
  test_util::ExpectGolden(golden / "every_member.txt", RenderExtractText(*lexicon, docs, report));
  // The text report shows counts, and a counting scan's result reads the same.
  std::vector<ExtractedDocument> counted = docs;
  ScanOptions counting = options;
  counting.count_only = true;
  counted[0].result = matcher->Scan(text, counting);
  ASSERT_TRUE(counted[0].result.matches.empty());
  EXPECT_EQ(RenderExtractText(*lexicon, counted, report),
            RenderExtractText(*lexicon, docs, report));
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out.find('\n'), out.size() - 1);  // one line
  const Json parsed = Json::parse(out);
  EXPECT_EQ(parsed.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n", out);

  const Json& doc = parsed["documents"][0];
  EXPECT_EQ(doc["source"], "resume \"one\" \xEF\xBF\xBD.txt");
  EXPECT_EQ(doc["bytes"], text.size());
  EXPECT_EQ(doc["read"]["confidence"], "medium");
  EXPECT_EQ(doc["read"]["score"], 0.8125);
  bool pattern = false;
  bool by_context = false;
  size_t spans = 0;
  for (const Json& term : doc["terms"]) {
    EXPECT_EQ(term["count"], term["spans"].size());
    for (const Json& span : term["spans"]) {
      ++spans;
      const auto start = span["start"].get<size_t>();
      const auto end = span["end"].get<size_t>();
      EXPECT_EQ(span["text"], text.substr(start, end - start));
      pattern |= span.contains("pattern");
      by_context |= span.value("by_context", false);
    }
  }
  EXPECT_EQ(spans, docs[0].result.matches.size());
  EXPECT_TRUE(pattern);
  EXPECT_TRUE(by_context);
  ASSERT_EQ(doc["implied"].size(), 1u);
  EXPECT_EQ(doc["implied"][0]["via"], "pytorch");
  ASSERT_EQ(doc["decisions"].size(), 2u);
  EXPECT_EQ(doc["decisions"][0]["accepted"], true);
  EXPECT_EQ(doc["decisions"][1]["accepted"], false);

  const Json& failed = parsed["documents"][1];
  EXPECT_EQ(failed.size(), 2u);  // source and error only
  EXPECT_EQ(failed["error"]["code"], "not_found");
  EXPECT_NE(failed["error"]["message"].get<std::string>().find("missing.pdf"), std::string::npos);
}

// The streamed report is RenderExtract*'s bytes, handed on document by document (a large
// document's JSON in pieces of about a mebibyte), so that a caller need keep no document
// once it is added.
TEST(ExtractReport, StreamHandsOnEachDocumentAsItIsAdded) {
  Result<Lexicon> lexicon = Lexicon::FromJson(kLexicon, "fixture.json");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  std::string large;
  while (large.size() < (size_t{3} << 20)) large += "PyTorch and Python 3.11 at work.\n";
  const std::string small = "Go programming in PyTorch";
  std::vector<ExtractedDocument> docs(3);
  docs[0].source = "large.txt";
  docs[0].text = large;
  docs[0].result = matcher->Scan(large);
  docs[1].source = "missing.txt";
  docs[1].error = Status(StatusCode::kNotFound, "cannot open", Location::InFile("missing.txt"));
  docs[2].source = "small.txt";
  docs[2].text = small;
  docs[2].result = matcher->Scan(small);

  for (const bool json : {true, false}) {
    std::vector<std::string> pieces;
    ExtractReportStream stream(*lexicon, json, {},
                               [&](std::string_view piece) { pieces.emplace_back(piece); });
    std::vector<size_t> after_add;
    for (const ExtractedDocument& doc : docs) {
      stream.Add(doc);
      after_add.push_back(pieces.size());
    }
    stream.Finish();
    std::string whole;
    for (const std::string& piece : pieces) {
      EXPECT_FALSE(piece.empty());
      EXPECT_LE(piece.size(), (size_t{1} << 20) + 4096) << "json " << json;
      whole += piece;
    }
    EXPECT_EQ(whole,
              json ? RenderExtractJson(*lexicon, docs, {}) : RenderExtractText(*lexicon, docs, {}));
    // Every document's part was out before the next was added.
    EXPECT_LT(after_add[0], after_add[1]);
    EXPECT_LT(after_add[1], after_add[2]);
    if (json) {
      EXPECT_GT(after_add[0], 3u);  // the large document in pieces
      EXPECT_EQ(pieces.back(), "]}\n");
    }
  }
}

}  // namespace
}  // namespace jobfit
