// Parsing and validating lexicon files (docs/LEXICON.md), and the checks that span
// entries, which run again whenever lexicons are layered.
#ifndef JOBFIT_LEXICON_LOADER_H_
#define JOBFIT_LEXICON_LOADER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jobfit/status.h"

#include "base/fnv1a.h"
#include "lexicon/lexicon_impl.h"

namespace jobfit::internal {

// Lexicons are small (the built-in ones are well under a megabyte); the limit keeps a
// mistaken --lexicon argument from reading a huge file into memory.
inline constexpr uint64_t kMaxLexiconBytes = uint64_t{64} << 20;
// Lexicon JSON nests five levels deep; anything far deeper is hostile or a mistake.
inline constexpr size_t kMaxJsonDepth = 64;

// Validates one lexicon file's text and returns every problem found, in a stable order
// (the first is the one Load reports); empty when the file is valid. `source` names the
// file in each Status. When `impl` is not null and there are no problems, it receives the
// content, with a single layer describing this file.
std::vector<Status> ParseLexicon(std::string_view text, std::string_view source,
                                 std::shared_ptr<LexiconImpl>* impl);

// Checks the rules that span entries: no alias is claimed by two entries, `implies` names
// no id twice and forms no cycle, and, when require_known_implies, every implied id
// exists. Returns the first problem.
Status CheckCrossEntryRules(const LexiconImpl& impl, bool require_known_implies);

// Returns the FNV-1a 64 hash of the canonical form of a JSON text: what nlohmann's dump()
// writes for it (sorted keys, no white space). A lexicon's content hash is this hash.
// Throws nlohmann's parse_error on malformed JSON.
uint64_t CanonicalJsonHash(std::string_view json_text);
// Formats a hash as "fnv1a64:<16 hex digits>".
std::string FormatContentHash(uint64_t hash);
// Returns the hash of layered content: a single layer's own hash, else the layers'
// hashes folded together in order, so the same files in another order hash differently.
std::string CombineLayerHashes(const std::vector<LexiconLayer>& layers);

}  // namespace jobfit::internal

#endif  // JOBFIT_LEXICON_LOADER_H_
