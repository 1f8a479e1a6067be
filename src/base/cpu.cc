#include "base/cpu.h"

#include <cstdlib>
#include <string_view>

namespace jobfit::base {

bool CpuHasAvx512Bw() {
  static const bool has = [] {
    const char* simd = std::getenv("JOBFIT_SIMD");
    if (simd != nullptr && std::string_view(simd) == "baseline") return false;
#if defined(JOBFIT_HAVE_AVX512BW_PATHS)
    // libgcc's check also asks the OS (XGETBV) whether it saves the AVX-512 registers.
    return __builtin_cpu_supports("avx512bw") != 0;
#else
    return false;
#endif
  }();
  return has;
}

}  // namespace jobfit::base
