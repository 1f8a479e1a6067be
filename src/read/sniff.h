// Telling formats apart by content. Magic bytes decide first, then the decoded text's
// shape (markup, a JSON Resume object); the file name only breaks ties (.md is Markdown,
// which no content test can tell from plain text) and is checked against the content.
#ifndef JOBFIT_READ_SNIFF_H_
#define JOBFIT_READ_SNIFF_H_

#include <optional>
#include <string>
#include <string_view>

#include "jobfit/document.h"

namespace jobfit::read {

enum class Container {
  kPdf,
  kZip,           // DOCX, ODT, or another ZIP: the ZIP reader decides
  kEncryptedOle,  // a password-protected Office file (any of DOCX/XLSX/PPTX)
  kOle,           // legacy .doc/.xls/.ppt
  kRtf,
  kOther,  // an image, archive or executable, named by Sniffed::what
  kText,   // no known magic: some encoding of text
};

struct Sniffed {
  Container container = Container::kText;
  std::string what;  // for kOther/kOle/kRtf: what the bytes are, for the error message
};

// Looks at the first bytes (and, for OLE files, the directory names) of an input.
Sniffed SniffContainer(std::string_view bytes);

// Decides the format of decoded UTF-8 text: HTML when it opens like markup, JSON Resume
// when it parses as an object with resume fields, Markdown when the name says so, else
// text.
DocumentFormat SniffText(std::string_view utf8, std::string_view source_name);

// Returns the format a file name's extension suggests ("cv.PDF" -> kPdf), if any.
std::optional<DocumentFormat> FormatFromName(std::string_view source_name);

}  // namespace jobfit::read

#endif  // JOBFIT_READ_SNIFF_H_
