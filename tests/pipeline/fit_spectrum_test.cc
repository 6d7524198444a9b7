// The whole pipeline on simulated spectra with known parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "voigt/fit.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

struct Accuracy {
  double median_dx_hz, median_dy_hz, within5, median_volume_error;
  int failed;
};

Accuracy measure(const SimulatedSpectrum& sim, const FitResults& fit) {
  std::vector<double> dx, dy, dv;
  int within = 0, failed = 0;
  for (std::size_t k = 0; k < sim.listed.peaks.size(); ++k) {
    const PeakResult& t = sim.truth[k];
    const PeakResult& r = fit.rows[k];
    if (r.status != PeakStatus::kOk) { ++failed; continue; }
    dx.push_back(std::abs(r.x_ppm - t.x_ppm) * sim.x.obs_mhz);
    dy.push_back(std::abs(r.y_ppm - t.y_ppm) * sim.y.obs_mhz);
    const double e = std::abs(r.volume / t.volume - 1);
    dv.push_back(e);
    within += e <= 0.05;
  }
  auto median = [](std::vector<double> v) {
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
  };
  return {median(dx), median(dy), within / double(sim.listed.peaks.size()), median(dv), failed};
}

TEST(FitSpectrum, NoiselessSimulationIsRecoveredExactly) {
  SimulationOptions so;
  so.num_peaks = 40;
  so.noise_sd = 0;
  so.seed = 3;
  so.overlap = 0.2;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D spectrum{sim.data.data(), sim.x, sim.y};
  FitOptions options;
  options.baseline = BaselineMethod::kConstant;
  options.noise = 1e-3;
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(spectrum, sim.listed, options, *executor);
  const Accuracy a = measure(sim, fit);
  std::printf("noiseless: median |dx| %.2e Hz |dy| %.2e Hz, volume err median %.2e, within 5%% %.3f\n",
              a.median_dx_hz, a.median_dy_hz, a.median_volume_error, a.within5);
  EXPECT_EQ(a.failed, 0);
  EXPECT_LT(a.median_volume_error, 1e-3);
}

TEST(FitSpectrum, SimulatedHsqcMeetsAccuracyTargets) {
  SimulationOptions so;
  so.num_peaks = 150;
  so.seed = 7;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D spectrum{sim.data.data(), sim.x, sim.y};
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(spectrum, sim.listed, FitOptions{}, *executor);
  const Accuracy a = measure(sim, fit);
  std::printf("seed 7: median |dx| %.3f Hz |dy| %.3f Hz, volume err median %.4f, within 5%% %.3f, "
              "failed %d, %s\n", a.median_dx_hz, a.median_dy_hz, a.median_volume_error, a.within5,
              a.failed, fit.summary.brief_report().c_str());
  EXPECT_EQ(a.failed, 0);
  EXPECT_LE(a.median_dx_hz, 0.1);
  EXPECT_LE(a.median_dy_hz, 0.1);
  EXPECT_GE(a.within5, 0.78);
}

}  // namespace
}  // namespace voigt
