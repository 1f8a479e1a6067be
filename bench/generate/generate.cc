// jobfit_bench_generate: deterministic bulk corpora, large lexicons and term lists for the
// benchmarks (bench/RESULTS.md). The same flags and --seed always give the same bytes, on
// any machine: the random source and every draw from it are defined here, not by the
// standard library's distributions.
//
//   jobfit_bench_generate --kind corpus --size 100M --format text --seed 1 --out FILE
//   jobfit_bench_generate --kind corpus --size 1G --format jsonl --seed 1 --out FILE
//   jobfit_bench_generate --kind corpus --size 10M --format dir --seed 1 --out DIR
//   jobfit_bench_generate --kind lexicon --entries 30000 --onet FILE --out LEX.json
//   jobfit_bench_generate --kind lexicon --from builtin --out LEX.json
//
// A lexicon is written with its term list beside it (LEX.terms: one alias per line, the
// exact list the peers in bench/compare search for). Generated lexicons are plain: every
// alias ignores case and has no context rules, which is what grep -i, RE2 (?i) and the
// other peers can also express.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobfit/lexicon.h"

#include "lexicon/lexicon_impl.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace jobfit::bench {
namespace {

constexpr std::string_view kOnetAttribution =
    "This product includes information from the O*NET 29.2 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. O*NET(R) is a trademark of USDOL/ETA.";

// SplitMix64: tiny, fast, and defined bit for bit, so corpora are reproducible anywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Returns a value in [0, n).
  size_t Below(size_t n) {
    return static_cast<size_t>(Next() % n);  // bias below 2^-40 for our n
  }
  // Returns a value in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  uint64_t state_;
};

struct Flags {
  std::string kind;
  std::string format = "text";
  std::string out;
  std::string from;  // lexicon source: "builtin" or a lexicon file
  std::string onet = "../shared/taxonomies/onet-29.2/Technology Skills.txt";
  std::vector<std::string> term_lexicons;  // corpus: where terms come from
  uint64_t size = 0;
  size_t entries = 0;
  uint64_t seed = 1;
  double density = 0.06;    // terms per word of running text
  double non_ascii = 0.02;  // share of bytes in non-ASCII words
};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "jobfit_bench_generate: " << message << "\n";
  std::exit(2);
}

uint64_t ParseSize(const std::string& s) {
  char* end = nullptr;
  const double value = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || value <= 0) Die("bad size: " + s);
  double scale = 1;
  switch (*end) {
    case 'K':
    case 'k':
      scale = 1e3;
      break;
    case 'M':
    case 'm':
      scale = 1e6;
      break;
    case 'G':
    case 'g':
      scale = 1e9;
      break;
    case '\0':
      break;
    default:
      Die("bad size suffix (K, M or G, decimal): " + s);
  }
  return static_cast<uint64_t>(value * scale);
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--kind")
      f.kind = value();
    else if (arg == "--format")
      f.format = value();
    else if (arg == "--out")
      f.out = value();
    else if (arg == "--from")
      f.from = value();
    else if (arg == "--onet")
      f.onet = value();
    else if (arg == "--terms-from")
      f.term_lexicons.push_back(value());
    else if (arg == "--size")
      f.size = ParseSize(value());
    else if (arg == "--entries")
      f.entries = std::stoul(value());
    else if (arg == "--seed")
      f.seed = std::stoull(value());
    else if (arg == "--density")
      f.density = std::stod(value());
    else if (arg == "--non-ascii")
      f.non_ascii = std::stod(value());
    else if (arg == "--help" || arg == "-h") {
      std::cout << "usage: jobfit_bench_generate --kind corpus|lexicon [options]\n"
                   "  corpus:  --size N[K|M|G] --format text|jsonl|dir --seed S --out PATH\n"
                   "           [--terms-from builtin|LEX.json ...] [--density 0.06]\n"
                   "           [--non-ascii 0.02]\n"
                   "  lexicon: --entries N [--onet TECHNOLOGY_SKILLS.txt] --out LEX.json\n"
                   "           --from builtin|LEX.json --out LEX.json  (plain copy)\n";
      std::exit(0);
    } else {
      Die("unknown flag " + arg);
    }
  }
  if (f.out.empty()) Die("--out is required");
  return f;
}

