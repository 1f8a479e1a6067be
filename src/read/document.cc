// ReadDocument: sniff the container, apply the limit for its kind, hand it to one reader,
// then judge the read. The readers live in their own files; this is the only place that
// knows them all.
#include "jobfit/document.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>

#include "base/file.h"
#include "read/docx_reader.h"
#include "read/html_reader.h"
#include "read/json_resume_reader.h"
#include "read/pdf_reader.h"
#include "read/quality.h"
#include "read/sniff.h"
#include "read/text_reader.h"
#include "text/encoding.h"

namespace jobfit {
namespace {

using read::Container;

bool IsBinary(Container c) { return c == Container::kPdf || c == Container::kZip; }

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

Status Unsupported(const read::Sniffed& sniffed, const std::string& source) {
  std::string message;
  switch (sniffed.container) {
    case Container::kEncryptedOle:
      message =
          "a password-protected Office document; remove the password and save it again "
          "(jobfit does not decrypt)";
      break;
    case Container::kOle:
      message = sniffed.what + " is not supported; save the resume as DOCX or PDF";
      break;
    case Container::kRtf:
      message = "RTF is not supported; save the resume as DOCX or PDF";
      break;
    default:
      message = "this is " + sniffed.what + ", not a document jobfit can read";
      if (sniffed.what.find("image") != std::string::npos) message += " (jobfit does not do OCR)";
      break;
  }
  return Status(StatusCode::kUnsupported, std::move(message), Location::InFile(source));
}

// The read quality of a document's text, `text` (its own or a mapped file's), and whether
// its file name agrees with its content.
void JudgeRead(std::string_view text, Document* doc) {
  if (doc->format != DocumentFormat::kPdf) read::AssessText(text, 1.0, &doc->quality);
  const std::optional<DocumentFormat> named = read::FormatFromName(doc->source);
  const auto textual = [](DocumentFormat f) {
    return f == DocumentFormat::kText || f == DocumentFormat::kMarkdown;
  };
  if (named && *named != doc->format && !(textual(*named) && textual(doc->format))) {
    read::AddIssue(&doc->quality, ReadIssueKind::kExtensionMismatch, ReadConfidence::kHigh,
                   "the file name says " + Upper(DocumentFormatName(*named)) +
                       " but the content is " + Upper(DocumentFormatName(doc->format)) +
                       "; read as " + Upper(DocumentFormatName(doc->format)));
  }
}

Result<Document> ReadBytes(std::string bytes, std::string source, const ReadOptions& options) {
  Document doc;
  doc.source = std::move(source);
  doc.bytes = bytes.size();
  const read::Sniffed sniffed = read::SniffContainer(bytes);
  const Location where = Location::InFile(doc.source);
  const uint64_t limit = IsBinary(sniffed.container) ? options.max_binary_bytes : options.max_bytes;
  if (bytes.size() > limit) {
    return Status(
        StatusCode::kLimitExceeded,
        "input is larger than the limit of " + std::to_string(limit) + " bytes for " +
            (IsBinary(sniffed.container) ? "PDF/DOCX/ODT (max_binary_bytes)" : "text (max_bytes)"),
        where);
  }
  Status status;
  switch (sniffed.container) {
    case Container::kPdf:
      doc.format = DocumentFormat::kPdf;
      status = read::ReadPdf(bytes, options, &doc);
      break;
    case Container::kZip:
      status = read::ReadZipDocument(bytes, options, &doc);
      break;
    case Container::kText: {
      const bool html_hint = read::FormatFromName(doc.source) == DocumentFormat::kHtml ||
                             std::string_view(bytes).substr(0, 1024).find('<') != std::string::npos;
      status = read::DecodeText(std::move(bytes), html_hint, &doc);
      if (!status.ok()) break;
      doc.format = read::SniffText(doc.text, doc.source);
      if (doc.format == DocumentFormat::kHtml) {
        const std::string html = std::move(doc.text);
        status = read::ReadHtml(html, &doc);
      } else if (doc.format == DocumentFormat::kJsonResume) {
        const std::string json = std::move(doc.text);
        status = read::ReadJsonResume(json, &doc);
      } else if (options.find_sections) {
        read::ReadPlainText(doc.text, &doc);
      }
      break;
    }
    default:
      return Unsupported(sniffed, doc.source);
  }
  if (!status.ok()) return status;
  JudgeRead(doc.text, &doc);
  return doc;
}

// Reads the first bytes of a file to choose the size limit before reading it all.
std::string Peek(const std::string& path) {
  std::string head(1024, '\0');
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return {};
  head.resize(std::fread(head.data(), 1, head.size(), f));
  std::fclose(f);
  return head;
}

}  // namespace

Result<Document> ReadDocument(const std::string& path, const ReadOptions& options) {
  const std::string shown = path == "-" ? "<stdin>" : path;
  // Read up to the larger limit, then hold the bytes to their format's: a resume is far
  // below both, and finding the format first cost a batch system calls for every file.
  const uint64_t larger = std::max(options.max_bytes, options.max_binary_bytes);
  const uint64_t smaller = std::min(options.max_bytes, options.max_binary_bytes);
  uint64_t limit = larger;
  Result<std::string> bytes = base::ReadFile(path, larger);
  bool over_limit = false;
  if (path == "-") {
    // stdin cannot be peeked at before it is read: the larger limit holds.
  } else if (bytes.ok() && bytes->size() > smaller) {
    limit = IsBinary(read::SniffContainer(*bytes).container) ? options.max_binary_bytes
                                                             : options.max_bytes;
    over_limit = bytes->size() > limit;
  } else if (!bytes.ok() && bytes.status().code() == StatusCode::kLimitExceeded &&
             std::filesystem::is_regular_file(path)) {
    // Over both limits: a peek names the one that applies. (A FIFO cannot be read twice.)
    limit = IsBinary(read::SniffContainer(Peek(path)).container) ? options.max_binary_bytes
                                                                 : options.max_bytes;
    over_limit = true;
  }
  if (over_limit) {
    bytes = Status(StatusCode::kLimitExceeded,
                   "input is larger than the limit of " + std::to_string(limit) + " bytes");
  }
  if (!bytes.ok()) {
    if (bytes.status().code() != StatusCode::kLimitExceeded) return bytes.status();
    // Name the option to raise, which base::ReadFile cannot know.
    return Status(StatusCode::kLimitExceeded,
                  bytes.status().message() + (limit == options.max_bytes && path != "-"
                                                  ? " for text (max_bytes)"
                                              : limit == options.max_binary_bytes && path != "-"
                                                  ? " for PDF/DOCX/ODT (max_binary_bytes)"
                                                  : " (max_bytes, max_binary_bytes)"),
                  Location::InFile(shown));
  }
  try {
    return ReadBytes(std::move(*bytes), shown, options);
  } catch (const std::exception& e) {
    // Readers turn third-party errors into Status; what is left is allocation failure.
    return Status(StatusCode::kInternal, std::string("reading failed: ") + e.what(),
                  Location::InFile(shown));
  }
}

Result<Document> ReadDocumentFromMemory(std::string_view bytes, std::string_view source_name,
                                        const ReadOptions& options) {
  try {
    return ReadBytes(std::string(bytes), std::string(source_name), options);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("reading failed: ") + e.what(),
                  Location::InFile(std::string(source_name)));
  }
}

