// Reader tests over the fixtures in tests/read/data (made by make_fixtures.py; see the
// README there). Every format, the encodings, the broken inputs that must fail with a
// message naming the file, the limits, and the cross-format agreement: the same resume as
// TXT, PDF, DOCX, ODT, HTML and JSON Resume yields the same terms.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "jobfit/document.h"
#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"

#include "read/text_builder.h"
#include "testing/test_util.h"
#include "text/encoding.h"
#include <sys/stat.h>

namespace jobfit {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(JOBFIT_TEST_DATA_DIR) + "/" + name;
}

using jobfit::test_util::Slurp;

Document ReadOk(const std::string& name, const ReadOptions& options = {}) {
  Result<Document> doc = ReadDocument(Fixture(name), options);
  EXPECT_TRUE(doc.ok()) << name << ": " << doc.status().ToString();
  if (!doc.ok()) return Document{};
  return std::move(*doc);
}

Status ReadFails(const std::string& name, const ReadOptions& options = {}) {
  Result<Document> doc = ReadDocument(Fixture(name), options);
  EXPECT_FALSE(doc.ok()) << name << " read as " << DocumentFormatName(doc->format);
  if (doc.ok()) return Status::Ok();
  // Every failure names the file.
  EXPECT_NE(doc.status().ToString().find(name), std::string::npos) << doc.status().ToString();
  return doc.status();
}

bool HasIssue(const Document& doc, ReadIssueKind kind) {
  return std::any_of(doc.quality.issues.begin(), doc.quality.issues.end(),
                     [&](const ReadIssue& i) { return i.kind == kind; });
}

const SectionHint* FindSection(const Document& doc, SectionKind kind) {
  for (const SectionHint& s : doc.sections) {
    if (s.kind == kind) return &s;
  }
  return nullptr;
}

bool Contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// --- plain text and encodings ---------------------------------------------------------

TEST(ReadTextTest, Utf8TextReadsAsIsWithSections) {
  const Document doc = ReadOk("resume.txt");
  EXPECT_EQ(doc.format, DocumentFormat::kText);
  EXPECT_EQ(doc.encoding, "UTF-8");
  EXPECT_EQ(doc.text, Slurp(Fixture("resume.txt")));
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kHigh);
  const SectionHint* skills = FindSection(doc, SectionKind::kSkills);
  ASSERT_NE(skills, nullptr);
  EXPECT_EQ(doc.text.substr(skills->begin, 6), "Skills");
  ASSERT_NE(FindSection(doc, SectionKind::kExperience), nullptr);
  ASSERT_NE(FindSection(doc, SectionKind::kEducation), nullptr);
  // A job title alone on a line is not a heading.
  for (const SectionHint& s : doc.sections) EXPECT_NE(s.heading, "Senior Data Engineer");
}

TEST(ReadTextTest, SectionSearchCanBeTurnedOff) {
  ReadOptions options;
  options.find_sections = false;
  const Document doc = ReadOk("resume.txt", options);
  EXPECT_EQ(doc.text, Slurp(Fixture("resume.txt")));
  EXPECT_TRUE(doc.sections.empty());
  EXPECT_FALSE(ReadOk("resume.txt").sections.empty());
}

TEST(ReadTextTest, MarkdownHeadingsAreSections) {
  const Document doc = ReadOk("resume.md");
  EXPECT_EQ(doc.format, DocumentFormat::kMarkdown);
  ASSERT_EQ(doc.sections.size(), 3u);
  EXPECT_EQ(doc.sections[0].heading, "Jane Doe");
  EXPECT_EQ(doc.sections[1].kind, SectionKind::kExperience);
  EXPECT_EQ(doc.sections[1].level, 2);
  EXPECT_EQ(doc.sections[2].kind, SectionKind::kSkills);
  // The h1 section holds its h2 sections.
  EXPECT_EQ(doc.sections[0].end, doc.text.size());
  EXPECT_EQ(doc.sections[1].end, doc.sections[2].begin);
}

constexpr const char* kEncodedSample =
    "Résumé of Zoë Müller \xE2\x80\x93 \xE2\x80\x9C"
    "data engineer\xE2\x80\x9D, Zürich; "
    "Python\xE2\x80\x99s fan.\n";

TEST(ReadTextTest, Utf16WithBomDecodes) {
  for (const char* name : {"utf16le_bom.txt", "utf16be_bom.txt"}) {
    const Document doc = ReadOk(name);
    EXPECT_EQ(doc.text, kEncodedSample) << name;
    EXPECT_EQ(doc.quality.confidence, ReadConfidence::kHigh) << name;
  }
  // UTF-8 stays byte for byte, its BOM included, so offsets index the input as given.
  EXPECT_EQ(ReadOk("utf8_bom.txt").text, std::string("\xEF\xBB\xBF") + kEncodedSample);
  EXPECT_EQ(ReadOk("utf16le_bom.txt").encoding, "UTF-16LE");
  EXPECT_EQ(ReadOk("utf16be_bom.txt").encoding, "UTF-16BE");
}

