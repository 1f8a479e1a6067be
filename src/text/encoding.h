// Charset detection and conversion to UTF-8, for documents that are not UTF-8 already.
// It lives in src/text because ICU (ucsdet, ucnv) lives only here; src/read calls it.
#ifndef JOBFIT_TEXT_ENCODING_H_
#define JOBFIT_TEXT_ENCODING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "jobfit/status.h"

namespace jobfit::text {

// Returns true when bytes are well-formed UTF-8 (no overlong forms, surrogates or
// truncated sequences). ASCII runs are checked eight bytes at a time: bulk corpora of a
// gigabyte pass through here.
bool IsValidUtf8(std::string_view bytes);

// True when DecodeToUtf8 passes `bytes` on as they are with nothing to report: valid
// UTF-8, with or without a UTF-8 byte-order mark (which stays).
bool IsUtf8AsGiven(std::string_view bytes);

// Returns the charset named by a byte-order mark at the start of bytes ("UTF-8",
// "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"), or "" when there is none, and sets
// *bom_length to the mark's size.
std::string_view DetectBom(std::string_view bytes, size_t* bom_length);

struct DecodedText {
  std::string utf8;          // the text; a UTF-8 input is kept byte for byte, BOM and all
  std::string encoding;      // the charset it was decoded from, ICU's canonical name
  bool guessed = false;      // no BOM and not UTF-8: detected statistically
  int confidence = 100;      // ICU's detection confidence (0-100) when guessed
  uint64_t undecodable = 0;  // characters that did not decode and became U+FFFD
};

struct DecodeOptions {
  // A charset the container declares (HTML <meta charset>), tried when the bytes are not
  // UTF-8 and carry no BOM; empty for none. Detection still decides when it is unknown.
  std::string declared;
  // Strip markup before detection so tag names do not skew the statistics (HTML).
  bool markup = false;
};

// Decodes bytes of unknown charset to UTF-8: a BOM decides first, then valid UTF-8 is
// taken as is, then ICU's detector guesses. Latin-1 is read as its superset Windows-1252
// because bytes 0x80-0x9F in real files are smart quotes and dashes, never C1 controls.
// Bytes with NULs that are not UTF-16/32 are refused (kUnsupported): they are binary.
// source_name names the input in errors.
Result<DecodedText> DecodeToUtf8(std::string bytes, std::string_view source_name,
                                 const DecodeOptions& options = {});

// Converts bytes from a named charset to UTF-8 (invalid sequences become U+FFFD, counted
// in *undecodable). Fails with kUnsupported when ICU does not know the charset.
Result<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset,
                                  std::string_view source_name, uint64_t* undecodable);

}  // namespace jobfit::text

#endif  // JOBFIT_TEXT_ENCODING_H_
