// Text in any common encoding: decoding to UTF-8 (through src/text/encoding, where ICU
// lives), then plain text or Markdown with headings found by their shape.
#ifndef JOBFIT_READ_TEXT_READER_H_
#define JOBFIT_READ_TEXT_READER_H_

#include <string>
#include <string_view>

#include "jobfit/document.h"
#include "jobfit/status.h"

namespace jobfit::read {

// Decodes bytes into doc->text and doc->encoding and notes a guessed charset or
// undecodable bytes in doc->quality. html asks for markup-aware detection and honours a
// <meta charset>. Errors: kUnsupported for binary content.
Status DecodeText(std::string bytes, bool html, Document* doc);

// Finds the sections of `text`, the document's (plain text or Markdown, per doc->format;
// doc->text, or a mapped file's bytes).
void ReadPlainText(std::string_view text, Document* doc);

}  // namespace jobfit::read

#endif  // JOBFIT_READ_TEXT_READER_H_
