#include "bench_util.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "jobfit/matcher.h"

namespace jobfit::bench {
namespace {

uint64_t Mix(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

const char* const kFiller[] = {
    "team",      "experience", "years",       "building", "production",   "systems",
    "customers", "reliable",   "scalable",    "design",   "develop",      "deliver",
    "with",      "and",        "the",         "of",       "to",           "in",
    "for",       "our",        "you",         "strong",   "knowledge",    "hands-on",
    "ownership", "product",    "engineering", "services", "platform",     "quality",
    "testing",   "review",     "mentoring",   "senior",   "stakeholders", "latency",
    "pipelines", "monitoring", "on-call",     "remote",   "benefits",     "roadmap",
    "proven",    "including",  "modern",      "codebase", "migration",    "reduced",
    "shipped",   "automated",  "designed",    "launched", "dashboards",   "insights"};
const char* const kTerms[] = {"Python",
                              "SQL",
                              "PyTorch",
                              "TensorFlow",
                              "Kubernetes",
                              "Docker",
                              "AWS",
                              "Apache Spark",
                              "scikit-learn",
                              "MLflow",
                              "Airflow",
                              "Kafka",
                              "PostgreSQL",
                              "Go",
                              "C++",
                              "Node.js",
                              "Terraform",
                              "Snowflake",
                              "machine learning",
                              "CI/CD",
                              "Git",
                              "Java",
                              "Pandas",
                              "NumPy",
                              "Amazon Web Services",
                              "Google Cloud",
                              "React",
                              "TypeScript",
                              "Linux",
                              "Redis"};
const char* const kUnicode[] = {"Z\xC3\xBCrich",             // Zürich
                                "caf\xC3\xA9",               // café
                                "\xE6\x9D\xB1\xE4\xBA\xAC",  // 東京
                                "Kubernetes\xC2\xA0"
                                "cluster",                          // NBSP
                                "\xE2\x80\x9CPyTorch\xE2\x80\x9D",  // typographic quotes
                                "\xEF\xAC\x81nance",                // "ﬁnance" with a ligature
                                "\xE2\x80\x93",                     // en dash
                                "Mo\xD1\x81kva"};

}  // namespace

std::string MakeText(size_t bytes, TextKind kind) {
  std::string out;
  out.reserve(bytes + 128);
  uint64_t state = kind == TextKind::kAscii ? 1 : 2;
  size_t column = 0;
  while (out.size() < bytes) {
    const uint64_t r = Mix(&state);
    std::string word;
    if (r % 100 < 6) {
      word = kTerms[(r >> 8) % std::size(kTerms)];
    } else if (kind == TextKind::kMixed && r % 100 < 8) {
      word = kUnicode[(r >> 8) % std::size(kUnicode)];
    } else {
      word = kFiller[(r >> 8) % std::size(kFiller)];
    }
    if (column + word.size() + 1 > 80) {
      if (kind == TextKind::kMixed && (r >> 40) % 8 == 0 && word.size() >= 8) {
        out += " " + word.substr(0, 4) + "-\n" + word.substr(4);  // hyphenated line break
        column = word.size() - 4;
        continue;
      }
      out += ((r >> 32) % 4 == 0) ? ".\n" : "\n";
      column = 0;
    } else if (column > 0) {
      out += ((r >> 48) % 16 == 0) ? ", " : " ";
      ++column;
    }
    out += word;
    column += word.size();
  }
  out += '\n';
  return out;
}

std::optional<Lexicon> BenchLexicon(int entries, std::string* why) {
  if (entries == 0) {
    Result<Lexicon> builtin = Lexicon::Builtin();
    if (!builtin.ok()) {
      *why = builtin.status().ToString();
      return std::nullopt;
    }
    return *builtin;
  }
  const char* dir = std::getenv("JOBFIT_BENCH_DATA");
  const std::string path = std::string(dir != nullptr ? dir : "bench/data") + "/lexicon-" +
                           std::to_string(entries) + ".json";
  if (!std::filesystem::exists(path)) {
    *why = path + " is missing: run jobfit_bench_generate --kind lexicon --entries " +
           std::to_string(entries) + " --out " + path + " (from the repository root)";
    return std::nullopt;
  }
  Result<Lexicon> lexicon = Lexicon::Load(path);
  if (!lexicon.ok()) {
    *why = lexicon.status().ToString();
    return std::nullopt;
  }
  return *lexicon;
}

}  // namespace jobfit::bench
