#include "jobfit/version.h"

namespace jobfit {

const char* Version() { return JOBFIT_VERSION_STRING; }

}  // namespace jobfit