TEST(ReadTextTest, Windows1252SmartQuotesDecode) {
  const Document doc = ReadOk("cp1252.txt");
  EXPECT_EQ(doc.encoding, "windows-1252");
  EXPECT_EQ(doc.text.substr(0, std::string(kEncodedSample).size()), kEncodedSample);
  EXPECT_TRUE(HasIssue(doc, ReadIssueKind::kEncodingGuessed));
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kHigh);
}

TEST(ReadTextTest, Latin1Decodes) {
  const Document doc = ReadOk("latin1.txt");
  EXPECT_TRUE(Contains(doc.text, "José Núñez, ingénieur à Genève")) << doc.text;
  EXPECT_TRUE(Contains(doc.text, "Compétences"));
}

TEST(ReadTextTest, EmptyFileIsALowConfidenceRead) {
  const Document doc = ReadOk("empty.txt");
  EXPECT_TRUE(doc.text.empty());
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kLow);
  EXPECT_TRUE(HasIssue(doc, ReadIssueKind::kEmpty));
  EXPECT_EQ(doc.quality.score, 0.0);
}

TEST(ReadTextTest, BinaryIsRefused) {
  EXPECT_EQ(ReadFails("binary.dat").code(), StatusCode::kUnsupported);
}

TEST(ReadTextTest, EncodingModuleConvertsNamedCharsets) {
  uint64_t undecodable = 0;
  Result<std::string> utf8 =
      text::ConvertToUtf8("caf\xE9 \x93ok\x94", "windows-1252", "x", &undecodable);
  ASSERT_TRUE(utf8.ok());
  EXPECT_EQ(*utf8, "café \xE2\x80\x9Cok\xE2\x80\x9D");
  EXPECT_EQ(undecodable, 0u);
  EXPECT_FALSE(text::ConvertToUtf8("x", "no-such-charset", "x", nullptr).ok());
  EXPECT_TRUE(text::IsValidUtf8("plain ascii and \xC3\xA9"));
  EXPECT_FALSE(text::IsValidUtf8("overlong \xC0\xAF"));
  EXPECT_FALSE(text::IsValidUtf8("surrogate \xED\xA0\x80"));
  EXPECT_FALSE(text::IsValidUtf8("truncated \xE2\x82"));
}

// ASCII is skipped sixteen bytes at a time: a sequence must be judged the same at every
// offset from a block's edge, and with anything before and after it.
TEST(ReadTextTest, IsValidUtf8JudgesASequenceAtEveryOffset) {
  const std::vector<std::pair<std::string, bool>> sequences = {{"\xC3\xA9", true},
                                                               {"\xE2\x80\x9C", true},
                                                               {"\xF0\x9F\x98\x80", true},
                                                               {"\xC3\xA9\xC3\xA9", true},
                                                               {"\xC0\xAF", false},
                                                               {"\xED\xA0\x80", false},
                                                               {"\xE2\x82", false},
                                                               {"\x80", false},
                                                               {"\xF4\x90\x80\x80", false},
                                                               {"\xC3 ", false},
                                                               {"\xFF", false},
                                                               {"\xE0\x80\xAF", false},
                                                               {"\xE6\x97\xA5", true},
                                                               {"\xC3\xC3", false},
                                                               {"\xE2\x82\x41", false},
                                                               {"\xC3\xA9\xA9", false},
                                                               {"\xE6\x97\xA5\x80", false},
                                                               {"\xEF\xBF\xBD", true},
                                                               {"\xED\x9F\xBF", true},
                                                               {"\xE0\xA0\x80", true}};
  for (const auto& [sequence, valid] : sequences) {
    // Past two 64-byte blocks: the sequence lands at every place in one.
    for (size_t before = 0; before < 140; ++before) {
      for (const size_t after : {size_t{0}, size_t{1}, size_t{15}, size_t{16}, size_t{33}}) {
        const std::string text = std::string(before, 'a') + sequence + std::string(after, 'b');
        EXPECT_EQ(text::IsValidUtf8(text), valid) << before << " + sequence + " << after;
        // A valid character far ahead must not hide an invalid one here.
        EXPECT_EQ(text::IsValidUtf8(text + std::string(20, 'c') + "\xC3\xA9"), valid) << before;
      }
    }
  }
}

// Returns whether `text` is UTF-8 by RFC 3629, one character at a time.
bool IsUtf8TheLongWay(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t len = 1;
    uint32_t cp = c;
    if (c >= 0x80) {
      if (c >= 0xC2 && c <= 0xDF) {
        len = 2, cp = c & 0x1Fu;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, cp = c & 0x0Fu;
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, cp = c & 0x07u;
      } else {
        return false;
      }
      if (i + len > text.size()) return false;
      for (size_t k = 1; k < len; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (next & 0x3Fu);
      }
      const uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    }
    i += len;
  }
  return true;
}

