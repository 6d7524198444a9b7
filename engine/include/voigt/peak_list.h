// The user's peak list: positions in ppm and optional per-peak hints.
#ifndef VOIGT_PUBLIC_PEAK_LIST_H_
#define VOIGT_PUBLIC_PEAK_LIST_H_

#include <cmath>
#include <string>
#include <vector>

namespace voigt {

// A number the list did not give is NaN.
struct Peak {
  std::string assignment;             // label from the list ("G12N-H"), or "" when unassigned
  double x_ppm = NAN;                 // direct dimension (1H)
  double y_ppm = NAN;                 // indirect dimension (15N/13C)
  double height_hint = NAN;           // intensity units
  double linewidth_x_hz_hint = NAN;   // FWHM
  double linewidth_y_hz_hint = NAN;   // FWHM
  double window_x_ppm = NAN;          // total width of this peak's fitting window
  double window_y_ppm = NAN;
  int source_line = 0;                // 1-based line in the list file, for messages
};

enum class PeakListFormat { kAuto, kCsv, kNmrPipeTab, kSparky, kCcpnA2, kNef };

struct PeakList {
  std::vector<Peak> peaks;
  PeakListFormat format = PeakListFormat::kAuto;  // the format that was parsed
};

}  // namespace voigt

#endif  // VOIGT_PUBLIC_PEAK_LIST_H_
