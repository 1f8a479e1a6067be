// Resume analysis: sections, dated roles and the timeline, terms with where they appear
// and for how long they were used.
#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "jobfit/score.h"

#include "score/experience.h"
#include "score/sections.h"
#include "score/text_util.h"
#include "score/timeline.h"

namespace jobfit {
namespace {

using internal::Range;

MonthIndex Today() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{days};
  return MakeMonth(static_cast<int>(ymd.year()),
                   static_cast<int>(static_cast<unsigned>(ymd.month())));
}

// Fewer than three letters besides the dates: the line is only a date ("Jan 2021 -
// Present" under the role's title line).
bool IsDateOnlyLine(std::string_view line, const internal::DateRange& range) {
  int letters = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (i >= range.where.begin && i < range.where.end) continue;
    const char c = line[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
  }
  return letters < 3;
}

std::string RoleHeading(std::string_view line, const internal::DateRange& range) {
  std::string without(line.substr(0, range.where.begin));
  without += line.substr(range.where.end);
  std::string heading = internal::OneLine(without);
  while (!heading.empty() &&
         (heading.back() == ',' || heading.back() == '|' || heading.back() == '-' ||
          heading.back() == ' ' || heading.back() == '(' || heading.back() == ')')) {
    heading.pop_back();
  }
  return heading;
}

}  // namespace

std::string_view ResumeSectionName(ResumeSection section) {
  switch (section) {
    case ResumeSection::kHeader:
      return "header";
    case ResumeSection::kSummary:
      return "summary";
    case ResumeSection::kSkills:
      return "skills";
    case ResumeSection::kExperience:
      return "experience";
    case ResumeSection::kProjects:
      return "projects";
    case ResumeSection::kEducation:
      return "education";
    case ResumeSection::kCertifications:
      return "certifications";
    case ResumeSection::kOther:
      return "other";
  }
  return "other";
}