Lexicon LoadLexicon(const std::string& what) {
  Result<Lexicon> lexicon = what == "builtin" ? Lexicon::Builtin() : Lexicon::Load(what);
  if (!lexicon.ok()) Die(lexicon.status().ToString());
  return *lexicon;
}

// ---------------------------------------------------------------------------------------
// Lexicons

// Returns the alias as the matcher will see it (folded token keys joined by spaces), or ""
// when it cannot be an alias (no tokens, or punctuation that ends a phrase inside).
std::string TokenKey(std::string_view alias) {
  text::NormalizedText normalized;
  text::Normalize(alias, {}, &normalized);
  text::TokenStream stream;
  text::Tokenize(normalized.text(), &stream);
  std::string key;
  for (size_t i = 0; i < stream.tokens.size(); ++i) {
    if (i > 0 && (stream.tokens[i].flags & text::kBreakBefore) != 0) return "";
    if (i > 0) key += ' ';
    key += stream.Key(stream.tokens[i]);
  }
  return key;
}

std::string Trim(std::string s) {
  const size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(' ');
  s = s.substr(b, e - b + 1);
  std::string out;
  for (char c : s) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> words;
  std::istringstream in(s);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::string Join(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out += (i > from ? " " : "") + words[i];
  return out;
}

bool IsAcronym(const std::string& w) {
  if (w.size() < 3 || w.size() > 6) return false;
  bool letter = false;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z')
      letter = true;
    else if (!(c >= '0' && c <= '9'))
      return false;
  }
  return letter;
}

// Derives the forms people write from an O*NET technology name:
// "Amazon Web Services AWS software" -> "Amazon Web Services AWS", "Amazon Web Services",
// "AWS"; "Oracle Java" -> "Oracle Java", "Java" (vendor prefix dropped).
std::vector<std::string> DeriveAliases(const std::string& onet_name) {
  std::string name;
  for (char c : onet_name) {
    // Punctuation that would end a phrase inside an alias becomes a space.
    name += std::strchr(",;:()[]{}|!?\"<>*=", c) != nullptr && c != '\0' ? ' ' : c;
  }
  name = Trim(name);
  std::vector<std::string> out = {name};
  std::vector<std::string> words = Words(name);
  if (words.size() >= 2 && (words.back() == "software" || words.back() == "Software")) {
    words.pop_back();
    out.push_back(Join(words, 0, words.size()));
  }
  if (words.size() >= 3 && IsAcronym(words.back())) {
    out.push_back(Join(words, 0, words.size() - 1));
    out.push_back(words.back());
  }
  static const std::set<std::string> kVendors = {
      "Microsoft", "Oracle",    "IBM",   "Adobe", "Google", "Apache",     "Amazon", "SAP",
      "Autodesk",  "Atlassian", "Apple", "Cisco", "Intuit", "Salesforce", "Corel",  "Bentley"};
  // Without the vendor only when what is left is still a name, not an English word
  // ("Microsoft PowerPoint" -> "PowerPoint", "SQL Server"; not "Oracle Database" -> "Database").
  if (words.size() >= 2 && kVendors.count(words.front()) > 0) {
    const std::string rest = Join(words, 1, words.size());
    bool distinctive = words.size() >= 3;
    for (size_t i = 1; i < rest.size(); ++i) {
      distinctive |= std::isupper(static_cast<unsigned char>(rest[i])) != 0 ||
                     std::isdigit(static_cast<unsigned char>(rest[i])) != 0;
    }
    if (distinctive && rest.size() >= 3) out.push_back(rest);
  }
  return out;
}

struct OnetName {
  std::string name;
  std::string code;
  std::string title;
  bool hot = false;
  bool in_demand = false;
};

std::vector<OnetName> ReadOnet(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("cannot read " + path + " (pass --onet)");
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::map<std::string, OnetName> by_name;
  size_t pos = 0;
  bool header = true;
  while (pos < data.size()) {
    size_t end = data.find_first_of("\r\n", pos);
    if (end == std::string::npos) end = data.size();
    const std::string line = data.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    std::string col;
    std::istringstream fields(line);
    while (std::getline(fields, col, '\t')) cols.push_back(col);
    if (cols.size() < 6) continue;
    OnetName& n = by_name[cols[1]];
    if (n.name.empty()) {
      n.name = cols[1];
      n.code = cols[2];
      n.title = cols[3];
    }
    n.hot |= cols[4] == "Y";
    n.in_demand |= cols[5] == "Y";
  }
  std::vector<OnetName> names;
  for (auto& [k, v] : by_name) names.push_back(std::move(v));
  // Hot and in-demand technologies first: a small lexicon holds the popular names.
  std::stable_sort(names.begin(), names.end(), [](const OnetName& a, const OnetName& b) {
    return (a.hot * 2 + a.in_demand) > (b.hot * 2 + b.in_demand);
  });
  return names;
}

