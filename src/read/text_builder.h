// Assembles a reader's output: UTF-8 text laid out in lines, with section hints whose
// byte ranges are fixed when the text is complete. Every structured reader (HTML, PDF,
// DOCX, ODT, JSON Resume) writes through one, so all formats lay text out the same way
// and the same resume gives the same lines whatever it came as.
#ifndef JOBFIT_READ_TEXT_BUILDER_H_
#define JOBFIT_READ_TEXT_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jobfit/document.h"

namespace jobfit::read {

// Returns the kind of section a heading names ("Work Experience" -> kExperience), or
// kOther for a heading that names none jobfit knows.
SectionKind ClassifyHeading(std::string_view heading);

class TextBuilder {
 public:
  // Appends text as it is (newlines included).
  void Append(std::string_view s);
  // Appends text with runs of white space collapsed to one space and none at a line
  // start, as a browser renders HTML and as Word runs join.
  void AppendCollapsed(std::string_view s);
  // Ends the current line, if it has anything on it; trailing spaces are dropped.
  void EndLine();
  // Marks the start of a heading at the current position (a new line). The heading text
  // is what is appended until EndHeading().
  void BeginHeading(int level);
  // Ends a heading begun by BeginHeading; kind from ClassifyHeading unless given.
  void EndHeading(SectionKind kind = SectionKind::kOther, bool classify = true);
  // Appends a heading line and starts a section of the given kind (JSON Resume fields).
  void AddHeading(std::string_view heading, SectionKind kind, int level = 1);
  // Records a section starting at `begin` (a heading already in the text).
  void AddSection(uint64_t begin, std::string heading, SectionKind kind, int level);

  // Removes the last n bytes (a line-end hyphen being joined). Precondition: n <= size.
  void TrimEnd(size_t n) { text_.resize(text_.size() - n); }

  const std::string& text() const { return text_; }
  bool at_line_start() const { return text_.empty() || text_.back() == '\n'; }

  // Moves the text and the sections, with their ends computed, into doc.
  void Finish(Document* doc);

 private:
  std::string text_;
  std::vector<SectionHint> sections_;
  uint64_t heading_begin_ = 0;
  int heading_level_ = 0;
  bool in_heading_ = false;
};

// Finds section headings in plain text: Markdown "#" lines (when markdown is set) and
// short lines that are a known section title ("EXPERIENCE", "Technical Skills:").
std::vector<SectionHint> FindTextSections(std::string_view text, bool markdown);

// Sets each section's end: the begin of the next section at the same or a higher level,
// or text_size.
void CloseSections(std::vector<SectionHint>* sections, uint64_t text_size);

}  // namespace jobfit::read

#endif  // JOBFIT_READ_TEXT_BUILDER_H_
