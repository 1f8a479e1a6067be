// JSON Resume (jsonresume.org schema v1): resume.json mapped onto text with one section
// per field (basics, work, education, skills...), so the scorer sees the same sections it
// would find as headings in a DOCX.
#ifndef JOBFIT_READ_JSON_RESUME_READER_H_
#define JOBFIT_READ_JSON_RESUME_READER_H_

#include <string_view>

#include "jobfit/document.h"
#include "jobfit/status.h"

namespace jobfit::read {

// Returns true when UTF-8 text opens as a JSON object with JSON Resume's top-level
// fields. Looks at the first 64 KB only, without parsing, so a truncated resume.json is
// still routed to the reader and reported as a parse error rather than read as text.
bool LooksLikeJsonResume(std::string_view utf8);

// Parses utf8 and fills doc's text and sections. Errors: kParseError with the byte
// offset for invalid JSON, kParseError when the top level is not an object.
Status ReadJsonResume(std::string_view utf8, Document* doc);

}  // namespace jobfit::read

#endif  // JOBFIT_READ_JSON_RESUME_READER_H_
