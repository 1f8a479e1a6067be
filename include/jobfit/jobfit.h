/* jobfit/jobfit.h: the C ABI, for programs in C and for other languages' FFIs (Python
 * ctypes, Go cgo, Java JNA/Panama, C# P/Invoke). C99; modelled on LevelDB's c.h.
 *
 * Text goes in as UTF-8 (a pointer and a length); results come out as JSON in the same
 * schemas the `jobfit` program prints (docs/SCHEMAS.md: jobfit.extract/1, jobfit.check/1),
 * so a binding needs no struct layouts, only strings. Typical use:
 *
 *   char* err = NULL;
 *   jobfit_lexicon_t* lexicon = jobfit_lexicon_builtin(&err);
 *   jobfit_matcher_t* matcher = lexicon ? jobfit_matcher_compile(lexicon, &err) : NULL;
 *   if (matcher == NULL) {
 *     fprintf(stderr, "jobfit: %s\n", err);   // "not_found: team.json: cannot open ..."
 *     jobfit_free(err);
 *     ...
 *   }
 *   char* json = jobfit_extract_json(matcher, text, strlen(text), "cv.txt", 0, &err);
 *   if (json != NULL) { puts(json); jobfit_free(json); }
 *   jobfit_matcher_destroy(matcher);
 *   jobfit_lexicon_destroy(lexicon);
 *
 * Errors. Every call that can fail returns NULL (or 0 where noted) and takes a last
 * argument `char** errptr`:
 *   - errptr may be NULL when the caller does not want the message;
 *   - otherwise *errptr must be NULL or hold an earlier message from jobfit, which the
 *     call frees when it stores a new one (as in LevelDB), so one variable can serve a
 *     sequence of calls; on success *errptr is left unchanged;
 *   - a message reads "<code>: <where>: <what>", e.g. "not_found: team.json: cannot open
 *     file", where <code> is jobfit_status_code_name() of the error's code and <where> is
 *     the file (with line and column when known). jobfit_error_code() recovers the code,
 *     jobfit_error_message() the text after the code;
 *   - the caller frees the message with jobfit_free().
 * A NULL return always means failure, even if the message could not be allocated.
 * No C++ exception ever leaves this interface: each call catches everything and reports
 * JOBFIT_OUT_OF_MEMORY or JOBFIT_INTERNAL instead.
 *
 * Ownership. Every pointer jobfit returns to the caller (a handle, a JSON string, an
 * error message) is the caller's: free strings with jobfit_free() and handles with their
 * destroy function, never with free() (the library may use another C runtime). Strings
 * passed in are only read during the call; jobfit keeps no pointer to them. Functions
 * that return `const char*` return static strings that must not be freed.
 *
 * Threads. Lexicon and matcher handles are immutable after creation: any number of
 * threads may use one handle at once in the calls below, which take it as const. A handle
 * must not be destroyed while another thread is still using it. Each call allocates its
 * own working memory, so calls in different threads never wait for each other.
 *
 * Versioning. libjobfit.so.<major>: functions are only added within a major version, and
 * the numeric values of jobfit_status_code never change. JSON schemas evolve as
 * docs/SCHEMAS.md says (new fields may appear; consumers ignore what they do not know). */
#ifndef JOBFIT_JOBFIT_H_
#define JOBFIT_JOBFIT_H_

#include <stddef.h>

#include "jobfit/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A validated lexicon: the terms jobfit recognises (docs/LEXICON.md). */
typedef struct jobfit_lexicon_t jobfit_lexicon_t;
/* A lexicon compiled for scanning. Keeps its own copy of the lexicon. */
typedef struct jobfit_matcher_t jobfit_matcher_t;

