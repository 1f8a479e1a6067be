// jobfit/matcher.h: finding lexicon terms in text.
//
// A Matcher is compiled once from a Lexicon and then scans any number of documents. It is
// immutable, move-only and safe to use from many threads at once; what a scan needs to
// write lives in a Matcher::Scratch, one per thread (the convenience calls use one kept
// per calling thread).
//
//   jobfit::Result<jobfit::Lexicon> lexicon = jobfit::Lexicon::Builtin();
//   jobfit::Result<jobfit::Matcher> matcher = jobfit::Matcher::Compile(*lexicon);
//   if (!matcher.ok()) { std::cerr << matcher.status().ToString(); return; }
//   for (const jobfit::Match& m : matcher->FindAll("Built ETL in PySpark on AWS")) {
//     const jobfit::Term& term = matcher->lexicon().term(m.term);
//     // in text order: "ETL" [6, 9), "PySpark" [13, 20), "AWS" [24, 27)
//   }
//
// Matches are leftmost-longest and never overlap: "PyTorch Lightning" is one match; the
// PyTorch it implies is reported in ScanResult::implied, not as a second span. Offsets are
// byte offsets into the text exactly as passed in, before any normalization.
#ifndef JOBFIT_MATCHER_H_
#define JOBFIT_MATCHER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jobfit/export.h"
#include "jobfit/lexicon.h"
#include "jobfit/status.h"

namespace jobfit {

namespace internal {
struct MatcherImpl;
struct ScratchImpl;
}  // namespace internal

enum class MatchSource : uint8_t {
  kAlias,    // a literal alias (or its plural)
  kPattern,  // an RE2 pattern of the entry
};

// One occurrence of a term. A plain value of 32 bytes (the offsets first, so that no
// padding sits between members): a bulk text's million matches are 32 MB, not 40.
struct Match {
  uint64_t begin = 0;  // byte range [begin, end) in the scanned text; begin <= end
  uint64_t end = 0;
  uint32_t term = 0;  // index into Matcher::lexicon()
  uint32_t form = 0;  // index of the alias (or pattern) within the entry
  MatchSource source = MatchSource::kAlias;
  bool by_context = false;  // an ambiguous alias that context rules accepted
};

// Why an occurrence of an ambiguous alias was kept or dropped (see docs/LEXICON.md).
struct Decision {
  uint32_t term = 0;
  uint64_t begin = 0;
  uint64_t end = 0;
  bool accepted = false;
  std::string reason;
};

// A term evidenced only through another's `implies` (e.g. AWS via SageMaker).
struct ImpliedTerm {
  uint32_t term = 0;
  uint32_t via = 0;  // the matched term whose implies chain leads here
};

// How often a term matched, for a scan that counts (ScanOptions::count_only).
struct TermCount {
  uint32_t term = 0;
  uint64_t count = 0;
};

struct ScanResult {
  std::vector<Match> matches;          // in text order; empty when ScanOptions::count_only is set
  std::vector<TermCount> term_counts;  // by term index, only with ScanOptions::count_only
  std::vector<ImpliedTerm> implied;    // terms not matched themselves, in lexicon order
  std::vector<Decision> decisions;     // filled when ScanOptions::explain is set
  // True when the text held bytes that are not UTF-8, each scanned as U+FFFD. A caller
  // that scans bytes it has not decoded (ReadOptions::check_mapped_utf8) reads them
  // again, decoded, when this is set.
  bool invalid_utf8 = false;
};

struct ScanOptions {
  // Keeping decisions costs a string per ambiguous occurrence; only --explain needs them.
  bool explain = false;
  // Counts the matches of each term (ScanResult::term_counts) instead of keeping each
  // one: a report of counts holds memory the size of the lexicon, not of the text (a
  // million matches of 100 MB of job ads were 32 MB, freshly paged in).
  bool count_only = false;
};

class JOBFIT_EXPORT Matcher {
 public:
  // Per-thread working memory for scans; reusing one avoids allocation per document.
  // Not safe for concurrent use; may be used with any Matcher.
  class JOBFIT_EXPORT Scratch {
   public:
    Scratch();
    ~Scratch();
    Scratch(Scratch&&) noexcept;
    Scratch& operator=(Scratch&&) noexcept;

   private:
    friend class Matcher;
    std::unique_ptr<internal::ScratchImpl> impl_;
  };

  // Compiles the lexicon's aliases, patterns and context rules. Errors (kInvalidLexicon or
  // kParseError) name the entry and the JSON position: an RE2 pattern that does not
  // compile (with RE2's message), two entries claiming the same alias, an `implies` id that
  // does not exist. The matcher keeps its own copy of the lexicon.
  static Result<Matcher> Compile(const Lexicon& lexicon);

  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;
  ~Matcher();

  const Lexicon& lexicon() const;

  // The terms that lexicon().term(term) implies directly, as term indices in the order
  // its `implies` names them: the ids resolved once, at compile time.
  std::span<const uint32_t> ImpliedTerms(size_t term) const;

  // Scans text of any size (large inputs are processed in pieces that end at line breaks).
  // Without a scratch, the scan uses one kept per calling thread, so scanning many small
  // documents does not allocate working memory for each; that memory (about the size of
  // the largest 1 MiB piece scanned) lives until the thread ends.
  ScanResult Scan(std::string_view text, const ScanOptions& options = {}) const;
  ScanResult Scan(std::string_view text, const ScanOptions& options, Scratch& scratch) const;

  // Returns the matches only.
  std::vector<Match> FindAll(std::string_view text) const;

  // Calls on_match for each match in text order until it returns false.
  void ForEach(std::string_view text, Scratch& scratch,
               const std::function<bool(const Match&)>& on_match) const;

  // Returns the bytes held by the compiled tables (the lexicon's own data excluded).
  size_t MemoryBytes() const;

 private:
  explicit Matcher(std::unique_ptr<internal::MatcherImpl> impl);
  std::unique_ptr<internal::MatcherImpl> impl_;
};

}  // namespace jobfit

#endif  // JOBFIT_MATCHER_H_
