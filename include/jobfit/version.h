// jobfit/version.h: the library's version, for logs and bug reports.
#ifndef JOBFIT_VERSION_H_
#define JOBFIT_VERSION_H_

namespace jobfit {

// Returns the version as "MAJOR.MINOR.PATCH". The string is static.
const char* Version();

}  // namespace jobfit

#endif  // JOBFIT_VERSION_H_
