/* Tests the C ABI from C, linked against the shared library as an HR tool would link it:
 * a symbol the header declares but the library does not export fails the build.
 * Usage: capi_test <examples dir>   (sample_resume.txt and sample_job.txt live there)
 * Prints each failed check and exits non-zero if any failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobfit/jobfit.h"

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static int Contains(const char* haystack, const char* needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* Reads a whole file into a malloc'ed, NUL-terminated buffer. */
static char* ReadFile(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* data = NULL;
  long size;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    data = (char*)malloc((size_t)size + 1);
    if (data != NULL) {
      *len = fread(data, 1, (size_t)size, f);
      data[*len] = '\0';
    }
  }
  fclose(f);
  return data;
}

static void TestVersionAndCodes(void) {
  CHECK(strlen(jobfit_version()) >= 5);
  CHECK(strcmp(jobfit_status_code_name(JOBFIT_OK), "ok") == 0);
  CHECK(strcmp(jobfit_status_code_name(JOBFIT_NOT_FOUND), "not_found") == 0);
  CHECK(strcmp(jobfit_status_code_name(JOBFIT_OUT_OF_MEMORY), "out_of_memory") == 0);
  CHECK(strcmp(jobfit_status_code_name((jobfit_status_code)42), "unknown") == 0);
  CHECK(jobfit_error_code(NULL) == JOBFIT_OK);
  CHECK(strcmp(jobfit_error_message(NULL), "") == 0);
  jobfit_free(NULL); /* a no-op */
  jobfit_lexicon_destroy(NULL);
  jobfit_matcher_destroy(NULL);
}

static void TestBadLexiconPath(void) {
  char* err = NULL;
  jobfit_lexicon_t* lexicon = jobfit_lexicon_load("no/such/lexicon.json", &err);
  CHECK(lexicon == NULL);
  CHECK(err != NULL);
  CHECK(jobfit_error_code(err) == JOBFIT_NOT_FOUND);
  CHECK(Contains(err, "not_found: "));
  CHECK(Contains(jobfit_error_message(err), "no/such/lexicon.json"));
  /* A second failure through the same variable frees the first message. */
  lexicon = jobfit_lexicon_load("also/missing.json", &err);
  CHECK(lexicon == NULL);
  CHECK(Contains(err, "also/missing.json"));
  CHECK(!Contains(err, "no/such"));
  jobfit_free(err);
  /* errptr may be NULL: the NULL return still tells of the failure. */
  CHECK(jobfit_lexicon_load("no/such/lexicon.json", NULL) == NULL);
}

static void TestBadLexiconJson(void) {
  static const char kSyntax[] = "{\"schema\": ";
  static const char kSchema[] =
      "{\"schema\": \"jobfit.lexicon/1\", \"name\": \"t\", "
      "\"version\": \"1\", \"entries\": [{\"id\": \"x\"}]}";
  char* err = NULL;
  CHECK(jobfit_lexicon_from_json(kSyntax, sizeof kSyntax - 1, "syntax.json", &err) == NULL);
  CHECK(jobfit_error_code(err) == JOBFIT_PARSE_ERROR);
  CHECK(Contains(err, "syntax.json"));
  jobfit_free(err);
  err = NULL;
  CHECK(jobfit_lexicon_from_json(kSchema, sizeof kSchema - 1, "schema.json", &err) == NULL);
  CHECK(jobfit_error_code(err) == JOBFIT_INVALID_LEXICON);
  CHECK(Contains(err, "schema.json:"));
  jobfit_free(err);
}

static void TestNullArguments(void) {
  char* err = NULL;
  CHECK(jobfit_lexicon_load(NULL, &err) == NULL);
  CHECK(jobfit_error_code(err) == JOBFIT_INVALID_ARGUMENT);
  CHECK(Contains(err, "path is NULL"));
  CHECK(jobfit_matcher_compile(NULL, &err) == NULL);
  CHECK(jobfit_error_code(err) == JOBFIT_INVALID_ARGUMENT);
  CHECK(jobfit_lexicon_layer(NULL, NULL, &err) == NULL);
  CHECK(jobfit_error_code(err) == JOBFIT_INVALID_ARGUMENT);
  CHECK(jobfit_extract_json(NULL, "x", 1, NULL, 0, &err) == NULL);
  CHECK(Contains(err, "matcher is NULL"));
  CHECK(jobfit_extract_file_json(NULL, "x.txt", 0, &err) == NULL);
  CHECK(jobfit_read_text(NULL, NULL, &err) == NULL);
  CHECK(jobfit_check_job_json(NULL, "a", 1, NULL, "b", 1, NULL, NULL, 0, &err) == NULL);
  CHECK(jobfit_check_profile_json(NULL, "a", 1, NULL, "ml-engineer", NULL, 0, &err) == NULL);
  CHECK(jobfit_error_code(err) == JOBFIT_INVALID_ARGUMENT);
  CHECK(jobfit_lexicon_size(NULL) == 0);
  jobfit_free(err);
}

