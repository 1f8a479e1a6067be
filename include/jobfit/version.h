// jobfit/version.h: the library's version, for logs and bug reports.
#ifndef JOBFIT_VERSION_H_
#define JOBFIT_VERSION_H_

#include "jobfit/export.h"

namespace jobfit {

// Returns the version as "MAJOR.MINOR.PATCH". The string is static.
JOBFIT_EXPORT const char* Version();

}  // namespace jobfit

#endif  // JOBFIT_VERSION_H_
