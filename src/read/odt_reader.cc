#include "read/odt_reader.h"

#include <string>

#include "read/text_builder.h"
#include "read/xml_util.h"
#include <pugixml.hpp>

namespace jobfit::read {
namespace {

class OdtWalker {
 public:
  explicit OdtWalker(TextBuilder* b) : b_(b) {}

  void Blocks(pugi::xml_node node, int depth, bool listed) {
    if (depth > kMaxXmlDepth) return;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view local = LocalName(child);
      if (local == "h") {
        b_->BeginHeading(child.attribute("text:outline-level").as_int(1));
        Inline(child, depth + 1);
        b_->EndHeading();
      } else if (local == "p") {
        b_->EndLine();
        if (listed) b_->Append("- ");
        Inline(child, depth + 1);
        b_->EndLine();
        listed = false;  // only a list item's first paragraph gets the bullet
      } else if (local == "list-item") {
        Blocks(child, depth + 1, true);
      } else if (local == "table-row") {
        Blocks(child, depth + 1, false);
        b_->EndLine();
      } else if (IsSkipped(local)) {
        continue;
      } else {
        Blocks(child, depth + 1, listed);
      }
    }
  }

 private:
  static bool IsSkipped(std::string_view local) {
    return local == "note" || local == "annotation" || local == "tracked-changes" ||
           local == "sequence-decls" || local == "forms" || local == "variable-decls" ||
           local == "user-field-decls" || local == "automatic-styles" ||
           local == "font-face-decls" || local == "scripts";
  }

  void Inline(pugi::xml_node node, int depth) {
    if (depth > kMaxXmlDepth) return;
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        b_->AppendCollapsed(child.value());
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      const std::string_view local = LocalName(child);
      if (local == "s" || local == "tab") {
        b_->AppendCollapsed(" ");
      } else if (local == "line-break") {
        b_->EndLine();
      } else if (local == "frame" || local == "text-box") {
        // A text box inside a paragraph: its paragraphs are blocks of their own.
        b_->EndLine();
        Blocks(child, depth + 1, false);
      } else if (IsSkipped(local)) {
        continue;
      } else {
        Inline(child, depth + 1);
      }
    }
  }

  TextBuilder* b_;
};

}  // namespace

Status ReadOdt(ZipArchive& zip, Document* doc) {
  if (zip.Has("META-INF/manifest.xml")) {
    Result<std::string> manifest = zip.Read("META-INF/manifest.xml");
    if (!manifest.ok()) return manifest.status();
    if (manifest->find("encryption-data") != std::string::npos) {
      return Status(StatusCode::kUnsupported,
                    "the document is encrypted with a password; save an unprotected copy",
                    Location::InFile(doc->source));
    }
  }
  Result<std::string> xml = zip.Read("content.xml");
  if (!xml.ok()) return xml.status();
  pugi::xml_document parsed;
  Status status = ParseXml(*xml, "content.xml", doc->source, &parsed);
  if (!status.ok()) return status;
  TextBuilder b;
  OdtWalker walker(&b);
  for (pugi::xml_node child : parsed.document_element().children()) {
    if (LocalName(child) == "body") walker.Blocks(child, 0, false);
  }
  b.Finish(doc);
  doc->format = DocumentFormat::kOdt;
  return Status::Ok();
}

}  // namespace jobfit::read