std::string Category(const std::string& title) {
  std::string t = title;
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t.find("data base") != std::string::npos || t.find("database") != std::string::npos)
    return "database";
  if (t.find("development environment") != std::string::npos) return "tool";
  if (t.find("web platform") != std::string::npos ||
      t.find("object or component") != std::string::npos)
    return "library";
  if (t.find("analytical or scientific") != std::string::npos) return "data";
  return "tool";
}

std::string Slug(const std::string& name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "term" : out;
}

// Builds entries while keeping ids and aliases unique across the lexicon, as the loader
// and the term table require.
class LexiconWriter {
 public:
  // Adds an entry with the aliases that are still free; returns false when none is.
  bool Add(const std::string& name, const std::string& category,
           const std::vector<std::string>& aliases, const std::string& source,
           const std::string& onet_code) {
    std::vector<std::string> kept;
    std::vector<std::string> keys;
    for (const std::string& a : aliases) {
      if (a.empty() || a.find('\n') != std::string::npos) continue;
      const std::string key = TokenKey(a);
      if (key.empty() || claimed_.count(key) > 0 ||
          std::find(keys.begin(), keys.end(), key) != keys.end()) {
        continue;
      }
      keys.push_back(key);
      kept.push_back(a);
    }
    if (kept.empty()) return false;
    for (const std::string& k : keys) claimed_.insert(k);
    std::string id = Slug(name);
    if (ids_.count(id) > 0) {
      int n = 2;
      while (ids_.count(id + "-" + std::to_string(n)) > 0) ++n;
      id += "-" + std::to_string(n);
    }
    ids_.insert(id);
    nlohmann::ordered_json e = {{"id", id},
                                {"name", name},
                                {"category", category},
                                {"aliases", kept},
                                {"sources", {source}}};
    if (!onet_code.empty()) e["refs"] = {{"onet", onet_code}};
    entries_.push_back(std::move(e));
    for (const std::string& a : kept) terms_.push_back(a);
    return true;
  }

  size_t size() const { return entries_.size(); }

  void Write(const std::string& path, const std::string& name, const std::string& description,
             bool onet) const {
    nlohmann::ordered_json doc = {{"schema", "jobfit.lexicon/1"},
                                  {"name", name},
                                  {"version", "bench.1"},
                                  {"description", description}};
    if (onet) doc["attribution"] = kOnetAttribution;
    doc["entries"] = entries_;
    std::ofstream out(path, std::ios::binary);
    out << doc.dump(1) << "\n";
    if (!out) Die("cannot write " + path);
    std::ofstream terms(TermsPath(path), std::ios::binary);
    for (const std::string& t : terms_) terms << t << "\n";
    if (!terms) Die("cannot write " + TermsPath(path));
  }

  static std::string TermsPath(const std::string& json_path) {
    std::string p = json_path;
    if (p.size() > 5 && p.compare(p.size() - 5, 5, ".json") == 0) p.resize(p.size() - 5);
    return p + ".terms";
  }

 private:
  std::unordered_set<std::string> claimed_;
  std::unordered_set<std::string> ids_;
  std::vector<nlohmann::ordered_json> entries_;
  std::vector<std::string> terms_;
};

// A pronounceable made-up word ("Quorvane"): synthetic names that do not occur in English
// text, so padding a lexicon adds table size without adding matches.
std::string PseudoWord(Rng& rng) {
  static const std::vector<std::string> kOnsets = {"b",  "br", "c",  "d", "dr", "f",  "g",  "gl",
                                                   "k",  "l",  "m",  "n", "p",  "qu", "r",  "s",
                                                   "st", "t",  "tr", "v", "x",  "z",  "zh", "th"};
  static const std::vector<std::string> kVowels = {"a", "e", "i", "o", "u", "ae", "io", "ou"};
  static const std::vector<std::string> kCodas = {"", "", "n", "r", "x", "s", "l", "m", "th"};
  std::string w;
  const size_t syllables = 2 + rng.Below(2);
  for (size_t i = 0; i < syllables; ++i) {
    w += rng.Pick(kOnsets) + rng.Pick(kVowels) + (i + 1 == syllables ? rng.Pick(kCodas) : "");
  }
  w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
  return w;
}

