// Picked peaks as the peak list a fit starts from (see voigt/pick.h).
#include <string>

#include "voigt/pick.h"

namespace voigt {

PeakList to_peak_list(const std::vector<PickedPeak>& picked, const Spectrum2D& plane) {
  PeakList list;
  list.peaks.reserve(picked.size());
  for (std::size_t k = 0; k < picked.size(); ++k) {
    const PickedPeak& p = picked[k];
    Peak peak;
    peak.assignment = "P" + std::to_string(k + 1);
    peak.x_ppm = p.x_ppm;
    peak.y_ppm = p.y_ppm;
    peak.height_hint = p.height;
    peak.linewidth_x_hz_hint = p.fwhm_x_pt * plane.x.hz_per_pt();
    peak.linewidth_y_hz_hint = p.fwhm_y_pt * plane.y.hz_per_pt();
    list.peaks.push_back(peak);
  }
  return list;
}

}  // namespace voigt
