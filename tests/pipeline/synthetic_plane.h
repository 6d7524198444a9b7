// Hand-built test planes for the picker: product-Voigt peaks, Gaussian noise and the artefacts
// picking must reject (t1-noise ridges, truncation wiggles, spikes), on the simulator's axes.
#ifndef VOIGT_TESTS_PIPELINE_SYNTHETIC_PLANE_H_
#define VOIGT_TESTS_PIPELINE_SYNTHETIC_PLANE_H_

#include <cmath>
#include <cstddef>
#include <vector>

#include "lineshape/profile.h"
#include "simulate/random.h"
#include "voigt/simulate.h"
#include "voigt/spectrum.h"

namespace voigt::testing {

struct SyntheticPlane {
  std::vector<float> data;
  Axis x, y;
  SyntheticPlane(int nx, int ny) {
    SimulationOptions so;  // borrow the simulator's axes (800 MHz 1H, 81 MHz 15N)
    so.nx = nx, so.ny = ny, so.num_peaks = 1, so.noise_sd = 0;
    const SimulatedSpectrum sim = simulate_spectrum(so);
    x = sim.x, y = sim.y;
    data.assign(static_cast<std::size_t>(nx) * ny, 0.0f);
  }
  Spectrum2D view() const { return Spectrum2D{data.data(), x, y}; }
  float& at(int i, int j) { return data[static_cast<std::size_t>(j) * x.size_pt + i]; }

  // The peak's normalised x (or y) profile on the grid, widths in points.
  static std::vector<double> profile(int n, double centre_pt, double sigma_pt, double gamma_pt) {
    const detail::NormalisedProfile v(Shape::kVoigt, {sigma_pt, gamma_pt, 0});
    std::vector<double> u(n);
    for (int i = 0; i < n; ++i) u[i] = v(i - centre_pt).value;
    return u;
  }
  void add_outer(const std::vector<double>& ux, const std::vector<double>& uy, double height) {
    for (int j = 0; j < y.size_pt; ++j)
      for (int i = 0; i < x.size_pt; ++i) at(i, j) += static_cast<float>(height * ux[i] * uy[j]);
  }
  void add_peak(double cx, double cy, double height, double sx, double gx, double sy, double gy) {
    add_outer(profile(x.size_pt, cx, sx, gx), profile(y.size_pt, cy, sy, gy), height);
  }
  void add_noise(double sd, detail::Random& rng) {
    for (float& v : data) v += static_cast<float>(sd * rng.normal());
  }
};

// sin(pi t / period) / (pi t / period): the line of a truncated, unapodised acquisition.
inline std::vector<double> sinc_profile(int n, double centre_pt, double period_pt) {
  std::vector<double> u(n);
  for (int i = 0; i < n; ++i) {
    const double t = 3.141592653589793 * (i - centre_pt) / period_pt;
    u[i] = std::fabs(t) < 1e-12 ? 1.0 : std::sin(t) / t;
  }
  return u;
}

}  // namespace voigt::testing

#endif  // VOIGT_TESTS_PIPELINE_SYNTHETIC_PLANE_H_