// Blocks of sixteen bytes holding only ASCII and common sequences are judged at once;
// random mixes of good and bad pieces cut across block edges everywhere.
TEST(ReadTextTest, IsValidUtf8AgreesWithTheLongWayOnRandomText) {
  const std::vector<std::string> pieces = {"a",
                                           "word ",
                                           "\xC3\xA9",
                                           "\xCE\xBB",
                                           "\xE2\x80\x94",
                                           "\xE6\x97\xA5",
                                           "\xF0\x9F\x98\x80",
                                           "\xED\x9F\xBF",
                                           "\xE0\xA0\x80",
                                           "\x80",
                                           "\xBF",
                                           "\xC3",
                                           "\xE2\x80",
                                           "\xC0\xAF",
                                           "\xED\xA0\x80",
                                           "\xF4\x90\x80\x80",
                                           "\xFF",
                                           "\xC2\xA0"};
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    // Half the texts valid throughout, as documents are, so that whole blocks pass at once.
    const size_t choices = rng() % 2 == 0 ? 9 : pieces.size();
    for (int i = 0; i < n; ++i) text += pieces[rng() % choices];
    EXPECT_EQ(text::IsValidUtf8(text), IsUtf8TheLongWay(text)) << testing::PrintToString(text);
  }
}

// --- HTML ----------------------------------------------------------------------------

TEST(ReadHtmlTest, DropsScriptsAndStylesDecodesEntitiesAndKeepsHeadings) {
  const Document doc = ReadOk("resume.html");
  EXPECT_EQ(doc.format, DocumentFormat::kHtml);
  for (const char* hidden :
       {"Haskell", "Erlang", "COBOL", "font-family", "Rust", "someone else", "Enable JavaScript"}) {
    EXPECT_FALSE(Contains(doc.text, hidden)) << hidden << " in\n" << doc.text;
  }
  EXPECT_TRUE(Contains(doc.text,
                       "Jane\xC2\xA0"
                       "Doe\n"));                                    // &nbsp;
  EXPECT_TRUE(Contains(doc.text, "jane.doe@example.com | +1"));      // &#124;
  EXPECT_TRUE(Contains(doc.text, "2019 \xE2\x80\x93 present"));      // &ndash;
  EXPECT_TRUE(Contains(doc.text, "\n- Built streaming pipelines"));  // li on its own line
  EXPECT_TRUE(Contains(doc.text, "Python\tSQL\tScala"));             // table cells
  ASSERT_NE(FindSection(doc, SectionKind::kExperience), nullptr);
  const SectionHint* skills = FindSection(doc, SectionKind::kSkills);
  ASSERT_NE(skills, nullptr);
  EXPECT_EQ(skills->level, 2);
  EXPECT_EQ(doc.text.substr(skills->begin, 7), "Skills\n");
  EXPECT_EQ(doc.sections.front().level, 1);  // the h1 name
}

TEST(ReadHtmlTest, DeclaredWindows1252Decodes) {
  const Document doc = ReadOk("cp1252.html");
  EXPECT_EQ(doc.encoding, "windows-1252");
  EXPECT_TRUE(Contains(doc.text,
                       "\xE2\x80\x9C"
                       "Café\xE2\x80\x9D & Python\xE2\x80\x99s pandas"))
      << doc.text;
}

TEST(ReadHtmlTest, MalformedAndDeeplyNestedMarkupReads) {
  std::string deep = "<html><body>";
  for (int i = 0; i < 5000; ++i) deep += "<div><span>";
  deep += "Python";
  Result<Document> doc = ReadDocumentFromMemory(deep, "deep.html");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_TRUE(Contains(doc->text, "Python"));
  doc = ReadDocumentFromMemory("<p>unclosed <b>bold <i>Kafka</p></td>&bogus; &amp", "x.html");
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(Contains(doc->text, "unclosed bold Kafka")) << doc->text;
}

// --- PDF -----------------------------------------------------------------------------

TEST(ReadPdfTest, TextLayerReadsInOrderWithHyphenationJoined) {
  const Document doc = ReadOk("resume.pdf");
  EXPECT_EQ(doc.format, DocumentFormat::kPdf);
  EXPECT_EQ(doc.pages, 1u);
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kHigh);
  EXPECT_TRUE(Contains(doc.text, "Docker and Kubernetes; orchestrated")) << doc.text;
  EXPECT_FALSE(Contains(doc.text, "Kuber-"));
  EXPECT_LT(doc.text.find("Jane Doe"), doc.text.find("Summary"));
  EXPECT_LT(doc.text.find("Experience"), doc.text.find("Education"));
  ASSERT_NE(FindSection(doc, SectionKind::kSkills), nullptr);
}

TEST(ReadPdfTest, TwoColumnsReadColumnByColumn) {
  const Document doc = ReadOk("two_column.pdf");
  EXPECT_TRUE(HasIssue(doc, ReadIssueKind::kColumnsDetected));
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kHigh);
  // The left column (Experience) comes whole before the right one (Skills, Education).
  const size_t experience = doc.text.find("Experience");
  const size_t last_left = doc.text.find("forecasting models");
  const size_t skills = doc.text.find("Skills");
  ASSERT_NE(experience, std::string::npos);
  ASSERT_NE(last_left, std::string::npos);
  ASSERT_NE(skills, std::string::npos);
  EXPECT_LT(doc.text.find("Jane Doe"), experience);
  EXPECT_LT(last_left, skills) << doc.text;
  EXPECT_TRUE(Contains(doc.text, "Skills\nPython\nSQL\nScala\n")) << doc.text;
}