Result<ResumeAnalysis> AnalyzeResume(const Matcher& matcher, std::string_view text,
                                     const CheckOptions& options) {
  if (text.size() > std::numeric_limits<uint32_t>::max()) {
    return Status(StatusCode::kInvalidArgument, "resume is larger than 4 GiB");
  }
  const MonthIndex as_of = options.as_of != 0 ? options.as_of : Today();
  const Lexicon& lexicon = matcher.lexicon();
  ResumeAnalysis out;
  const auto sections = internal::FindResumeSections(text);
  auto section_at = [&](uint64_t pos) {
    ResumeSection kind = ResumeSection::kHeader;
    for (const auto& section : sections) {
      if (section.heading.end > section.heading.begin && section.heading.begin <= pos) {
        kind = section.kind;
      }
    }
    return kind;
  };

  // Dated roles: in the experience sections, a line with a date range starts a role (or
  // the line above it does, when the dates stand on a line of their own).
  const std::vector<Range> lines = internal::SplitLines(text);
  struct RoleStart {
    size_t line = 0;
    internal::DateRange range;
    uint64_t section_end = 0;
    std::string heading;
  };
  std::vector<RoleStart> starts;
  for (const auto& section : sections) {
    if (section.kind != ResumeSection::kExperience) continue;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].begin < section.body.begin || lines[i].begin >= section.body.end) continue;
      const std::string_view line = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
      std::optional<internal::DateRange> range = internal::FindDateRange(line, as_of);
      if (!range) continue;
      RoleStart start{i, *range, section.body.end, RoleHeading(line, *range)};
      if (IsDateOnlyLine(line, *range) && i > 0 && lines[i - 1].begin >= section.body.begin) {
        const std::string_view above =
            text.substr(lines[i - 1].begin, lines[i - 1].end - lines[i - 1].begin);
        if (!internal::Trim(above).empty() && !internal::StartsWithBullet(above)) {
          start.line = i - 1;
          start.heading = internal::OneLine(above);
        }
      }
      starts.push_back(std::move(start));
    }
  }
  for (size_t r = 0; r < starts.size(); ++r) {
    ResumeRole role;
    role.span.begin = lines[starts[r].line].begin;
    role.span.end = starts[r].section_end;
    if (r + 1 < starts.size()) {
      role.span.end = std::min(role.span.end, lines[starts[r + 1].line].begin);
    }
    role.heading = starts[r].heading;
    role.begin = starts[r].range.begin;
    role.end = std::min(starts[r].range.end, std::max(as_of, starts[r].range.begin));
    role.present = starts[r].range.present;
    out.roles.push_back(std::move(role));
  }
  std::vector<std::pair<MonthIndex, MonthIndex>> all;
  for (const ResumeRole& role : out.roles) all.emplace_back(role.begin, role.end);
  out.total_years = internal::MergedMonths(all) / 12.0;

  // Claimed experience ("six years of experience") in the summary or header, used when
  // no dated role exists.
  for (const auto& section : sections) {
    if (section.kind != ResumeSection::kSummary && section.kind != ResumeSection::kHeader) {
      continue;
    }
    const std::string_view body =
        text.substr(section.body.begin, section.body.end - section.body.begin);
    for (const internal::YearsPhrase& phrase : internal::FindYearsPhrases(body)) {
      if (phrase.experience) out.claimed_years = std::max(out.claimed_years, phrase.years);
    }
  }

  const ScanResult scan = matcher.Scan(text);
  std::map<uint32_t, ResumeTerm> terms;
  for (const Match& m : scan.matches) {
    ResumeTerm& t = terms[m.term];
    t.term = m.term;
    t.spans.push_back({m.begin, m.end});
    const ResumeSection where = section_at(m.begin);
    if (std::find(t.sections.begin(), t.sections.end(), where) == t.sections.end()) {
      t.sections.push_back(where);
    }
    out.degree = std::max(out.degree, internal::DegreeLevelOfTerm(lexicon.term(m.term).id));
  }
  for (const ImpliedTerm& implied : scan.implied) {
    ResumeTerm& t = terms[implied.term];
    t.term = implied.term;
    t.implied_via = implied.via;
  }
  for (const auto& section : sections) {
    if (section.kind != ResumeSection::kEducation) continue;
    out.degree =
        std::max(out.degree, internal::HighestDegreeInText(text.substr(
                                 section.body.begin, section.body.end - section.body.begin)));
  }
  // A term is used in a role that names it or a term implying it ("PySpark" there is
  // Python used there), whether or not the term is also named itself: listing Python under
  // skills must not lose the years PySpark showed, or removing a word could raise a score.
  std::map<uint32_t, std::vector<uint32_t>> implied_by;  // term -> named terms implying it
  for (const auto& [index, t] : terms) {
    if (t.spans.empty()) continue;
    std::vector<uint32_t> queue = {index};
    for (size_t q = 0; q < queue.size(); ++q) {
      for (const std::string& id : lexicon.term(queue[q]).implies) {
        const std::optional<size_t> target = lexicon.Find(id);
        if (!target) continue;
        const auto at = static_cast<uint32_t>(*target);
        if (std::find(queue.begin(), queue.end(), at) != queue.end()) continue;
        queue.push_back(at);
        implied_by[at].push_back(index);
      }
    }
  }
  for (auto& [index, t] : terms) {
    std::sort(t.sections.begin(), t.sections.end());
    std::vector<std::pair<MonthIndex, MonthIndex>> used;
    std::vector<TextSpan> spans = t.spans;
    if (const auto it = implied_by.find(index); it != implied_by.end()) {
      for (uint32_t source : it->second) {
        const std::vector<TextSpan>& more = terms.at(source).spans;
        spans.insert(spans.end(), more.begin(), more.end());
      }
    }
    for (const ResumeRole& role : out.roles) {
      const bool named = std::any_of(spans.begin(), spans.end(), [&](const TextSpan& s) {
        return s.begin >= role.span.begin && s.begin < role.span.end;
      });
      if (!named) continue;
      used.emplace_back(role.begin, role.end);
      t.last_used = std::max(t.last_used.value_or(role.end), role.end);
    }
    t.years = internal::MergedMonths(used) / 12.0;
    out.terms.push_back(t);
  }
  return out;
}

}  // namespace jobfit
