// jobfit/document.h: reading input documents.
//
// A resume arrives as plain text or Markdown (UTF-8, UTF-16 with a BOM, Windows-1252 or
// Latin-1), HTML, PDF, DOCX, ODT or a JSON Resume (jsonresume.org). The format is told
// from the content, not the file name, so a misnamed file still reads. Every document
// comes back as UTF-8 text plus section hints (headings with byte ranges into the text)
// and a read quality: a scanned PDF or text in a font without a Unicode mapping is a
// low-confidence read with the reasons, so a failed read is never scored as a weak resume.
// docs/FORMATS.md lists the formats, limits and quality flags.
//
//   jobfit::ReadOptions options;                 // defaults suit a single resume
//   jobfit::Result<jobfit::Document> doc = jobfit::ReadDocument("resume.pdf", options);
//   if (!doc.ok()) { std::cerr << doc.status().ToString(); }  // "resume.pdf: ..."
//   if (doc->quality.confidence == jobfit::ReadConfidence::kLow) {
//     for (const jobfit::ReadIssue& issue : doc->quality.issues) std::cerr << issue.message;
//   }
//
// Reading never throws and never crashes on hostile input: sizes, decompressed bytes, ZIP
// entries and PDF pages are capped (ReadOptions), and every failure names the file.
// The read functions keep no state between calls and are safe to call from many threads
// at once; a Document is a plain value owned by the caller.
#ifndef JOBFIT_DOCUMENT_H_
#define JOBFIT_DOCUMENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jobfit/export.h"
#include "jobfit/status.h"

namespace jobfit {

enum class DocumentFormat {
  kText,        // plain text, any supported encoding
  kMarkdown,    // text whose name ends in .md/.markdown; "#" headings become sections
  kHtml,        // HTML or XHTML
  kPdf,         // PDF with a text layer
  kDocx,        // Word 2007+ (Office Open XML)
  kOdt,         // OpenDocument text
  kJsonResume,  // resume.json following the jsonresume.org schema
};

// Returns the stable lower-case name of a format, e.g. "json-resume".
constexpr std::string_view DocumentFormatName(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kText:
      return "text";
    case DocumentFormat::kMarkdown:
      return "markdown";
    case DocumentFormat::kHtml:
      return "html";
    case DocumentFormat::kPdf:
      return "pdf";
    case DocumentFormat::kDocx:
      return "docx";
    case DocumentFormat::kOdt:
      return "odt";
    case DocumentFormat::kJsonResume:
      return "json-resume";
  }
  return "unknown";
}

// What a resume section is about, from its heading ("Work Experience", "Skills") or the
// JSON Resume field it came from.
enum class SectionKind {
  kOther,  // a heading jobfit does not classify
  kContact,
  kSummary,
  kExperience,
  kEducation,
  kSkills,
  kProjects,
  kCertifications,
  kAwards,
  kPublications,
  kLanguages,
  kInterests,
  kVolunteer,
  kReferences,
};

// Returns the stable lower-case name of a section kind, e.g. "experience".
constexpr std::string_view SectionKindName(SectionKind kind) {
  switch (kind) {
    case SectionKind::kOther:
      return "other";
    case SectionKind::kContact:
      return "contact";
    case SectionKind::kSummary:
      return "summary";
    case SectionKind::kExperience:
      return "experience";
    case SectionKind::kEducation:
      return "education";
    case SectionKind::kSkills:
      return "skills";
    case SectionKind::kProjects:
      return "projects";
    case SectionKind::kCertifications:
      return "certifications";
    case SectionKind::kAwards:
      return "awards";
    case SectionKind::kPublications:
      return "publications";
    case SectionKind::kLanguages:
      return "languages";
    case SectionKind::kInterests:
      return "interests";
    case SectionKind::kVolunteer:
      return "volunteer";
    case SectionKind::kReferences:
      return "references";
  }
  return "other";
}

// A section of the document as its structure marks it: a DOCX heading style, an HTML
// h1-h6, a Markdown "#" line, a JSON Resume field, or a plain-text line that is a known
// section title ("EXPERIENCE", "Skills:"). Sections do not overlap a later sibling: one
// ends where the next heading of the same or a higher level begins.
struct SectionHint {
  uint64_t begin = 0;  // byte range [begin, end) in Document::text, heading included
  uint64_t end = 0;
  std::string heading;  // the heading as written, white space collapsed
  SectionKind kind = SectionKind::kOther;
  int level = 1;  // 1 (top) to 6, as h1-h6 and Word's "Heading 1".."Heading 6"
};