TEST(ReadPdfTest, ScannedPdfIsALowConfidenceReadWithTheReason) {
  const Document doc = ReadOk("scanned.pdf");
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kLow);
  EXPECT_TRUE(HasIssue(doc, ReadIssueKind::kNoTextLayer));
  EXPECT_EQ(doc.quality.score, 0.0);
  EXPECT_TRUE(Contains(doc.quality.issues[0].message, "OCR"));
}

TEST(ReadPdfTest, UnmappableFontIsALowConfidenceRead) {
  const Document doc = ReadOk("unmappable.pdf");
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kLow) << doc.text;
  EXPECT_TRUE(HasIssue(doc, ReadIssueKind::kUnmappableFont));
  EXPECT_LT(doc.quality.score, 0.5);
}

TEST(ReadPdfTest, PageLimitReadsTheFirstPagesAndSaysSo) {
  ReadOptions options;
  options.max_pdf_pages = 2;
  const Document doc = ReadOk("three_pages.pdf", options);
  EXPECT_EQ(doc.pages, 2u);
  EXPECT_TRUE(Contains(doc.text, "Page 1: Python and SQL\n\f\nPage 2")) << doc.text;
  EXPECT_FALSE(Contains(doc.text, "Page 3"));
  EXPECT_TRUE(HasIssue(doc, ReadIssueKind::kPageLimit));
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kMedium);
}

TEST(ReadPdfTest, EncryptedPdfNeedsAPassword) {
  const Status status = ReadFails("encrypted.pdf");
  EXPECT_EQ(status.code(), StatusCode::kUnsupported);
  EXPECT_TRUE(Contains(status.message(), "encrypted"));
}

TEST(ReadPdfTest, CorruptPdfFailsWithAMessage) {
  EXPECT_EQ(ReadFails("corrupt.pdf").code(), StatusCode::kParseError);
}

TEST(ReadPdfTest, TruncatedPdfFailsOrSaysItIsTruncated) {
  Result<Document> doc = ReadDocument(Fixture("truncated.pdf"));
  if (doc.ok()) {
    EXPECT_TRUE(HasIssue(*doc, ReadIssueKind::kTruncated) ||
                doc->quality.confidence == ReadConfidence::kLow);
    EXPECT_NE(doc->quality.confidence, ReadConfidence::kHigh);
  } else {
    EXPECT_TRUE(Contains(doc.status().ToString(), "truncated.pdf")) << doc.status().ToString();
  }
}

// --- DOCX and ODT --------------------------------------------------------------------

TEST(ReadDocxTest, ParagraphsHeadingsListsTablesTextBoxesAndHeaders) {
  const Document doc = ReadOk("resume.docx");
  EXPECT_EQ(doc.format, DocumentFormat::kDocx);
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kHigh);
  EXPECT_EQ(doc.text.find("Jane Doe\n"), 0u) << doc.text;  // the header part comes first
  // Runs split mid-word join without a space.
  EXPECT_TRUE(Contains(doc.text, "\n" + std::string("Data engineer with eight years building "
                                                    "pipelines in Python and SQL.\n")));
  EXPECT_TRUE(Contains(doc.text, "\n- Built streaming pipelines"));  // list item
  EXPECT_TRUE(Contains(doc.text, "Python\nSQL\nScala"));             // table cells
  // The text box is read once, not once more from its VML fallback.
  const std::string education = "M.Sc. in Computer Science";
  const size_t first = doc.text.find(education);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(doc.text.find(education, first + 1), std::string::npos);
  // Heading 1, and a style based on it, are sections.
  const SectionHint* experience = FindSection(doc, SectionKind::kExperience);
  ASSERT_NE(experience, nullptr);
  EXPECT_EQ(experience->heading, "Experience");
  EXPECT_EQ(experience->level, 1);
  ASSERT_NE(FindSection(doc, SectionKind::kSkills), nullptr);
  EXPECT_EQ(doc.sections.size(), 4u);
}

TEST(ReadDocxTest, MislabelledFilesReadByContent) {
  Document doc = ReadOk("docx_named.pdf");
  EXPECT_EQ(doc.format, DocumentFormat::kDocx);
  EXPECT_TRUE(HasIssue(doc, ReadIssueKind::kExtensionMismatch));
  EXPECT_EQ(doc.quality.confidence, ReadConfidence::kHigh);
  doc = ReadOk("pdf_named.txt");
  EXPECT_EQ(doc.format, DocumentFormat::kPdf);
  EXPECT_TRUE(Contains(doc.text, "Kubernetes"));
}

