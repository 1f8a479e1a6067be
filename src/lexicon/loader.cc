#include "lexicon/loader.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "jobfit/lexicon.h"

#include "lexicon/json_positions.h"

namespace jobfit::internal {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kSchema = "jobfit.lexicon/1";
constexpr std::string_view kIdRule = "^[a-z0-9]+(-[a-z0-9]+)*$";
constexpr int kMinWindow = 1;
constexpr int kMaxWindow = 50;
constexpr int kDefaultWindow = 5;
// Long values are cut in messages so one bad 10 KB string does not flood the terminal.
constexpr size_t kMaxQuotedBytes = 60;

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool IsValidId(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    if (id[i] == '-') {
      if (id[i + 1] == '-') return false;  // i + 1 < size: the last char is not '-'
    } else if (!IsLowerAlnum(id[i])) {
      return false;
    }
  }
  return true;
}

bool IsValidName(std::string_view name) {
  return !name.empty() &&
         std::all_of(name.begin(), name.end(), [](char c) { return IsLowerAlnum(c) || c == '-'; });
}

// Matches ^\d{3}_[0-9a-f]{16}\.txt$, the names of the files in ../shared/guides.
bool IsGuideFileName(std::string_view s) {
  if (s.size() != 24 || s[3] != '_' || s.substr(20) != ".txt") return false;
  for (size_t i = 0; i < 3; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  for (size_t i = 4; i < 20; ++i) {
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
  }
  return true;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Returns s as nlohmann's dump() writes a JSON string. Entry prefixes are quoted for every
// entry of a lexicon, error or not, and nearly every id and word is printable ASCII
// without a quote or backslash, which dump() leaves as it is.
std::string DumpString(std::string_view s) {
  const bool plain = std::all_of(
      s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
  if (!plain) return Json(std::string(s)).dump();
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

// Quotes a string as JSON would, cut at kMaxQuotedBytes on a character boundary.
std::string Quote(std::string_view s) {
  if (s.size() > kMaxQuotedBytes) {
    size_t cut = kMaxQuotedBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return DumpString(s.substr(0, cut)) + "...";
  }
  return DumpString(s);
}

// Describes a value for "got ..." in messages: scalars as written, containers by kind.
std::string Describe(const Json& v) {
  if (v.is_string()) return Quote(v.get_ref<const std::string&>());
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  return v.dump();
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Builds a Location field by field: designated initializers that skip members trip
// -Wmissing-field-initializers.
Location MakeLocation(const std::string& file, uint32_t line = 0, uint32_t column = 0) {
  Location where;
  where.file = file;
  where.line = line;
  where.column = column;
  return where;
}

// One allocation (the numbers fit in short strings): every entry of a lexicon gets its
// origin, and the temporaries of three concatenations each took one.
std::string FormatOrigin(const Location& where) {
  const std::string line = std::to_string(where.line);
  const std::string column = std::to_string(where.column);
  std::string out;
  out.reserve(where.file.size() + line.size() + column.size() + 2);
  out.append(where.file).append(1, ':').append(line).append(1, ':').append(column);
  return out;
}

// Walks the parsed JSON next to the positions scanned from the text, collecting every
// schema violation with the location of the value (or key) at fault.
class Validator {
 public:
  Validator(std::string_view source, const JsonPositions& positions, const LineIndex& lines)
      : source_(source), positions_(positions), lines_(lines) {}

  void Run(const Json& root, LexiconImpl* out);
  std::vector<Status>& errors() { return errors_; }

 private:
  Location At(size_t offset) const {
    const LineIndex::LineColumn lc = lines_.At(offset);
    return MakeLocation(source_, lc.line, lc.column);
  }
  // Every value nlohmann parsed has its position recorded, so lookups succeed; the
  // fallback to the start of the file only guards against a hash collision.
  Location ValueAt(const JsonPath& pointer) const {
    return At(positions_.Value(pointer).value_or(0));
  }
  Location KeyAt(const JsonPath& pointer) const {
    const std::optional<size_t> key = positions_.Key(pointer);
    return key ? At(*key) : ValueAt(pointer);
  }

  void Error(const std::string& prefix, const std::string& what, Location where) {
    errors_.emplace_back(StatusCode::kInvalidLexicon, prefix + what, std::move(where));
  }

  void CheckFields(const Json& object, const JsonPath& pointer,
                   std::initializer_list<std::string_view> known, const std::string& prefix);
  const std::string* String(const Json& object, const JsonPath& pointer, std::string_view key,
                            bool required, bool allow_blank, const std::string& prefix);
  std::optional<bool> Bool(const Json& object, const JsonPath& pointer, std::string_view key,
                           const std::string& prefix);
  std::optional<CasePolicy> Case(const Json& object, const JsonPath& pointer,
                                 const std::string& prefix);

  bool Entry(const Json& entry, size_t index, const JsonPath& pointer, EntrySpec* spec);
  void Aliases(const Json& value, const JsonPath& pointer, bool plural_default,
               const std::string& prefix, EntrySpec* spec,
               std::vector<std::pair<size_t, JsonPath>>* ambiguous_aliases);
  void Patterns(const Json& value, const JsonPath& pointer, const std::string& prefix,
                EntrySpec* spec);
  void Context(const Json& value, const JsonPath& pointer, const std::string& prefix,
               EntrySpec* spec);
  void WordList(const Json& ctx, const JsonPath& pointer, std::string_view key,
                const std::string& prefix, std::vector<std::string>* words);
  void PatternList(const Json& ctx, const JsonPath& pointer, std::string_view key,
                   const std::string& prefix, std::vector<PatternSpec>* patterns);
  void Implies(const Json& value, const JsonPath& pointer, const std::string& prefix,
               EntrySpec* spec);
  void Sources(const Json& value, const JsonPath& pointer, const std::string& prefix,
               EntrySpec* spec);
  void Refs(const Json& value, const JsonPath& pointer, const std::string& prefix, EntrySpec* spec);

  std::string source_;
  const JsonPositions& positions_;
  const LineIndex& lines_;
  std::vector<Status> errors_;
};

// Reports members not in `known`; a typo must not pass silently as an ignored field.
void Validator::CheckFields(const Json& object, const JsonPath& pointer,
                            std::initializer_list<std::string_view> known,
                            const std::string& prefix) {
  // The map itself, not items(): its proxy costs more per member than the check.
  for (const auto& [key, value] : object.get_ref<const Json::object_t&>()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string what = "unknown field " + Quote(key);
    std::string_view best;
    size_t best_distance = 3;  // suggest only close matches
    for (std::string_view candidate : known) {
      const size_t d = EditDistance(key, candidate);
      if (d < best_distance) {
        best_distance = d;
        best = candidate;
      }
    }
    if (!best.empty()) what += " (did you mean " + Quote(best) + "?)";
    Error(prefix, what, KeyAt(pointer.Member(key)));
  }
}

const std::string* Validator::String(const Json& object, const JsonPath& pointer,
                                     std::string_view key, bool required, bool allow_blank,
                                     const std::string& prefix) {
  const auto it = object.find(key);
  if (it == object.end()) {
    if (required) Error(prefix, "missing required field " + Quote(key), ValueAt(pointer));
    return nullptr;
  }
  const JsonPath at = pointer.Member(key);
  if (!it->is_string()) {
    Error(prefix, Quote(key) + " must be a string, got " + Describe(*it), ValueAt(at));
    return nullptr;
  }
  const std::string& s = it->get_ref<const std::string&>();
  if (!allow_blank && IsBlank(s)) {
    Error(prefix, Quote(key) + " must not be empty", ValueAt(at));
    return nullptr;
  }
  return &s;
}

std::optional<bool> Validator::Bool(const Json& object, const JsonPath& pointer,
                                    std::string_view key, const std::string& prefix) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_boolean()) {
    Error(prefix, Quote(key) + " must be true or false, got " + Describe(*it),
          ValueAt(pointer.Member(key)));
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<CasePolicy> Validator::Case(const Json& object, const JsonPath& pointer,
                                          const std::string& prefix) {
  const auto it = object.find("case");
  if (it == object.end()) return CasePolicy::kIgnore;
  if (it->is_string()) {
    const std::string& s = it->get_ref<const std::string&>();
    if (s == "ignore") return CasePolicy::kIgnore;
    if (s == "exact") return CasePolicy::kExact;
  }
  Error(prefix, "\"case\" must be \"exact\" or \"ignore\", got " + Describe(*it),
        ValueAt(pointer.Member("case")));
  return std::nullopt;
}

void Validator::Run(const Json& root, LexiconImpl* out) {
  const JsonPath root_pointer;
  const std::string none;
  if (!root.is_object()) {
    Error(none, "the top level must be a JSON object, got " + Describe(root),
          ValueAt(root_pointer));
    return;
  }
  // A file for another schema version is refused before anything else is judged: its
  // other fields may mean something this version does not understand.
  const std::string* schema = String(root, root_pointer, "schema", true, true, none);
  if (schema == nullptr) return;
  if (*schema != kSchema) {
    Error(none,
          "\"schema\" must be " + Quote(kSchema) + ", got " + Quote(*schema) +
              " (a lexicon for another version of jobfit)",
          ValueAt(root_pointer.Member("schema")));
    return;
  }
  CheckFields(root, root_pointer,
              {"schema", "name", "version", "description", "attribution", "entries"}, none);
  if (const std::string* name = String(root, root_pointer, "name", true, true, none)) {
    if (!IsValidName(*name)) {
      Error(none, "\"name\" must match [a-z0-9-]+, got " + Quote(*name),
            ValueAt(root_pointer.Member("name")));
    } else {
      out->layers[0].name = *name;
    }
  }
  if (const std::string* version = String(root, root_pointer, "version", true, false, none)) {
    out->layers[0].version = *version;
  }
  String(root, root_pointer, "description", false, true, none);
  String(root, root_pointer, "attribution", false, true, none);

  const auto entries = root.find("entries");
  if (entries == root.end()) {
    Error(none, "missing required field \"entries\"", ValueAt(root_pointer));
    return;
  }
  const JsonPath entries_pointer = root_pointer.Member("entries");
  if (!entries->is_array()) {
    Error(none, "\"entries\" must be an array, got " + Describe(*entries),
          ValueAt(entries_pointer));
    return;
  }
  // Sized once: an entry is a large value, and moving 30,000 of them as the vector grew
  // was a twentieth of loading such a lexicon; a second map of the ids, each with its
  // place in the file, was another.
  out->entries.reserve(entries->size());
  out->index_by_id.reserve(entries->size());
  std::vector<size_t> item_of_entry;  // the place in "entries" of each entry kept
  item_of_entry.reserve(entries->size());
  for (size_t i = 0; i < entries->size(); ++i) {
    EntrySpec spec;
    const JsonPath pointer = entries_pointer.Item(i);
    if (!Entry((*entries)[i], i, pointer, &spec)) continue;
    const auto [it, added] = out->index_by_id.emplace(spec.term.id, out->entries.size());
    if (!added) {
      // Located only now: where each id stands is needed for this message alone.
      const Location first = ValueAt(entries_pointer.Item(item_of_entry[it->second]).Member("id"));
      Error("entry " + Quote(spec.term.id) + ": ",
            "duplicate id, first used at " + std::to_string(first.line) + ":" +
                std::to_string(first.column),
            ValueAt(pointer.Member("id")));
      continue;
    }
    item_of_entry.push_back(i);
    out->entries.push_back(std::move(spec));
  }
}

// Returns false when the entry is unusable (errors were recorded).
bool Validator::Entry(const Json& entry, size_t index, const JsonPath& pointer, EntrySpec* spec) {
  const size_t errors_before = errors_.size();
  if (!entry.is_object()) {
    Error("entry " + std::to_string(index + 1) + ": ", "must be an object, got " + Describe(entry),
          ValueAt(pointer));
    return false;
  }
  spec->where = ValueAt(pointer);
  spec->term.origin = FormatOrigin(spec->where);
  // The id names the entry in every later message, so it is settled first; an entry
  // without a valid one is named by its place.
  const auto id = entry.find("id");
  if (id != entry.end() && id->is_string() && IsValidId(id->get_ref<const std::string&>())) {
    spec->term.id = id->get<std::string>();
  }
  const std::string prefix = spec->term.id.empty() ? "entry " + std::to_string(index + 1) + ": "
                                                   : "entry " + Quote(spec->term.id) + ": ";
  CheckFields(entry, pointer,
              {"id", "name", "category", "aliases", "patterns", "context", "implies", "sources",
               "refs", "essential"},
              prefix);
  if (spec->term.id.empty()) {
    if (const std::string* s = String(entry, pointer, "id", true, true, prefix)) {
      Error(prefix, "\"id\" must match " + std::string(kIdRule) + ", got " + Quote(*s),
            ValueAt(pointer.Member("id")));
    }
  }
  if (const std::string* name = String(entry, pointer, "name", true, false, prefix)) {
    spec->term.name = *name;
  }
  bool plural_default = false;
  if (const std::string* category = String(entry, pointer, "category", true, true, prefix)) {
    if (const std::optional<Category> c = ParseCategory(*category)) {
      spec->term.category = *c;
      plural_default = *c == Category::kConcept || *c == Category::kRole;
    } else {
      std::string known;
      for (int k = 0; k < kCategoryCount; ++k) {
        if (k > 0) known += ", ";
        known += CategoryName(static_cast<Category>(k));
      }
      Error(prefix, "unknown category " + Quote(*category) + "; expected one of " + known,
            ValueAt(pointer.Member("category")));
    }
  }

  std::vector<std::pair<size_t, JsonPath>> ambiguous_aliases;  // index, pointer
  const auto aliases = entry.find("aliases");
  if (aliases == entry.end()) {
    Error(prefix, "missing required field \"aliases\"", spec->where);
  } else {
    Aliases(*aliases, pointer.Member("aliases"), plural_default, prefix, spec, &ambiguous_aliases);
  }
  const auto patterns = entry.find("patterns");
  if (patterns != entry.end()) Patterns(*patterns, pointer.Member("patterns"), prefix, spec);
  if (aliases != entry.end() && aliases->is_array() && aliases->empty() &&
      (patterns == entry.end() || (patterns->is_array() && patterns->empty()))) {
    Error(prefix, "needs at least one alias or pattern", ValueAt(pointer.Member("aliases")));
  }

  const auto context = entry.find("context");
  if (context != entry.end()) {
    Context(*context, pointer.Member("context"), prefix, spec);
  } else {
    for (const auto& [alias_index, at] : ambiguous_aliases) {
      Error(prefix,
            "alias " + std::to_string(alias_index + 1) +
                ": \"ambiguous\" requires the entry to have a \"context\"",
            ValueAt(at));
    }
  }

  const auto implies = entry.find("implies");
  if (implies != entry.end()) Implies(*implies, pointer.Member("implies"), prefix, spec);
  const auto sources = entry.find("sources");
  if (sources == entry.end()) {
    Error(prefix, "missing required field \"sources\"", spec->where);
  } else {
    Sources(*sources, pointer.Member("sources"), prefix, spec);
  }
  const auto refs = entry.find("refs");
  if (refs != entry.end()) Refs(*refs, pointer.Member("refs"), prefix, spec);
  if (const std::optional<bool> essential = Bool(entry, pointer, "essential", prefix)) {
    spec->term.essential = *essential;
  }
  return errors_.size() == errors_before;
}

void Validator::Aliases(const Json& value, const JsonPath& pointer, bool plural_default,
                        const std::string& prefix, EntrySpec* spec,
                        std::vector<std::pair<size_t, JsonPath>>* ambiguous_aliases) {
  if (!value.is_array()) {
    Error(prefix, "\"aliases\" must be an array, got " + Describe(value), ValueAt(pointer));
    return;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const Json& a = value[i];
    const JsonPath at = pointer.Item(i);
    // Built only where a message may need it: most aliases are plain strings.
    const auto prefix_of_alias = [&] { return prefix + "alias " + std::to_string(i + 1) + ": "; };
    AliasSpec alias;
    alias.plural = plural_default;
    alias.where = ValueAt(at);
    if (a.is_string()) {
      alias.text = a.get<std::string>();
      if (IsBlank(alias.text)) {
        Error(prefix_of_alias(), "must not be empty", alias.where);
        continue;
      }
    } else if (a.is_object()) {
      const std::string alias_prefix = prefix_of_alias();
      CheckFields(a, at, {"text", "case", "ambiguous", "plural"}, alias_prefix);
      const std::string* text = String(a, at, "text", true, false, alias_prefix);
      if (text != nullptr) {
        alias.text = *text;
        alias.where = ValueAt(at.Member("text"));
      }
      if (const std::optional<CasePolicy> c = Case(a, at, alias_prefix)) alias.case_policy = *c;
      if (const std::optional<bool> b = Bool(a, at, "ambiguous", alias_prefix)) {
        alias.ambiguous = *b;
        if (*b) ambiguous_aliases->emplace_back(i, at.Member("ambiguous"));
      }
      if (const std::optional<bool> b = Bool(a, at, "plural", alias_prefix)) alias.plural = *b;
      if (text == nullptr) continue;
    } else {
      Error(prefix_of_alias(), "must be a string or an object, got " + Describe(a), alias.where);
      continue;
    }
    spec->term.aliases.push_back(alias.text);
    spec->term.ambiguous = spec->term.ambiguous || alias.ambiguous;
    spec->aliases.push_back(std::move(alias));
  }
}

void Validator::Patterns(const Json& value, const JsonPath& pointer, const std::string& prefix,
                         EntrySpec* spec) {
  if (!value.is_array()) {
    Error(prefix, "\"patterns\" must be an array, got " + Describe(value), ValueAt(pointer));
    return;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const Json& p = value[i];
    const JsonPath at = pointer.Item(i);
    const std::string pattern_prefix = prefix + "pattern " + std::to_string(i + 1) + ": ";
    if (!p.is_object()) {
      Error(pattern_prefix, "must be an object with \"regex\", got " + Describe(p), ValueAt(at));
      continue;
    }
    CheckFields(p, at, {"regex", "case"}, pattern_prefix);
    PatternSpec pattern;
    const std::string* regex = String(p, at, "regex", true, false, pattern_prefix);
    if (const std::optional<CasePolicy> c = Case(p, at, pattern_prefix)) {
      pattern.case_policy = *c;
    }
    if (regex == nullptr) continue;
    pattern.regex = *regex;
    pattern.where = ValueAt(at.Member("regex"));
    spec->patterns.push_back(std::move(pattern));
  }
}

void Validator::Context(const Json& value, const JsonPath& pointer, const std::string& prefix,
                        EntrySpec* spec) {
  if (!value.is_object()) {
    Error(prefix, "\"context\" must be an object, got " + Describe(value), ValueAt(pointer));
    return;
  }
  spec->has_context = true;
  const std::string context_prefix = prefix + "context: ";
  ContextRules& rules = spec->context;
  CheckFields(value, pointer,
              {"default", "window", "positive", "negative", "negative_patterns",
               "positive_patterns", "skills_list", "tech_neighbors"},
              context_prefix);
  if (const auto it = value.find("default"); it != value.end()) {
    const std::string* s = it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
    if (s != nullptr && (*s == "accept" || *s == "reject")) {
      rules.default_accept = *s == "accept";
    } else {
      Error(context_prefix, "\"default\" must be \"accept\" or \"reject\", got " + Describe(*it),
            ValueAt(pointer.Member("default")));
    }
  }
  rules.window = kDefaultWindow;
  if (const auto it = value.find("window"); it != value.end()) {
    if (it->is_number_integer() && it->get<int64_t>() >= kMinWindow &&
        it->get<int64_t>() <= kMaxWindow) {
      rules.window = it->get<int>();
    } else {
      Error(context_prefix,
            "\"window\" must be an integer from " + std::to_string(kMinWindow) + " to " +
                std::to_string(kMaxWindow) + ", got " + Describe(*it),
            ValueAt(pointer.Member("window")));
    }
  }
  WordList(value, pointer, "positive", context_prefix, &rules.positive);
  WordList(value, pointer, "negative", context_prefix, &rules.negative);
  PatternList(value, pointer, "positive_patterns", context_prefix, &rules.positive_patterns);
  PatternList(value, pointer, "negative_patterns", context_prefix, &rules.negative_patterns);
  if (const std::optional<bool> b = Bool(value, pointer, "skills_list", context_prefix)) {
    rules.skills_list = *b;
  }
  if (const std::optional<bool> b = Bool(value, pointer, "tech_neighbors", context_prefix)) {
    rules.tech_neighbors = *b;
  }
}

void Validator::WordList(const Json& ctx, const JsonPath& pointer, std::string_view key,
                         const std::string& prefix, std::vector<std::string>* words) {
  const auto it = ctx.find(key);
  if (it == ctx.end()) return;
  const JsonPath at = pointer.Member(key);
  if (!it->is_array()) {
    Error(prefix, Quote(key) + " must be an array of words, got " + Describe(*it), ValueAt(at));
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& w = (*it)[i];
    const std::string item = Quote(key) + " item " + std::to_string(i + 1);
    if (!w.is_string()) {
      Error(prefix, item + " must be a string, got " + Describe(w), ValueAt(at.Item(i)));
    } else if (IsBlank(w.get_ref<const std::string&>())) {
      Error(prefix, item + " must not be empty", ValueAt(at.Item(i)));
    } else {
      // Context words compare case-insensitively; folding here once keeps the matcher's
      // per-occurrence test a plain comparison. Non-ASCII letters are left to the matcher,
      // which folds with the same normalizer it applies to documents.
      words->push_back(AsciiLower(w.get_ref<const std::string&>()));
    }
  }
}

void Validator::PatternList(const Json& ctx, const JsonPath& pointer, std::string_view key,
                            const std::string& prefix, std::vector<PatternSpec>* patterns) {
  const auto it = ctx.find(key);
  if (it == ctx.end()) return;
  const JsonPath at = pointer.Member(key);
  if (!it->is_array()) {
    Error(prefix, Quote(key) + " must be an array of regexes, got " + Describe(*it), ValueAt(at));
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& p = (*it)[i];
    const std::string item = Quote(key) + " item " + std::to_string(i + 1);
    if (!p.is_string()) {
      Error(prefix, item + " must be a string, got " + Describe(p), ValueAt(at.Item(i)));
    } else if (p.get_ref<const std::string&>().empty()) {
      Error(prefix, item + " must not be empty", ValueAt(at.Item(i)));
    } else {
      patterns->push_back(PatternSpec{.regex = p.get<std::string>(),
                                      .case_policy = CasePolicy::kExact,
                                      .where = ValueAt(at.Item(i))});
    }
  }
}

void Validator::Implies(const Json& value, const JsonPath& pointer, const std::string& prefix,
                        EntrySpec* spec) {
  if (!value.is_array()) {
    Error(prefix, "\"implies\" must be an array of ids, got " + Describe(value), ValueAt(pointer));
    return;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const Json& v = value[i];
    const Location where = ValueAt(pointer.Item(i));
    const std::string item_prefix = prefix + "implies " + std::to_string(i + 1) + ": ";
    if (!v.is_string()) {
      Error(item_prefix, "must be a string, got " + Describe(v), where);
      continue;
    }
    const std::string& id = v.get_ref<const std::string&>();
    if (!IsValidId(id)) {
      Error(item_prefix, Quote(id) + " is not a valid id (" + std::string(kIdRule) + ")", where);
    } else if (id == spec->term.id) {
      Error(item_prefix, "an entry cannot imply itself", where);
    } else if (std::find(spec->term.implies.begin(), spec->term.implies.end(), id) !=
               spec->term.implies.end()) {
      Error(item_prefix, Quote(id) + " is listed twice", where);
    } else {
      spec->term.implies.push_back(id);
      spec->implies_where.push_back(where);
    }
  }
}

void Validator::Sources(const Json& value, const JsonPath& pointer, const std::string& prefix,
                        EntrySpec* spec) {
  if (!value.is_array()) {
    Error(prefix, "\"sources\" must be an array of strings, got " + Describe(value),
          ValueAt(pointer));
    return;
  }
  if (value.empty()) {
    Error(prefix, "\"sources\" must not be empty", ValueAt(pointer));
    return;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const Json& v = value[i];
    // The prefix and the location only for a message: a 30,000-entry lexicon has tens of
    // thousands of sources, all valid.
    const auto item_prefix = [&] { return prefix + "source " + std::to_string(i + 1) + ": "; };
    if (!v.is_string()) {
      Error(item_prefix(), "must be a string, got " + Describe(v), ValueAt(pointer.Item(i)));
      continue;
    }
    const std::string& s = v.get_ref<const std::string&>();
    if (s != "extended" && s != "onet" && !IsGuideFileName(s)) {
      Error(item_prefix(),
            Quote(s) + " is not a guide file name (NNN_<16 hex digits>.txt), " +
                "\"extended\" or \"onet\"",
            ValueAt(pointer.Item(i)));
      continue;
    }
    spec->term.sources.push_back(s);
  }
}

void Validator::Refs(const Json& value, const JsonPath& pointer, const std::string& prefix,
                     EntrySpec* spec) {
  if (!value.is_object()) {
    Error(prefix, "\"refs\" must be an object, got " + Describe(value), ValueAt(pointer));
    return;
  }
  for (const auto& [key, v] : value.items()) {
    if (!v.is_string()) {
      Error(prefix, "refs: " + Quote(key) + " must be a string, got " + Describe(v),
            ValueAt(pointer.Member(key)));
      continue;
    }
    spec->term.refs.emplace_back(key, v.get<std::string>());
  }
}

// Names the entry an error under `pointer` belongs to, for errors found before
// validation (duplicate keys), reading the id from the parsed value.
std::string EntryPrefixFor(const Json& root, const std::string& pointer) {
  constexpr std::string_view kEntries = "/entries/";
  if (!root.is_object() || pointer.compare(0, kEntries.size(), kEntries) != 0) return "";
  const size_t end = pointer.find('/', kEntries.size());
  if (end == std::string::npos) return "";
  const std::string digits = pointer.substr(kEntries.size(), end - kEntries.size());
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return "";
  const size_t index = std::stoul(digits);
  const auto entries = root.find("entries");
  if (entries == root.end() || !entries->is_array() || index >= entries->size()) return "";
  const Json& entry = (*entries)[index];
  if (entry.is_object()) {
    const auto id = entry.find("id");
    if (id != entry.end() && id->is_string() && IsValidId(id->get_ref<const std::string&>())) {
      return "entry " + Quote(id->get_ref<const std::string&>()) + ": ";
    }
  }
  return "entry " + std::to_string(index + 1) + ": ";
}

// Decodes the last token of a JSON pointer (RFC 6901 escapes).
std::string LastPointerToken(const std::string& pointer) {
  const std::string token = pointer.substr(pointer.rfind('/') + 1);
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      out.push_back(token[i + 1] == '0' ? '~' : '/');
      ++i;
    } else {
      out.push_back(token[i]);
    }
  }
  return out;
}

// Turns nlohmann's parse error into a Status at the byte it stopped on. Its message starts
// with "[json.exception.parse_error.101] parse error at line 1, column 5: "; the position
// is recomputed from the byte offset, so only the explanation after it is kept.
Status ParseErrorStatus(const Json::parse_error& e, std::string_view text, const LineIndex& lines,
                        const std::string& source) {
  std::string what = e.what();
  const size_t column = what.find("column ");
  if (column != std::string::npos) {
    const size_t colon = what.find(": ", column);
    if (colon != std::string::npos) what = what.substr(colon + 2);
  }
  // e.byte counts the bytes read, the offending one included.
  const size_t offset = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
  const LineIndex::LineColumn lc = lines.At(offset);
  Location where = MakeLocation(source, lc.line, lc.column);
  where.offset = offset;
  return Status(StatusCode::kParseError, "invalid JSON: " + what, std::move(where));
}

}  // namespace

namespace {

// Feeds the text dump() would write for a value to FNV-1a, without writing it: the
// canonical text of a 30,000-entry lexicon is megabytes, and nlohmann's serializer, which
// decodes every string character by character to decide its escapes, cost a quarter of
// loading such a lexicon. The text is dump()'s with its defaults: object keys in std::map
// order, no white space, non-ASCII characters as they are, and only '"', '\\' and the
// control characters below U+0020 escaped. Strings hold valid UTF-8 (the parser checked),
// so a byte below 0x20, a quote or a backslash is all that needs a look.
class CanonicalHasher {
 public:
  void Value(const Json& value) {
    switch (value.type()) {
      case Json::value_t::object: {
        Byte('{');
        bool first = true;
        // The map itself, in the key order dump() writes: items() was a third of this walk.
        for (const auto& [key, member] : value.get_ref<const Json::object_t&>()) {
          if (!first) Byte(',');
          first = false;
          String(key);
          Byte(':');
          Value(member);
        }
        Byte('}');
        return;
      }
      case Json::value_t::array: {
        Byte('[');
        bool first = true;
        for (const Json& item : value) {
          if (!first) Byte(',');
          first = false;
          Value(item);
        }
        Byte(']');
        return;
      }
      case Json::value_t::string:
        String(value.get_ref<const std::string&>());
        return;
      case Json::value_t::boolean:
        Bytes(value.get<bool>() ? "true" : "false");
        return;
      case Json::value_t::number_integer:
        Bytes(std::to_string(value.get<int64_t>()));
        return;
      case Json::value_t::number_unsigned:
        Bytes(std::to_string(value.get<uint64_t>()));
        return;
      default:
        // null, and floats, whose shortest round-trip form is nlohmann's own business.
        Bytes(value.dump());
        return;
    }
  }

  uint64_t state() const { return state_; }

 private:
  void Byte(char c) { state_ = Fnv1a64Byte(c, state_); }
  void Bytes(std::string_view text) { state_ = Fnv1a64(text, state_); }

  void String(std::string_view text) {
    Byte('"');
    for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 0x20 && c != '"' && c != '\\') {
        Byte(ch);
        continue;
      }
      switch (c) {
        case '"':
          Bytes("\\\"");
          break;
        case '\\':
          Bytes("\\\\");
          break;
        case '\b':
          Bytes("\\b");
          break;
        case '\f':
          Bytes("\\f");
          break;
        case '\n':
          Bytes("\\n");
          break;
        case '\r':
          Bytes("\\r");
          break;
        case '\t':
          Bytes("\\t");
          break;
        default: {
          char escaped[7];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          Bytes(std::string_view(escaped, 6));
        }
      }
    }
    Byte('"');
  }

  uint64_t state_ = kFnv1aOffset;
};

uint64_t CanonicalHash(const Json& root) {
  CanonicalHasher hasher;
  hasher.Value(root);
  return hasher.state();
}

}  // namespace

