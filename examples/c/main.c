/* Uses jobfit's C ABI (include/jobfit/jobfit.h): lists the terms a resume names, then
 * scores it against a built-in role profile. Build against an installed jobfit:
 *   cc -std=c99 main.c $(pkg-config --cflags --libs jobfit) -o jobfit_c_example
 * (add -Wl,-rpath,$(pkg-config --variable=libdir jobfit) for a prefix the loader does not
 * search, or set LD_LIBRARY_PATH). Usage: jobfit_c_example RESUME [PROFILE]
 *
 * Results are JSON (docs/SCHEMAS.md). A real program hands them to its JSON parser; this
 * example stays dependency-free and picks out a few fields with strstr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobfit/jobfit.h"

/* Prints every "name" of the "terms" array of a jobfit.extract/1 document (the fields
 * of an extract term are id, name, category, count, spans, in that order). */
static void PrintTerms(const char* json) {
  const char* p = strstr(json, "\"terms\":[");
  const char* end = strstr(json, "\"implied\":");
  int count = 0;
  printf("terms:");
  while (p != NULL && (p = strstr(p, "\"name\":\"")) != NULL && (end == NULL || p < end)) {
    const char* name = p + strlen("\"name\":\"");
    const char* quote = strchr(name, '"');
    if (quote == NULL) break;
    printf("%s %.*s", count == 0 ? "" : ",", (int)(quote - name), name);
    ++count;
    p = quote;
  }
  printf("\n(%d terms)\n", count);
}

static int Fail(const char* what, char* err) {
  fprintf(stderr, "jobfit_c_example: %s failed (%s): %s\n", what,
          jobfit_status_code_name(jobfit_error_code(err)), jobfit_error_message(err));
  jobfit_free(err);
  return 2;
}

int main(int argc, char** argv) {
  char* err = NULL;
  jobfit_lexicon_t* lexicon;
  jobfit_matcher_t* matcher;
  char *json, *text;
  const char* score;
  size_t len = 0;

  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: jobfit_c_example RESUME [PROFILE]\n");
    return 2;
  }
  printf("jobfit %s (C ABI)\n", jobfit_version());

  /* Errors name the file: try a lexicon that does not exist. */
  lexicon = jobfit_lexicon_load("no-such-lexicon.json", &err);
  printf("loading no-such-lexicon.json: %s\n", lexicon == NULL ? err : "loaded?");
  jobfit_free(err);
  err = NULL;

  /* 1. Lexicon and matcher: once per process, shareable between threads. */
  lexicon = jobfit_lexicon_builtin(&err);
  if (lexicon == NULL) return Fail("jobfit_lexicon_builtin", err);
  printf("built-in lexicon: %lu entries\n", (unsigned long)jobfit_lexicon_size(lexicon));
  matcher = jobfit_matcher_compile(lexicon, &err);
  jobfit_lexicon_destroy(lexicon); /* the matcher keeps what it needs */
  if (matcher == NULL) return Fail("jobfit_matcher_compile", err);

  /* 2. The terms the resume names. */
  json = jobfit_extract_file_json(matcher, argv[1], 0, &err);
  if (json == NULL) {
    jobfit_matcher_destroy(matcher);
    return Fail("jobfit_extract_file_json", err);
  }
  printf("%s: ", argv[1]);
  PrintTerms(json);
  jobfit_free(json);

  /* 3. Score against a role profile; "Present" is January 2025 so output is stable. */
  text = jobfit_read_text(argv[1], &len, &err);
  json = text == NULL
             ? NULL
             : jobfit_check_profile_json(matcher, text, len, argv[1],
                                         argc > 2 ? argv[2] : "ml-engineer", "2025-01", 0, &err);
  jobfit_free(text);
  jobfit_matcher_destroy(matcher);
  if (json == NULL) return Fail("jobfit_check_profile_json", err);
  score = strstr(json, "\"score\":");
  printf("score against profile %s: %.1f/100\n", argc > 2 ? argv[2] : "ml-engineer",
         score != NULL ? strtod(score + strlen("\"score\":"), NULL) : -1.0);
  jobfit_free(json);
  return 0;
}