void GenerateLexicon(const Flags& f) {
  LexiconWriter writer;
  if (!f.from.empty()) {
    // A plain copy of an existing lexicon: the same aliases, all ignoring case, no rules.
    const Lexicon source = LoadLexicon(f.from);
    const internal::LexiconImpl& impl = internal::LexiconAccess::Impl(source);
    for (const internal::EntrySpec& e : impl.entries) {
      std::vector<std::string> aliases;
      for (const internal::AliasSpec& a : e.aliases) aliases.push_back(a.text);
      writer.Add(e.term.name, std::string(CategoryName(e.term.category)), aliases, "extended", "");
    }
    writer.Write(f.out, "bench-plain", "Plain copy of " + f.from + " for the peer comparison",
                 true);
    std::cerr << "lexicon: " << writer.size() << " entries from " << f.from << "\n";
    return;
  }
  if (f.entries == 0) Die("--entries N or --from LEXICON is required");
  const std::vector<OnetName> names = ReadOnet(f.onet);
  size_t from_onet = 0;
  for (const OnetName& n : names) {
    if (writer.size() >= f.entries) break;
    from_onet += writer.Add(n.name, Category(n.title), DeriveAliases(n.name), "onet", n.code);
  }
  static const std::vector<std::string> kNouns = {
      "Analytics", "Studio",   "Cloud",    "Platform",   "Manager",   "Suite",    "Engine",
      "Server",    "Designer", "Insight",  "Connect",    "Workbench", "Pipeline", "Gateway",
      "Vault",     "Monitor",  "Reporter", "Builder",    "Tracker",   "Hub",      "Toolkit",
      "Data",      "Flow",     "Desktop",  "Enterprise", "Mobile",    "Lab",      "Console"};
  Rng rng(f.seed);
  size_t synthetic = 0;
  while (writer.size() < f.entries) {
    const std::string brand = PseudoWord(rng);
    std::string name = brand;
    const size_t extra = 1 + rng.Below(3);
    for (size_t i = 0; i < extra; ++i) {
      name += " " + (rng.Chance(0.2) ? PseudoWord(rng) : rng.Pick(kNouns));
    }
    std::vector<std::string> aliases = {name};
    if (extra >= 2 && rng.Chance(0.5)) aliases.push_back(brand + " " + Words(name).back());
    synthetic += writer.Add(name, "tool", aliases, "extended", "");
  }
  writer.Write(f.out, "bench-" + std::to_string(f.entries),
               "Benchmark lexicon: " + std::to_string(from_onet) +
                   " O*NET technology names with derived aliases, " + std::to_string(synthetic) +
                   " synthetic multi-word names",
               true);
  std::cerr << "lexicon: " << writer.size() << " entries (" << from_onet << " O*NET, " << synthetic
            << " synthetic)\n";
}

// ---------------------------------------------------------------------------------------
// Corpora

struct Form {
  std::string text;
  bool keep_case = false;
};

// Draws lexicon forms with a Zipf-like skew: a few terms (Python, SQL) dominate real ads.
class TermSource {
 public:
  void AddLexicon(const Lexicon& lexicon, double weight) {
    const internal::LexiconImpl& impl = internal::LexiconAccess::Impl(lexicon);
    Pool pool;
    pool.weight = weight;
    for (const internal::EntrySpec& e : impl.entries) {
      for (const internal::AliasSpec& a : e.aliases) {
        pool.forms.push_back({a.text, a.case_policy == internal::CasePolicy::kExact});
      }
    }
    double total = 0;
    for (size_t r = 0; r < pool.forms.size(); ++r) {
      total += 1.0 / std::pow(static_cast<double>(r + 1), 0.8);
      pool.cumulative.push_back(total);
    }
    pools_.push_back(std::move(pool));
  }

  const Form& Draw(Rng& rng) const {
    double total = 0;
    for (const Pool& p : pools_) total += p.weight;
    double x = rng.Unit() * total;
    const Pool* pool = &pools_.back();
    for (const Pool& p : pools_) {
      if (x < p.weight) {
        pool = &p;
        break;
      }
      x -= p.weight;
    }
    const double y = rng.Unit() * pool->cumulative.back();
    const size_t i =
        static_cast<size_t>(std::upper_bound(pool->cumulative.begin(), pool->cumulative.end(), y) -
                            pool->cumulative.begin());
    return pool->forms[std::min(i, pool->forms.size() - 1)];
  }

