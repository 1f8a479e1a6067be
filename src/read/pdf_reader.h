// PDF through poppler-cpp. Words come with their boxes and are laid out here rather than
// by poppler's reading-order mode, so the reader can tell a two-column page (and read it
// column by column), join words hyphenated across lines, mark page breaks with a form
// feed, and judge the read: pages without a text layer (scans) and lines with wide gaps
// (columns it could not separate) lower the confidence.
#ifndef JOBFIT_READ_PDF_READER_H_
#define JOBFIT_READ_PDF_READER_H_

#include <string_view>

#include "jobfit/document.h"
#include "jobfit/status.h"

namespace jobfit::read {

// Reads a PDF into doc (text, pages, quality). bytes must stay alive during the call.
// Errors: kUnsupported for a PDF that needs a password, kParseError for one poppler
// cannot open or that has no pages (corrupt or truncated).
Status ReadPdf(std::string_view bytes, const ReadOptions& options, Document* doc);

}  // namespace jobfit::read

#endif  // JOBFIT_READ_PDF_READER_H_