TEST(ReadDocxTest, ZipBombStopsAtTheDecompressedLimit) {
  ReadOptions options;
  options.max_decompressed_bytes = 1 << 20;
  const Status status = ReadFails("zip_bomb.docx", options);
  EXPECT_EQ(status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(Contains(status.message(), "max_decompressed_bytes"));
  // Within the default limit the same file reads.
  EXPECT_EQ(ReadOk("zip_bomb.docx").format, DocumentFormat::kDocx);
}

TEST(ReadDocxTest, EntryCountLimit) {
  ReadOptions options;
  options.max_zip_entries = 10;
  EXPECT_EQ(ReadFails("many_entries.docx", options).code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(Contains(ReadOk("many_entries.docx").text, "Python"));
}

TEST(ReadDocxTest, BrokenContainersFailWithAMessage) {
  EXPECT_EQ(ReadFails("truncated.docx").code(), StatusCode::kParseError);
  const Status bad_xml = ReadFails("bad_xml.docx");
  EXPECT_EQ(bad_xml.code(), StatusCode::kParseError);
  EXPECT_TRUE(Contains(bad_xml.message(), "word/document.xml"));
  const Status encrypted = ReadFails("encrypted.docx");
  EXPECT_EQ(encrypted.code(), StatusCode::kUnsupported);
  EXPECT_TRUE(Contains(encrypted.message(), "password"));
  EXPECT_TRUE(Contains(ReadFails("sheet.xlsx").message(), "Excel"));
  EXPECT_TRUE(Contains(ReadFails("legacy.doc").message(), "DOCX or PDF"));
}

TEST(ReadOdtTest, HeadingsListsAndText) {
  const Document doc = ReadOk("resume.odt");
  EXPECT_EQ(doc.format, DocumentFormat::kOdt);
  EXPECT_TRUE(Contains(doc.text, "\n- Built streaming pipelines with Apache Kafka"));
  ASSERT_NE(FindSection(doc, SectionKind::kEducation), nullptr);
  const Status encrypted = ReadFails("encrypted.odt");
  EXPECT_EQ(encrypted.code(), StatusCode::kUnsupported);
}

// --- JSON Resume, RTF, images, limits ------------------------------------------------

TEST(ReadJsonResumeTest, FieldsMapOntoSections) {
  const Document doc = ReadOk("resume.json");
  EXPECT_EQ(doc.format, DocumentFormat::kJsonResume);
  EXPECT_EQ(doc.text.find("Jane Doe\nSenior Data Engineer\n"), 0u) << doc.text;
  for (SectionKind kind : {SectionKind::kContact, SectionKind::kSummary, SectionKind::kExperience,
                           SectionKind::kEducation, SectionKind::kSkills}) {
    const SectionHint* s = FindSection(doc, kind);
    ASSERT_NE(s, nullptr) << SectionKindName(kind);
    EXPECT_LT(s->begin, s->end);
  }
  const SectionHint* skills = FindSection(doc, SectionKind::kSkills);
  EXPECT_TRUE(Contains(doc.text.substr(skills->begin, skills->end - skills->begin), "Terraform"));
  EXPECT_TRUE(Contains(doc.text, "Senior Data Engineer, Acme Analytics, 2019 - present"));
}

TEST(ReadJsonResumeTest, BrokenJsonFailsWithItsPosition) {
  const Status status = ReadFails("broken.json");
  EXPECT_EQ(status.code(), StatusCode::kParseError);
  EXPECT_TRUE(status.where().offset.has_value());
}

TEST(ReadDocumentTest, UnsupportedFormatsSayWhatToDo) {
  EXPECT_TRUE(Contains(ReadFails("resume.rtf").message(), "save the resume as DOCX or PDF"));
  EXPECT_TRUE(Contains(ReadFails("photo.png").message(), "OCR"));
}

TEST(ReadDocumentTest, SizeLimitsDependOnTheFormat) {
  ReadOptions options;
  options.max_bytes = 100;
  const Status text = ReadFails("resume.txt", options);
  EXPECT_EQ(text.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(text.message(), "input is larger than the limit of 100 bytes for text (max_bytes)");
  // Binary formats have their own, separate limit.
  EXPECT_TRUE(ReadDocument(Fixture("resume.pdf"), options).ok());
  options.max_binary_bytes = 1000;
  const Status status = ReadFails("resume.pdf", options);
  EXPECT_EQ(status.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(status.message(),
            "input is larger than the limit of 1000 bytes for PDF/DOCX/ODT (max_binary_bytes)");
  // A file over the text limit but under the binary one is held to its own format's.
  options.max_binary_bytes = uint64_t{1} << 20;
  EXPECT_EQ(ReadFails("resume.txt", options).message(),
            "input is larger than the limit of 100 bytes for text (max_bytes)");
  const ReadOptions batch = ReadOptions::ForBatch();
  EXPECT_LT(batch.max_bytes, ReadOptions{}.max_bytes);
  EXPECT_LT(batch.max_pdf_pages, ReadOptions{}.max_pdf_pages);
}

TEST(ReadDocumentTest, AFifoOverTheLimitFailsWithoutWaiting) {
  // Over both limits, a regular file is peeked at to name the limit that applies; a FIFO
  // cannot be opened a second time (no writer would come), so it is not.
  const std::string fifo = ::testing::TempDir() + "jobfit_read_fifo";
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd < 0) return;
    const std::string bytes(300, 'x');
    (void)!::write(fd, bytes.data(), bytes.size());
    ::close(fd);
  });
  ReadOptions options;
  options.max_bytes = 100;
  options.max_binary_bytes = 50;
  const Result<Document> read = ReadDocument(fifo, options);
  writer.join();
  ::unlink(fifo.c_str());
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kLimitExceeded);
}