uint64_t CanonicalJsonHash(std::string_view json_text) {
  return CanonicalHash(Json::parse(json_text));
}

std::string FormatContentHash(uint64_t hash) {
  char digits[17];
  std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(hash));
  return "fnv1a64:" + std::string(digits, 16);
}

std::string CombineLayerHashes(const std::vector<LexiconLayer>& layers) {
  if (layers.size() == 1) return layers[0].content_hash;
  uint64_t state = kFnv1aOffset;
  for (const LexiconLayer& layer : layers) state = Fnv1a64(layer.content_hash + "\n", state);
  return FormatContentHash(state);
}

std::vector<Status> ParseLexicon(std::string_view text, std::string_view source,
                                 std::shared_ptr<LexiconImpl>* impl) {
  const std::string file(source);
  const LineIndex lines(text);
  auto at = [&](size_t offset) {
    const LineIndex::LineColumn lc = lines.At(offset);
    Location where = MakeLocation(file, lc.line, lc.column);
    where.offset = offset;
    return where;
  };
  if (IsBlank(text)) {
    return {Status(StatusCode::kParseError, "the file is empty; expected a lexicon JSON object",
                   MakeLocation(file))};
  }
  if (const std::optional<size_t> bad = FindInvalidUtf8(text)) {
    return {
        Status(StatusCode::kParseError,
               "invalid UTF-8 at byte offset " + std::to_string(*bad) + "; lexicons must be UTF-8",
               at(*bad))};
  }
  Json root;
  JsonPositions positions;
  try {
    positions = JsonPositions::Parse(text, kMaxJsonDepth, &root);
  } catch (const Json::parse_error& e) {
    return {ParseErrorStatus(e, text, lines, file)};
  }
  if (const std::optional<size_t> deep = positions.too_deep()) {
    return {Status(StatusCode::kParseError,
                   "JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels",
                   at(*deep))};
  }
  // nlohmann keeps the last of two equal keys without a word; two "case" fields in one
  // alias are a mistake whichever was meant.
  if (const auto& dup = positions.duplicate()) {
    const LineIndex::LineColumn lc = lines.At(dup->offset);
    return {Status(StatusCode::kInvalidLexicon,
                   EntryPrefixFor(root, dup->pointer) + "duplicate key " +
                       Quote(LastPointerToken(dup->pointer)),
                   MakeLocation(file, lc.line, lc.column))};
  }

  auto out = std::make_shared<LexiconImpl>();
  out->layers.emplace_back();
  out->layers[0].source = file;
  Validator validator(file, positions, lines);
  validator.Run(root, out.get());
  std::vector<Status> errors = std::move(validator.errors());
  if (!errors.empty()) return errors;
  if (Status cross = CheckCrossEntryRules(*out, /*require_known_implies=*/false); !cross.ok()) {
    return {std::move(cross)};
  }
  out->layers[0].content_hash = FormatContentHash(CanonicalHash(root));
  out->layers[0].entries = out->entries.size();
  out->content_hash = out->layers[0].content_hash;
  if (impl != nullptr) *impl = std::move(out);
  return {};
}

