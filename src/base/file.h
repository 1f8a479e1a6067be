// File input for every stage that reads from disk or stdin.
#ifndef JOBFIT_BASE_FILE_H_
#define JOBFIT_BASE_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "jobfit/status.h"

namespace jobfit::base {

// Reads a whole file (or stdin when path is "-") into memory. Fails with kNotFound,
// kIoError (naming the OS error) or kLimitExceeded when the input is larger than
// max_bytes, so a huge or endless input never exhausts memory.
Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes);

// Gives *text room for `size` bytes. A large buffer is mapped in one call where the
// kernel allows it: a 100 MB corpus otherwise takes 25,000 page faults on its first
// write. Call it before the buffer is first written. Contents are kept.
void ReserveLarge(std::string* text, size_t size);

}  // namespace jobfit::base

#endif  // JOBFIT_BASE_FILE_H_