 private:
  struct Pool {
    std::vector<Form> forms;
    std::vector<double> cumulative;
    double weight = 1;
  };
  std::vector<Pool> pools_;
};

const std::vector<std::string> kFiller = {"team",
                                          "experience",
                                          "years",
                                          "building",
                                          "production",
                                          "systems",
                                          "customers",
                                          "reliable",
                                          "scalable",
                                          "design",
                                          "develop",
                                          "deliver",
                                          "improve",
                                          "work",
                                          "closely",
                                          "with",
                                          "and",
                                          "the",
                                          "of",
                                          "to",
                                          "in",
                                          "for",
                                          "on",
                                          "our",
                                          "your",
                                          "you",
                                          "we",
                                          "a",
                                          "an",
                                          "strong",
                                          "knowledge",
                                          "understanding",
                                          "hands-on",
                                          "ownership",
                                          "product",
                                          "engineering",
                                          "services",
                                          "platform",
                                          "features",
                                          "quality",
                                          "testing",
                                          "review",
                                          "mentoring",
                                          "junior",
                                          "senior",
                                          "engineers",
                                          "stakeholders",
                                          "requirements",
                                          "business",
                                          "growth",
                                          "impact",
                                          "metrics",
                                          "performance",
                                          "latency",
                                          "throughput",
                                          "pipelines",
                                          "infrastructure",
                                          "monitoring",
                                          "incidents",
                                          "on-call",
                                          "documentation",
                                          "communication",
                                          "collaborative",
                                          "remote",
                                          "hybrid",
                                          "office",
                                          "benefits",
                                          "salary",
                                          "equity",
                                          "learning",
                                          "budget",
                                          "mission",
                                          "users",
                                          "millions",
                                          "daily",
                                          "end-to-end",
                                          "roadmap",
                                          "planning",
                                          "ability",
                                          "proven",
                                          "track",
                                          "record",
                                          "solid",
                                          "familiarity",
                                          "plus",
                                          "preferred",
                                          "required",
                                          "including",
                                          "such",
                                          "as",
                                          "modern",
                                          "practices",
                                          "codebase",
                                          "migration",
                                          "legacy",
                                          "reduced",
                                          "costs",
                                          "by",
                                          "percent",
                                          "led",
                                          "built",
                                          "shipped",
                                          "owned",
                                          "optimized",
                                          "automated",
                                          "designed",
                                          "implemented",
                                          "maintained",
                                          "launched",
                                          "scaled",
                                          "partnered",
                                          "analysts",
                                          "researchers",
                                          "clients",
                                          "projects",
                                          "initiatives",
                                          "high",
                                          "availability",
                                          "security",
                                          "compliance",
                                          "privacy",
                                          "accessibility",
                                          "internal",
                                          "external",
                                          "tools",
                                          "dashboards",
                                          "reports",
                                          "models",
                                          "features",
                                          "experiments",
                                          "results",
                                          "insights",
                                          "decisions",
                                          "across",
                                          "multiple",
                                          "regions",
                                          "time",
                                          "zones",
                                          "fast-paced",
                                          "environment",
                                          "startup",
                                          "enterprise",
                                          "culture",
                                          "inclusive",
                                          "diverse",
                                          "flexible",
                                          "hours",
                                          "parental",
                                          "leave",
                                          "health",
                                          "insurance",
                                          "pension",
                                          "training",
                                          "conference",
                                          "certification",
                                          "degree",
                                          "bachelor's",
                                          "master's",
                                          "related",
                                          "field",
                                          "equivalent",
                                          "practical",
                                          "candidates",
                                          "apply",
                                          "today",
                                          "interview",
                                          "process",
                                          "stages",
                                          "feedback",
                                          "within",
                                          "two",
                                          "weeks",
                                          "first",
                                          "efficient",
                                          "workflow",
                                          "defined",
                                          "clearly",
                                          "specified",
                                          "sustainable",
                                          "pace",
                                          "fairly",
                                          "well",
                                          "responsible",
                                          "support",
                                          "customer-facing",
                                          "software",
                                          "applications",
                                          "backend",
                                          "frontend",
                                          "mobile",
                                          "web",
                                          "services",
                                          "data",
                                          "analysis",
                                          "storage",
                                          "queries",
                                          "batch",
                                          "streaming"};

