#include "score/job_ad.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "score/experience.h"
#include "score/sections.h"
#include "score/text_util.h"

namespace jobfit {
namespace internal {

double RequirementWeight(Need need, uint32_t mentions) {
  const double base = need == Need::kRequired ? kRequiredWeight : kPreferredWeight;
  const uint32_t extra = mentions > 1 ? mentions - 1 : 0;
  return base * (1.0 + kMentionBonus * std::min<double>(extra, kMaxExtraMentions));
}

bool IsNegatedClause(std::string_view folded) {
  for (std::string_view cue : {"not required", "not needed", "not necessary", "not a requirement",
                               "not expected", "don't need", "do not need", "no need",
                               "isn't required", "isn't needed", "aren't required"}) {
    if (folded.find(cue) != std::string_view::npos) return true;
  }
  // "No Kubernetes experience required": a clause that opens with "no" and ends in a need.
  const bool opens_with_no =
      folded.starts_with("no ") || folded.find(" no ") != std::string_view::npos;
  if (opens_with_no) {
    for (std::string_view cue : {"required", "needed", "necessary", "expected"}) {
      if (ContainsWords(folded, cue)) return true;
    }
  }
  return false;
}

std::optional<Need> ClauseCue(std::string_view folded) {
  for (std::string_view cue :
       {"a plus", "nice to have", "nice-to-have", "a bonus", "bonus", "preferred", "ideally",
        "desirable", "an advantage", "advantageous", "is welcome", "are welcome", "would be great",
        "good to have", "optional"}) {
    if (ContainsWords(folded, cue)) return Need::kPreferred;
  }
  for (std::string_view cue : {"must have", "must", "required", "essential", "mandatory"}) {
    if (ContainsWords(folded, cue)) return Need::kRequired;
  }
  return std::nullopt;
}

bool IsBoilerplate(std::string_view folded) {
  for (std::string_view cue : {"equal opportunit", "equal-opportunit", "encourage applications",
                               "regardless of", "reasonable adjustments", "without regard to"}) {
    if (folded.find(cue) != std::string_view::npos) return true;
  }
  return false;
}

namespace {

// One counted mention of a term in the ad.
struct Occurrence {
  uint32_t term = 0;
  uint64_t begin = 0;
  uint64_t end = 0;
  size_t sentence = 0;
  Range clause;
  Need need = Need::kPreferred;
  bool in_title = false;
  bool absorbed = false;  // taken into the degree requirement
};

struct UnionFind {
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Join(size_t a, size_t b) { parent[Find(a)] = Find(b); }
  std::vector<size_t> parent;
};

// The gap between two mentions reads "or": "PyTorch or TensorFlow", "S3) or Google Cloud",
// "Flask, FastAPI, or Django", "and/or".
bool IsOrGap(std::string_view gap) {
  std::string folded = FoldForCues(gap);
  while (!folded.empty() &&
         (folded.front() == ')' || folded.front() == ',' || folded.front() == ' ')) {
    folded.erase(0, 1);
  }
  while (!folded.empty() && folded.back() == ' ') folded.pop_back();
  return folded == "or" || folded == "and/or" || folded == "or a" || folded == "or an" ||
         folded == "/" || folded == "or the" || folded == "or with" || folded == "or in";
}

bool IsCommaGap(std::string_view gap) { return FoldForCues(gap) == ","; }

// Words allowed between "N years" and the term it is about ("3+ years of professional
// experience with C#").
bool IsYearsLinkGap(std::string_view gap) {
  const std::string folded = FoldForCues(gap);
  size_t words = 0;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t end = folded.find(' ', i);
    if (end == std::string::npos) end = folded.size();
    if (end == i) break;
    const std::string_view word = std::string_view(folded).substr(i, end - i);
    static constexpr std::string_view kAllowed[] = {
        "of",          "in",         "with",     "using",      "professional", "commercial",
        "hands-on",    "production", "industry", "experience", "working",      "programming",
        "development", "developing", "building", "writing",    "relevant",     "practical",
        "solid",       "strong",     "modern",   "real-world", "applied",      "on"};
    if (std::find(std::begin(kAllowed), std::end(kAllowed), word) == std::end(kAllowed)) {
      return false;
    }
    ++words;
    i = end;
  }
  return words <= 5;
}

bool Stronger(Need a, Need b) { return a == Need::kRequired && b == Need::kPreferred; }

}  // namespace
}  // namespace internal

