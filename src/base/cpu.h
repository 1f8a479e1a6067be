// What the CPU offers beyond the x86-64 baseline the build targets. The hot loops keep a
// baseline (SSE2) form and add an AVX-512 one where it pays, chosen at run time, so one
// binary runs on any x86-64 machine and uses the wider registers where they exist.
#ifndef JOBFIT_BASE_CPU_H_
#define JOBFIT_BASE_CPU_H_

#if defined(__x86_64__) && defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
// Functions compiled for AVX-512BW whatever the build's baseline; call them only when
// CpuHasAvx512Bw() says so. Lambdas do not inherit the attribute: write helpers as
// functions carrying it.
#define JOBFIT_HAVE_AVX512BW_PATHS 1
#define JOBFIT_TARGET_AVX512BW __attribute__((target("avx512bw")))
#endif

namespace jobfit::base {

// True when the CPU and the operating system support AVX-512BW and the environment
// variable JOBFIT_SIMD is not "baseline" (which keeps every loop on SSE2, to compare the
// two or to rule the wide paths out). Read once, then cached.
bool CpuHasAvx512Bw();

}  // namespace jobfit::base

#endif  // JOBFIT_BASE_CPU_H_
