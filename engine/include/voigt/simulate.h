// Synthetic 1H-15N HSQC spectra of product-Voigt peaks with known parameters, one plane or a
// relaxation series with known rates: for the demo, accuracy tests and benchmarks.
#ifndef VOIGT_PUBLIC_SIMULATE_H_
#define VOIGT_PUBLIC_SIMULATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "voigt/axis.h"
#include "voigt/peak_list.h"
#include "voigt/peak_result.h"
#include "voigt/spectrum.h"

namespace voigt {

struct SimulationOptions {
  int num_peaks = 150;          // listed peaks, >= 1
  std::uint64_t seed = 1;       // same seed, same spectrum, on every platform
  int nx = 1024;                // 1H points (800 MHz, 3200 Hz: 3.1 Hz per point)
  int ny = 256;                 // 15N points (81 MHz, 1946 Hz: 7.6 Hz per point)
  // Fraction of peaks placed within about one linewidth of another peak, in [0, 1].
  double overlap = 0.15;
  double noise_sd = 1.0;        // Gaussian noise sd, intensity units; 0 for a noiseless spectrum
  double baseline = 0;          // amplitude of a slow baseline (sine along x + offset), units of noise
  int unlisted = 0;             // extra peaks in the spectrum but not in the list, >= 0
  // An approximate list, as carried over from another referencing, temperature or field: each
  // listed position gets Gaussian scatter of this sd (ppm, >= 0) plus a common offset (ppm,
  // finite). The spectrum itself does not change (the scatter has its own random stream).
  double scatter_x_ppm = 0;
  double scatter_y_ppm = 0;
  double offset_x_ppm = 0;
  double offset_y_ppm = 0;
  std::string validate() const;
};

struct SimulatedSpectrum {
  std::vector<float> data;          // ny rows of nx, x fastest
  Axis x, y;
  PeakList listed;                  // what the user would pick: the listed peaks' true positions
                                    // (plus scatter and offset) rounded to 0.001 ppm (1H) and
                                    // 0.01 ppm (15N)
  std::vector<PeakResult> truth;    // every peak (listed first, then unlisted), result columns
};

// Widths per peak: 1H sigma 3-8 Hz and gamma 3-10 Hz, 15N sigma 2-5 Hz and gamma 2-6 Hz;
// heights give SNR 8-400 (uniform), positions 6.8-10.2 ppm 1H and 107-129.5 ppm 15N.
SimulatedSpectrum simulate_spectrum(const SimulationOptions& options);

// A simulated relaxation series with known rates, for tests, benchmarks and the demo.
struct SeriesSimulationOptions {
  SimulationOptions spectrum;  // shapes, positions, plane-0 heights, per-plane noise sd, seed
  // Delays in seconds, one per plane; the default is 10 planes 0 .. 0.18 s.
  std::vector<double> delays_s = {0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18};
  // R of each peak uniform in [rate_min_per_s, rate_max_per_s], 1/s; 0 <= min <= max.
  // 2-20 /s spans 15N R2 and R1rho of folded proteins at high field.
  double rate_min_per_s = 2;
  double rate_max_per_s = 20;
  std::string validate() const;
};

struct SimulatedSeries {
  std::vector<float> data;           // planes of ny rows of nx, x fastest
  Axis x, y;
  int num_planes = 0;
  PeakList listed;                   // as simulate_spectrum's
  std::vector<PeakResult> truth;     // shapes, and heights and volumes at t = 0
  std::vector<double> rates_per_s;   // parallel to truth
  std::vector<double> delays_s;
  SpectrumSeries view() const {
    SpectrumSeries s;
    s.data = data.data();
    s.x = x;
    s.y = y;
    s.num_planes = num_planes;
    s.plane_label = "delay";
    return s;
  }
};

// Plane k holds sum_i H_i exp(-R_i t_k) v_x,i v_y,i plus independent Gaussian noise (sd
// spectrum.noise_sd), each peak's tails cut where they fall below 1e-3 x noise sd. Same options,
// same bytes, on every platform.
SimulatedSeries simulate_series(const SeriesSimulationOptions& options);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_SIMULATE_H_