Result<Requirements> AnalyzeJobAd(const Matcher& matcher, std::string_view text,
                                  std::string source) {
  using namespace internal;  // NOLINT: the helpers above are this function's vocabulary
  if (text.size() > std::numeric_limits<uint32_t>::max()) {
    return Status(StatusCode::kInvalidArgument, "job ad is larger than 4 GiB",
                  Location::InFile(source));
  }
  const Lexicon& lexicon = matcher.lexicon();
  Requirements out;
  out.source = std::move(source);

  const std::vector<Section<AdSection>> sections = FindAdSections(text);
  std::vector<Range> headings;
  for (const auto& section : sections) {
    if (section.heading.end > section.heading.begin) headings.push_back(section.heading);
  }
  const std::vector<Range> sentences = SplitSentences(text, headings);
  Range title_line;
  for (const Range& line : SplitLines(text)) {
    if (!Trim(text.substr(line.begin, line.end - line.begin)).empty()) {
      title_line = line;
      break;
    }
  }
  out.title = OneLine(text.substr(title_line.begin, title_line.end - title_line.begin));

  auto section_at = [&](uint64_t pos) {
    AdSection kind = AdSection::kPreamble;
    for (const auto& section : sections) {
      if (section.heading.begin <= pos &&
          (section.heading.end > section.heading.begin || section.kind == AdSection::kPreamble)) {
        kind = section.kind;
      }
    }
    return kind;
  };
  auto sentence_text = [&](size_t index) {
    const Range& s = sentences[index];
    return text.substr(s.begin, s.end - s.begin);
  };

  const ScanResult scan = matcher.Scan(text);
  std::vector<Occurrence> occurrences;
  std::set<uint32_t> named;
  for (const Match& m : scan.matches) {
    named.insert(m.term);
    Occurrence occ;
    occ.term = m.term;
    occ.begin = m.begin;
    occ.end = m.end;
    if (title_line.Contains(m.begin)) {
      occ.in_title = true;
      occ.need = Need::kRequired;
      occ.clause = title_line;
      occ.sentence = FindRange(sentences, m.begin).value_or(0);
      occurrences.push_back(occ);
      continue;
    }
    const AdSection section = section_at(m.begin);
    if (section == AdSection::kPreamble || section == AdSection::kIgnored) continue;
    // A job title outside the title and the requirements names colleagues ("work with
    // data scientists"), not the role asked for.
    if (lexicon.term(m.term).category == Category::kRole && section != AdSection::kRequired) {
      continue;
    }
    const std::optional<size_t> sentence = FindRange(sentences, m.begin);
    if (!sentence) continue;
    if (IsBoilerplate(FoldForCues(sentence_text(*sentence)))) continue;
    occ.sentence = *sentence;
    occ.clause = sentences[*sentence];
    for (const Range& clause : SplitClauses(text, sentences[*sentence])) {
      if (clause.begin <= m.begin && m.begin < clause.end) occ.clause = clause;
    }
    const std::string clause =
        FoldForCues(text.substr(occ.clause.begin, occ.clause.end - occ.clause.begin));
    if (IsNegatedClause(clause)) continue;
    if (std::optional<Need> cue = ClauseCue(clause)) {
      occ.need = *cue;
    } else {
      occ.need = section == AdSection::kRequired ? Need::kRequired : Need::kPreferred;
    }
    occurrences.push_back(occ);
  }

  // Degree requirements: the sentence that names a degree takes its fields with it, so
  // "Computer Science, Statistics or a related field" are alternatives of the degree
  // rather than separate terms.
  for (size_t s = 0; s < sentences.size(); ++s) {
    DegreeLevel level = DegreeLevel::kNone;
    std::optional<uint64_t> first_degree;
    std::optional<Need> need;
    for (const Occurrence& occ : occurrences) {
      if (occ.sentence != s || occ.in_title) continue;
      const DegreeLevel l = DegreeLevelOfTerm(lexicon.term(occ.term).id);
      if (l == DegreeLevel::kNone) continue;
      level = level == DegreeLevel::kNone ? l : std::min(level, l);
      if (!first_degree) first_degree = occ.begin;
      if (!need || Stronger(occ.need, *need)) need = occ.need;
    }
    if (!first_degree) continue;
    DegreeRequirement degree;
    degree.level = level;
    degree.need = *need;
    degree.sentence = OneLine(sentence_text(s));
    for (Occurrence& occ : occurrences) {
      if (occ.sentence != s || occ.in_title) continue;
      const Term& term = lexicon.term(occ.term);
      if (DegreeLevelOfTerm(term.id) != DegreeLevel::kNone) {
        occ.absorbed = true;
        continue;
      }
      if (occ.begin < *first_degree) continue;
      if (term.category != Category::kEducation && term.category != Category::kConcept) continue;
      occ.absorbed = true;
      if (std::find(degree.fields.begin(), degree.fields.end(), occ.term) == degree.fields.end()) {
        degree.fields.push_back(occ.term);
      }
    }
    if (!out.degree || Stronger(degree.need, out.degree->need)) out.degree = std::move(degree);
  }

  // Years of experience, tied to the term they name or else to the role.
  std::vector<std::pair<YearsRequirement, bool>> role_candidates;  // requirement, side
  for (size_t s = 0; s < sentences.size(); ++s) {
    const AdSection section = section_at(sentences[s].begin);
    if (section == AdSection::kPreamble || section == AdSection::kIgnored) continue;
    const std::string_view sentence = sentence_text(s);
    const std::string folded = FoldForCues(sentence);
    if (IsBoilerplate(folded)) continue;
    for (const YearsPhrase& phrase : FindYearsPhrases(sentence)) {
      const uint64_t after = sentences[s].begin + phrase.end;
      std::optional<uint32_t> tied;
      std::string_view gap;
      for (const Occurrence& occ : occurrences) {
        if (occ.sentence != s || occ.begin < after) continue;
        gap = text.substr(after, occ.begin - after);
        if (IsYearsLinkGap(gap)) tied = occ.term;
        break;
      }
      YearsRequirement req;
      req.years = phrase.years;
      std::optional<Need> cue = ClauseCue(folded);
      req.need =
          cue ? *cue : (section == AdSection::kRequired ? Need::kRequired : Need::kPreferred);
      req.sentence = OneLine(sentence);
      // A field ("5+ years of backend development") or a job title is the role's
      // experience; a language or tool ("3+ years of Python") is the term's.
      const bool role_term = tied && (lexicon.term(*tied).category == Category::kRole ||
                                      lexicon.term(*tied).category == Category::kConcept);
      if (tied && !role_term) {
        YearsRequirement term_req = req;
        term_req.term = tied;
        out.term_years.push_back(term_req);
      }
      if (!tied || role_term) {
        role_candidates.emplace_back(req, phrase.side);
      }
    }
  }
  // The role's main requirement wins over side clauses ("5+ years of backend development,
  // including at least two years ..."); among main ones the first required one.
  for (int pass = 0; pass < 3 && !out.role_years; ++pass) {
    for (const auto& [req, side] : role_candidates) {
      const bool ok = pass == 0 ? !side && req.need == Need::kRequired : pass == 1 ? !side : true;
      if (ok) {
        out.role_years = req;
        break;
      }
    }
  }

  // Alternatives: mentions joined by "or" form one requirement.
  std::vector<size_t> counted;
  for (size_t i = 0; i < occurrences.size(); ++i) {
    if (!occurrences[i].absorbed) counted.push_back(i);
  }
  UnionFind groups(occurrences.size());
  for (size_t k = 1; k < counted.size(); ++k) {
    const Occurrence& left = occurrences[counted[k - 1]];
    const Occurrence& right = occurrences[counted[k]];
    if (left.sentence != right.sentence || left.in_title || right.in_title) continue;
    if (left.end > right.begin) continue;
    const std::string_view gap = text.substr(left.end, right.begin - left.end);
    if (!IsOrGap(gap)) continue;
    size_t left_index = k - 1;
    // "AWS (SageMaker, S3) or Google Cloud": the alternative is the term before the
    // parenthesis, not the last example inside it.
    if (Trim(gap).starts_with(")")) {
      const uint64_t open = text.rfind('(', left.begin);
      while (open != std::string_view::npos && left_index > 0 &&
             occurrences[counted[left_index]].begin > open) {
        --left_index;
      }
    }
    groups.Join(counted[left_index], counted[k]);
    // "Python, Java or Go": the comma-separated run before the "or" joins too.
    while (left_index > 0) {
      const Occurrence& a = occurrences[counted[left_index - 1]];
      const Occurrence& b = occurrences[counted[left_index]];
      if (a.sentence != b.sentence || a.end > b.begin ||
          !IsCommaGap(text.substr(a.end, b.begin - a.end))) {
        break;
      }
      groups.Join(counted[left_index - 1], counted[k]);
      --left_index;
    }
  }
  std::map<size_t, std::vector<size_t>> components;  // root -> occurrence indexes
  for (size_t i : counted) components[groups.Find(i)].push_back(i);
  std::set<uint32_t> standalone;
  for (const auto& [root, members] : components) {
    std::set<uint32_t> terms;
    for (size_t i : members) terms.insert(occurrences[i].term);
    if (terms.size() == 1) standalone.insert(*terms.begin());
  }

  struct Pending {
    TermRequirement req;
    uint64_t first = 0;
    Need sentence_need = Need::kPreferred;
    bool has_sentence = false;
  };
  std::map<std::vector<uint32_t>, Pending> pending;
  for (const auto& [root, members] : components) {
    std::vector<uint32_t> terms;  // first-mention order
    for (size_t i : members) {
      const uint32_t t = occurrences[i].term;
      if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(t);
    }
    if (terms.size() > 1) {
      // A term also asked for on its own is its own requirement, not an alternative.
      std::erase_if(terms, [&](uint32_t t) { return standalone.count(t) > 0; });
      if (terms.empty()) continue;
    }
    std::vector<uint32_t> key = terms;
    std::sort(key.begin(), key.end());
    Pending& p = pending[key];
    const bool fresh = p.req.mentions == 0;
    if (fresh) {
      p.req.term = terms[0];
      p.req.alternatives.assign(terms.begin() + 1, terms.end());
      p.first = occurrences[members[0]].begin;
    }
    ++p.req.mentions;
    for (size_t i : members) {
      const Occurrence& occ = occurrences[i];
      if (std::find(terms.begin(), terms.end(), occ.term) == terms.end()) continue;
      p.req.spans.push_back({occ.begin, occ.end});
      if (fresh && p.req.wording.empty() && occ.term == p.req.term) {
        p.req.wording = std::string(text.substr(occ.begin, occ.end - occ.begin));
      }
      if (!p.has_sentence || Stronger(occ.need, p.sentence_need)) {
        p.has_sentence = true;
        p.sentence_need = occ.need;
        p.req.need = occ.need;
        p.req.sentence = occ.in_title ? out.title : OneLine(sentence_text(occ.sentence));
      }
    }
  }
  std::vector<Pending> ordered;
  for (auto& [key, p] : pending) {
    std::sort(p.req.spans.begin(), p.req.spans.end(),
              [](const TextSpan& a, const TextSpan& b) { return a.begin < b.begin; });
    p.req.weight = RequirementWeight(p.req.need, p.req.mentions);
    // Soft skills are words nearly every resume claims: weak evidence of fit.
    if (lexicon.term(p.req.term).category == Category::kSoftSkill) p.req.weight *= kSoftSkillFactor;
    ordered.push_back(std::move(p));
  }
  std::sort(ordered.begin(), ordered.end(), [](const Pending& a, const Pending& b) {
    if (a.req.need != b.req.need) return a.req.need == Need::kRequired;
    if (a.req.weight != b.req.weight) return a.req.weight > b.req.weight;
    return a.first < b.first;
  });
  std::set<uint32_t> asked;
  for (Pending& p : ordered) {
    asked.insert(p.req.term);
    asked.insert(p.req.alternatives.begin(), p.req.alternatives.end());
    out.terms.push_back(std::move(p.req));
  }
  if (out.degree) {
    for (uint32_t t : out.degree->fields) asked.insert(t);
  }
  for (const Occurrence& occ : occurrences) {
    if (occ.absorbed) asked.insert(occ.term);
  }
  for (uint32_t t : named) {
    if (!asked.count(t)) out.ignored.push_back(t);
  }
  return out;
}

}  // namespace jobfit