enum class ReadConfidence {
  kHigh,    // the text is what the author wrote
  kMedium,  // readable, but part of it may be missing or out of order
  kLow,     // the read failed in substance: do not score this text as a resume
};

constexpr std::string_view ReadConfidenceName(ReadConfidence confidence) {
  switch (confidence) {
    case ReadConfidence::kHigh:
      return "high";
    case ReadConfidence::kMedium:
      return "medium";
    case ReadConfidence::kLow:
      return "low";
  }
  return "low";
}

enum class ReadIssueKind {
  kEmpty,              // no text at all
  kNoTextLayer,        // PDF pages that hold only images (scanned) - jobfit does no OCR
  kUnmappableFont,     // glyphs without a Unicode mapping (private-use or U+FFFD output)
  kGarbledText,        // mostly non-letters or letter runs that are not words
  kColumnOrder,        // lines with wide gaps: columns may have been read across
  kEncodingGuessed,    // no BOM and not UTF-8: the charset was detected statistically
  kUndecodableBytes,   // bytes that are invalid in the detected charset became U+FFFD
  kPageLimit,          // only the first ReadOptions::max_pdf_pages pages were read
  kTruncated,          // the file ends early; what was recovered is read
  kExtensionMismatch,  // the file name says one format, the content another
  kColumnsDetected,    // a multi-column page, read column by column (information only)
};

// One finding about a read, with the confidence it allows.
struct ReadIssue {
  ReadIssueKind kind = ReadIssueKind::kEmpty;
  ReadConfidence severity = ReadConfidence::kLow;  // kHigh means information only
  std::string message;                             // one line, for people
};

struct ReadQuality {
  ReadConfidence confidence = ReadConfidence::kHigh;  // the worst issue's severity
  // Estimated share of the text that is readable words (0..1); 0 for an empty read.
  double score = 1.0;
  std::vector<ReadIssue> issues;
};

struct ReadOptions {
  // Plain-text inputs (text, Markdown, HTML, JSON Resume) larger than this are refused
  // rather than read: a resume is kilobytes, and an endless stream must not exhaust
  // memory. `jobfit extract` raises it to 1 GiB for bulk text corpora (--max-bytes).
  uint64_t max_bytes = uint64_t{64} << 20;
  // PDF, DOCX and ODT files larger than this are refused. Their parsers hold the whole
  // file plus structures several times its size, and a resume PDF, even with photos, is
  // a few MB; 32 MiB admits image-heavy portfolios.
  uint64_t max_binary_bytes = uint64_t{32} << 20;
  // Total bytes decompressed from a DOCX/ODT (only the XML parts that hold text; images
  // are never inflated). Caps zip bombs: a resume's XML is well under 1 MB, a 300-page
  // report's a few tens of MB.
  uint64_t max_decompressed_bytes = uint64_t{64} << 20;
  // ZIP entries a DOCX/ODT may list. A Word file has 10 to a few hundred; a huge central
  // directory costs memory and time before any text is found.
  uint64_t max_zip_entries = 10000;
  // PDF pages read; later pages are skipped with a kPageLimit issue. Layout analysis costs
  // time per page, and a resume has one to five.
  uint32_t max_pdf_pages = 300;
  // Whether plain text (text, Markdown) is searched for section headings
  // (Document::sections). Scoring finds a resume's or an ad's sections in the text itself,
  // so a caller that only extracts or scores saves a pass over every line by turning it
  // off, as `jobfit extract`, `batch` and `stream` do.
  bool find_sections = true;
  // Whether ReadDocumentMapped checks that a file it maps is UTF-8 before it returns. A
  // scan decodes every non-ASCII byte anyway and says when one was not UTF-8
  // (ScanResult::invalid_utf8), so a caller that scans the text at once may leave the
  // check to the scan: the document is then MappedDocument::utf8_unchecked(), and when the
  // scan finds such bytes the caller reads the file again with ReadDocument, which
  // decodes them. `jobfit extract` does: it spares a corpus of hundreds of megabytes a
  // pass over all of its bytes.
  bool check_mapped_utf8 = true;

