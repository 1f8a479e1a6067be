#include "score/scorer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <string>
#include <utility>

#include "base/number_format.h"
#include "score/term_index.h"
#include "score/text_util.h"

namespace jobfit {
namespace internal {

double CreditOf(Evidence evidence) {
  switch (evidence) {
    case Evidence::kExperience:
      return kCreditExperience;
    case Evidence::kMentioned:
      return kCreditMentioned;
    case Evidence::kSkillsOnly:
      return kCreditSkillsOnly;
    case Evidence::kImplied:
      return kCreditImplied;
    case Evidence::kNone:
      return 0;
  }
  return 0;
}

namespace {

Evidence EvidenceOf(const ResumeTerm& t) {
  if (t.spans.empty()) return t.implied_via ? Evidence::kImplied : Evidence::kNone;
  bool skills = false;
  bool mentioned = false;
  for (ResumeSection s : t.sections) {
    if (s == ResumeSection::kExperience || s == ResumeSection::kProjects) {
      return Evidence::kExperience;
    }
    if (s == ResumeSection::kSkills) {
      skills = true;
    } else {
      mentioned = true;
    }
  }
  return mentioned ? Evidence::kMentioned : skills ? Evidence::kSkillsOnly : Evidence::kNone;
}

std::string Fixed(double value, int decimals) { return base::FormatFixed(value, decimals); }

double Round1(double value) { return std::round(value * 10.0) / 10.0; }

bool MentionsRelatedField(std::string_view sentence) {
  const std::string folded = FoldForCues(sentence);
  for (std::string_view cue : {"related", "similar", "equivalent", "relevant", "quantitative"}) {
    if (folded.find(cue) != std::string::npos) return true;
  }
  return false;
}

}  // namespace
}  // namespace internal

std::string_view NeedName(Need need) { return need == Need::kRequired ? "required" : "preferred"; }

std::string_view DegreeLevelName(DegreeLevel level) {
  switch (level) {
    case DegreeLevel::kNone:
      return "none";
    case DegreeLevel::kAssociate:
      return "associate";
    case DegreeLevel::kBachelor:
      return "bachelor";
    case DegreeLevel::kMaster:
      return "master";
    case DegreeLevel::kDoctorate:
      return "doctorate";
  }
  return "none";
}

std::string_view EvidenceName(Evidence evidence) {
  switch (evidence) {
    case Evidence::kNone:
      return "none";
    case Evidence::kExperience:
      return "experience";
    case Evidence::kMentioned:
      return "mentioned";
    case Evidence::kSkillsOnly:
      return "skills-only";
    case Evidence::kImplied:
      return "implied";
  }
  return "none";
}

std::string_view SuggestionKindName(SuggestionKind kind) {
  switch (kind) {
    case SuggestionKind::kAddTerm:
      return "add-term";
    case SuggestionKind::kYears:
      return "years";
    case SuggestionKind::kDegree:
      return "degree";
    case SuggestionKind::kUseAdWording:
      return "use-ad-wording";
    case SuggestionKind::kNameImplied:
      return "name-implied";
    case SuggestionKind::kShowInExperience:
      return "show-in-experience";
  }
  return "add-term";
}

Result<CheckResult> CheckResume(const Matcher& matcher, std::string_view resume_text,
                                const Requirements& requirements, const CheckOptions& options) {
  return CheckResume(matcher, resume_text, std::make_shared<const Requirements>(requirements),
                     options);
}

Result<CheckResult> CheckResume(const Matcher& matcher, std::string_view resume_text,
                                std::shared_ptr<const Requirements> shared,
                                const CheckOptions& options) {
  using namespace internal;  // NOLINT: the score's constants
  if (shared == nullptr) return Status(StatusCode::kInvalidArgument, "no requirements given");
  const Requirements& requirements = *shared;
  const Lexicon& lexicon = matcher.lexicon();
  auto valid = [&](uint32_t t) { return t < lexicon.size(); };
  for (const TermRequirement& req : requirements.terms) {
    if (!valid(req.term) || !std::all_of(req.alternatives.begin(), req.alternatives.end(), valid)) {
      return Status(StatusCode::kInvalidArgument,
                    "requirements name a term outside the matcher's lexicon",
                    Location::InFile(requirements.source));
    }
  }
  Result<ResumeAnalysis> analysis = AnalyzeResume(matcher, resume_text, options);
  if (!analysis.ok()) return analysis.status();
  CheckResult result;
  result.resume = std::move(*analysis);
  result.requirements = std::move(shared);  // `requirements` stays valid: the result holds it
  const std::vector<ResumeTerm>& resume_terms = result.resume.terms;
  const internal::ResumeTermIndex resume_term_index(resume_terms);
  const auto found = [&](uint32_t term) { return resume_term_index.Find(term); };

  // Terms and certifications: each requirement takes the credit of its best alternative.
  std::vector<TermOutcome> outcomes;
  outcomes.reserve(requirements.terms.size());
  double term_weight = 0;
  double term_earned = 0;
  double cert_weight = 0;
  double cert_earned = 0;
  for (const TermRequirement& req : requirements.terms) {
    TermOutcome outcome;
    outcome.requirement = &req;
    for (size_t c = 0; c <= req.alternatives.size(); ++c) {
      const uint32_t candidate = c == 0 ? req.term : req.alternatives[c - 1];
      const ResumeTerm* named = found(candidate);
      if (named == nullptr) continue;
      const Evidence evidence = EvidenceOf(*named);
      if (CreditOf(evidence) <= outcome.credit) continue;
      outcome.evidence = evidence;
      outcome.credit = CreditOf(evidence);
      outcome.matched_by = evidence == Evidence::kImplied ? *named->implied_via : candidate;
      outcome.resume_spans = named->spans;
      outcome.years = named->years;
      outcome.last_used = named->last_used;
      outcome.resume_wording.clear();
      if (!named->spans.empty()) {
        const TextSpan& s = named->spans.front();
        outcome.resume_wording = OneLine(resume_text.substr(s.begin, s.end - s.begin));
      }
    }
    const bool cert = lexicon.term(req.term).category == Category::kCertification;
    (cert ? cert_weight : term_weight) += req.weight;
    (cert ? cert_earned : term_earned) += req.weight * outcome.credit;
    outcomes.push_back(std::move(outcome));
  }

  ScoreComponent terms{"terms", 0, 0, 0, ""};
  if (term_weight > 0) {
    terms.weight = kTermsPoints;
    // An ad that names few known terms cannot be covered fully by a couple of matches:
    // the denominator is at least kMinTermWeight.
    terms.earned = term_earned / std::max(term_weight, kMinTermWeight);
    terms.detail = Fixed(term_earned, 1) + " of " + Fixed(term_weight, 1) + " weighted terms";
  }

  ScoreComponent experience{"experience", 0, 0, 0, ""};
  {
    double sum = 0;
    int count = 0;
    std::string detail;
    if (requirements.role_years) {
      const double have =
          result.resume.total_years > 0 ? result.resume.total_years : result.resume.claimed_years;
      sum += std::min(1.0, have / std::max(requirements.role_years->years, 0.5));
      ++count;
      detail = Fixed(have, 1) + " of " + Fixed(requirements.role_years->years, 0) + " years";
    }
    for (const YearsRequirement& req : requirements.term_years) {
      if (!req.term || !valid(*req.term)) continue;
      const ResumeTerm* named = found(*req.term);
      const double have = named == nullptr ? 0 : named->years;
      sum += std::min(1.0, have / std::max(req.years, 0.5));
      ++count;
      if (!detail.empty()) detail += "; ";
      detail += lexicon.term(*req.term).name + " " + Fixed(have, 1) + " of " + Fixed(req.years, 0) +
                " years";
    }
    if (count > 0) {
      experience.weight = kExperiencePoints;
      experience.earned = sum / count;
      experience.detail = detail;
    }
  }

  ScoreComponent education{"education", 0, 0, 0, ""};
  if (requirements.degree) {
    const DegreeRequirement& degree = *requirements.degree;
    education.weight = degree.need == Need::kRequired ? kEducationPoints : kEducationPoints / 2;
    const bool level_met = result.resume.degree >= degree.level;
    double field = 1;
    if (!degree.fields.empty()) {
      field = 0;
      for (uint32_t f : degree.fields) {
        const ResumeTerm* named = found(f);
        if (named == nullptr || named->spans.empty()) continue;
        const auto& sections = named->sections;
        if (std::find(sections.begin(), sections.end(), ResumeSection::kEducation) !=
            sections.end()) {
          field = 1;
        }
      }
      if (field == 0 && result.resume.degree != DegreeLevel::kNone &&
          MentionsRelatedField(degree.sentence)) {
        field = 0.5;
      }
    }
    education.earned =
        degree.fields.empty() ? (level_met ? 1.0 : 0.0) : (level_met ? 0.6 : 0.0) + 0.4 * field;
    education.detail = std::string(DegreeLevelName(result.resume.degree)) + " for " +
                       std::string(DegreeLevelName(degree.level)) +
                       (degree.fields.empty() ? ""
                        : field == 1          ? ", field matches"
                        : field > 0           ? ", related field"
                                              : ", field not found");
  }

  ScoreComponent certifications{"certifications", 0, 0, 0, ""};
  if (cert_weight > 0) {
    certifications.weight = kCertificationPoints;
    certifications.earned = cert_earned / cert_weight;
    certifications.detail =
        Fixed(cert_earned, 1) + " of " + Fixed(cert_weight, 1) + " weighted certifications";
  }

  const double total_weight =
      terms.weight + experience.weight + education.weight + certifications.weight;
  double score = 0;
  for (ScoreComponent* c : {&terms, &experience, &education, &certifications}) {
    if (total_weight > 0) c->points = 100.0 * c->weight * c->earned / total_weight;
    score += c->points;
    result.components.push_back(*c);
  }
  result.score = Round1(std::clamp(score, 0.0, 100.0));

  // Each requirement's share of the points of its component, by category in Category
  // order.
  std::array<CategoryBreakdown, kCategoryCount> categories{};
  for (TermOutcome& outcome : outcomes) {
    const Category category = lexicon.term(outcome.requirement->term).category;
    const bool cert = category == Category::kCertification;
    const double component_points =
        total_weight > 0 ? 100.0 * (cert ? certifications.weight : terms.weight) / total_weight : 0;
    const double weight_sum = cert ? cert_weight : std::max(term_weight, kMinTermWeight);
    const double max_points =
        weight_sum > 0 ? component_points * outcome.requirement->weight / weight_sum : 0;
    outcome.points = max_points * outcome.credit;
    CategoryBreakdown& b = categories[static_cast<size_t>(category)];
    b.category = category;
    ++b.total;
    b.matched += outcome.credit > 0 ? 1 : 0;
    b.points += outcome.points;
    b.max_points += max_points;
  }
  for (const CategoryBreakdown& breakdown : categories) {
    if (breakdown.total > 0) result.categories.push_back(breakdown);
  }
  // Matched by points, ties in the ad's order; each outcome moved once (a resume's
  // outcomes, moved through vector growth and a merge sort, were a visible share of
  // scoring it).
  std::vector<uint32_t> order;
  order.reserve(outcomes.size());
  for (uint32_t k = 0; k < outcomes.size(); ++k) {
    if (outcomes[k].credit > 0) order.push_back(k);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return outcomes[a].points > outcomes[b].points; });
  result.matched.reserve(order.size());
  for (const uint32_t k : order) result.matched.push_back(std::move(outcomes[k]));
  result.missing.reserve(outcomes.size() - order.size());
  for (TermOutcome& outcome : outcomes) {
    if (!(outcome.credit > 0)) result.missing.push_back(std::move(outcome));
  }
  if (options.suggestions) result.suggestions = BuildSuggestions(lexicon, resume_text, result);

