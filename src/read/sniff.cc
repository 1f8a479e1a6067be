#include "read/sniff.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "read/json_resume_reader.h"

namespace jobfit::read {
namespace {

struct Magic {
  std::string_view prefix;
  std::string_view what;
};

constexpr std::array<Magic, 11> kOtherMagic = {{
    {"\x89PNG", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF8", "a GIF image"},
    {"II*", "a TIFF image"},
    {"MM\x00*", "a TIFF image"},
    {"\x1F\x8B", "a gzip archive"},
    {"7z\xBC\xAF", "a 7-Zip archive"},
    {"Rar!", "a RAR archive"},
    {"\x7F"
     "ELF",
     "an executable"},
    {"MZ", "a Windows executable"},
    {"AT&TFORM", "a DjVu document"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && Lower(s.substr(0, prefix.size())) == prefix;
}

}  // namespace

Sniffed SniffContainer(std::string_view bytes) {
  // PDF readers accept up to 1 KB of junk before the header (PDF 32000 annex H), and
  // files from some mailers carry it.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return {Container::kPdf, ""};
  if (bytes.substr(0, 4) == "PK\x03\x04" || bytes.substr(0, 4) == "PK\x05\x06") {
    return {Container::kZip, ""};
  }
  if (bytes.substr(0, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
    // Password-protected DOCX files are OLE compound files holding an
    // "EncryptedPackage" stream; its name is stored in UTF-16LE in the directory.
    static constexpr char kEncrypted[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    if (bytes.find(std::string_view(kEncrypted, sizeof kEncrypted - 1)) != std::string_view::npos) {
      return {Container::kEncryptedOle, ""};
    }
    return {Container::kOle, "a legacy Microsoft Office file (.doc)"};
  }
  if (bytes.substr(0, 5) == "{\\rtf") return {Container::kRtf, "RTF"};
  for (const Magic& magic : kOtherMagic) {
    if (bytes.substr(0, magic.prefix.size()) == magic.prefix) {
      return {Container::kOther, std::string(magic.what)};
    }
  }
  return {Container::kText, ""};
}

std::optional<DocumentFormat> FormatFromName(std::string_view source_name) {
  const size_t slash = source_name.find_last_of("/\\");
  const std::string_view base =
      slash == std::string_view::npos ? source_name : source_name.substr(slash + 1);
  const size_t dot = base.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string ext = Lower(base.substr(dot + 1));
  if (ext == "txt" || ext == "text") return DocumentFormat::kText;
  if (ext == "md" || ext == "markdown") return DocumentFormat::kMarkdown;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return DocumentFormat::kHtml;
  if (ext == "pdf") return DocumentFormat::kPdf;
  if (ext == "docx") return DocumentFormat::kDocx;
  if (ext == "odt") return DocumentFormat::kOdt;
  if (ext == "json") return DocumentFormat::kJsonResume;
  return std::nullopt;
}

DocumentFormat SniffText(std::string_view utf8, std::string_view source_name) {
  const size_t first = utf8.find_first_not_of(" \t\r\n\f");
  const std::string_view start = first == std::string_view::npos ? "" : utf8.substr(first);
  if (StartsWithIgnoreCase(start, "<!doctype html") || StartsWithIgnoreCase(start, "<html") ||
      StartsWithIgnoreCase(start, "<head") || StartsWithIgnoreCase(start, "<body")) {
    return DocumentFormat::kHtml;
  }
  const std::optional<DocumentFormat> by_name = FormatFromName(source_name);
  if (StartsWithIgnoreCase(start, "<?xml") || StartsWithIgnoreCase(start, "<!--") ||
      StartsWithIgnoreCase(start, "<div") || StartsWithIgnoreCase(start, "<p>") ||
      StartsWithIgnoreCase(start, "<h1")) {
    // An XML declaration or a fragment: HTML when the markup says so, or the name does.
    const std::string head = Lower(start.substr(0, 4096));
    if (by_name == DocumentFormat::kHtml || head.find("<html") != std::string::npos ||
        head.find("<body") != std::string::npos || head.find("<div") != std::string::npos ||
        head.find("<p>") != std::string::npos || head.find("<h1") != std::string::npos) {
      return DocumentFormat::kHtml;
    }
  }
  if (!start.empty() && start[0] == '{' && LooksLikeJsonResume(utf8)) {
    return DocumentFormat::kJsonResume;
  }
  if (by_name == DocumentFormat::kMarkdown) return DocumentFormat::kMarkdown;
  if (by_name == DocumentFormat::kHtml && start.substr(0, 1) == "<") return DocumentFormat::kHtml;
  return DocumentFormat::kText;
}

}  // namespace jobfit::read