TEST(ReadDocumentTest, MissingFileIsNotFound) {
  EXPECT_EQ(ReadFails("no_such_file.pdf").code(), StatusCode::kNotFound);
}

TEST(ReadDocumentTest, FromMemoryMatchesFromFile) {
  for (const char* name :
       {"resume.txt", "resume.pdf", "resume.docx", "resume.html", "resume.json", "resume.odt"}) {
    const Document from_file = ReadOk(name);
    Result<Document> from_memory = ReadDocumentFromMemory(Slurp(Fixture(name)), name);
    ASSERT_TRUE(from_memory.ok()) << name;
    EXPECT_EQ(from_memory->text, from_file.text) << name;
    EXPECT_EQ(from_memory->format, from_file.format) << name;
  }
}

TEST(ReadDocumentTest, GarbledTextIsLowConfidence) {
  Result<Document> doc = ReadDocumentFromMemory(
      "Xzrkq bvtmpl wxcvbn qrstv plkmn zxcvb trvwq mnbvc lkjhg fdsqw pzxcv bnmlk qwrtp "
      "zxcvb nmlkj hgfds qwrtz xcvbn mlkjh gfdsq wrtzx cvbnm lkjhg fdsqw",
      "garbled.txt");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->quality.confidence, ReadConfidence::kLow);
  EXPECT_TRUE(HasIssue(*doc, ReadIssueKind::kGarbledText));
  doc = ReadDocumentFromMemory("#### $$$$ %%%% 1234 5678 //// \\\\ |||| ==== ++++ ---", "sym.txt");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->quality.confidence, ReadConfidence::kLow);
}

TEST(ReadDocumentTest, HeadingClassifier) {
  EXPECT_EQ(read::ClassifyHeading("Work Experience"), SectionKind::kExperience);
  EXPECT_EQ(read::ClassifyHeading("Volunteer Experience"), SectionKind::kVolunteer);
  EXPECT_EQ(read::ClassifyHeading("Programming Languages"), SectionKind::kSkills);
  EXPECT_EQ(read::ClassifyHeading("Languages"), SectionKind::kLanguages);
  EXPECT_EQ(read::ClassifyHeading("EDUCATION"), SectionKind::kEducation);
  EXPECT_EQ(read::ClassifyHeading("Jane Doe"), SectionKind::kOther);
}

// --- the same resume in every format ---------------------------------------------------

TEST(CrossFormatTest, SameResumeExtractsTheSameTerms) {
  Result<Lexicon> lexicon = Lexicon::Builtin();
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  auto terms = [&](const std::string& name) {
    std::set<std::string> ids;
    for (const Match& m : matcher->FindAll(ReadOk(name).text)) {
      ids.insert(matcher->lexicon().term(m.term).id);
    }
    return ids;
  };
  const std::set<std::string> reference = terms("resume.txt");
  ASSERT_GE(reference.size(), 15u);
  size_t agreeing = 0;
  size_t total = 0;
  for (const char* name : {"resume.pdf", "resume.docx", "resume.odt", "resume.html", "resume.json",
                           "two_column.pdf"}) {
    const std::set<std::string> got = terms(name);
    std::vector<std::string> missing;
    std::vector<std::string> extra;
    std::set_difference(reference.begin(), reference.end(), got.begin(), got.end(),
                        std::back_inserter(missing));
    std::set_difference(got.begin(), got.end(), reference.begin(), reference.end(),
                        std::back_inserter(extra));
    std::ostringstream diff;
    for (const std::string& m : missing) diff << " -" << m;
    for (const std::string& e : extra) diff << " +" << e;
    const size_t shared = reference.size() - missing.size();
    std::printf("cross-format agreement %-15s %zu/%zu terms of resume.txt%s\n", name, shared,
                reference.size(), diff.str().c_str());
    agreeing += shared;
    total += reference.size() + extra.size();
    EXPECT_TRUE(missing.empty() && extra.empty()) << name << ":" << diff.str();
  }
  std::printf("cross-format agreement overall: %.1f%% (%zu of %zu)\n",
              100.0 * static_cast<double>(agreeing) / static_cast<double>(total), agreeing, total);
}

