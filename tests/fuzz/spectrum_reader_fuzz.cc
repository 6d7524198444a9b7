// libFuzzer target for a spectrum reader, built once per reader (tests/fuzz/CMakeLists.txt sets
// VOIGT_FUZZ_READER to kNmrPipe or kUcsf): nmrpipe_reader_fuzz, ucsf_reader_fuzz. What is
// checked: tests/fuzz/fuzz_checks.h.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string problem =
      voigt::fuzz::check_spectrum_input(voigt::fuzz::SpectrumReader::VOIGT_FUZZ_READER, data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz check failed: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
