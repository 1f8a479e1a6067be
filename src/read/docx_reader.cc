#include "read/docx_reader.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include "read/odt_reader.h"
#include "read/text_builder.h"
#include "read/xml_util.h"
#include "read/zip_archive.h"
#include <pugixml.hpp>

namespace jobfit::read {
namespace {

// Heading level of each paragraph style id, from word/styles.xml: "heading N" by name,
// else the style's outline level, else what the style is based on.
class Styles {
 public:
  void Load(const pugi::xml_document& xml) {
    for (pugi::xml_node style : xml.document_element().children()) {
      if (LocalName(style) != "style") continue;
      const std::string id = style.attribute("w:styleId").value();
      Entry entry;
      for (pugi::xml_node child : style.children()) {
        const std::string_view local = LocalName(child);
        if (local == "name") entry.name = child.attribute("w:val").value();
        if (local == "basedOn") entry.based_on = child.attribute("w:val").value();
        if (local == "pPr") {
          for (pugi::xml_node p : child.children()) {
            if (LocalName(p) == "outlineLvl") entry.outline = p.attribute("w:val").as_int(-1);
          }
        }
      }
      entries_[id] = entry;
    }
  }

  // Returns 1-6 for a heading style, 0 otherwise.
  int Level(const std::string& id, int depth = 0) const {
    const auto it = entries_.find(id);
    if (it == entries_.end()) return LevelFromName(id);
    const int by_name = LevelFromName(it->second.name);
    if (by_name > 0) return by_name;
    if (it->second.outline >= 0 && it->second.outline < 6) return it->second.outline + 1;
    if (!it->second.based_on.empty() && depth < 10) return Level(it->second.based_on, depth + 1);
    return 0;
  }

 private:
  struct Entry {
    std::string name;
    std::string based_on;
    int outline = -1;
  };

  // "heading 2", "Heading2" -> 2; anything else 0.
  static int LevelFromName(std::string_view name) {
    std::string lower;
    for (char c : name) {
      if (c != ' ') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower.size() == 8 && lower.compare(0, 7, "heading") == 0 && lower[7] >= '1' &&
        lower[7] <= '6') {
      return lower[7] - '0';
    }
    return 0;
  }

  std::map<std::string, Entry> entries_;
};

class DocxWalker {
 public:
  DocxWalker(const Styles& styles, TextBuilder* b) : styles_(styles), b_(b) {}

  // Reads block content: paragraphs, tables, content controls, at any depth.
  void Blocks(pugi::xml_node node, int depth) {
    if (depth > kMaxXmlDepth) return;
    for (pugi::xml_node child : node.children()) {
      const std::string_view local = LocalName(child);
      if (local == "p") {
        Paragraph(child, depth + 1);
      } else if (local == "tbl") {
        Table(child, depth + 1);
      } else if (local == "sectPr" || local == "del" || local == "Fallback") {
        continue;
      } else if (child.type() == pugi::node_element) {
        Blocks(child, depth + 1);
      }
    }
  }

 private:
  void Table(pugi::xml_node table, int depth) {
    for (pugi::xml_node row : table.children()) {
      if (LocalName(row) != "tr") continue;
      for (pugi::xml_node cell : row.children()) {
        if (LocalName(cell) != "tc") continue;
        Blocks(cell, depth + 1);
      }
      b_->EndLine();
    }
  }

  void Paragraph(pugi::xml_node p, int depth) {
    int level = 0;
    bool listed = false;
    for (pugi::xml_node ppr : p.children()) {
      if (LocalName(ppr) != "pPr") continue;
      for (pugi::xml_node prop : ppr.children()) {
        const std::string_view local = LocalName(prop);
        if (local == "pStyle") level = styles_.Level(prop.attribute("w:val").value());
        if (local == "numPr") listed = true;
        if (local == "outlineLvl") {
          const int outline = prop.attribute("w:val").as_int(9);
          if (outline < 6) level = outline + 1;
        }
      }
    }
    std::string text;
    std::vector<pugi::xml_node> boxes;
    Inline(p, depth, &text, &boxes);
    if (level > 0) {
      b_->BeginHeading(level);
      b_->AppendCollapsed(text);
      b_->EndHeading();
    } else {
      b_->EndLine();
      if (listed && text.find_first_not_of(" \t") != std::string::npos) b_->Append("- ");
      b_->AppendCollapsed(text);
      b_->EndLine();
    }
    // Text boxes anchored in the paragraph are read after it, as their own blocks.
    for (pugi::xml_node box : boxes) Blocks(box, depth + 1);
  }

