// jobfit/score.h: how well a resume covers a job ad or a role profile, and what to add.
//
// Three steps, each a plain function or small type:
//   1. what is asked for: AnalyzeJobAd() reads a job ad into Requirements (terms marked
//      required or preferred with a weight, alternatives such as "PyTorch or TensorFlow",
//      years of experience, a degree); a RoleProfile (data in lexicons/profiles/) gives
//      Requirements without an ad;
//   2. what the resume shows: AnalyzeResume() finds its sections, dated roles (merged
//      into a timeline), terms with where they appear, years used and when last used;
//   3. CheckResume() scores one against the other (0-100, docs/SCORING.md) and lists
//      matched and missing terms and ranked suggestions.
//
//   jobfit::Result<jobfit::Lexicon> lexicon = jobfit::Lexicon::Builtin();
//   jobfit::Result<jobfit::Matcher> matcher = jobfit::Matcher::Compile(*lexicon);
//   jobfit::Result<jobfit::Requirements> ad = jobfit::AnalyzeJobAd(*matcher, ad_text, "ad.txt");
//   jobfit::Result<jobfit::CheckResult> check =
//       jobfit::CheckResume(*matcher, resume_text, *ad, {});
//   if (!check.ok()) { std::cerr << check.status().ToString(); return; }
//   // check->score is 0..100; check->suggestions come ranked, most useful first.
//
// Everything here is deterministic: the same inputs (and the same CheckOptions::as_of)
// give the same result, whatever the resume's line endings, spacing or the letter case of
// words the lexicon matches case-insensitively. All results are plain values that own
// their data; term ids are indexes into the Matcher's lexicon and spans are byte ranges of
// the texts as passed in. The functions are safe to call from many threads at once with
// the same Matcher. No function throws.
#ifndef JOBFIT_SCORE_H_
#define JOBFIT_SCORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobfit/export.h"
#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"
#include "jobfit/status.h"

namespace jobfit {

namespace internal {
struct RoleProfileImpl;
}  // namespace internal

// How strongly a term is asked for.
enum class Need {
  kRequired,   // requirement sections, the title, "must have"
  kPreferred,  // nice-to-have sections, "is a plus", and duties (responsibilities)
};
// Returns "required" or "preferred".
JOBFIT_EXPORT std::string_view NeedName(Need need);

enum class DegreeLevel { kNone = 0, kAssociate, kBachelor, kMaster, kDoctorate };
// Returns "none", "associate", "bachelor", "master" or "doctorate".
JOBFIT_EXPORT std::string_view DegreeLevelName(DegreeLevel level);

// A byte range [begin, end) of an analysed text.
struct TextSpan {
  uint64_t begin = 0;
  uint64_t end = 0;
};

// One thing the ad (or profile) asks for: a term, or a set of alternatives of which any
// one satisfies it ("PyTorch or TensorFlow").
struct TermRequirement {
  uint32_t term = 0;                   // the first-named alternative
  std::vector<uint32_t> alternatives;  // the others, in the ad's order; usually empty
  Need need = Need::kPreferred;
  double weight = 0;            // share of the term points, before normalisation
  uint32_t mentions = 0;        // counted mentions in the ad (0 for a profile)
  std::vector<TextSpan> spans;  // where the ad names it, in text order
  std::string sentence;         // the ad's sentence that asks for it most strongly, one line
  std::string wording;          // the ad's own spelling of the term ("scikit-learn")
};

// "3+ years of Python" (term set) or "5-7 years of experience" (role level).
struct YearsRequirement {
  double years = 0;              // the lower bound of a range
  std::optional<uint32_t> term;  // tied to this term, or to the role when empty
  Need need = Need::kRequired;
  std::string sentence;
};

// "Bachelor's degree in Computer Science, Statistics or a related field".
struct DegreeRequirement {
  DegreeLevel level = DegreeLevel::kNone;  // the lowest level that satisfies it
  std::vector<uint32_t> fields;            // education terms; any one satisfies
  Need need = Need::kRequired;
  std::string sentence;
};

// What a job ad or a role profile asks for.
struct Requirements {
  std::string source;                  // the ad's path, or "profile:<name>"
  std::string title;                   // the job title (the ad's first line) or the profile's title
  std::vector<TermRequirement> terms;  // most important first
  std::optional<YearsRequirement> role_years;  // the role's main years requirement
  std::vector<YearsRequirement> term_years;    // per-term years requirements
  std::optional<DegreeRequirement> degree;
  std::vector<uint32_t> ignored;  // terms named only where they do not count, or negated
};

// Returns what the job ad asks for (docs/SCORING.md, "Reading a job ad"). `source` is
// used in Requirements::source. Errors: kInvalidArgument for text over 4 GiB.
JOBFIT_EXPORT Result<Requirements> AnalyzeJobAd(const Matcher& matcher, std::string_view text,
                                                std::string source);

// A named set of weighted terms standing in for a job ad: data in the "jobfit.profile/1"
// format (docs/SCORING.md). Immutable, cheap to copy, safe to share between threads.
class JOBFIT_EXPORT RoleProfile {
 public:
  // Returns the profile embedded at build time (lexicons/profiles/<name>.json).
  // Errors: kNotFound naming the known profiles.
  static Result<RoleProfile> Builtin(std::string_view name);
  // Reads a profile file. Errors: kNotFound / kIoError, kParseError with line and column,
  // kInvalidArgument for schema violations; each names the file.
  static Result<RoleProfile> Load(const std::string& path);
  // Parses profile JSON held in memory; source_name is used in error messages.
  static Result<RoleProfile> FromJson(std::string_view json, std::string_view source_name);
  // Returns the names of the built-in profiles, sorted.
  static std::vector<std::string> BuiltinNames();

