// What a file handed to a shell holds, told from its content alone: file names and extensions
// say little (an NMRPipe seriesTab list is often .ser, a spectrum .dat or .nv), and the page,
// which receives a bag of dropped files, must open every file the CLI accepts.
#ifndef VOIGT_PUBLIC_INPUT_KIND_H_
#define VOIGT_PUBLIC_INPUT_KIND_H_

#include <cstddef>
#include <cstdint>

namespace voigt {

enum class InputKind {
  kSpectrum,  // NMRPipe (either byte order) or Sparky UCSF, by their magic numbers
  kPeakList,  // text a peak-list reader recognises (detect_peak_list_format)
  kDelays,    // text that parses as a delays list (vclist / vdlist: one value per line)
  kUnknown,   // none of these (binary that is no spectrum, text no reader accepts)
};

// Checks in that order; never throws. Peak lists come before delays: a list always has a header,
// a delays file never has one.
InputKind classify_input(const std::uint8_t* bytes, std::size_t size);

// "spectrum", "peaks", "delays", "unknown".
const char* to_string(InputKind kind);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_INPUT_KIND_H_
