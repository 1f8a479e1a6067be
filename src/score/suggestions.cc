// Suggestions: what to add or reword, ranked (docs/SCORING.md, "Suggestions").
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include "base/number_format.h"
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
  return base::FormatFixed(years, years == std::floor(years) ? 0 : 1);
}

std::string Names(const Lexicon& lexicon, const TermRequirement& req) {
  std::string names = lexicon.term(req.term).name;
  for (size_t i = 0; i < req.alternatives.size(); ++i) {
    names += i + 1 == req.alternatives.size() ? " or " : ", ";
    names += lexicon.term(req.alternatives[i]).name;
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
                 result.requirements->term_years.size() + 2);
  size_t order = 0;
  auto add = [&](int tier, double weight, Suggestion s) {
    ranked.push_back({tier, weight, order++, std::move(s)});
  };
  const Requirements& reqs = *result.requirements;
  const bool from_ad = !reqs.source.starts_with("profile:");

  for (const TermOutcome& o : result.missing) {
    const TermRequirement& req = *o.requirement;
    Suggestion s = AboutRequirement(SuggestionKind::kAddTerm, req, lexicon);
    const std::string times = req.mentions > 1 ? std::to_string(req.mentions) : std::string();
    s.message = Concat(
        {"Add ", Names(lexicon, req), " (", NeedName(req.need), times.empty() ? "" : ", named ",
         times, times.empty() ? "" : " times", ")", from_ad ? ", in the ad's words: \"" : "",
         from_ad ? std::string_view(s.ad_wording) : std::string_view(), from_ad ? "\"" : "", "."});
    add(req.need == Need::kRequired ? 0 : 2, req.weight, std::move(s));
  }

  auto years_suggestion = [&](const YearsRequirement& req, double have, std::string_view what,
                              std::string_view what_name) {
    if (have >= req.years) return;
    Suggestion s;
    s.kind = SuggestionKind::kYears;
    s.term = req.term;
    s.need = req.need;
    s.ad_sentence = req.sentence;
    s.message = Concat({"The ad asks for ", Years(req.years), "+ years ", what, what_name,
                        "; the resume's dated roles show ", Years(std::round(have * 10) / 10),
                        ". Date every role, and name the skill in the roles that used it."});
    add(req.need == Need::kRequired ? 1 : 3, 0, std::move(s));
  };
  if (reqs.role_years) {
    const double have =
        result.resume.total_years > 0 ? result.resume.total_years : result.resume.claimed_years;
    years_suggestion(*reqs.role_years, have, "of experience", "");
  }
  for (const YearsRequirement& req : reqs.term_years) {
    if (!req.term || *req.term >= lexicon.size()) continue;
    double have = 0;
    for (const ResumeTerm& t : result.resume.terms) {
      if (t.term == *req.term) have = t.years;
    }
    years_suggestion(req, have, "of ", lexicon.term(*req.term).name);
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
    const TermRequirement& req = *o.requirement;
    if (o.evidence == Evidence::kImplied && o.matched_by) {
      Suggestion s = AboutRequirement(SuggestionKind::kNameImplied, req, lexicon);
      s.message = Concat({"Name ", s.ad_wording, " itself; the resume only implies it through ",
                          lexicon.term(*o.matched_by).name, "."});
      add(5, req.weight, std::move(s));
      continue;
    }
    if (from_ad && o.matched_by == req.term && !req.wording.empty() &&
        !ResumeUsesWording(resume_text, o.resume_spans, req.wording)) {
      Suggestion s = AboutRequirement(SuggestionKind::kUseAdWording, req, lexicon);
      s.message =
          Concat({"Write \"", req.wording, "\" as the ad does (the resume says \"",
                  o.resume_wording, "\"); a literal keyword filter misses other spellings."});
      add(4, req.weight, std::move(s));
    }
    if (o.evidence == Evidence::kSkillsOnly) {
      Suggestion s = AboutRequirement(SuggestionKind::kShowInExperience, req, lexicon);
      s.term = o.matched_by;  // the term shown, which may stand in for the one asked for
      s.message = Concat({lexicon.term(o.matched_by.value_or(req.term)).name,
                          " is only listed under skills; show it in a role or project."});
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
