// The full, validated content of a lexicon, as the matcher compiles it. Public callers see
// only jobfit::Term; the matcher reaches this through LexiconAccess.
#ifndef JOBFIT_LEXICON_LEXICON_IMPL_H_
#define JOBFIT_LEXICON_LEXICON_IMPL_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jobfit/lexicon.h"

namespace jobfit::internal {

enum class CasePolicy { kIgnore, kExact };

struct AliasSpec {
  std::string text;
  CasePolicy case_policy = CasePolicy::kIgnore;
  bool ambiguous = false;
  bool plural = false;
  Location where;  // of the alias in its file
};

struct PatternSpec {
  std::string regex;
  // For context patterns, which are bare strings in the file, kExact: the regex is used as
  // written, and "(?i)" inside it asks for case-insensitivity.
  CasePolicy case_policy = CasePolicy::kIgnore;
  Location where;  // of the regex string in its file
};

struct ContextRules {
  bool default_accept = false;
  int window = 5;
  std::vector<std::string> positive;  // words, ASCII letters lower-cased
  std::vector<std::string> negative;
  std::vector<PatternSpec> positive_patterns;
  std::vector<PatternSpec> negative_patterns;
  bool skills_list = true;
  bool tech_neighbors = true;
};

struct EntrySpec {
  Term term;  // public view; term.aliases mirrors aliases[i].text
  std::vector<AliasSpec> aliases;
  std::vector<PatternSpec> patterns;
  ContextRules context;
  bool has_context = false;
  Location where;                       // of the entry object
  std::vector<Location> implies_where;  // parallel to term.implies, for resolution errors
};

// Lets the id index be searched with a string_view: Lexicon::Find runs for every
// `implies` edge of every term a resume names, and a std::string per lookup showed.
struct IdHash {
  using is_transparent = void;
  size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
};

struct LexiconImpl {
  std::vector<EntrySpec> entries;
  std::unordered_map<std::string, size_t, IdHash, std::equal_to<>> index_by_id;
  std::vector<LexiconLayer> layers;
  std::string content_hash;
};

struct LexiconAccess {
  static const LexiconImpl& Impl(const Lexicon& lexicon) { return *lexicon.impl_; }
  static Lexicon Make(std::shared_ptr<const LexiconImpl> impl) { return Lexicon(std::move(impl)); }
};

}  // namespace jobfit::internal

#endif  // JOBFIT_LEXICON_LEXICON_IMPL_H_