/* Why a call failed. The numeric values are part of the ABI. */
typedef enum jobfit_status_code {
  JOBFIT_OK = 0,
  JOBFIT_INVALID_ARGUMENT = 1, /* a NULL or malformed argument */
  JOBFIT_NOT_FOUND = 2,        /* a file, built-in profile or named item does not exist */
  JOBFIT_IO_ERROR = 3,         /* reading failed */
  JOBFIT_PARSE_ERROR = 4,      /* malformed input: JSON syntax, a bad pattern, corrupt PDF */
  JOBFIT_INVALID_LEXICON = 5,  /* well-formed lexicon JSON that breaks the schema's rules */
  JOBFIT_LIMIT_EXCEEDED = 6,   /* an input larger than jobfit accepts */
  JOBFIT_UNSUPPORTED = 7,      /* a format jobfit does not read (images, legacy .doc) */
  JOBFIT_INTERNAL = 8,         /* a bug in jobfit; please report it */
  JOBFIT_OUT_OF_MEMORY = 9     /* an allocation failed */
} jobfit_status_code;

/* ---- Library -------------------------------------------------------------------------- */

/* Returns the library's version, "MAJOR.MINOR.PATCH". Static; never NULL. */
JOBFIT_EXPORT const char* jobfit_version(void);

/* Returns the stable lower-case name of a code ("not_found"), the same names the JSON
 * reports use for error codes. Static; "unknown" for a value outside the enum. */
JOBFIT_EXPORT const char* jobfit_status_code_name(jobfit_status_code code);

/* Returns the code of an error message stored through errptr; JOBFIT_OK for NULL. */
JOBFIT_EXPORT jobfit_status_code jobfit_error_code(const char* err);

/* Returns the part of an error message after "<code>: ", pointing into err (so it lives
 * as long as err); "" for NULL. */
JOBFIT_EXPORT const char* jobfit_error_message(const char* err);

/* Frees a string returned by jobfit: JSON, text or an error message. NULL is a no-op. */
JOBFIT_EXPORT void jobfit_free(void* ptr);

/* ---- Lexicons ------------------------------------------------------------------------- */

/* Returns the lexicons built into the library, layered in file order. */
JOBFIT_EXPORT jobfit_lexicon_t* jobfit_lexicon_builtin(char** errptr);

/* Reads and validates one lexicon file (docs/LEXICON.md). Errors: JOBFIT_NOT_FOUND or
 * JOBFIT_IO_ERROR for the file, JOBFIT_PARSE_ERROR for JSON syntax,
 * JOBFIT_INVALID_LEXICON for schema violations; each message names the file, and the line,
 * column and entry id where there is one. */
JOBFIT_EXPORT jobfit_lexicon_t* jobfit_lexicon_load(const char* path, char** errptr);

/* Validates lexicon JSON held in memory (json[0..len), UTF-8); source_name (may be NULL)
 * names it in error messages. Errors as jobfit_lexicon_load. */
JOBFIT_EXPORT jobfit_lexicon_t* jobfit_lexicon_from_json(const char* json, size_t len,
                                                         const char* source_name, char** errptr);

/* Returns a new lexicon: base with overlay's entries added, an overlay entry replacing
 * the base entry with the same id. Both inputs stay valid and unchanged. Errors:
 * JOBFIT_INVALID_LEXICON when the result breaks a rule that spans entries (an alias
 * claimed twice, an `implies` naming an unknown id or forming a cycle). */
JOBFIT_EXPORT jobfit_lexicon_t* jobfit_lexicon_layer(const jobfit_lexicon_t* base,
                                                     const jobfit_lexicon_t* overlay,
                                                     char** errptr);

/* Returns the number of entries; 0 for NULL. */
JOBFIT_EXPORT size_t jobfit_lexicon_size(const jobfit_lexicon_t* lexicon);

/* Destroys a lexicon. Matchers compiled from it stay valid. NULL is a no-op. */
JOBFIT_EXPORT void jobfit_lexicon_destroy(jobfit_lexicon_t* lexicon);

/* ---- Matchers ------------------------------------------------------------------------- */

/* Compiles a lexicon for scanning (the costly step: do it once, share the result).
 * Errors: JOBFIT_PARSE_ERROR or JOBFIT_INVALID_LEXICON naming the entry and its JSON
 * position, e.g. an RE2 pattern that does not compile. */