struct MappedDocument::Mapping {
  base::MappedFile file;
};

MappedDocument::MappedDocument() = default;
MappedDocument::MappedDocument(Document document) : document_(std::move(document)) {}
MappedDocument::MappedDocument(MappedDocument&& other) noexcept = default;
MappedDocument& MappedDocument::operator=(MappedDocument&& other) noexcept = default;
MappedDocument::~MappedDocument() = default;

std::string_view MappedDocument::text() const {
  return mapping_ != nullptr ? mapping_->file.bytes() : std::string_view(document_.text);
}

Result<MappedDocument> ReadDocumentMapped(const std::string& path, const ReadOptions& options,
                                          uint64_t min_mapped_bytes) {
  MappedDocument out;
  try {
    std::optional<base::MappedFile> file =
        base::MappedFile::MapIfLarge(path, min_mapped_bytes, options.max_bytes);
    // What ReadBytes would pass on byte for byte: valid UTF-8 (a UTF-8 BOM stays in the
    // text there too; unchecked, the caller's scan confirms it), not HTML or a JSON
    // Resume, whose readers build new text.
    if (file && read::SniffContainer(file->bytes()).container == Container::kText) {
      const std::string_view bytes = file->bytes();
      if (!options.check_mapped_utf8 || text::IsUtf8AsGiven(bytes)) {
        Document& doc = out.document_;
        doc.source = path;
        doc.bytes = bytes.size();
        doc.format = read::SniffText(bytes, doc.source);
        if (doc.format == DocumentFormat::kText || doc.format == DocumentFormat::kMarkdown) {
          if (options.find_sections) read::ReadPlainText(bytes, &doc);
          JudgeRead(bytes, &doc);
          out.mapping_ = std::make_unique<MappedDocument::Mapping>();
          out.mapping_->file = std::move(*file);
          out.utf8_unchecked_ = !options.check_mapped_utf8;
          return out;
        }
      }
    }
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("reading failed: ") + e.what(),
                  Location::InFile(path));
  }
  Result<Document> read = ReadDocument(path, options);
  if (!read.ok()) return read.status();
  return MappedDocument(std::move(*read));
}

}  // namespace jobfit
