// Suggestions: what to add or reword, ranked (docs/SCORING.md, "Suggestions").
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

#include "score/scorer.h"
#include "score/text_util.h"

namespace jobfit::internal {
namespace {

// Returns a suggestion about an ad's requirement, carrying the ad's sentence and its own
// wording (or the term's name when the ad's words were not kept).
Suggestion AboutRequirement(SuggestionKind kind, const TermRequirement& req,
                            const Lexicon& lexicon) {
  Suggestion s;
  s.kind = kind;
  s.term = req.term;
  s.need = req.need;
  s.ad_sentence = req.sentence;
  s.ad_wording = req.wording.empty() ? lexicon.term(req.term).name : req.wording;
  return s;
}

struct Ranked {
  int tier = 0;
  double weight = 0;
  size_t order = 0;
  Suggestion suggestion;
};

std::string Years(double years) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, years == std::floor(years) ? "%.0f" : "%.1f", years);
  return buffer;
}

std::string Names(const Lexicon& lexicon, const TermRequirement& req) {
  std::string names = lexicon.term(req.term).name;
  for (size_t i = 0; i < req.alternatives.size(); ++i) {
    names +=
        (i + 1 == req.alternatives.size() ? " or " : ", ") + lexicon.term(req.alternatives[i]).name;
  }
  return names;
}

// True when some resume mention spells the ad's wording, as a literal search would find
// it: letters and digits compared, case and punctuation ignored.
bool ResumeUsesWording(std::string_view resume_text, const std::vector<TextSpan>& spans,
                       std::string_view wording) {
  const std::string want = AlnumKey(wording);
  if (want.empty()) return true;
  for (const TextSpan& s : spans) {
    if (AlnumKey(resume_text.substr(s.begin, s.end - s.begin)).find(want) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Suggestion> BuildSuggestions(const Lexicon& lexicon, std::string_view resume_text,
                                         const CheckResult& result) {
  std::vector<Ranked> ranked;
  ranked.reserve(result.missing.size() + result.matched.size() +
                 result.requirements.term_years.size() + 2);
  size_t order = 0;
  auto add = [&](int tier, double weight, Suggestion s) {
    ranked.push_back({tier, weight, order++, std::move(s)});
  };
  const Requirements& reqs = result.requirements;
  const bool from_ad = !reqs.source.starts_with("profile:");

  for (const TermOutcome& o : result.missing) {
    const TermRequirement& req = o.requirement;
    Suggestion s = AboutRequirement(SuggestionKind::kAddTerm, req, lexicon);
    s.message = "Add " + Names(lexicon, req) + " (" + std::string(NeedName(req.need));
    if (req.mentions > 1) s.message += ", named " + std::to_string(req.mentions) + " times";
    s.message += ")";
    if (from_ad) s.message += ", in the ad's words: \"" + s.ad_wording + "\"";
    s.message += ".";
    add(req.need == Need::kRequired ? 0 : 2, req.weight, std::move(s));
  }

  auto years_suggestion = [&](const YearsRequirement& req, double have, const std::string& what) {
    if (have >= req.years) return;
    Suggestion s;
    s.kind = SuggestionKind::kYears;
    s.term = req.term;
    s.need = req.need;
    s.ad_sentence = req.sentence;
    s.message = "The ad asks for " + Years(req.years) + "+ years " + what +
                "; the resume's dated " + "roles show " + Years(std::round(have * 10) / 10) +
                ". Date every role, and name the skill in the roles that used it.";
    add(req.need == Need::kRequired ? 1 : 3, 0, std::move(s));
  };
  if (reqs.role_years) {
    const double have =
        result.resume.total_years > 0 ? result.resume.total_years : result.resume.claimed_years;
    years_suggestion(*reqs.role_years, have, "of experience");
  }
  for (const YearsRequirement& req : reqs.term_years) {
    if (!req.term || *req.term >= lexicon.size()) continue;
    double have = 0;
    for (const ResumeTerm& t : result.resume.terms) {
      if (t.term == *req.term) have = t.years;
    }
    years_suggestion(req, have, "of " + lexicon.term(*req.term).name);
  }
  if (reqs.degree) {
    const ScoreComponent* education = nullptr;
    for (const ScoreComponent& c : result.components) {
      if (c.name == "education") education = &c;
    }
    if (education && education->earned < 1.0) {
      Suggestion s;
      s.kind = SuggestionKind::kDegree;
      s.need = reqs.degree->need;
      s.ad_sentence = reqs.degree->sentence;
      std::string fields;
      for (size_t i = 0; i < reqs.degree->fields.size(); ++i) {
        fields += (i ? ", " : "") + lexicon.term(reqs.degree->fields[i]).name;
      }
      s.message = result.resume.degree < reqs.degree->level
                      ? "The ad asks for a " + std::string(DegreeLevelName(reqs.degree->level)) +
                            "'s degree or higher; none is named in the education section."
                      : "Name your degree's field in the education section; the ad asks for " +
                            fields + ".";
      if (reqs.degree->level == DegreeLevel::kDoctorate &&
          result.resume.degree < reqs.degree->level) {
        s.message = "The ad asks for a doctorate; none is named in the education section.";
      }
      add(reqs.degree->need == Need::kRequired ? 1 : 3, 0, std::move(s));
    }
  }

  for (const TermOutcome& o : result.matched) {
    const TermRequirement& req = o.requirement;
    if (o.evidence == Evidence::kImplied && o.matched_by) {
      Suggestion s = AboutRequirement(SuggestionKind::kNameImplied, req, lexicon);
      s.message = "Name " + s.ad_wording + " itself; the resume only implies it through " +
                  lexicon.term(*o.matched_by).name + ".";
      add(5, req.weight, std::move(s));
      continue;
    }
    if (from_ad && o.matched_by == req.term && !req.wording.empty() &&
        !ResumeUsesWording(resume_text, o.resume_spans, req.wording)) {
      Suggestion s = AboutRequirement(SuggestionKind::kUseAdWording, req, lexicon);
      s.message = "Write \"" + req.wording + "\" as the ad does (the resume says \"" +
                  o.resume_wording + "\"); a literal keyword filter misses other spellings.";
      add(4, req.weight, std::move(s));
    }
    if (o.evidence == Evidence::kSkillsOnly) {
      Suggestion s = AboutRequirement(SuggestionKind::kShowInExperience, req, lexicon);
      s.term = o.matched_by;  // the term shown, which may stand in for the one asked for
      s.message = lexicon.term(o.matched_by.value_or(req.term)).name +
                  " is only listed under skills; show it in a role or project.";
      add(6, req.weight, std::move(s));
    }
  }

  // Ranks indexes, not the suggestions: moving a suggestion moves five strings.
  std::vector<uint32_t> rank(ranked.size());
  for (uint32_t i = 0; i < rank.size(); ++i) rank[i] = i;
  std::stable_sort(rank.begin(), rank.end(), [&](uint32_t x, uint32_t y) {
    const Ranked& a = ranked[x];
    const Ranked& b = ranked[y];
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.order < b.order;
  });
  std::vector<Suggestion> out;
  out.reserve(ranked.size());
  for (const uint32_t i : rank) out.push_back(std::move(ranked[i].suggestion));
  return out;
}

}  // namespace jobfit::internal