  if (options.explain) {
    for (const ScoreComponent& c : result.components) {
      if (c.weight == 0) {
        result.explanation.push_back(c.name + ": not asked for, left out of the score");
        continue;
      }
      result.explanation.push_back(c.name + ": " + Fixed(c.points, 1) + " of " +
                                   Fixed(100.0 * c.weight / total_weight, 1) + " points (" +
                                   c.detail + ")");
    }
    for (const TermOutcome& o : result.matched) {
      const Term& term = lexicon.term(o.requirement->term);
      std::string line = "+" + Fixed(o.points, 2) + " " + term.name + " (" +
                         std::string(NeedName(o.requirement->need)) + ", weight " +
                         Fixed(o.requirement->weight, 2) + " x credit " + Fixed(o.credit, 2) +
                         ": " + std::string(EvidenceName(o.evidence));
      if (o.matched_by && *o.matched_by != o.requirement->term) {
        line += (o.evidence == Evidence::kImplied ? " via " : " as ") +
                lexicon.term(*o.matched_by).name;
      }
      if (!o.resume_wording.empty()) line += ", \"" + o.resume_wording + "\"";
      result.explanation.push_back(line + ")");
    }
    for (const TermOutcome& o : result.missing) {
      result.explanation.push_back("+0.00 " + lexicon.term(o.requirement->term).name + " (" +
                                   std::string(NeedName(o.requirement->need)) + ", weight " +
                                   Fixed(o.requirement->weight, 2) + ": not found)");
    }
  }
  return result;
}

}  // namespace jobfit