JOBFIT_EXPORT jobfit_matcher_t* jobfit_matcher_compile(const jobfit_lexicon_t* lexicon,
                                                       char** errptr);

/* Destroys a matcher. NULL is a no-op. */
JOBFIT_EXPORT void jobfit_matcher_destroy(jobfit_matcher_t* matcher);

/* ---- Extraction: which terms a text names --------------------------------------------- */

/* Scans text[0..len) (UTF-8; invalid bytes are tolerated) and returns a jobfit.extract/1
 * JSON document (one line, newline-terminated) with one entry in "documents", whose
 * "source" is source_name (NULL gives "<memory>"). Byte offsets in the JSON index into
 * text. explain != 0 adds each ambiguous occurrence's decision. text may be NULL when
 * len is 0. Errors: JOBFIT_INVALID_ARGUMENT for a NULL matcher or text. */
JOBFIT_EXPORT char* jobfit_extract_json(const jobfit_matcher_t* matcher, const char* text,
                                        size_t len, const char* source_name, int explain,
                                        char** errptr);

/* Reads the document at path in any format jobfit reads (text in any supported charset,
 * Markdown, HTML, PDF, DOCX, ODT, JSON Resume; told from the content) and returns its
 * jobfit.extract/1 JSON as jobfit_extract_json does, with "read" telling how it was read.
 * Errors, each naming the file: JOBFIT_NOT_FOUND, JOBFIT_IO_ERROR,
 * JOBFIT_LIMIT_EXCEEDED, JOBFIT_UNSUPPORTED, JOBFIT_PARSE_ERROR. */
JOBFIT_EXPORT char* jobfit_extract_file_json(const jobfit_matcher_t* matcher, const char* path,
                                             int explain, char** errptr);

/* Reads the document at path as jobfit_extract_file_json does and returns its text as
 * UTF-8 (NUL-terminated; *len_out, when len_out is not NULL, receives its length, which
 * excludes the NUL). Use it to score a PDF or DOCX resume with the calls below. For both
 * calls, a path of "-" reads standard input, as in the jobfit program. */
JOBFIT_EXPORT char* jobfit_read_text(const char* path, size_t* len_out, char** errptr);

/* ---- Scoring: how well a resume covers a job ad or a role profile ---------------------- */

/* Scores the resume resume[0..resume_len) against the job ad ad[0..ad_len) (both UTF-8)
 * and returns a jobfit.check/1 JSON document (docs/SCHEMAS.md, docs/SCORING.md).
 * resume_source and ad_source (may be NULL) name the texts in the JSON. as_of is the
 * month "Present" means, "YYYY-MM", or NULL for the current month (fix it for
 * reproducible results). explain != 0 adds the origin of every point. Errors:
 * JOBFIT_INVALID_ARGUMENT for a NULL matcher or text, a malformed as_of, or a text over
 * 4 GiB. */
JOBFIT_EXPORT char* jobfit_check_job_json(const jobfit_matcher_t* matcher, const char* resume,
                                          size_t resume_len, const char* resume_source,
                                          const char* ad, size_t ad_len, const char* ad_source,
                                          const char* as_of, int explain, char** errptr);

/* Scores the resume against a role profile instead of a job ad and returns
 * jobfit.check/1 JSON as jobfit_check_job_json does. profile is a built-in profile's name
 * ("ml-engineer"; `jobfit profile list` shows them) or, when it contains a '/' or ends in
 * ".json", the path of a jobfit.profile/1 file. Errors: as above, and JOBFIT_NOT_FOUND
 * naming the known profiles, or the profile file's own errors. */
JOBFIT_EXPORT char* jobfit_check_profile_json(const jobfit_matcher_t* matcher, const char* resume,
                                              size_t resume_len, const char* resume_source,
                                              const char* profile, const char* as_of, int explain,
                                              char** errptr);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* JOBFIT_JOBFIT_H_ */
