#include "read/json_resume_reader.h"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "read/text_builder.h"

namespace jobfit::read {
namespace {

using Json = nlohmann::json;

std::string Str(const Json& obj, const char* key) {
  if (!obj.is_object()) return {};
  const auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

// Joins the non-empty parts with sep.
std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

void Line(TextBuilder* b, const std::string& s) {
  if (s.empty()) return;
  b->AppendCollapsed(s);
  b->EndLine();
}

// Writes each string of obj[key] (an array) as a bullet line.
void Bullets(TextBuilder* b, const Json& obj, const char* key) {
  if (!obj.is_object()) return;
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) return;
  for (const Json& item : *it) {
    if (item.is_string()) Line(b, "- " + item.get<std::string>());
  }
}

std::string List(const Json& obj, const char* key) {
  std::vector<std::string> parts;
  if (obj.is_object()) {
    const auto it = obj.find(key);
    if (it != obj.end() && it->is_array()) {
      for (const Json& item : *it) {
        if (item.is_string()) parts.push_back(item.get<std::string>());
      }
    }
  }
  return Join(parts, ", ");
}

std::string Dates(const Json& obj) {
  const std::string start = Str(obj, "startDate");
  const std::string end = Str(obj, "endDate");
  if (start.empty() && end.empty()) return {};
  return start + " - " + (end.empty() ? "present" : end);
}

const Json* Array(const Json& root, const char* key) {
  const auto it = root.find(key);
  if (it == root.end() || !it->is_array() || it->empty()) return nullptr;
  return &*it;
}

void Basics(TextBuilder* b, const Json& basics) {
  if (!basics.is_object()) return;
  const std::string name = Str(basics, "name");
  if (!name.empty()) Line(b, name);
  Line(b, Str(basics, "label"));
  std::vector<std::string> contact = {Str(basics, "email"), Str(basics, "phone"),
                                      Str(basics, "url"), Str(basics, "website")};
  const auto location = basics.find("location");
  if (location != basics.end()) {
    contact.push_back(Join({Str(*location, "address"), Str(*location, "city"),
                            Str(*location, "region"), Str(*location, "countryCode")},
                           ", "));
  }
  const auto profiles = basics.find("profiles");
  if (profiles != basics.end() && profiles->is_array()) {
    for (const Json& p : *profiles) {
      contact.push_back(Join({Str(p, "network"), Str(p, "username"), Str(p, "url")}, " "));
    }
  }
  const std::string contact_line = Join(contact, " | ");
  if (!contact_line.empty()) {
    b->AddHeading("Contact", SectionKind::kContact);
    Line(b, contact_line);
  }
  const std::string summary = Str(basics, "summary");
  if (!summary.empty()) {
    b->AddHeading("Summary", SectionKind::kSummary);
    Line(b, summary);
  }
}

// work and volunteer share a shape; volunteer names the organization differently.
void Positions(TextBuilder* b, const Json& items, const char* title, SectionKind kind) {
  b->AddHeading(title, kind);
  for (const Json& w : items) {
    std::string org = Str(w, "name");
    if (org.empty()) org = Str(w, "company");
    if (org.empty()) org = Str(w, "organization");
    Line(b, Join({Str(w, "position"), org, Dates(w)}, ", "));
    Line(b, Str(w, "location"));
    Line(b, Str(w, "description"));
    Line(b, Str(w, "summary"));
    Bullets(b, w, "highlights");
  }
}

}  // namespace

bool LooksLikeJsonResume(std::string_view utf8) {
  const size_t first = utf8.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || utf8[first] != '{') return false;
  const std::string_view head = utf8.substr(first, 64 * 1024);
  return head.find("\"basics\"") != std::string_view::npos ||
         head.find("jsonresume") != std::string_view::npos ||
         (head.find("\"work\"") != std::string_view::npos &&
          head.find("\"education\"") != std::string_view::npos);
}

