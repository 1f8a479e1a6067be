// The `jobfit check` reports: a one-screen text summary and jobfit.check/1 JSON.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "jobfit/report.h"

#include "base/number_format.h"
#include "report/check_json.h"
#include "report/json_writer.h"
#include "report/text_layout.h"

namespace jobfit {
namespace {

using internal::JsonWriter;

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kRed = "\x1b[31m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

std::string Fixed(double value, int decimals) { return base::FormatFixed(value, decimals); }

// "YYYY-MM". Written digit by digit for the years of resumes: every matched term of a
// record names one, and printf's format parsing was a visible share of a record.
std::string MonthText(MonthIndex month) {
  const int year = month / 12;
  const int in_year = month % 12 + 1;
  if (month < 0 || year > 9999) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, in_year);
    return buffer;
  }
  const char text[] = {static_cast<char>('0' + year / 1000),
                       static_cast<char>('0' + year / 100 % 10),
                       static_cast<char>('0' + year / 10 % 10),
                       static_cast<char>('0' + year % 10),
                       '-',
                       static_cast<char>('0' + in_year / 10),
                       static_cast<char>('0' + in_year % 10)};
  return std::string(text, sizeof text);
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

void WriteSpans(JsonWriter& w, std::string_view text, const std::vector<TextSpan>& spans,
                bool with_text) {
  w.BeginArray();
  for (const TextSpan& s : spans) {
    w.BeginObject().Key("start").Uint(s.begin).Key("end").Uint(s.end);
    if (with_text && s.begin <= s.end && s.end <= text.size()) {
      w.Key("text").String(text.substr(s.begin, s.end - s.begin));
    }
    w.EndObject();
  }
  w.EndArray();
}

void WriteIdList(JsonWriter& w, const Lexicon& lexicon, const std::vector<uint32_t>& terms) {
  w.BeginArray();
  for (uint32_t t : terms) w.String(lexicon.term(t).id);
  w.EndArray();
}

void WriteTermId(JsonWriter& w, const Lexicon& lexicon, const std::optional<uint32_t>& term) {
  if (term) {
    w.String(lexicon.term(*term).id);
  } else {
    w.Null();
  }
}

void WriteOutcome(JsonWriter& w, const Lexicon& lexicon, std::string_view resume_text,
                  const TermOutcome& o) {
  w.BeginObject();
  internal::WriteTermHead(w, lexicon.term(o.requirement->term));
  w.Key("need").String(NeedName(o.requirement->need)).Key("alternatives");
  WriteIdList(w, lexicon, o.requirement->alternatives);
  w.Key("weight")
      .Double(o.requirement->weight)
      .Key("mentions")
      .Uint(o.requirement->mentions)
      .Key("credit")
      .Double(o.credit)
      .Key("points")
      .Double(o.points)
      .Key("evidence")
      .String(EvidenceName(o.evidence))
      .Key("matched_by");
  WriteTermId(w, lexicon, o.matched_by);
  w.Key("years").Double(o.years).Key("last_used");
  if (o.last_used) {
    w.String(MonthText(*o.last_used));
  } else {
    w.Null();
  }
  w.Key("spans");
  WriteSpans(w, resume_text, o.resume_spans, true);
  w.Key("ad_spans");
  WriteSpans(w, {}, o.requirement->spans, false);
  w.Key("ad_wording").String(o.requirement->wording);
  w.Key("ad_sentence").String(o.requirement->sentence);
  w.EndObject();
}

void WriteYears(JsonWriter& w, const Lexicon& lexicon, const YearsRequirement& y) {
  w.BeginObject().Key("years").Double(y.years).Key("term");
  WriteTermId(w, lexicon, y.term);
  w.Key("need").String(NeedName(y.need)).Key("sentence").String(y.sentence).EndObject();
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
  const Requirements& reqs = *result.requirements;
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
      if (o.requirement->need != need) continue;
      std::string item = lexicon.term(o.requirement->term).name;
      if (o.matched_by && *o.matched_by != o.requirement->term) {
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
      if (o.requirement->need == need) items.push_back(Names(lexicon, *o.requirement));
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

namespace internal {

void WriteTermHead(JsonWriter& w, const Term& term) {
  w.Key("id")
      .String(term.id)
      .Key("name")
      .String(term.name)
      .Key("category")
      .String(CategoryName(term.category));
}

void WriteCheckMember(JsonWriter& w, CheckMember member, const Lexicon& lexicon,
                      std::string_view resume_source, std::string_view resume_text,
                      const CheckResult& result) {
  const Requirements& reqs = *result.requirements;
  switch (member) {
    case CheckMember::kResume: {
      const ResumeAnalysis& resume = result.resume;
      w.Key("resume")
          .BeginObject()
          .Key("source")
          .String(resume_source)
          .Key("bytes")
          .Uint(resume_text.size())
          .Key("total_years")
          .Double(resume.total_years)
          .Key("claimed_years")
          .Double(resume.claimed_years)
          .Key("degree")
          .String(DegreeLevelName(resume.degree))
          .Key("roles")
          .BeginArray();
      for (const ResumeRole& role : resume.roles) {
        w.BeginObject()
            .Key("heading")
            .String(role.heading)
            .Key("start")
            .String(MonthText(role.begin))
            .Key("end")
            .String(MonthText(role.end))
            .Key("present")
            .Bool(role.present)
            .EndObject();
      }
      w.EndArray().EndObject();
      return;
    }
    case CheckMember::kTarget: {
      const bool profile = reqs.source.starts_with("profile:");
      w.Key("target")
          .BeginObject()
          .Key("kind")
          .String(profile ? "profile" : "job")
          .Key("source")
          .String(profile ? std::string_view(reqs.source).substr(8) : std::string_view(reqs.source))
          .Key("title")
          .String(reqs.title)
          .EndObject();
      return;
    }
    case CheckMember::kScore:
      w.Key("score").Double(result.score);
      return;
    case CheckMember::kBreakdown: {
      double total = 0;
      for (const ScoreComponent& c : result.components) total += c.weight;
      w.Key("breakdown").BeginObject().Key("components").BeginArray();
      for (const ScoreComponent& c : result.components) {
        w.BeginObject()
            .Key("name")
            .String(c.name)
            .Key("applies")
            .Bool(c.weight > 0)
            .Key("points")
            .Double(c.points)
            .Key("max_points")
            .Double(total > 0 ? 100.0 * c.weight / total : 0.0)
            .Key("earned")
            .Double(c.earned)
            .Key("detail")
            .String(c.detail)
            .EndObject();
      }
      w.EndArray().Key("categories").BeginArray();
      for (const CategoryBreakdown& b : result.categories) {
        w.BeginObject()
            .Key("category")
            .String(CategoryName(b.category))
            .Key("matched")
            .Uint(b.matched)
            .Key("total")
            .Uint(b.total)
            .Key("points")
            .Double(b.points)
            .Key("max_points")
            .Double(b.max_points)
            .EndObject();
      }
      w.EndArray().EndObject();
      return;
    }
    case CheckMember::kRequirements: {
      w.Key("requirements").BeginObject().Key("role_years");
      if (reqs.role_years) {
        WriteYears(w, lexicon, *reqs.role_years);
      } else {
        w.Null();
      }
      w.Key("term_years").BeginArray();
      for (const YearsRequirement& y : reqs.term_years) WriteYears(w, lexicon, y);
      w.EndArray().Key("degree");
      if (reqs.degree) {
        w.BeginObject().Key("level").String(DegreeLevelName(reqs.degree->level)).Key("fields");
        WriteIdList(w, lexicon, reqs.degree->fields);
        w.Key("need")
            .String(NeedName(reqs.degree->need))
            .Key("sentence")
            .String(reqs.degree->sentence)
            .EndObject();
      } else {
        w.Null();
      }
      w.Key("ignored");
      WriteIdList(w, lexicon, reqs.ignored);
      w.EndObject();
      return;
    }
    case CheckMember::kMatched:
    case CheckMember::kMissing: {
      const bool matched = member == CheckMember::kMatched;
      w.Key(matched ? "matched" : "missing").BeginArray();
      for (const TermOutcome& o : matched ? result.matched : result.missing) {
        WriteOutcome(w, lexicon, resume_text, o);
      }
      w.EndArray();
      return;
    }
    case CheckMember::kSuggestions:
      w.Key("suggestions").BeginArray();
      for (const Suggestion& s : result.suggestions) {
        w.BeginObject().Key("kind").String(SuggestionKindName(s.kind)).Key("term");
        WriteTermId(w, lexicon, s.term);
        w.Key("need")
            .String(NeedName(s.need))
            .Key("reason")
            .String(s.message)
            .Key("ad_sentence")
            .String(s.ad_sentence)
            .Key("ad_wording")
            .String(s.ad_wording)
            .EndObject();
      }
      w.EndArray();
      return;
    case CheckMember::kLexicon:
      w.Key("lexicon").BeginObject().Key("hash").String(lexicon.content_hash()).EndObject();
      return;
  }
}

}  // namespace internal

std::string RenderCheckJson(const Lexicon& lexicon, std::string_view resume_source,
                            std::string_view resume_text, const CheckResult& result,
                            const CheckReportOptions& options) {
  using internal::CheckMember;
  std::string out;
  out.reserve(16 << 10);
  internal::JsonWriter w(&out);
  w.BeginObject().Key("schema").String("jobfit.check/1");
  for (const CheckMember member :
       {CheckMember::kResume, CheckMember::kTarget, CheckMember::kScore, CheckMember::kBreakdown,
        CheckMember::kRequirements, CheckMember::kMatched, CheckMember::kMissing,
        CheckMember::kSuggestions, CheckMember::kLexicon}) {
    internal::WriteCheckMember(w, member, lexicon, resume_source, resume_text, result);
  }
  if (options.explain) {
    w.Key("explanation").BeginArray();
    for (const std::string& line : result.explanation) w.String(line);
    w.EndArray();
  }
  w.EndObject().Finish();
  out += '\n';
  return out;
}

}  // namespace jobfit
