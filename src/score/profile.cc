// Role profiles: "jobfit.profile/1" JSON (docs/SCORING.md) turned into Requirements.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobfit/score.h"

#include "score/builtin_profiles.h"

namespace jobfit {
namespace internal {

struct ProfileTerm {
  std::string id;
  double weight = 0;
  Need need = Need::kPreferred;
};

struct RoleProfileImpl {
  std::string source;
  std::string name;
  std::string title;
  std::string description;
  std::vector<ProfileTerm> terms;
  double min_years = 0;
  std::optional<DegreeRequirement> degree;  // fields left empty; ids in degree_fields
  std::vector<std::string> degree_fields;
};

namespace {

Status Invalid(const std::string& source, const std::string& message) {
  return Status(StatusCode::kInvalidArgument, message, Location::InFile(source));
}

std::optional<DegreeLevel> ParseLevel(std::string_view name) {
  for (DegreeLevel level : {DegreeLevel::kAssociate, DegreeLevel::kBachelor, DegreeLevel::kMaster,
                            DegreeLevel::kDoctorate}) {
    if (DegreeLevelName(level) == name) return level;
  }
  return std::nullopt;
}

std::optional<Need> ParseNeed(std::string_view name) {
  if (name == "required") return Need::kRequired;
  if (name == "preferred") return Need::kPreferred;
  return std::nullopt;
}

// Converts a line/column-less nlohmann parse error into a Status with the byte position
// nlohmann reports, which is what it knows.
Result<RoleProfileImpl> Parse(std::string_view text, const std::string& source) {
  using Json = nlohmann::json;
  Json root;
  try {
    root = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    return Status(StatusCode::kParseError, e.what(), Location::AtOffset(source, e.byte));
  }
  try {
    RoleProfileImpl p;
    p.source = source;
    if (!root.is_object()) return Invalid(source, "a profile must be a JSON object");
    if (root.value("schema", "") != "jobfit.profile/1") {
      return Invalid(source, "\"schema\" must be \"jobfit.profile/1\"");
    }
    if (!root.contains("name") || !root["name"].is_string()) {
      return Invalid(source, "\"name\" (string) is required");
    }
    p.name = root["name"].get<std::string>();
    p.title = root.value("title", p.name);
    p.description = root.value("description", "");
    if (!root.contains("terms") || !root["terms"].is_array() || root["terms"].empty()) {
      return Invalid(source, "\"terms\" must be a non-empty array");
    }
    size_t index = 0;
    for (const Json& t : root["terms"]) {
      ++index;
      const std::string where = "term " + std::to_string(index) + ": ";
      if (!t.is_object() || !t.contains("id") || !t["id"].is_string()) {
        return Invalid(source, where + "\"id\" (string) is required");
      }
      ProfileTerm term;
      term.id = t["id"].get<std::string>();
      if (!t.contains("weight") || !t["weight"].is_number() || t["weight"].get<double>() <= 0) {
        return Invalid(source, where + "\"" + term.id + "\": \"weight\" must be a positive number");
      }
      term.weight = t["weight"].get<double>();
      std::optional<Need> need = ParseNeed(t.value("need", "preferred"));
      if (!need) {
        return Invalid(
            source, where + "\"" + term.id + "\": \"need\" must be \"required\" or \"preferred\"");
      }
      term.need = *need;
      p.terms.push_back(std::move(term));
    }
    if (root.contains("min_years")) {
      if (!root["min_years"].is_number() || root["min_years"].get<double>() < 0) {
        return Invalid(source, "\"min_years\" must be a number >= 0");
      }
      p.min_years = root["min_years"].get<double>();
    }
    if (root.contains("degree")) {
      const Json& d = root["degree"];
      if (!d.is_object()) return Invalid(source, "\"degree\" must be an object");
      std::optional<DegreeLevel> level = ParseLevel(d.value("level", ""));
      std::optional<Need> need = ParseNeed(d.value("need", "preferred"));
      if (!level) {
        return Invalid(source,
                       "degree: \"level\" must be associate, bachelor, master or doctorate");
      }
      if (!need) return Invalid(source, "degree: \"need\" must be \"required\" or \"preferred\"");
      DegreeRequirement degree;
      degree.level = *level;
      degree.need = *need;
      if (d.contains("fields")) p.degree_fields = d["fields"].get<std::vector<std::string>>();
      p.degree = degree;
    }
    return p;
  } catch (const Json::exception& e) {
    // A value of the wrong type where a string list was expected.
    return Invalid(source, e.what());
  }
}

}  // namespace
}  // namespace internal

RoleProfile::RoleProfile(std::shared_ptr<const internal::RoleProfileImpl> impl)
    : impl_(std::move(impl)) {}

Result<RoleProfile> RoleProfile::FromJson(std::string_view json, std::string_view source_name) {
  Result<internal::RoleProfileImpl> parsed = internal::Parse(json, std::string(source_name));
  if (!parsed.ok()) return parsed.status();
  return RoleProfile(std::make_shared<const internal::RoleProfileImpl>(std::move(*parsed)));
}

Result<RoleProfile> RoleProfile::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kNotFound, "cannot open profile", Location::InFile(path));
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status(StatusCode::kIoError, "cannot read profile", Location::InFile(path));
  return FromJson(text, path);
}