Status ReadJsonResume(std::string_view utf8, Document* doc) {
  Json root;
  try {
    root = Json::parse(utf8);
  } catch (const Json::parse_error& e) {
    return Status(StatusCode::kParseError, std::string("invalid JSON Resume: ") + e.what(),
                  Location::AtOffset(doc->source, e.byte > 0 ? e.byte - 1 : 0));
  } catch (const std::exception& e) {
    return Status(StatusCode::kParseError, std::string("invalid JSON Resume: ") + e.what(),
                  Location::InFile(doc->source));
  }
  if (!root.is_object()) {
    return Status(StatusCode::kParseError, "a JSON Resume must be a JSON object",
                  Location::InFile(doc->source));
  }
  TextBuilder b;
  const auto basics = root.find("basics");
  if (basics != root.end()) Basics(&b, *basics);
  if (const Json* work = Array(root, "work")) {
    Positions(&b, *work, "Work Experience", SectionKind::kExperience);
  }
  if (const Json* volunteer = Array(root, "volunteer")) {
    Positions(&b, *volunteer, "Volunteer", SectionKind::kVolunteer);
  }
  if (const Json* education = Array(root, "education")) {
    b.AddHeading("Education", SectionKind::kEducation);
    for (const Json& e : *education) {
      Line(&b, Join({Join({Str(e, "studyType"), Str(e, "area")}, " in "), Str(e, "institution"),
                     Dates(e)},
                    ", "));
      const std::string score = Str(e, "score");
      if (!score.empty()) Line(&b, "Score: " + score);
      const std::string courses = List(e, "courses");
      if (!courses.empty()) Line(&b, "Courses: " + courses);
    }
  }
  if (const Json* skills = Array(root, "skills")) {
    b.AddHeading("Skills", SectionKind::kSkills);
    for (const Json& s : *skills) {
      const std::string keywords = List(s, "keywords");
      const std::string name = Str(s, "name");
      Line(&b, keywords.empty() ? name : Join({name, keywords}, ": "));
    }
  }
  if (const Json* projects = Array(root, "projects")) {
    b.AddHeading("Projects", SectionKind::kProjects);
    for (const Json& p : *projects) {
      Line(&b, Join({Str(p, "name"), Str(p, "entity"), Dates(p)}, ", "));
      Line(&b, Str(p, "description"));
      Bullets(&b, p, "highlights");
      const std::string keywords = List(p, "keywords");
      if (!keywords.empty()) Line(&b, keywords);
    }
  }
  if (const Json* certificates = Array(root, "certificates")) {
    b.AddHeading("Certifications", SectionKind::kCertifications);
    for (const Json& c : *certificates) {
      Line(&b, Join({Str(c, "name"), Str(c, "issuer"), Str(c, "date")}, ", "));
    }
  }
  if (const Json* awards = Array(root, "awards")) {
    b.AddHeading("Awards", SectionKind::kAwards);
    for (const Json& a : *awards) {
      Line(&b, Join({Str(a, "title"), Str(a, "awarder"), Str(a, "date")}, ", "));
      Line(&b, Str(a, "summary"));
    }
  }
  if (const Json* publications = Array(root, "publications")) {
    b.AddHeading("Publications", SectionKind::kPublications);
    for (const Json& p : *publications) {
      Line(&b, Join({Str(p, "name"), Str(p, "publisher"), Str(p, "releaseDate")}, ", "));
      Line(&b, Str(p, "summary"));
    }
  }
  if (const Json* languages = Array(root, "languages")) {
    b.AddHeading("Languages", SectionKind::kLanguages);
    for (const Json& l : *languages) Line(&b, Join({Str(l, "language"), Str(l, "fluency")}, ": "));
  }
  if (const Json* interests = Array(root, "interests")) {
    b.AddHeading("Interests", SectionKind::kInterests);
    for (const Json& i : *interests) {
      Line(&b, Join({Str(i, "name"), List(i, "keywords")}, ": "));
    }
  }
  if (const Json* references = Array(root, "references")) {
    b.AddHeading("References", SectionKind::kReferences);
    for (const Json& r : *references) Line(&b, Join({Str(r, "name"), Str(r, "reference")}, ": "));
  }
  b.Finish(doc);
  return Status::Ok();
}

}  // namespace jobfit::read