static void TestExtractAndCheck(const char* examples_dir) {
  char path[4096];
  char* err = NULL;
  char* json;
  size_t resume_len = 0, ad_len = 0, read_len = 0;
  char *resume, *ad, *read;
  jobfit_lexicon_t* lexicon = jobfit_lexicon_builtin(&err);
  jobfit_matcher_t* matcher;
  CHECK(lexicon != NULL && err == NULL);
  if (lexicon == NULL) return;
  CHECK(jobfit_lexicon_size(lexicon) > 100);
  matcher = jobfit_matcher_compile(lexicon, &err);
  /* The matcher keeps its own copy of the lexicon. */
  jobfit_lexicon_destroy(lexicon);
  CHECK(matcher != NULL && err == NULL);
  if (matcher == NULL) return;

  json = jobfit_extract_json(matcher, "Built ETL in PySpark on AWS", 27, "cv.txt", 0, &err);
  CHECK(Contains(json, "\"schema\":\"jobfit.extract/1\""));
  CHECK(Contains(json, "\"source\":\"cv.txt\""));
  CHECK(Contains(json, "\"id\":\"pyspark\""));
  CHECK(Contains(json, "\"start\":13,\"end\":20"));
  jobfit_free(json);
  json = jobfit_extract_json(matcher, NULL, 0, NULL, 1, &err); /* an empty text */
  CHECK(Contains(json, "\"source\":\"<memory>\""));
  jobfit_free(json);
  CHECK(jobfit_extract_json(matcher, NULL, 5, NULL, 0, &err) == NULL);
  CHECK(Contains(err, "text is NULL"));

  snprintf(path, sizeof path, "%s/sample_resume.txt", examples_dir);
  json = jobfit_extract_file_json(matcher, path, 0, &err);
  CHECK(Contains(json, "\"id\":\"pytorch\""));
  CHECK(Contains(json, "\"read\":"));
  jobfit_free(json);
  CHECK(jobfit_extract_file_json(matcher, "missing_resume.pdf", 0, &err) == NULL);
  CHECK(jobfit_error_code(err) == JOBFIT_NOT_FOUND);
  CHECK(Contains(err, "missing_resume.pdf"));

  resume = ReadFile(path, &resume_len);
  read = jobfit_read_text(path, &read_len, &err);
  CHECK(resume != NULL && read != NULL && read_len == resume_len);
  jobfit_free(read);
  snprintf(path, sizeof path, "%s/sample_job.txt", examples_dir);
  ad = ReadFile(path, &ad_len);
  CHECK(ad != NULL);
  if (resume != NULL && ad != NULL) {
    json = jobfit_check_job_json(matcher, resume, resume_len, "resume.txt", ad, ad_len, "job.txt",
                                 "2025-01", 0, &err);
    CHECK(Contains(json, "\"schema\":\"jobfit.check/1\""));
    CHECK(Contains(json, "\"kind\":\"job\""));
    CHECK(Contains(json, "\"score\":"));
    jobfit_free(json);
    json = jobfit_check_profile_json(matcher, resume, resume_len, "resume.txt", "ml-engineer",
                                     "2025-01", 1, &err);
    CHECK(Contains(json, "\"kind\":\"profile\""));
    CHECK(Contains(json, "\"explanation\""));
    jobfit_free(json);
    CHECK(jobfit_check_profile_json(matcher, resume, resume_len, NULL, "no-such-role", NULL, 0,
                                    &err) == NULL);
    CHECK(jobfit_error_code(err) == JOBFIT_NOT_FOUND);
    CHECK(Contains(err, "no-such-role"));
    CHECK(jobfit_check_job_json(matcher, resume, resume_len, NULL, ad, ad_len, NULL, "2025-13", 0,
                                &err) == NULL);
    CHECK(jobfit_error_code(err) == JOBFIT_INVALID_ARGUMENT);
    CHECK(Contains(err, "2025-13"));
  }
  free(resume);
  free(ad);
  jobfit_free(err);
  jobfit_matcher_destroy(matcher);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: capi_test <examples dir>\n");
    return 2;
  }
  TestVersionAndCodes();
  TestBadLexiconPath();
  TestBadLexiconJson();
  TestNullArguments();
  TestExtractAndCheck(argv[1]);
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi_test: all checks passed\n");
  return 0;
}