  // Returns tighter limits for many untrusted files read in one run (a batch of
  // applications): one hostile file must not take the run's memory or time.
  static ReadOptions ForBatch() {
    ReadOptions options;
    options.max_bytes = uint64_t{16} << 20;
    options.max_binary_bytes = uint64_t{16} << 20;
    options.max_decompressed_bytes = uint64_t{32} << 20;
    options.max_zip_entries = 2000;
    options.max_pdf_pages = 50;
    return options;
  }
};

struct Document {
  std::string source;  // the path as given, "<stdin>" for "-"
  DocumentFormat format = DocumentFormat::kText;
  std::string encoding = "UTF-8";     // the charset the bytes were decoded from
  uint32_t pages = 0;                 // PDF pages read; 0 for other formats
  uint64_t bytes = 0;                 // the input's size as read, before decoding
  std::string text;                   // UTF-8; what the matcher scans, offsets index into it
  std::vector<SectionHint> sections;  // in text order
  ReadQuality quality;
};

// Reads, detects the format of, and decodes one document. "-" reads stdin. Errors, each
// naming the file: kNotFound, kIoError, kLimitExceeded (a ReadOptions cap),
// kUnsupported (an image, legacy .doc, RTF, an encrypted PDF or Office file, a ZIP that is
// not DOCX/ODT), kParseError (a corrupt or truncated PDF, DOCX, ODT or JSON Resume).
// An empty or scanned document is not an error: it reads with ReadConfidence::kLow.
JOBFIT_EXPORT Result<Document> ReadDocument(const std::string& path,
                                            const ReadOptions& options = {});

// Reads a document held in memory, as ReadDocument does; source_name names it in errors
// and its extension is a hint only (e.g. ".md" for Markdown). bytes may be freed after
// the call returns.
JOBFIT_EXPORT Result<Document> ReadDocumentFromMemory(std::string_view bytes,
                                                      std::string_view source_name,
                                                      const ReadOptions& options = {});

class MappedDocument;

// The size from which ReadDocumentMapped maps a file by default: below it, copying costs
// less than setting up and tearing down a mapping.
inline constexpr uint64_t kMinMappedBytes = uint64_t{1} << 20;

// Reads a document as ReadDocument does, with the same results and errors, but a regular
// file of at least min_mapped_bytes (and at most options.max_bytes) that holds valid
// UTF-8 plain text or Markdown (a UTF-8 BOM stays in the text, as ReadDocument keeps it;
// with ReadOptions::check_mapped_utf8 off, plain text or Markdown not yet checked) is
// mapped into memory instead of copied: for a bulk corpus of hundreds of megabytes, the
// copy into fresh memory cost more than checking the text. Every other input is read by
// ReadDocument.
// The file must not shrink while it is mapped: the system then stops the process with
// SIGBUS when the text is read (`jobfit extract` reports that as an error naming the
// file). Read files that others may truncate with ReadDocument.
JOBFIT_EXPORT Result<MappedDocument> ReadDocumentMapped(
    const std::string& path, const ReadOptions& options = {},
    uint64_t min_mapped_bytes = kMinMappedBytes);

// A document read by ReadDocumentMapped: the Document, and its text either in that
// Document or in the file's own pages mapped into memory. Move-only; text() is valid
// while the MappedDocument lives.
class JOBFIT_EXPORT MappedDocument {
 public:
  MappedDocument();
  // A document read another way (ReadDocument), its text its own.
  explicit MappedDocument(Document document);
  MappedDocument(MappedDocument&& other) noexcept;
  MappedDocument& operator=(MappedDocument&& other) noexcept;
  ~MappedDocument();

  std::string_view text() const;
  // Source, format, encoding, section hints and quality; its text is empty when mapped().
  const Document& document() const { return document_; }
  bool mapped() const { return mapping_ != nullptr; }
  // True when text() is a mapped file's bytes that were not checked to be UTF-8
  // (ReadOptions::check_mapped_utf8 off): valid UTF-8 unless a scan of them says otherwise.
  bool utf8_unchecked() const { return mapping_ != nullptr && utf8_unchecked_; }

 private:
  friend Result<MappedDocument> ReadDocumentMapped(const std::string& path,
                                                   const ReadOptions& options,
                                                   uint64_t min_mapped_bytes);
  struct Mapping;
  Document document_;
  std::unique_ptr<Mapping> mapping_;
  bool utf8_unchecked_ = false;
};

}  // namespace jobfit

#endif  // JOBFIT_DOCUMENT_H_