namespace {

// Compares aliases loosely (ASCII case and runs of white space), so it never reports a
// pair the normalizer would tell apart; the matcher catches subtler collisions.
std::string AliasKey(std::string_view text) {
  std::string key;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !key.empty();
      continue;
    }
    if (space) key.push_back(' ');
    space = false;
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return key;
}

Status AliasConflicts(const LexiconImpl& impl) {
  // Sorted by key, then by place in the lexicon, instead of a map of vectors: a large
  // lexicon has tens of thousands of aliases and the map's nodes were most of this check.
  // Owners are small and sort by the key's hash first, so that the sort neither moves
  // strings nor compares them but for equal hashes; equal keys still end up together.
  std::vector<std::string> keys;
  for (const EntrySpec& entry : impl.entries) {
    for (const AliasSpec& alias : entry.aliases) keys.push_back(AliasKey(alias.text));
  }
  struct Owner {
    uint64_t hash;
    std::string_view key;
    uint32_t entry;
    uint32_t alias;
  };
  std::vector<Owner> owners;
  owners.reserve(keys.size());
  for (size_t e = 0, k = 0; e < impl.entries.size(); ++e) {
    for (size_t a = 0; a < impl.entries[e].aliases.size(); ++a, ++k) {
      owners.push_back({std::hash<std::string_view>{}(keys[k]), keys[k], static_cast<uint32_t>(e),
                        static_cast<uint32_t>(a)});
    }
  }
  std::sort(owners.begin(), owners.end(), [](const Owner& x, const Owner& y) {
    return std::tie(x.hash, x.key, x.entry, x.alias) < std::tie(y.hash, y.key, y.entry, y.alias);
  });
  // The conflict reported is the one the lexicon reaches first: its later alias comes
  // earliest, and it names the first earlier alias it collides with.
  const Owner* worst = nullptr;
  const Owner* worst_other = nullptr;
  for (size_t group = 0; group < owners.size();) {
    size_t end = group + 1;
    while (end < owners.size() && owners[end].key == owners[group].key) ++end;
    for (size_t k = group + 1; k < end; ++k) {
      const Owner& mine = owners[k];
      const AliasSpec& alias = impl.entries[mine.entry].aliases[mine.alias];
      for (size_t m = group; m < k; ++m) {
        const Owner& other = owners[m];
        if (other.entry == mine.entry) continue;
        const AliasSpec& other_alias = impl.entries[other.entry].aliases[other.alias];
        // Two exact-case aliases differing in case ("Go" and "GO") never match the same
        // text, so they may belong to different entries.
        if (alias.case_policy == CasePolicy::kExact &&
            other_alias.case_policy == CasePolicy::kExact && alias.text != other_alias.text) {
          continue;
        }
        if (worst == nullptr ||
            std::tie(mine.entry, mine.alias) < std::tie(worst->entry, worst->alias)) {
          worst = &mine;
          worst_other = &other;
        }
        break;
      }
    }
    group = end;
  }
  if (worst == nullptr) return Status::Ok();
  const EntrySpec& entry = impl.entries[worst->entry];
  const AliasSpec& alias = entry.aliases[worst->alias];
  const EntrySpec& other_entry = impl.entries[worst_other->entry];
  const AliasSpec& other_alias = other_entry.aliases[worst_other->alias];
  return Status(StatusCode::kInvalidLexicon,
                "entry " + Quote(entry.term.id) + ": alias " + std::to_string(worst->alias + 1) +
                    ": " + Quote(alias.text) + " is also an alias of entry " +
                    Quote(other_entry.term.id) + " (" + FormatOrigin(other_alias.where) + ")",
                alias.where);
}

