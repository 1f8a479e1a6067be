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

// Points *by_term at `matches` (text order) grouped by term, terms in lexicon order and
// each term's mentions in text order: counted, then placed. A sort by term and position
// mispredicted about a branch per comparison, and was the most of analysing a resume's
// terms. `term_count` bounds the terms' indices.
void GroupByTerm(const std::vector<Match>& matches, size_t term_count,
                 std::vector<const Match*>* by_term) {
  // By term index: its mentions, then where its next mention goes; zero between calls.
  thread_local std::vector<uint32_t> slot_of_term;
  thread_local std::vector<uint32_t> terms;
  // Everything that can throw comes first, so that an exception leaves slot_of_term zero.
  if (slot_of_term.size() < term_count) slot_of_term.resize(term_count, 0);
  terms.clear();
  // No more distinct terms than mentions or than the lexicon has: push_back below never
  // reallocates, and a huge text does not leave the thread holding its size.
  terms.reserve(std::min(matches.size(), term_count));
  by_term->resize(matches.size());
  for (const Match& m : matches) {
    if (slot_of_term[m.term]++ == 0) terms.push_back(m.term);
  }
  std::sort(terms.begin(), terms.end());
  uint32_t next = 0;
  for (const uint32_t term : terms) {
    const uint32_t mentions = slot_of_term[term];
    slot_of_term[term] = next;
    next += mentions;
  }
  for (const Match& m : matches) (*by_term)[slot_of_term[m.term]++] = &m;
  for (const uint32_t term : terms) slot_of_term[term] = 0;
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
  const std::vector<Range> lines = internal::SplitLines(text);
  const auto sections = internal::FindResumeSections(text, lines);
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
  // Terms in lexicon order, as ResumeAnalysis::terms lists them, each with its mentions in
  // text order. Built in one flat vector: a map of terms grown mention by mention was
  // most of the allocations of scoring a resume.
  std::vector<const Match*> by_term;
  GroupByTerm(scan.matches, lexicon.size(), &by_term);
  const std::vector<ImpliedTerm>& implied = scan.implied;  // in lexicon order already
  std::vector<ResumeTerm>& terms = out.terms;
  const internal::DegreeTerms degree_terms(lexicon);
  for (size_t m = 0, i = 0; m < by_term.size() || i < implied.size();) {
    const uint32_t term =
        m < by_term.size() && (i == implied.size() || by_term[m]->term <= implied[i].term)
            ? by_term[m]->term
            : implied[i].term;
    ResumeTerm& t = terms.emplace_back();
    t.term = term;
    size_t run_end = m;
    while (run_end < by_term.size() && by_term[run_end]->term == term) ++run_end;
    t.spans.reserve(run_end - m);
    for (; m < run_end; ++m) {
      t.spans.push_back({by_term[m]->begin, by_term[m]->end});
      const ResumeSection where = section_at(by_term[m]->begin);
      if (std::find(t.sections.begin(), t.sections.end(), where) == t.sections.end()) {
        t.sections.push_back(where);
      }
    }
    if (!t.spans.empty()) {
      out.degree = std::max(out.degree, degree_terms.LevelOf(term));
    }
    for (; i < implied.size() && implied[i].term == term; ++i) t.implied_via = implied[i].via;
    std::sort(t.sections.begin(), t.sections.end());
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
  // (term, the place in `terms` of a named term implying it): places follow term order, so
  // the implying term is at hand without looking it up.
  std::vector<std::pair<uint32_t, size_t>> implied_by;
  std::vector<uint32_t> queue;
  for (size_t place = 0; place < terms.size(); ++place) {
    const ResumeTerm& t = terms[place];
    if (t.spans.empty()) continue;
    queue.assign(1, t.term);
    for (size_t q = 0; q < queue.size(); ++q) {
      // Indices the matcher resolved once: looking each id up again, through a term's
      // strings and a hash map, missed the cache for most terms of every resume.
      for (const uint32_t at : matcher.ImpliedTerms(queue[q])) {
        if (std::find(queue.begin(), queue.end(), at) != queue.end()) continue;
        queue.push_back(at);
        implied_by.emplace_back(at, place);
      }
    }
  }
  // By term, then by the implying term: the order the edges were added in for each term.
  std::sort(implied_by.begin(), implied_by.end());
  std::vector<std::pair<MonthIndex, MonthIndex>> used;
  auto source = implied_by.begin();
  for (ResumeTerm& t : terms) {
    while (source != implied_by.end() && source->first < t.term) ++source;
    const auto sources_end = std::find_if(source, implied_by.end(),
                                          [&](const auto& edge) { return edge.first != t.term; });
    used.clear();
    for (const ResumeRole& role : out.roles) {
      const auto in_role = [&](const TextSpan& s) {
        return s.begin >= role.span.begin && s.begin < role.span.end;
      };
      bool named = std::any_of(t.spans.begin(), t.spans.end(), in_role);
      for (auto edge = source; !named && edge != sources_end; ++edge) {
        const std::vector<TextSpan>& more = terms[edge->second].spans;
        named = std::any_of(more.begin(), more.end(), in_role);
      }
      if (!named) continue;
      used.emplace_back(role.begin, role.end);
      t.last_used = std::max(t.last_used.value_or(role.end), role.end);
    }
    t.years = internal::MergedMonths(used) / 12.0;
    source = sources_end;
  }
  return out;
}

}  // namespace jobfit