// ReadDocumentMapped gives what ReadDocument gives, whether it maps the file or not.
void ExpectSameRead(const std::string& path, const ReadOptions& options, bool expect_mapped,
                    uint64_t min_mapped_bytes = 1) {
  SCOPED_TRACE(path);
  const Result<Document> copied = ReadDocument(path, options);
  const Result<MappedDocument> mapped = ReadDocumentMapped(path, options, min_mapped_bytes);
  ASSERT_EQ(copied.ok(), mapped.ok());
  if (!copied.ok()) {
    EXPECT_EQ(copied.status().ToString(), mapped.status().ToString());
    return;
  }
  EXPECT_EQ(mapped->mapped(), expect_mapped);
  const Document& doc = mapped->document();
  EXPECT_EQ(mapped->text(), copied->text);
  if (mapped->mapped()) {
    EXPECT_TRUE(doc.text.empty());
  }
  EXPECT_EQ(doc.source, copied->source);
  EXPECT_EQ(doc.format, copied->format);
  EXPECT_EQ(doc.encoding, copied->encoding);
  EXPECT_EQ(doc.pages, copied->pages);
  ASSERT_EQ(doc.sections.size(), copied->sections.size());
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    EXPECT_EQ(doc.sections[i].begin, copied->sections[i].begin);
    EXPECT_EQ(doc.sections[i].end, copied->sections[i].end);
    EXPECT_EQ(doc.sections[i].heading, copied->sections[i].heading);
    EXPECT_EQ(doc.sections[i].kind, copied->sections[i].kind);
  }
  EXPECT_EQ(doc.quality.confidence, copied->quality.confidence);
  EXPECT_EQ(doc.quality.score, copied->quality.score);
  ASSERT_EQ(doc.quality.issues.size(), copied->quality.issues.size());
  for (size_t i = 0; i < doc.quality.issues.size(); ++i) {
    EXPECT_EQ(doc.quality.issues[i].kind, copied->quality.issues[i].kind);
    EXPECT_EQ(doc.quality.issues[i].severity, copied->quality.issues[i].severity);
    EXPECT_EQ(doc.quality.issues[i].message, copied->quality.issues[i].message);
  }
}

TEST(ReadDocumentMapped, MapsUtf8TextAndMarkdownAndReadsTheSame) {
  ReadOptions options;
  ExpectSameRead(Fixture("resume.txt"), options, /*expect_mapped=*/true);
  ExpectSameRead(Fixture("resume.md"), options, true);     // with its section hints
  ExpectSameRead(Fixture("utf8_bom.txt"), options, true);  // the BOM stays, as when copied
  options.find_sections = false;
  ExpectSameRead(Fixture("resume.md"), options, true);

  // Accents, a ligature, NBSP and curly quotes are UTF-8 as they are; a stray
  // Windows-1252 byte is not, and the copy keeps it for the normalizer to repair.
  std::string prose;
  while (prose.size() < 200000) {
    prose += "Ren\u00E9e used \uFB01ne-tuned PyTorch\u00A0models, \u201Cat scale\u201D.\n";
  }
  const test_util::ScopedTempFile valid("mapped_valid.txt", prose);
  ExpectSameRead(valid.string(), options, true);
  const test_util::ScopedTempFile stray("mapped_stray.txt", prose + "it\x92s\n");
  ExpectSameRead(stray.string(), options, false);
}

// With the check left to the scan, plain text is mapped whatever its bytes, and the scan
// of the mapped text says "not UTF-8" exactly for the files the check would have turned
// away: the caller then reads those again with ReadDocument.
TEST(ReadDocumentMapped, LeavesTheUtf8CheckToTheScanWhenAsked) {
  Result<Lexicon> lexicon = Lexicon::Builtin();
  ASSERT_TRUE(lexicon.ok());
  Result<Matcher> matcher = Matcher::Compile(*lexicon);
  ASSERT_TRUE(matcher.ok());
  ReadOptions options;
  options.check_mapped_utf8 = false;
  std::string prose;
  while (prose.size() < 200000)
    prose += "Ren\u00E9e tuned PyTorch\u00A0models \u201Cat scale\u201D.\n";
  const test_util::ScopedTempFile stray("unchecked_stray.txt", prose + "it\x92s\n");
  for (const std::string& path :
       {Fixture("resume.txt"), Fixture("utf8_bom.txt"), Fixture("resume.md"), Fixture("cp1252.txt"),
        Fixture("latin1.txt"), Fixture("utf16le_bom.txt"), Fixture("utf16be_bom.txt"),
        stray.string()}) {
    SCOPED_TRACE(path);
    const Result<MappedDocument> mapped = ReadDocumentMapped(path, options, 1);
    ASSERT_TRUE(mapped.ok());
    ASSERT_TRUE(mapped->mapped());
    EXPECT_TRUE(mapped->utf8_unchecked());
    const bool utf8 = text::IsUtf8AsGiven(mapped->text());
    EXPECT_EQ(matcher->Scan(mapped->text()).invalid_utf8, !utf8);
    const Result<Document> copied = ReadDocument(path, options);
    ASSERT_TRUE(copied.ok());
    if (utf8) {
      EXPECT_EQ(mapped->text(), copied->text);
    }
  }
  EXPECT_TRUE(text::IsUtf8AsGiven(ReadDocument(Fixture("resume.txt"), options)->text));
  EXPECT_FALSE(text::IsUtf8AsGiven(ReadDocumentMapped(Fixture("cp1252.txt"), options, 1)->text()));
  // Checked (the default), the same files are mapped only when they are UTF-8, and a
  // mapped one is never unchecked.
  const Result<MappedDocument> checked = ReadDocumentMapped(Fixture("resume.txt"), {}, 1);
  ASSERT_TRUE(checked.ok());
  EXPECT_TRUE(checked->mapped());
  EXPECT_FALSE(checked->utf8_unchecked());
}

