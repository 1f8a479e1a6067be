// jobfit/lexicon.h: the terms jobfit recognises.
//
// A Lexicon is the validated content of one or more lexicon files (docs/LEXICON.md):
// entries with an id, a display name, a category, aliases, optional RE2 patterns and
// context rules, `implies` relations and provenance. It is immutable once made, cheap to
// copy (copies share one read-only body) and safe to use from many threads at once.
//
//   jobfit::Result<jobfit::Lexicon> builtin = jobfit::Lexicon::Builtin();
//   jobfit::Result<jobfit::Lexicon> mine = jobfit::Lexicon::Load("team_terms.json");
//   if (!builtin.ok() || !mine.ok()) ...
//   jobfit::Result<jobfit::Lexicon> both = builtin->LayeredWith(*mine);
//   // An entry of team_terms.json replaces the built-in entry with the same id.
//
// Patterns are checked when a Matcher is compiled from the lexicon (jobfit/matcher.h),
// which reports a bad pattern with RE2's message and the pattern's JSON position.
#ifndef JOBFIT_LEXICON_H_
#define JOBFIT_LEXICON_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobfit/export.h"
#include "jobfit/status.h"

namespace jobfit {

namespace internal {
struct LexiconImpl;
struct LexiconAccess;
}  // namespace internal

enum class Category {
  kLanguage,  // programming or query language
  kLibrary,   // library or framework
  kCloud,     // cloud provider or platform service
  kTool,      // developer, office or BI tool
  kMlops,     // serving, tracking, orchestration of ML
  kData,      // data processing and big-data systems
  kDatabase,
  kConcept,  // concept, method, algorithm, field
  kSoftSkill,
  kCertification,
  kEducation,  // degree or field of study
  kRole,       // job title
};
inline constexpr int kCategoryCount = 12;

// Returns the schema spelling, e.g. "soft-skill".
JOBFIT_EXPORT std::string_view CategoryName(Category category);
// Returns a heading for reports, e.g. "Soft skills".
JOBFIT_EXPORT std::string_view CategoryTitle(Category category);
// Parses the schema spelling; nullopt for an unknown name.
JOBFIT_EXPORT std::optional<Category> ParseCategory(std::string_view name);

// The public view of one entry.
struct Term {
  std::string id;
  std::string name;
  Category category = Category::kConcept;
  std::vector<std::string> aliases;                       // alias texts as written in the file
  std::vector<std::string> implies;                       // ids
  std::vector<std::string> sources;                       // guide file names, "extended", "onet"
  std::vector<std::pair<std::string, std::string>> refs;  // e.g. {"onet", "43232202"}
  bool essential = false;
  bool ambiguous = false;  // some alias is decided by context rules
  std::string origin;      // "file:line:column" of the entry
};

// One loaded file, as it contributes to a (possibly layered) lexicon.
struct LexiconLayer {
  std::string name;
  std::string version;
  std::string source;        // the path, or "<builtin:ml_engineer.json>"
  std::string content_hash;  // hash of the file's canonical JSON, "fnv1a64:<16 hex>"
  size_t entries = 0;
};

class JOBFIT_EXPORT Lexicon {
 public:
  // Returns the lexicons embedded in the library at build time, layered in file order.
  static Result<Lexicon> Builtin();
  // Reads and validates one lexicon file. Errors: kNotFound / kIoError for the file,
  // kParseError for JSON syntax, kInvalidLexicon for schema violations; each names the
  // file, line, column and entry id.
  static Result<Lexicon> Load(const std::string& path);
  // Validates lexicon JSON held in memory; source_name is used in error messages.
  static Result<Lexicon> FromJson(std::string_view json, std::string_view source_name);

  // Returns every problem of one lexicon file's JSON, in file order (Load and FromJson
  // stop at the first); empty when the file is valid on its own. Rules that need other
  // layers or RE2 (implies targets, patterns) are checked by LayeredWith and
  // Matcher::Compile.
  static std::vector<Status> Validate(std::string_view json, std::string_view source_name);
  // Reads the file at path and validates it as above; a file that cannot be read gives
  // one Status.
  static std::vector<Status> ValidateFile(const std::string& path);

  // Returns this lexicon with overlay's entries added; an overlay entry replaces one with
  // the same id. Fails when the result breaks a rule that spans entries (an alias claimed
  // by two entries, `implies` naming an unknown id or forming a cycle).
  Result<Lexicon> LayeredWith(const Lexicon& overlay) const;

  size_t size() const;
  // Precondition: index < size(). The reference lives as long as any copy of *this.
  const Term& term(size_t index) const;
  // Returns the index of the entry with this id.
  std::optional<size_t> Find(std::string_view id) const;

  const std::vector<LexiconLayer>& layers() const;
  // Hash of all layers' content, in order: identical for identical data, so a result
  // carrying it can be reproduced.
  const std::string& content_hash() const;

 private:
  friend struct internal::LexiconAccess;
  explicit Lexicon(std::shared_ptr<const internal::LexiconImpl> impl);
  std::shared_ptr<const internal::LexiconImpl> impl_;
};

}  // namespace jobfit

#endif  // JOBFIT_LEXICON_H_
