#include "read/text_reader.h"

#include <utility>

#include "read/html_reader.h"
#include "read/quality.h"
#include "read/text_builder.h"
#include "text/encoding.h"

namespace jobfit::read {

Status DecodeText(std::string bytes, bool html, Document* doc) {
  text::DecodeOptions options;
  options.markup = html;
  if (html && !text::IsValidUtf8(bytes)) options.declared = DeclaredHtmlCharset(bytes);
  Result<text::DecodedText> decoded = text::DecodeToUtf8(std::move(bytes), doc->source, options);
  if (!decoded.ok()) return decoded.status();
  doc->text = std::move(decoded->utf8);
  doc->encoding = decoded->encoding;
  if (decoded->guessed) {
    AddIssue(&doc->quality, ReadIssueKind::kEncodingGuessed, ReadConfidence::kHigh,
             "not UTF-8 and no byte-order mark: decoded as " + decoded->encoding +
                 (options.declared.empty()
                      ? " (detected, confidence " + std::to_string(decoded->confidence) + "%)"
                      : " (declared by the document)"));
  }
  if (decoded->undecodable > 0) {
    // A stray byte or two is noise; many mean the charset was wrong.
    const bool few = decoded->undecodable * 100 <= doc->text.size() / 10;  // <= 0.1 %
    AddIssue(&doc->quality, ReadIssueKind::kUndecodableBytes,
             few ? ReadConfidence::kHigh : ReadConfidence::kMedium,
             std::to_string(decoded->undecodable) + " characters could not be decoded from " +
                 decoded->encoding + " and became U+FFFD");
  }
  return Status::Ok();
}

void ReadPlainText(std::string_view text, Document* doc) {
  doc->sections = FindTextSections(text, doc->format == DocumentFormat::kMarkdown);
}

}  // namespace jobfit::read