TEST(ReadDocumentMapped, CopiesWhatItsReaderRewrites) {
  const ReadOptions options;
  for (const char* name : {"resume.html", "resume.json", "cp1252.html", "cp1252.txt", "latin1.txt",
                           "utf16le_bom.txt", "utf16be_bom.txt", "resume.pdf", "resume.docx",
                           "resume.odt", "pdf_named.txt", "docx_named.pdf", "empty.txt"}) {
    ExpectSameRead(Fixture(name), options, /*expect_mapped=*/false);
  }
}

TEST(ReadDocumentMapped, FailsAsReadDocumentFails) {
  const ReadOptions options;
  for (const char* name : {"no_such_file.txt", "photo.png", "legacy.doc", "resume.rtf",
                           "encrypted.pdf", "truncated.docx", "broken.json"}) {
    ExpectSameRead(Fixture(name), options, false);
  }
  ExpectSameRead(JOBFIT_TEST_DATA_DIR, options, false);  // a folder
  ReadOptions small;
  small.max_bytes = 100;  // resume.txt is larger: refused, not mapped
  ExpectSameRead(Fixture("resume.txt"), small, false);
}

TEST(ReadDocumentMapped, LeavesASmallFileToReadDocument) {
  ExpectSameRead(Fixture("resume.txt"), ReadOptions{}, /*expect_mapped=*/false,
                 /*min_mapped_bytes=*/uint64_t{1} << 30);
}

TEST(ReadDocumentMapped, ReadsStdinAsReadDocumentDoes) {
  const test_util::ScopedTempFile input("mapped_stdin.txt", "Python and Kubernetes\n");
  const int saved = ::dup(STDIN_FILENO);
  const int file = ::open(input.string().c_str(), O_RDONLY);
  ASSERT_GE(file, 0);
  ::dup2(file, STDIN_FILENO);
  const Result<MappedDocument> read = ReadDocumentMapped("-", ReadOptions{}, 1);
  ::dup2(saved, STDIN_FILENO);
  ::close(file);
  ::close(saved);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_FALSE(read->mapped());
  EXPECT_EQ(read->text(), "Python and Kubernetes\n");
  EXPECT_EQ(read->document().source, "<stdin>");
}

// A named pipe is opened once, by the read that takes its bytes: opened and closed again
// to be looked at, it would cut its writer off and leave the read waiting for another.
TEST(ReadDocumentMappedDeathTest, ReadsANamedPipeOnce) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const std::string path = ::testing::TempDir() + "/mapped_fifo_" + std::to_string(::getpid());
  ::unlink(path.c_str());
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  EXPECT_EXIT(
      {
        ::alarm(30);  // a read left waiting fails the test instead of hanging it
        const std::string text = "Python and Kubernetes\n";
        std::thread writer([&] {
          const int fd = ::open(path.c_str(), O_WRONLY);
          if (fd >= 0) {
            if (::write(fd, text.data(), text.size()) < 0) {
              ::unlink(path.c_str());
              std::_Exit(3);
            }
            ::close(fd);
          }
        });
        const Result<MappedDocument> read = ReadDocumentMapped(path, ReadOptions{}, 1);
        writer.join();
        ::unlink(path.c_str());  // the child ends without returning to the unlink below
        std::_Exit(read.ok() && !read->mapped() && read->text() == text ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
  ::unlink(path.c_str());
}

TEST(ReadDocumentMapped, WrapsADocumentReadAnotherWay) {
  Result<Document> copied = ReadDocument(Fixture("resume.txt"));
  ASSERT_TRUE(copied.ok());
  const std::string expected = copied->text;
  const MappedDocument wrapped(std::move(*copied));
  EXPECT_FALSE(wrapped.mapped());
  EXPECT_EQ(wrapped.text(), expected);
  EXPECT_EQ(wrapped.document().text, expected);
  EXPECT_EQ(wrapped.document().source, Fixture("resume.txt"));
}

TEST(ReadDocumentMapped, TextOutlivesAMove) {
  Result<MappedDocument> read = ReadDocumentMapped(Fixture("resume.txt"), ReadOptions{}, 1);
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->mapped());
  const std::string expected = Slurp(Fixture("resume.txt"));
  MappedDocument moved = std::move(*read);
  EXPECT_TRUE(moved.mapped());
  EXPECT_EQ(moved.text(), expected);
  MappedDocument assigned;
  EXPECT_TRUE(assigned.text().empty());
  assigned = std::move(moved);
  EXPECT_EQ(assigned.text(), expected);
}

}  // namespace
}  // namespace jobfit