// Finds an `implies` cycle with an iterative depth-first search (a long chain of
// implications must not overflow the stack).
Status ImpliesCycle(const LexiconImpl& impl) {
  enum class Mark : unsigned char { kNew, kOnPath, kDone };
  std::vector<Mark> marks(impl.entries.size(), Mark::kNew);
  struct Frame {
    size_t entry;
    size_t next_edge;
  };
  std::vector<Frame> path;
  for (size_t start = 0; start < impl.entries.size(); ++start) {
    if (marks[start] != Mark::kNew) continue;
    path.push_back(Frame{start, 0});
    marks[start] = Mark::kOnPath;
    while (!path.empty()) {
      Frame& top = path.back();
      const EntrySpec& entry = impl.entries[top.entry];
      if (top.next_edge == entry.term.implies.size()) {
        marks[top.entry] = Mark::kDone;
        path.pop_back();
        continue;
      }
      const size_t edge = top.next_edge++;
      const auto target = impl.index_by_id.find(entry.term.implies[edge]);
      if (target == impl.index_by_id.end()) continue;  // unknown ids are checked elsewhere
      const size_t next = target->second;
      if (marks[next] == Mark::kNew) {
        marks[next] = Mark::kOnPath;
        path.push_back(Frame{next, 0});
        continue;
      }
      if (marks[next] != Mark::kOnPath) continue;
      // The cycle is the path from `next` to here; report it where it starts.
      size_t first = path.size() - 1;
      while (path[first].entry != next) --first;
      std::string cycle;
      for (size_t k = first; k < path.size(); ++k) {
        cycle += impl.entries[path[k].entry].term.id + " -> ";
      }
      cycle += impl.entries[next].term.id;
      const EntrySpec& head = impl.entries[next];
      const size_t head_edge = path[first].next_edge - 1;
      return Status(
          StatusCode::kInvalidLexicon, "entry " + Quote(head.term.id) + ": implies cycle: " + cycle,
          head_edge < head.implies_where.size() ? head.implies_where[head_edge] : head.where);
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckCrossEntryRules(const LexiconImpl& impl, bool require_known_implies) {
  if (Status s = AliasConflicts(impl); !s.ok()) return s;
  if (require_known_implies) {
    for (const EntrySpec& entry : impl.entries) {
      for (size_t k = 0; k < entry.term.implies.size(); ++k) {
        if (impl.index_by_id.count(entry.term.implies[k]) != 0) continue;
        return Status(StatusCode::kInvalidLexicon,
                      "entry " + Quote(entry.term.id) + ": implies " + std::to_string(k + 1) +
                          ": unknown id " + Quote(entry.term.implies[k]),
                      k < entry.implies_where.size() ? entry.implies_where[k] : entry.where);
      }
    }
  }
  return ImpliesCycle(impl);
}

}  // namespace jobfit::internal
