#include "read/text_builder.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace jobfit::read {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsBlank(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

struct HeadingWord {
  std::string_view word;  // matched as a substring of the lower-cased heading
  SectionKind kind;
};

// Order matters: the first entry found wins, so specific phrases come before the
// general words they contain ("volunteer experience" is not work experience,
// "programming languages" are skills, not spoken languages).
constexpr std::array<HeadingWord, 37> kHeadingWords = {{
    {"volunteer", SectionKind::kVolunteer},
    {"programming language", SectionKind::kSkills},
    {"reference", SectionKind::kReferences},
    {"experience", SectionKind::kExperience},
    {"employment", SectionKind::kExperience},
    {"work history", SectionKind::kExperience},
    {"career", SectionKind::kExperience},
    {"positions", SectionKind::kExperience},
    {"work", SectionKind::kExperience},
    {"education", SectionKind::kEducation},
    {"academic", SectionKind::kEducation},
    {"degree", SectionKind::kEducation},
    {"certif", SectionKind::kCertifications},
    {"licen", SectionKind::kCertifications},
    {"skill", SectionKind::kSkills},
    {"technolog", SectionKind::kSkills},
    {"tools", SectionKind::kSkills},
    {"competenc", SectionKind::kSkills},
    {"expertise", SectionKind::kSkills},
    {"tech stack", SectionKind::kSkills},
    {"project", SectionKind::kProjects},
    {"portfolio", SectionKind::kProjects},
    {"award", SectionKind::kAwards},
    {"honor", SectionKind::kAwards},
    {"honour", SectionKind::kAwards},
    {"achievement", SectionKind::kAwards},
    {"publication", SectionKind::kPublications},
    {"papers", SectionKind::kPublications},
    {"language", SectionKind::kLanguages},
    {"interest", SectionKind::kInterests},
    {"hobbies", SectionKind::kInterests},
    {"summary", SectionKind::kSummary},
    {"profile", SectionKind::kSummary},
    {"objective", SectionKind::kSummary},
    {"about me", SectionKind::kSummary},
    {"contact", SectionKind::kContact},
    {"personal details", SectionKind::kContact},
}};

}  // namespace

SectionKind ClassifyHeading(std::string_view heading) {
  if (heading.size() > 60) return SectionKind::kOther;
  // Called for every short line of a text: lower-case into the stack, not the heap.
  char buffer[60];
  for (size_t i = 0; i < heading.size(); ++i) {
    buffer[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(heading[i])));
  }
  const std::string_view lower(buffer, heading.size());
  for (const HeadingWord& w : kHeadingWords) {
    if (lower.find(w.word) != std::string_view::npos) return w.kind;
  }
  return SectionKind::kOther;
}

void TextBuilder::Append(std::string_view s) { text_.append(s); }

void TextBuilder::AppendCollapsed(std::string_view s) {
  bool space = !text_.empty() && !at_line_start() && text_.back() != ' ';
  bool pending = false;
  for (char c : s) {
    if (IsBlank(c)) {
      pending = true;
      continue;
    }
    if (pending && space && !at_line_start() && text_.back() != ' ') text_ += ' ';
    pending = false;
    space = true;
    text_ += c;
  }
  if (pending && !at_line_start() && text_.back() != ' ') text_ += ' ';
}

void TextBuilder::EndLine() {
  while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\t')) text_.pop_back();
  if (!at_line_start()) text_ += '\n';
}

void TextBuilder::BeginHeading(int level) {
  EndLine();
  heading_begin_ = text_.size();
  heading_level_ = std::clamp(level, 1, 6);
  in_heading_ = true;
}

void TextBuilder::EndHeading(SectionKind kind, bool classify) {
  if (!in_heading_) return;
  in_heading_ = false;
  std::string heading = Collapse(std::string_view(text_).substr(heading_begin_));
  EndLine();
  if (heading.empty()) return;
  if (classify) kind = ClassifyHeading(heading);
  AddSection(heading_begin_, std::move(heading), kind, heading_level_);
}