std::vector<std::string> RoleProfile::BuiltinNames() {
  std::vector<std::string> names;
  for (const internal::EmbeddedFile& file : internal::BuiltinProfileFiles()) {
    std::string name = file.name;
    if (name.ends_with(".json")) name.resize(name.size() - 5);
    names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<RoleProfile> RoleProfile::Builtin(std::string_view name) {
  for (const internal::EmbeddedFile& file : internal::BuiltinProfileFiles()) {
    if (std::string_view(file.name) == std::string(name) + ".json") {
      return FromJson(std::string_view(reinterpret_cast<const char*>(file.data), file.size),
                      "<builtin:profiles/" + std::string(file.name) + ">");
    }
  }
  std::string known;
  for (const std::string& n : BuiltinNames()) known += (known.empty() ? "" : ", ") + n;
  return Status(StatusCode::kNotFound,
                "no built-in profile \"" + std::string(name) + "\" (known: " + known + ")");
}

const std::string& RoleProfile::name() const { return impl_->name; }
const std::string& RoleProfile::title() const { return impl_->title; }
const std::string& RoleProfile::description() const { return impl_->description; }
size_t RoleProfile::term_count() const { return impl_->terms.size(); }

Result<Requirements> RoleProfile::ToRequirements(const Lexicon& lexicon) const {
  Requirements out;
  out.source = "profile:" + impl_->name;
  out.title = impl_->title;
  auto find = [&](const std::string& id) -> Result<uint32_t> {
    std::optional<size_t> index = lexicon.Find(id);
    if (!index) {
      return Status(StatusCode::kInvalidArgument,
                    "profile \"" + impl_->name + "\" names term \"" + id +
                        "\", which the lexicon does not have",
                    Location::InFile(impl_->source));
    }
    return static_cast<uint32_t>(*index);
  };
  for (const internal::ProfileTerm& t : impl_->terms) {
    Result<uint32_t> index = find(t.id);
    if (!index.ok()) return index.status();
    TermRequirement req;
    req.term = *index;
    req.need = t.need;
    req.weight = t.weight;
    req.wording = lexicon.term(*index).name;
    out.terms.push_back(std::move(req));
  }
  std::stable_sort(out.terms.begin(), out.terms.end(),
                   [](const TermRequirement& a, const TermRequirement& b) {
                     if (a.need != b.need) return a.need == Need::kRequired;
                     return a.weight > b.weight;
                   });
  if (impl_->min_years > 0) {
    YearsRequirement years;
    years.years = impl_->min_years;
    out.role_years = years;
  }
  if (impl_->degree) {
    DegreeRequirement degree = *impl_->degree;
    for (const std::string& id : impl_->degree_fields) {
      Result<uint32_t> index = find(id);
      if (!index.ok()) return index.status();
      degree.fields.push_back(*index);
    }
    out.degree = std::move(degree);
  }
  return out;
}

}  // namespace jobfit