// Words with accents and other scripts: European names and places, and the occasional
// Japanese, Greek or Cyrillic phrase of a bilingual resume.
const std::vector<std::string> kNonAscii = {
    "Zürich",      "München",     "café",       "résumé",       "naïve",      "Straße",   "Kraków",
    "São Paulo",   "Malmö",       "Ærøskøbing", "Besançon",     "Gdańsk",     "Łódź",     "façade",
    "coöperation", "Ålesund",     "日本語",     "東京都",       "エンジニア", "Ελληνικά", "Αθήνα",
    "Москва",      "разработчик", "Köln",       "Universität",  "École",      "Müller",   "Jürgen",
    "Renée",       "Zoë",         "Ñuñoa",      "Île-de-France"};

const std::vector<std::string> kTitles = {"Machine Learning Engineer", "Data Engineer",
                                          "Backend Engineer",          "Data Scientist",
                                          "Site Reliability Engineer", "Frontend Developer",
                                          "Platform Engineer",         "Analytics Engineer",
                                          "Software Engineer",         "MLOps Engineer",
                                          "Research Scientist",        "Full-Stack Developer",
                                          "DevOps Engineer",           "Database Administrator"};
const std::vector<std::string> kCompanies = {
    "Sandpiper Ledger",  "Northwind Labs",     "Bluefin Health",   "Crescent Freight",
    "Orchard Analytics", "Kestrel Systems",    "Lumen Retail",     "Harbor Insurance",
    "Tidewater Energy",  "Quillfeather Media", "Granite Robotics", "Meadowlark Travel"};
const std::vector<std::string> kCities = {"Berlin",   "Remote (EU)", "London", "Austin, TX",
                                          "Toronto",  "Lisbon",      "Warsaw", "Singapore",
                                          "New York", "Amsterdam",   "Zürich", "Montréal"};
const std::vector<std::string> kNames = {
    "Jane Doe",      "Arjun Patel", "Maria Garcia", "Wei Zhang",   "Olu Adeyemi", "Sofia Rossi",
    "Jürgen Müller", "Aiko Tanaka", "Liam O'Brien", "Fatima Khan", "Lucas Silva", "Zoë Martin"};

// Writes text while wrapping lines and applying the noise of real documents.
class DocumentWriter {
 public:
  DocumentWriter(Rng& rng, const TermSource& terms, const Flags& f)
      : rng_(rng), terms_(terms), f_(f) {}

  std::string Take() {
    std::string out;
    out.swap(doc_);
    column_ = 0;
    return out;
  }

  void Line(const std::string& s) {
    Raw(s);
    NewLine();
  }
  void NewLine() {
    doc_ += '\n';
    column_ = 0;
  }

  // A paragraph of filler and terms, wrapped at ~80 columns like a PDF's text layer.
  void Paragraph(size_t words) {
    for (size_t i = 0; i < words; ++i) {
      if (rng_.Chance(f_.density)) {
        Term();
      } else {
        Word(FillerWord());
      }
      if (i + 1 < words && rng_.Chance(0.06)) Raw(",");
    }
    Raw(".");
    NewLine();
  }

  // A bullet ("-", "•", "–"; the first word adds the space) then a short clause.
  void Bullet(size_t words) {
    static const std::vector<std::string> kBullets = {"-", "-", "*", "\u2022", "\u2013"};
    Raw(rng_.Pick(kBullets));
    for (size_t i = 0; i < words; ++i) {
      if (rng_.Chance(f_.density * 1.5))
        Term();
      else
        Word(FillerWord());
    }
    NewLine();
  }

  // "Skills: Python, SQL, Docker | Kubernetes"
  void SkillsLine(const std::string& head, size_t count) {
    Raw(head);
    for (size_t i = 0; i < count; ++i) {
      if (i > 0) Raw(rng_.Chance(0.8) ? ", " : rng_.Chance(0.5) ? " | " : " / ");
      Raw(Noisy(terms_.Draw(rng_)));
    }
    NewLine();
  }

  const std::string& text() const { return doc_; }

