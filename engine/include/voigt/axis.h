// One frequency axis of a spectrum: the map between 0-based grid points and ppm.
#ifndef VOIGT_PUBLIC_AXIS_H_
#define VOIGT_PUBLIC_AXIS_H_

#include <string>

namespace voigt {

// NMRPipe's convention (also nmrglue's): point 0 is the high-ppm (left) edge and point
// size_pt - 1 sits at orig_hz / obs_mhz:
//   ppm(i) = (orig_hz + sw_hz - sw_hz / size_pt) / obs_mhz - i * sw_hz / (size_pt * obs_mhz)
struct Axis {
  int size_pt = 0;        // number of points
  double sw_hz = 0;       // spectral width
  double obs_mhz = 0;     // spectrometer frequency of this nucleus
  double orig_hz = 0;     // frequency of the last point (point size_pt - 1)
  std::string label;      // nucleus or axis name from the file ("1H", "15N", "HN")

  double hz_per_pt() const { return sw_hz / size_pt; }
  double ppm_per_pt() const { return sw_hz / (size_pt * obs_mhz); }
  double ppm_at(double pt) const {
    return (orig_hz + sw_hz - hz_per_pt()) / obs_mhz - pt * ppm_per_pt();
  }
  double pt_at(double ppm) const {
    return ((orig_hz + sw_hz - hz_per_pt()) / obs_mhz - ppm) / ppm_per_pt();
  }
  double first_ppm() const { return ppm_at(0); }
  double last_ppm() const { return ppm_at(size_pt - 1); }
  // Returns "" when usable, else a message naming the field ("Axis x: sw_hz = 0; must be > 0").
  std::string validate(const std::string& name) const;
};

// The axis of `size_pt` points from the ppm of its first and last point (as nmrglue's
// unit_conversion.ppm_limits() gives them; first > last, point 0 being the high-ppm edge) and
// the spectrometer frequency of its nucleus (widths are in Hz). Throws std::invalid_argument
// "Axis NAME: first_ppm = nan; must be finite" (or last_ppm, obs_mhz, size_pt, the order).
Axis axis_from_ppm_limits(int size_pt, double first_ppm, double last_ppm, double obs_mhz, const std::string& name);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_AXIS_H_
