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

std::vector<PeakResult> to_result_rows(const std::vector<PickedPeak>& picked, const Spectrum2D& plane) {
  const PeakList list = to_peak_list(picked, plane);
  std::vector<PeakResult> rows(picked.size());
  for (std::size_t k = 0; k < picked.size(); ++k) {
    const Peak& p = list.peaks[k];
    PeakResult& r = rows[k];
    r.index = static_cast<int>(k);
    r.assignment = p.assignment;
    r.x_ppm_in = r.x_ppm = p.x_ppm;
    r.y_ppm_in = r.y_ppm = p.y_ppm;
    r.height = p.height_hint;
    r.fwhm_x_hz = p.linewidth_x_hz_hint;
    r.fwhm_y_hz = p.linewidth_y_hz_hint;
    r.snr = picked[k].snr;
    r.status = PeakStatus::kOk;
    r.message = "picked";
  }
  return rows;
}

}  // namespace voigt