  const std::string& name() const;
  const std::string& title() const;
  const std::string& description() const;
  size_t term_count() const;

  // Returns the profile as Requirements over the matcher's lexicon. Errors:
  // kInvalidArgument when the profile names a term id the lexicon lacks.
  Result<Requirements> ToRequirements(const Lexicon& lexicon) const;

 private:
  explicit RoleProfile(std::shared_ptr<const internal::RoleProfileImpl> impl);
  std::shared_ptr<const internal::RoleProfileImpl> impl_;
};

enum class ResumeSection {
  kHeader,  // before the first heading: name, contact line
  kSummary,
  kSkills,
  kExperience,
  kProjects,
  kEducation,
  kCertifications,
  kOther,  // publications, interests, languages ...
};
// Returns the lower-case name, e.g. "experience".
JOBFIT_EXPORT std::string_view ResumeSectionName(ResumeSection section);

// A month as year * 12 + (month - 1), so differences are month counts.
using MonthIndex = int32_t;

// One dated role (or project) of the resume.
struct ResumeRole {
  TextSpan span;        // the role's lines, heading to last bullet
  std::string heading;  // the role's first line, trimmed
  MonthIndex begin = 0;
  MonthIndex end = 0;  // inclusive; CheckOptions::as_of for "Present"
  bool present = false;
};

// A term found in the resume.
struct ResumeTerm {
  uint32_t term = 0;
  std::vector<TextSpan> spans;          // empty for a term only implied
  std::vector<ResumeSection> sections;  // sections it appears in, sorted, unique
  std::optional<uint32_t> implied_via;  // set when only implied by another term
  double years = 0;                     // months of dated roles naming it / 12, merged
  std::optional<MonthIndex> last_used;  // end of the latest dated role naming it
};

struct ResumeAnalysis {
  std::vector<ResumeRole> roles;            // in text order
  double total_years = 0;                   // the merged timeline, overlaps counted once
  double claimed_years = 0;                 // "six years of experience" in the text, if any
  DegreeLevel degree = DegreeLevel::kNone;  // the highest degree named
  std::vector<ResumeTerm> terms;            // in lexicon order
};

struct CheckOptions {
  // The month "Present" means and years are counted to; 0 takes today's date (UTC).
  // Tests and golden files fix it so results do not change with the calendar.
  MonthIndex as_of = 0;
  bool explain = false;  // fill CheckResult::explanation with every point's origin
  // Fill CheckResult::suggestions. A caller that shows only scores and terms (a ranked
  // table) can leave them out: writing them is a tenth of scoring a resume.
  bool suggestions = true;
};

// Returns the resume's structure and terms. Errors: kInvalidArgument for text over 4 GiB.
JOBFIT_EXPORT Result<ResumeAnalysis> AnalyzeResume(const Matcher& matcher, std::string_view text,
                                                   const CheckOptions& options);

// How a requirement was met.
enum class Evidence {
  kNone,        // missing
  kExperience,  // named in experience or projects: shown in use
  kMentioned,   // named in the summary, education, certifications or elsewhere
  kSkillsOnly,  // named only in the skills list
  kImplied,     // evidenced only through another term's `implies`
};
// Returns "none", "experience", "mentioned", "skills-only" or "implied".
JOBFIT_EXPORT std::string_view EvidenceName(Evidence evidence);

struct TermOutcome {
  // The requirement, one of CheckResult::requirements' terms: valid while a CheckResult
  // holding those requirements lives.
  const TermRequirement* requirement = nullptr;
  Evidence evidence = Evidence::kNone;
  std::optional<uint32_t> matched_by;  // the term that met it (an alternative, or the
                                       // term itself); the implying term for kImplied
  double credit = 0;                   // 0..1 (docs/SCORING.md)
  double points = 0;                   // contribution to the 0..100 score
  std::vector<TextSpan> resume_spans;  // the resume's mentions of matched_by
  std::string resume_wording;          // the resume's first spelling
  double years = 0;                    // from the timeline
  std::optional<MonthIndex> last_used;
};

struct ScoreComponent {
  std::string name;    // "terms", "experience", "education"
  double weight = 0;   // nominal points (docs/SCORING.md); 0 when not applicable
  double earned = 0;   // 0..1 of this component
  double points = 0;   // contribution to the 0..100 score
  std::string detail;  // one line, e.g. "6.8 of 3 years"
};

struct CategoryBreakdown {
  Category category = Category::kConcept;
  uint32_t matched = 0;  // requirements met (fully or in part)
  uint32_t total = 0;
  double points = 0;      // earned points
  double max_points = 0;  // points available
};

enum class SuggestionKind {
  kAddTerm,           // a required or preferred term the resume lacks
  kYears,             // a years-of-experience requirement not met
  kDegree,            // a degree requirement not met
  kUseAdWording,      // matched through another alias than the ad uses
  kNameImplied,       // evidenced only through another term
  kShowInExperience,  // listed under skills, never shown in a role or project
};
// Returns "add-term", "years", "degree", "use-ad-wording", "name-implied" or
// "show-in-experience".
JOBFIT_EXPORT std::string_view SuggestionKindName(SuggestionKind kind);

struct Suggestion {
  SuggestionKind kind = SuggestionKind::kAddTerm;
  std::optional<uint32_t> term;
  Need need = Need::kPreferred;
  std::string message;      // one sentence for people
  std::string ad_sentence;  // the ad's sentence asking for it (empty for a profile)
  std::string ad_wording;   // the ad's spelling to use
};

struct CheckResult {
  double score = 0;  // 0..100, rounded to one decimal
  std::vector<ScoreComponent> components;
  std::vector<CategoryBreakdown> categories;  // in Category order, only those asked for
  std::vector<TermOutcome> matched;           // met in full or in part, by points
  std::vector<TermOutcome> missing;           // by importance
  std::vector<Suggestion> suggestions;        // ranked, most useful first
  ResumeAnalysis resume;
  // What the resume was scored against, shared by the results scored against the same
  // requirements: a batch's results do not each hold a copy of the ad.
  std::shared_ptr<const Requirements> requirements;
  std::vector<std::string> explanation;  // with CheckOptions::explain: one line per item
};

// Scores the resume against the requirements (docs/SCORING.md). Errors: kInvalidArgument
// for text over 4 GiB, or requirements naming term indexes outside the matcher's lexicon.
JOBFIT_EXPORT Result<CheckResult> CheckResume(const Matcher& matcher, std::string_view resume_text,
                                              const Requirements& requirements,
                                              const CheckOptions& options);
// The same for requirements that many resumes are scored against: each result shares
// them instead of copying them (every term's sentence, wording and spans).
JOBFIT_EXPORT Result<CheckResult> CheckResume(const Matcher& matcher, std::string_view resume_text,
                                              std::shared_ptr<const Requirements> requirements,
                                              const CheckOptions& options);

// Returns the month index for a calendar year and month (1-12).
inline MonthIndex MakeMonth(int year, int month) { return year * 12 + (month - 1); }

}  // namespace jobfit

#endif  // JOBFIT_SCORE_H_
