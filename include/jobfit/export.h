/* jobfit/export.h: which declarations the shared library exports.
 *
 * The library is built with hidden visibility (-fvisibility=hidden): only declarations
 * marked JOBFIT_EXPORT are part of libjobfit.so's interface, so internals can change
 * without breaking the ABI and the dynamic symbol table stays small. The static library
 * and programs that link it are unaffected. Plain C preprocessor only: jobfit.h, a C99
 * header, includes it.
 *
 * On Windows a consumer of the DLL defines JOBFIT_SHARED (the CMake package's
 * jobfit::jobfit_shared target does it), and the library's own build defines
 * JOBFIT_BUILDING_LIBRARY. */
#ifndef JOBFIT_EXPORT_H_
#define JOBFIT_EXPORT_H_

#if defined(_WIN32)
#if defined(JOBFIT_BUILDING_LIBRARY) && defined(JOBFIT_SHARED)
#define JOBFIT_EXPORT __declspec(dllexport)
#elif defined(JOBFIT_SHARED)
#define JOBFIT_EXPORT __declspec(dllimport)
#else
#define JOBFIT_EXPORT
#endif
#elif defined(__cplusplus) && (defined(__GNUC__) || defined(__clang__))
/* The standard attribute syntax, so it can follow [[nodiscard]] on a class. */
#define JOBFIT_EXPORT [[gnu::visibility("default")]]
#elif defined(__GNUC__) || defined(__clang__)
#define JOBFIT_EXPORT __attribute__((visibility("default")))
#else
#define JOBFIT_EXPORT
#endif

#endif /* JOBFIT_EXPORT_H_ */
