// OpenDocument text (LibreOffice's .odt): content.xml of the ZIP container. Headings
// (text:h with their outline level) become section hints; lists, tables and frames
// (text boxes) are read in document order; notes and annotations are skipped.
#ifndef JOBFIT_READ_ODT_READER_H_
#define JOBFIT_READ_ODT_READER_H_

#include "jobfit/document.h"
#include "jobfit/status.h"

#include "read/zip_archive.h"

namespace jobfit::read {

// Reads content.xml of an opened ODT into doc. Errors: kUnsupported for an encrypted
// document, kParseError for damaged XML, kLimitExceeded from the archive.
Status ReadOdt(ZipArchive& zip, Document* doc);

}  // namespace jobfit::read

#endif  // JOBFIT_READ_ODT_READER_H_