  void Inline(pugi::xml_node node, int depth, std::string* text,
              std::vector<pugi::xml_node>* boxes) {
    if (depth > kMaxXmlDepth) return;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view local = LocalName(child);
      if (local == "t") {
        *text += child.text().get();
      } else if (local == "tab" || local == "ptab") {
        *text += '\t';
      } else if (local == "br" || local == "cr") {
        *text += ' ';
      } else if (local == "noBreakHyphen") {
        *text += '-';
      } else if (local == "txbxContent") {
        boxes->push_back(child);
      } else if (local == "pPr" || local == "rPr" || local == "del" || local == "delText" ||
                 local == "instrText" || local == "Fallback" || local == "softHyphen" ||
                 local == "footnoteReference" || local == "endnoteReference") {
        continue;
      } else {
        Inline(child, depth + 1, text, boxes);
      }
    }
  }

  const Styles& styles_;
  TextBuilder* b_;
};

bool IsPart(const std::string& name, std::string_view prefix) {
  return name.size() > prefix.size() + 4 && name.compare(0, prefix.size(), prefix) == 0 &&
         name.compare(name.size() - 4, 4, ".xml") == 0 &&
         name.find('/', prefix.size()) == std::string::npos;
}

Status ReadDocx(ZipArchive& zip, Document* doc) {
  Styles styles;
  if (zip.Has("word/styles.xml")) {
    Result<std::string> xml = zip.Read("word/styles.xml");
    if (!xml.ok()) return xml.status();
    pugi::xml_document parsed;
    // Styles only refine headings: a broken styles part still leaves the text readable.
    if (ParseXml(*xml, "word/styles.xml", doc->source, &parsed).ok()) styles.Load(parsed);
  }
  std::vector<std::string> headers;
  std::vector<std::string> footers;
  for (const std::string& name : zip.names()) {
    if (IsPart(name, "word/header")) headers.push_back(name);
    if (IsPart(name, "word/footer")) footers.push_back(name);
  }
  std::sort(headers.begin(), headers.end());
  std::sort(footers.begin(), footers.end());
  TextBuilder b;
  DocxWalker walker(styles, &b);
  std::vector<std::string> seen;  // first, even and odd headers often repeat one text
  auto read_part = [&](const std::string& name) -> Status {
    Result<std::string> xml = zip.Read(name);
    if (!xml.ok()) return xml.status();
    pugi::xml_document parsed;
    Status status = ParseXml(*xml, name, doc->source, &parsed);
    if (!status.ok()) return status;
    TextBuilder part;
    DocxWalker part_walker(styles, &part);
    part_walker.Blocks(parsed.document_element(), 0);
    if (std::find(seen.begin(), seen.end(), part.text()) == seen.end()) {
      seen.push_back(part.text());
      b.EndLine();
      b.Append(part.text());
    }
    return Status::Ok();
  };
  for (const std::string& name : headers) {
    Status status = read_part(name);
    if (!status.ok()) return status;
  }
  {
    Result<std::string> xml = zip.Read("word/document.xml");
    if (!xml.ok()) return xml.status();
    pugi::xml_document parsed;
    Status status = ParseXml(*xml, "word/document.xml", doc->source, &parsed);
    if (!status.ok()) return status;
    b.EndLine();
    walker.Blocks(parsed.document_element(), 0);
  }
  for (const std::string& name : footers) {
    Status status = read_part(name);
    if (!status.ok()) return status;
  }
  b.Finish(doc);
  doc->format = DocumentFormat::kDocx;
  return Status::Ok();
}

}  // namespace

Status ReadZipDocument(std::string_view bytes, const ReadOptions& options, Document* doc) {
  try {
    Result<ZipArchive> zip = ZipArchive::Open(bytes, options, doc->source);
    if (!zip.ok()) return zip.status();
    if (zip->Has("word/document.xml")) return ReadDocx(*zip, doc);
    std::string mimetype;
    if (zip->Has("mimetype")) {
      Result<std::string> m = zip->Read("mimetype");
      if (!m.ok()) return m.status();
      mimetype = std::move(*m);
    }
    if (mimetype.rfind("application/vnd.oasis.opendocument.text", 0) == 0 ||
        (mimetype.empty() && zip->Has("content.xml"))) {
      return ReadOdt(*zip, doc);
    }
    std::string what = "a ZIP archive";
    if (zip->Has("xl/workbook.xml")) what = "an Excel workbook (XLSX)";
    if (zip->Has("ppt/presentation.xml")) what = "a PowerPoint presentation (PPTX)";
    if (mimetype.rfind("application/vnd.oasis.opendocument.", 0) == 0) {
      what = "an OpenDocument file of type " + mimetype;
    }
    if (mimetype == "application/epub+zip") what = "an EPUB book";
    return Status(StatusCode::kUnsupported,
                  what + ", not a DOCX or ODT document; save the resume as PDF or DOCX",
                  Location::InFile(doc->source));
  } catch (const std::exception& e) {
    return Status(StatusCode::kParseError,
                  std::string("the document could not be read: ") + e.what(),
                  Location::InFile(doc->source));
  }
}

}  // namespace jobfit::read
