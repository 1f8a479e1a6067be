// Office documents in ZIP containers: DOCX (WordprocessingML) and ODT (OpenDocument
// text), each part parsed with pugixml. Paragraphs, tables, lists, text boxes, headers
// and footers are read; heading styles (Word's "Heading N", ODT's text:h) become section
// hints. Deleted revisions, field codes and the duplicate fallback copies of drawings are
// skipped so no text is read twice.
#ifndef JOBFIT_READ_DOCX_READER_H_
#define JOBFIT_READ_DOCX_READER_H_

#include <string_view>

#include "jobfit/document.h"
#include "jobfit/status.h"

namespace jobfit::read {

// Reads a ZIP container as DOCX or ODT, whichever its parts say it is, and sets
// doc->format. Errors: kParseError (corrupt ZIP or XML), kUnsupported (encrypted, or a
// ZIP that is another kind of file: XLSX, PPTX, a plain archive), kLimitExceeded.
Status ReadZipDocument(std::string_view bytes, const ReadOptions& options, Document* doc);

}  // namespace jobfit::read

#endif  // JOBFIT_READ_DOCX_READER_H_
