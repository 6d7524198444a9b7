// libFuzzer target for a peak-list parser, built once per format (tests/fuzz/CMakeLists.txt sets
// VOIGT_FUZZ_FORMAT to kCsv, kNmrPipeTab, kSparky, kCcpnA2, kNef or kAuto): peak_list_csv_fuzz,
// peak_list_tab_fuzz, peak_list_sparky_fuzz, peak_list_a2_fuzz, peak_list_nef_fuzz,
// peak_list_auto_fuzz. What is checked: tests/fuzz/fuzz_checks.h.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string problem =
      voigt::fuzz::check_peak_list_input(voigt::PeakListFormat::VOIGT_FUZZ_FORMAT, data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz check failed: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