void TextBuilder::AddHeading(std::string_view heading, SectionKind kind, int level) {
  EndLine();
  const uint64_t begin = text_.size();
  Append(heading);
  EndLine();
  AddSection(begin, Collapse(heading), kind, level);
}

void TextBuilder::AddSection(uint64_t begin, std::string heading, SectionKind kind, int level) {
  SectionHint hint;
  hint.begin = begin;
  hint.heading = std::move(heading);
  hint.kind = kind;
  hint.level = std::clamp(level, 1, 6);
  sections_.push_back(std::move(hint));
}

void TextBuilder::Finish(Document* doc) {
  EndHeading();
  EndLine();
  doc->text = std::move(text_);
  CloseSections(&sections_, doc->text.size());
  doc->sections = std::move(sections_);
  text_.clear();
  sections_.clear();
}

void CloseSections(std::vector<SectionHint>* sections, uint64_t text_size) {
  std::vector<SectionHint>& s = *sections;
  for (size_t i = 0; i < s.size(); ++i) {
    s[i].end = text_size;
    for (size_t j = i + 1; j < s.size(); ++j) {
      if (s[j].level <= s[i].level) {
        s[i].end = s[j].begin;
        break;
      }
    }
    s[i].end = std::max(s[i].end, s[i].begin);
  }
}

std::vector<SectionHint> FindTextSections(std::string_view text, bool markdown) {
  std::vector<SectionHint> sections;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    const size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line.size() - first <= 80) {
      std::string_view body = line.substr(first);
      while (!body.empty() && (body.back() == ' ' || body.back() == '\r' || body.back() == '\t'))
        body.remove_suffix(1);
      int level = 0;
      if (markdown && body.size() > 1 && body[0] == '#') {
        while (static_cast<size_t>(level) < body.size() && body[static_cast<size_t>(level)] == '#')
          ++level;
        if (level <= 6 && static_cast<size_t>(level) < body.size() &&
            body[static_cast<size_t>(level)] == ' ') {
          const std::string heading = Collapse(body.substr(static_cast<size_t>(level)));
          sections.push_back({pos, 0, heading, ClassifyHeading(heading), level});
        }
      } else if (body.size() >= 4 && body.size() <= 40) {
        std::string_view title = body;
        if (title.back() == ':') title.remove_suffix(1);
        // A title is a few words with no sentence punctuation: "Skills:" is one,
        // "Worked on skills: Python" is not.
        // One pass over the title: find_first_of with a set of nine bytes called memchr
        // once per byte of every short line of a text.
        size_t spaces = 0;
        bool punctuated = false;
        for (const char c : title) {
          spaces += c == ' ';
          punctuated |= c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' ||
                        c == '|' || c == '@' || c == '/';
        }
        const bool plain = !punctuated && spaces <= 3;
        // A job title alone on a line ("Project Manager") is not a heading: the keyword
        // must end the line ("Technical Skills"), or the line must be set off as titles
        // are (all capitals, or a trailing colon). The last word is classified first: it
        // settles most lines of prose without classifying the whole title.
        SectionKind kind = SectionKind::kOther;
        if (plain) {
          const bool caps = std::none_of(title.begin(), title.end(), [](char c) {
            return std::islower(static_cast<unsigned char>(c)) != 0;
          });
          const bool set_off = caps || body.back() == ':';
          const size_t last_space = title.rfind(' ');
          const std::string_view last_word =
              last_space == std::string_view::npos ? title : title.substr(last_space + 1);
          const SectionKind last_kind = set_off ? SectionKind::kOther : ClassifyHeading(last_word);
          if (set_off || last_kind != SectionKind::kOther) {
            kind = ClassifyHeading(title);
            if (!set_off && kind != last_kind) kind = SectionKind::kOther;
          }
        }
        if (kind != SectionKind::kOther) {
          sections.push_back({pos, 0, Collapse(title), kind, 1});
        }
      }
    }
    pos = eol + 1;
  }
  CloseSections(&sections, text.size());
  return sections;
}

}  // namespace jobfit::read
