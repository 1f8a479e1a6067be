#include "jobfit/document.h"

#include <array>
#include <string_view>

#include "base/file.h"

namespace jobfit {
namespace {

struct Magic {
  std::string_view prefix;
  std::string_view name;
};

// Formats recognised by their first bytes, so a misnamed file is still told apart.
constexpr std::array<Magic, 7> kBinaryMagic = {{
    {"%PDF-", "PDF"},
    {"PK\x03\x04", "ZIP container (DOCX, ODT or similar)"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "legacy Microsoft Office"},
    {"{\\rtf", "RTF"},
    {"\x89PNG", "PNG image"},
    {"\xFF\xD8\xFF", "JPEG image"},
    {"\x1F\x8B", "gzip archive"},
}};

}  // namespace

Result<Document> ReadDocument(const std::string& path, const ReadOptions& options) {
  Result<std::string> bytes = base::ReadFile(path, options.max_bytes);
  if (!bytes.ok()) return bytes.status();
  Document doc;
  doc.source = path == "-" ? "<stdin>" : path;
  for (const Magic& magic : kBinaryMagic) {
    if (std::string_view(*bytes).substr(0, magic.prefix.size()) == magic.prefix) {
      return Status(StatusCode::kUnsupported,
                    std::string(magic.name) + " files are not supported yet; convert to text",
                    Location::InFile(doc.source));
    }
  }
  const std::string_view head = std::string_view(*bytes).substr(0, 8192);
  if (head.find('\0') != std::string_view::npos) {
    return Status(StatusCode::kUnsupported, "binary content (NUL bytes); not a text document",
                  Location::InFile(doc.source));
  }
  doc.text = std::move(*bytes);
  return doc;
}

}  // namespace jobfit
