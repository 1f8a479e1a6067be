// pugixml helpers shared by the DOCX and ODT readers.
#ifndef JOBFIT_READ_XML_UTIL_H_
#define JOBFIT_READ_XML_UTIL_H_

#include <string>
#include <string_view>

#include "jobfit/status.h"

#include <pugixml.hpp>

namespace jobfit::read {

// Office XML nests a few dozen levels; deeper input is hostile and is not descended into,
// so recursive walks cannot overflow the stack.
inline constexpr int kMaxXmlDepth = 200;

// Returns an element's name without its namespace prefix ("w:p" -> "p"). The readers
// match local names: the prefixes are conventional, and documents from other writers
// may choose others.
inline std::string_view LocalName(pugi::xml_node node) {
  const std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Parses one XML part. White-space-only text is kept: <w:t xml:space="preserve"> </w:t>
// is the space between two words. Errors: kParseError naming the part and byte offset.
inline Status ParseXml(const std::string& xml, const std::string& part, const std::string& source,
                       pugi::xml_document* out) {
  const pugi::xml_parse_result result =
      out->load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!result) {
    return Status(StatusCode::kParseError,
                  "damaged XML in " + part + " at byte " + std::to_string(result.offset) + ": " +
                      result.description(),
                  Location::InFile(source));
  }
  return Status::Ok();
}

}  // namespace jobfit::read

#endif  // JOBFIT_READ_XML_UTIL_H_
