// Numbers as reports print them.
#ifndef JOBFIT_BASE_NUMBER_FORMAT_H_
#define JOBFIT_BASE_NUMBER_FORMAT_H_

#include <string>

namespace jobfit::base {

// `value` with `decimals` digits after the point, as printf's "%.*f" writes it (the same
// digits, rounding and "-0.0"), without printf's format parsing and locale look-up:
// every scored resume formats a dozen numbers.
std::string FormatFixed(double value, int decimals);

}  // namespace jobfit::base

#endif  // JOBFIT_BASE_NUMBER_FORMAT_H_
