// The `jobfit check` reports: a one-screen text summary and jobfit.check/1 JSON.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobfit/report.h"

#include "report/text_layout.h"

namespace jobfit {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kRed = "\x1b[31m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

std::string Fixed(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string MonthText(MonthIndex month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", month / 12, month % 12 + 1);
  return buffer;
}

size_t Columns(std::string_view s) {
  size_t width = 0;
  for (const char c : s) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

// Wraps prose at word boundaries: the first line starts with `first`, the others with
// `rest` (usually spaces of the same width).
std::string Wrap(const std::string& first, const std::string& rest, std::string_view text,
                 int width) {
  std::string out = first;
  size_t column = Columns(first);
  bool line_empty = true;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    if (end == i) break;
    const std::string_view word = text.substr(i, end - i);
    const size_t w = Columns(word);
    if (!line_empty && column + 1 + w > static_cast<size_t>(width)) {
      out += "\n" + rest;
      column = Columns(rest);
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += w;
    line_empty = false;
    i = end;
  }
  return out + "\n";
}

std::string Names(const Lexicon& lexicon, const TermRequirement& req) {
  std::string names = lexicon.term(req.term).name;
  for (uint32_t alt : req.alternatives) names += " or " + lexicon.term(alt).name;
  return names;
}

Json SpansJson(std::string_view text, const std::vector<TextSpan>& spans, bool with_text) {
  Json out = Json::array();
  for (const TextSpan& s : spans) {
    Json span = {{"start", s.begin}, {"end", s.end}};
    if (with_text && s.begin <= s.end && s.end <= text.size()) {
      span["text"] = std::string(text.substr(s.begin, s.end - s.begin));
    }
    out.push_back(std::move(span));
  }
  return out;
}

Json IdList(const Lexicon& lexicon, const std::vector<uint32_t>& terms) {
  Json out = Json::array();
  for (uint32_t t : terms) out.push_back(lexicon.term(t).id);
  return out;
}

Json OutcomeJson(const Lexicon& lexicon, std::string_view resume_text, const TermOutcome& o) {
  const Term& term = lexicon.term(o.requirement.term);
  Json j = {{"id", term.id},
            {"name", term.name},
            {"category", CategoryName(term.category)},
            {"need", NeedName(o.requirement.need)},
            {"alternatives", IdList(lexicon, o.requirement.alternatives)},
            {"weight", o.requirement.weight},
            {"mentions", o.requirement.mentions},
            {"credit", o.credit},
            {"points", o.points},
            {"evidence", EvidenceName(o.evidence)}};
  j["matched_by"] = o.matched_by ? Json(lexicon.term(*o.matched_by).id) : Json(nullptr);
  j["years"] = o.years;
  j["last_used"] = o.last_used ? Json(MonthText(*o.last_used)) : Json(nullptr);
  j["spans"] = SpansJson(resume_text, o.resume_spans, true);
  j["ad_spans"] = SpansJson({}, o.requirement.spans, false);
  j["ad_wording"] = o.requirement.wording;
  j["ad_sentence"] = o.requirement.sentence;
  return j;
}

}  // namespace

std::string RenderCheckText(const Lexicon& lexicon, std::string_view resume_source,
                            std::string_view resume_text, const CheckResult& result,
                            const CheckReportOptions& options) {
  (void)resume_text;
  const bool color = options.color;
  auto paint = [&](const char* code, const std::string& s) {
    return color ? std::string(code) + s + kReset : s;
  };
  auto heading = [&](const std::string& s) { return paint(kBold, s) + "\n"; };
  const Requirements& reqs = result.requirements;
  std::string out;
  const bool profile = reqs.source.starts_with("profile:");
  out += Wrap("", "  ",
              std::string(resume_source) + " against " +
                  (profile ? "the " + reqs.title + " profile (" + reqs.source.substr(8) + ")"
                           : "\"" + reqs.title + "\" (" + reqs.source + ")"),
              options.width);
  const char* tone = result.score >= 70 ? kGreen : result.score >= 40 ? kYellow : kRed;
  const int filled = static_cast<int>(result.score / 5.0 + 0.5);
  out += paint(kBold, "Score: ") + paint(tone, Fixed(result.score, 1) + " / 100") + "  [" +
         std::string(static_cast<size_t>(filled), '#') +
         std::string(static_cast<size_t>(20 - filled), '.') + "]\n\n";

  out += heading("Breakdown");
  for (const ScoreComponent& c : result.components) {
    if (c.weight == 0) continue;
    double max_points = 0;
    double total = 0;
    for (const ScoreComponent& d : result.components) total += d.weight;
    max_points = total > 0 ? 100.0 * c.weight / total : 0;
    char line[128];
    std::snprintf(line, sizeof line, "  %-15s %5.1f / %5.1f  ", c.name.c_str(), c.points,
                  max_points);
    out += Wrap(line, std::string(33, ' '), c.detail, options.width);
  }
  for (const CategoryBreakdown& b : result.categories) {
    char line[128];
    std::snprintf(line, sizeof line, "    %-24s %2u of %2u  %5.1f / %5.1f\n",
                  std::string(CategoryTitle(b.category)).c_str(), b.matched, b.total, b.points,
                  b.max_points);
    out += line;
  }
  const ResumeAnalysis& resume = result.resume;
  out += "  resume: " + Fixed(resume.total_years, 1) + " years in " +
         std::to_string(resume.roles.size()) + " dated role" +
         (resume.roles.size() == 1 ? "" : "s") +
         ", degree: " + std::string(DegreeLevelName(resume.degree)) + "\n\n";

  out += heading("Matched (" + std::to_string(result.matched.size()) + " of " +
                 std::to_string(result.matched.size() + result.missing.size()) + ")");
  for (Need need : {Need::kRequired, Need::kPreferred}) {
    std::vector<std::string> items;
    for (const TermOutcome& o : result.matched) {
      if (o.requirement.need != need) continue;
      std::string item = lexicon.term(o.requirement.term).name;
      if (o.matched_by && *o.matched_by != o.requirement.term) {
        item = (o.evidence == Evidence::kImplied ? item + " via " : "") +
               lexicon.term(*o.matched_by).name;
      }
      if (o.evidence == Evidence::kSkillsOnly) item += " (skills only)";
      if (o.evidence == Evidence::kImplied) item += " (implied)";
      items.push_back(item);
    }
    if (items.empty()) continue;
    out += internal::WrapList(need == Need::kRequired ? "  required:  " : "  preferred: ", items,
                              options.width);
  }
  out += "\n" + heading("Missing (" + std::to_string(result.missing.size()) + ")");
  for (Need need : {Need::kRequired, Need::kPreferred}) {
    std::vector<std::string> items;
    for (const TermOutcome& o : result.missing) {
      if (o.requirement.need == need) items.push_back(Names(lexicon, o.requirement));
    }
    if (items.empty()) continue;
    out += internal::WrapList(need == Need::kRequired ? "  required:  " : "  preferred: ", items,
                              options.width);
  }
  if (result.missing.empty()) out += "  nothing\n";

  out += "\n" + heading("Suggestions");
  if (result.suggestions.empty()) out += "  none: the resume covers what is asked for\n";
  const size_t shown = std::min(result.suggestions.size(), options.max_suggestions);
  for (size_t i = 0; i < shown; ++i) {
    const Suggestion& s = result.suggestions[i];
    const std::string number = std::to_string(i + 1) + ". ";
    const std::string indent(2 + number.size(), ' ');
    out += Wrap("  " + number, indent, s.message, options.width);
    if (!s.ad_sentence.empty()) {
      std::string quoted = "\"" + s.ad_sentence + "\"";
      out += color ? std::string(kDim) : "";
      out += Wrap(indent + "ad: ", indent + "    ", quoted, options.width);
      if (color) {
        out.pop_back();
        out += std::string(kReset) + "\n";
      }
    }
  }
  if (shown < result.suggestions.size()) {
    out += "  ... " + std::to_string(result.suggestions.size() - shown) + " more with --json\n";
  }
  if (options.explain && !result.explanation.empty()) {
    out += "\n" + heading("Explanation");
    for (const std::string& line : result.explanation) {
      out += Wrap("  ", "      ", line, options.width);
    }
  }
  return out;
}

std::string RenderCheckJson(const Lexicon& lexicon, std::string_view resume_source,
                            std::string_view resume_text, const CheckResult& result,
                            const CheckReportOptions& options) {
  const Requirements& reqs = result.requirements;
  const bool profile = reqs.source.starts_with("profile:");
  Json roles = Json::array();
  for (const ResumeRole& role : result.resume.roles) {
    roles.push_back({{"heading", role.heading},
                     {"start", MonthText(role.begin)},
                     {"end", MonthText(role.end)},
                     {"present", role.present}});
  }
  Json components = Json::array();
  double total = 0;
  for (const ScoreComponent& c : result.components) total += c.weight;
  for (const ScoreComponent& c : result.components) {
    components.push_back({{"name", c.name},
                          {"applies", c.weight > 0},
                          {"points", c.points},
                          {"max_points", total > 0 ? 100.0 * c.weight / total : 0.0},
                          {"earned", c.earned},
                          {"detail", c.detail}});
  }
  Json categories = Json::array();
  for (const CategoryBreakdown& b : result.categories) {
    categories.push_back({{"category", CategoryName(b.category)},
                          {"matched", b.matched},
                          {"total", b.total},
                          {"points", b.points},
                          {"max_points", b.max_points}});
  }
  auto years_json = [&](const YearsRequirement& y) {
    return Json{{"years", y.years},
                {"term", y.term ? Json(lexicon.term(*y.term).id) : Json(nullptr)},
                {"need", NeedName(y.need)},
                {"sentence", y.sentence}};
  };
  Json requirements = {{"role_years", reqs.role_years ? years_json(*reqs.role_years) : Json()}};
  Json term_years = Json::array();
  for (const YearsRequirement& y : reqs.term_years) term_years.push_back(years_json(y));
  requirements["term_years"] = std::move(term_years);
  requirements["degree"] = reqs.degree ? Json{{"level", DegreeLevelName(reqs.degree->level)},
                                              {"fields", IdList(lexicon, reqs.degree->fields)},
                                              {"need", NeedName(reqs.degree->need)},
                                              {"sentence", reqs.degree->sentence}}
                                       : Json();
  requirements["ignored"] = IdList(lexicon, reqs.ignored);

  Json matched = Json::array();
  for (const TermOutcome& o : result.matched)
    matched.push_back(OutcomeJson(lexicon, resume_text, o));
  Json missing = Json::array();
  for (const TermOutcome& o : result.missing)
    missing.push_back(OutcomeJson(lexicon, resume_text, o));
  Json suggestions = Json::array();
  for (const Suggestion& s : result.suggestions) {
    suggestions.push_back({{"kind", SuggestionKindName(s.kind)},
                           {"term", s.term ? Json(lexicon.term(*s.term).id) : Json(nullptr)},
                           {"need", NeedName(s.need)},
                           {"reason", s.message},
                           {"ad_sentence", s.ad_sentence},
                           {"ad_wording", s.ad_wording}});
  }
  Json root = {
      {"schema", "jobfit.check/1"},
      {"resume",
       {{"source", resume_source},
        {"bytes", resume_text.size()},
        {"total_years", result.resume.total_years},
        {"claimed_years", result.resume.claimed_years},
        {"degree", DegreeLevelName(result.resume.degree)},
        {"roles", std::move(roles)}}},
      {"target",
       {{"kind", profile ? "profile" : "job"},
        {"source", profile ? reqs.source.substr(8) : reqs.source},
        {"title", reqs.title}}},
      {"score", result.score},
      {"breakdown", {{"components", std::move(components)}, {"categories", std::move(categories)}}},
      {"requirements", std::move(requirements)},
      {"matched", std::move(matched)},
      {"missing", std::move(missing)},
      {"suggestions", std::move(suggestions)},
      {"lexicon", {{"hash", lexicon.content_hash()}}}};
  if (options.explain) root["explanation"] = result.explanation;
  return root.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace jobfit
