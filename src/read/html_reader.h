// HTML through gumbo (an HTML5-conformant parser): what a browser would show, laid out
// in lines. Scripts, styles, templates and the head are dropped, entities decoded (by
// the parser), block elements end lines, and h1-h6 become section hints.
#ifndef JOBFIT_READ_HTML_READER_H_
#define JOBFIT_READ_HTML_READER_H_

#include <string>
#include <string_view>

#include "jobfit/document.h"
#include "jobfit/status.h"

namespace jobfit::read {

// Returns the charset an HTML document declares in its first KB (<meta charset=...> or
// http-equiv content), or "".
std::string DeclaredHtmlCharset(std::string_view bytes);

// Parses UTF-8 HTML into doc's text and sections. Gumbo recovers from any malformed
// markup, so the only error is kInternal when it cannot allocate.
Status ReadHtml(std::string_view utf8, Document* doc);

}  // namespace jobfit::read

#endif  // JOBFIT_READ_HTML_READER_H_