 private:
  std::string FillerWord() {
    // Keep the share of non-ASCII bytes near the target.
    if (static_cast<double>(non_ascii_bytes_) <
        f_.non_ascii * static_cast<double>(total_bytes_ + 1)) {
      return rng_.Pick(kNonAscii);
    }
    std::string w = rng_.Pick(kFiller);
    if (rng_.Chance(0.03)) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    return w;
  }

  void Term() {
    const std::string t = Noisy(terms_.Draw(rng_));
    if (rng_.Chance(0.03)) {
      Word("\u201C" + t + "\u201D");  // typographic quotes
    } else {
      Word(t);
    }
  }

  // The form with the noise of real documents: letter case, NBSP or a hyphenated line
  // break inside a name, a PDF ligature.
  std::string Noisy(const Form& form) {
    std::string s = form.text;
    if (!form.keep_case) {
      const double r = rng_.Unit();
      if (r < 0.12) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (r < 0.18) {
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
    }
    if (s.find(' ') != std::string::npos && rng_.Chance(0.04)) {
      s.replace(s.find(' '), 1, "\u00A0");
    }
    if (rng_.Chance(0.01)) {
      for (const auto& [plain, lig] :
           {std::pair<std::string, std::string>{"fi", "\uFB01"}, {"fl", "\uFB02"}}) {
        const size_t at = s.find(plain);
        if (at != std::string::npos) {
          s.replace(at, 2, lig);
          break;
        }
      }
    }
    return s;
  }

  void Word(const std::string& w) {
    const size_t len = Width(w);
    if (column_ > 0 && column_ + 1 + len > 80) {
      // A long word at the margin is sometimes hyphenated across the line break.
      if (len >= 8 && w.find(' ') == std::string::npos && w.find('-') == std::string::npos &&
          IsAsciiWord(w) && rng_.Chance(0.25)) {
        const size_t cut = 3 + rng_.Below(len - 5);
        Raw(" " + w.substr(0, cut) + "-");
        NewLine();
        Raw(w.substr(cut));
        return;
      }
      NewLine();
    } else if (column_ > 0) {
      Raw(" ");
    }
    Raw(w);
  }

  static bool IsAsciiWord(const std::string& w) {
    for (char c : w) {
      if (!std::isalpha(static_cast<unsigned char>(c))) return false;
    }
    return true;
  }
  static size_t Width(const std::string& s) {
    size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  }

  void Raw(const std::string& s) {
    doc_ += s;
    for (char c : s) non_ascii_bytes_ += static_cast<unsigned char>(c) >= 0x80;
    total_bytes_ += s.size();
    column_ += Width(s);
  }

  Rng& rng_;
  const TermSource& terms_;
  const Flags& f_;
  std::string doc_;
  size_t column_ = 0;
  uint64_t non_ascii_bytes_ = 0;
  uint64_t total_bytes_ = 0;
};

std::string JobAd(Rng& rng, DocumentWriter& w) {
  const std::string& company = rng.Pick(kCompanies);
  w.Line(rng.Pick(kTitles) + " \u2014 " + company);
  w.Line(company + " \u00B7 " + rng.Pick(kCities) + " \u00B7 Full-time");
  w.NewLine();
  w.Line("About us");
  w.Paragraph(40 + rng.Below(60));
  w.NewLine();
  w.Line("What you will do");
  for (size_t i = 0, n = 4 + rng.Below(4); i < n; ++i) w.Bullet(8 + rng.Below(10));
  w.NewLine();
  w.Line("Requirements");
  for (size_t i = 0, n = 4 + rng.Below(5); i < n; ++i) w.Bullet(8 + rng.Below(12));
  w.NewLine();
  w.Line("Nice to have");
  for (size_t i = 0, n = 2 + rng.Below(3); i < n; ++i) w.Bullet(6 + rng.Below(8));
  w.NewLine();
  w.SkillsLine("Tech stack: ", 4 + rng.Below(8));
  w.NewLine();
  w.Line("What we offer");
  w.Paragraph(30 + rng.Below(40));
  return w.Take();
}

std::string Resume(Rng& rng, DocumentWriter& w) {
  const std::string& name = rng.Pick(kNames);
  w.Line(name);
  w.Line(rng.Pick(kTitles) + " | " + rng.Pick(kCities) + " | jane.doe@example.com");
  w.NewLine();
  w.Line("Summary");
  w.Paragraph(30 + rng.Below(40));
  w.NewLine();
  w.Line("Experience");
  for (size_t job = 0, jobs = 2 + rng.Below(3); job < jobs; ++job) {
    const size_t from = 2008 + rng.Below(14);
    w.Line(rng.Pick(kTitles) + ", " + rng.Pick(kCompanies) + " (" + std::to_string(from) +
           "\u2013" + std::to_string(from + 1 + rng.Below(4)) + ")");
    for (size_t i = 0, n = 3 + rng.Below(4); i < n; ++i) w.Bullet(10 + rng.Below(12));
  }
  w.NewLine();
  w.Line("Skills");
  w.SkillsLine("Languages: ", 2 + rng.Below(4));
  w.SkillsLine("Tools: ", 4 + rng.Below(8));
  w.NewLine();
  w.Line("Education");
  w.Paragraph(10 + rng.Below(10));
  return w.Take();
}

std::string JsonString(std::string_view s) { return nlohmann::json(std::string(s)).dump(); }

void GenerateCorpus(const Flags& f) {
  if (f.size == 0) Die("--size is required");
  TermSource terms;
  const std::vector<std::string> sources =
      f.term_lexicons.empty() ? std::vector<std::string>{"builtin"} : f.term_lexicons;
  for (size_t i = 0; i < sources.size(); ++i) {
    // The first source dominates; later ones (a big O*NET lexicon) add a tail of rarer names.
    terms.AddLexicon(LoadLexicon(sources[i]), i == 0 ? 0.85 : 0.15 / double(sources.size() - 1));
  }
  Rng rng(f.seed);
  DocumentWriter writer(rng, terms, f);
  namespace fs = std::filesystem;
  std::FILE* out = nullptr;
  std::vector<char> buffer(1 << 20);
  if (f.format == "dir") {
    fs::create_directories(f.out);
  } else if (f.format == "text" || f.format == "jsonl") {
    out = std::fopen(f.out.c_str(), "wb");
    if (out == nullptr) Die("cannot write " + f.out + ": " + std::strerror(errno));
    std::setvbuf(out, buffer.data(), _IOFBF, buffer.size());
  } else {
    Die("--format must be text, jsonl or dir");
  }
  uint64_t written = 0;
  uint64_t docs = 0;
  while (written < f.size) {
    const bool resume = rng.Chance(0.5);
    const std::string doc = resume ? Resume(rng, writer) : JobAd(rng, writer);
    ++docs;
    if (f.format == "text") {
      const std::string sep = docs > 1 ? "\n\n" : "";
      std::fwrite(sep.data(), 1, sep.size(), out);
      std::fwrite(doc.data(), 1, doc.size(), out);
      written += sep.size() + doc.size();
    } else if (f.format == "jsonl") {
      char id[32];
      std::snprintf(id, sizeof id, "doc-%07llu", static_cast<unsigned long long>(docs));
      const std::string line = std::string("{\"id\":\"") + id + "\",\"kind\":\"" +
                               (resume ? "resume" : "job") + "\",\"text\":" + JsonString(doc) +
                               "}\n";
      std::fwrite(line.data(), 1, line.size(), out);
      written += line.size();
    } else {
      char rel[64];
      std::snprintf(rel, sizeof rel, "%03llu/%07llu_%s.txt",
                    static_cast<unsigned long long>(docs / 1000),
                    static_cast<unsigned long long>(docs), resume ? "resume" : "job");
      const fs::path path = fs::path(f.out) / rel;
      if (docs % 1000 == 0 || docs == 1) fs::create_directories(path.parent_path());
      std::ofstream file(path, std::ios::binary);
      file << doc;
      if (!file) Die("cannot write " + path.string());
      written += doc.size();
    }
  }
  if (out != nullptr && (std::fflush(out) != 0 || std::fclose(out) != 0)) {
    Die("cannot write " + f.out);
  }
  std::cerr << "corpus: " << docs << " documents, " << written << " bytes (" << f.format << ")\n";
}

}  // namespace
}  // namespace jobfit::bench

int main(int argc, char** argv) {
  const jobfit::bench::Flags flags = jobfit::bench::ParseFlags(argc, argv);
  if (flags.kind == "corpus") {
    jobfit::bench::GenerateCorpus(flags);
  } else if (flags.kind == "lexicon") {
    jobfit::bench::GenerateLexicon(flags);
  } else {
    jobfit::bench::Die("--kind must be corpus or lexicon");
  }
  return 0;
}
