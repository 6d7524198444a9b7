// The second pass of fit_spectrum (pipeline/first_pass.h): what it subtracts, and that it
// improves the fit of simulated spectra with known parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pipeline/first_pass.h"
#include "voigt/fit.h"
#include "voigt/lineshape.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

// A Voigt row at (x_pt, y_pt) on the simulator's axes.
PeakResult voigt_row(const SimulatedSpectrum& sim, double x_pt, double y_pt, double height) {
  PeakResult row;
  row.status = PeakStatus::kOk;
  row.x_ppm = sim.x.ppm_at(x_pt);
  row.y_ppm = sim.y.ppm_at(y_pt);
  row.height = height;
  row.sigma_x_hz = 6, row.gamma_x_hz = 5;
  row.sigma_y_hz = 8, row.gamma_y_hz = 4;
  return row;
}

// Independent of the region model: the public unit-area Voigt, normalised at its centre.
double profile(double offset_pt, double sigma_hz, double gamma_hz, double hz_per_pt) {
  const double s = sigma_hz / hz_per_pt, g = gamma_hz / hz_per_pt;
  return voigt_profile(offset_pt, s, g) / voigt_profile(0, s, g);
}

TEST(SecondPass, SubtractsTheOtherPeaksWithinTheMarginAndNothingElse) {
  SimulationOptions so;
  so.num_peaks = 1;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D spectrum{sim.data.data(), sim.x, sim.y};
  TaskResult first_fits;  // one cluster's first fits, its peaks listed 0..5
  std::vector<PeakResult>& rows = first_fits.rows;
  rows = {
      voigt_row(sim, 120, 40, 500),   // the cluster's own peak
      voigt_row(sim, 170.3, 47.6, 800),  // 30 points right of the region: its tail reaches in
      voigt_row(sim, 600, 40, 1e6),   // beyond the margin
      voigt_row(sim, 110, 44, 300),   // not fitted: never subtracted
      voigt_row(sim, 150, 35, 900),   // ran into its window's edge: not a peak, not subtracted
      voigt_row(sim, 90, 45, 900)};   // widened to its largest width: likewise
  rows[3].status = PeakStatus::kFailed;
  rows[1].flags = "sigma_x@lower;sigma_y@lower";  // a Lorentzian: subtracted
  rows[4].flags = "x@upper";
  rows[5].flags = "sigma_y@lower;gamma_x@upper";
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) rows[i].index = i;
  const detail::FirstPass first(spectrum, {&first_fits}, Shape::kVoigt);
  EXPECT_EQ(first.listed(0), &rows[0]);
  EXPECT_EQ(first.listed(3), nullptr);

  detail::RegionData region;
  region.x_begin_pt = 100, region.y_begin_pt = 30;
  region.values.setZero(41, 21);  // x 100..140, y 30..50
  const double largest = first.subtract_others(region, {&rows[0]}, 60, 20);

  const double hz_x = sim.x.hz_per_pt(), hz_y = sim.y.hz_per_pt();
  double expected_largest = 0;
  for (int j = 0; j < region.ny(); ++j) {
    for (int i = 0; i < region.nx(); ++i) {
      const double tail = 800 * profile(100 + i - 170.3, 6, 5, hz_x) *
                          profile(30 + j - 47.6, 8, 4, hz_y);
      ASSERT_NEAR(region.values(i, j), -tail, 1e-9 * 800) << i << ", " << j;
      expected_largest = std::max(expected_largest, tail);
    }
  }
  EXPECT_NEAR(largest, expected_largest, 1e-9 * 800);
}

TEST(SecondPass, StartsFromTheRowsParametersInRegionPoints) {
  SimulationOptions so;
  so.num_peaks = 1;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D spectrum{sim.data.data(), sim.x, sim.y};
  TaskResult first_fits;
  first_fits.rows = {voigt_row(sim, 120.25, 40.5, 500)};
  const std::vector<PeakResult>& rows = first_fits.rows;
  const detail::FirstPass first(spectrum, {&first_fits}, Shape::kVoigt);
  detail::RegionData region;
  region.x_begin_pt = 100, region.y_begin_pt = 30;
  double p[7];
  first.params_of(rows[0], region, p);
  EXPECT_DOUBLE_EQ(p[0], 500);
  EXPECT_NEAR(p[1], 20.25, 1e-9);
  EXPECT_NEAR(p[2], 10.5, 1e-9);
  EXPECT_DOUBLE_EQ(p[3], 6 / sim.x.hz_per_pt());
  EXPECT_DOUBLE_EQ(p[4], 5 / sim.x.hz_per_pt());
  EXPECT_DOUBLE_EQ(p[5], 8 / sim.y.hz_per_pt());
  EXPECT_DOUBLE_EQ(p[6], 4 / sim.y.hz_per_pt());
}

struct VolumeAccuracy {
  double within5;        // fraction of listed peaks with a volume within 5 % of the truth
  double median_error;   // median relative volume error
};

VolumeAccuracy fit_and_measure(const SimulatedSpectrum& sim, bool second_pass) {
  const Spectrum2D spectrum{sim.data.data(), sim.x, sim.y};
  FitOptions options;
  options.second_pass = second_pass;
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(spectrum, sim.listed, options, *executor);
  std::vector<double> errors;
  for (std::size_t k = 0; k < sim.listed.peaks.size(); ++k)
    errors.push_back(fit.rows[k].status == PeakStatus::kOk
                         ? std::abs(fit.rows[k].volume / sim.truth[k].volume - 1)
                         : INFINITY);
  const double within =
      std::count_if(errors.begin(), errors.end(), [](double e) { return e <= 0.05; });
  std::nth_element(errors.begin(), errors.begin() + errors.size() / 2, errors.end());
  return {within / errors.size(), errors[errors.size() / 2]};
}

// Measured: seeds 7/8/9 (150 peaks, 1024 x 256) 84.7/90.0/84.7 % -> 89.3/93.3/88.7 % of volumes
// within 5 %; a crowded 300 peaks on 2048 x 512 (seed 5) 77.7 -> 92.3 %; the median volume error
// roughly halves on each.
TEST(SecondPass, ImprovesVolumesOfSimulatedSpectra) {
  std::vector<SimulationOptions> sets(4);
  sets[0].seed = 7, sets[1].seed = 8, sets[2].seed = 9;
  sets[3].seed = 5, sets[3].num_peaks = 300, sets[3].nx = 2048, sets[3].ny = 512;
  for (const SimulationOptions& so : sets) {
    const SimulatedSpectrum sim = simulate_spectrum(so);
    const VolumeAccuracy one = fit_and_measure(sim, false), two = fit_and_measure(sim, true);
    std::printf("seed %d, %d peaks: within 5 %% %.3f -> %.3f, median error %.4f -> %.4f\n",
                static_cast<int>(so.seed), so.num_peaks, one.within5, two.within5,
                one.median_error, two.median_error);
    EXPECT_GE(two.within5, one.within5 + 0.02) << "seed " << so.seed;
    EXPECT_LE(two.median_error, 0.75 * one.median_error) << "seed " << so.seed;
  }
}

// Ctrl-C during the second pass: every cluster has its first fit, so every row stays fitted;
// those whose second fit was cancelled keep the first and say so, the others are the refits.
TEST(SecondPass, CancelledSecondFitsKeepTheFirstAndSaySo) {
  SimulationOptions so;
  so.seed = 7;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D spectrum{sim.data.data(), sim.x, sim.y};
  auto executor = make_sequential_executor();
  FitOptions one_pass;
  one_pass.second_pass = false;
  const FitResults first = fit_spectrum(spectrum, sim.listed, one_pass, *executor);
  const FitResults both = fit_spectrum(spectrum, sim.listed, FitOptions{}, *executor);
  Executor* running = executor.get();
  const FitResults cut = fit_spectrum(
      spectrum, sim.listed, FitOptions{}, *executor, [&](const Progress& p) {
        if (p.tasks_done == p.tasks_total / 2 + 5) running->request_cancel();
        return ProgressAction::kContinue;
      });
  int kept_first = 0;
  for (std::size_t k = 0; k < sim.listed.peaks.size(); ++k) {
    const PeakResult& row = cut.rows[k];
    ASSERT_EQ(row.status, PeakStatus::kOk) << row.message;
    if (row.message.find("second fit not used") != std::string::npos) {
      ++kept_first;
      EXPECT_EQ(row.height, first.rows[k].height) << k;
    } else {
      EXPECT_EQ(row.height, both.rows[k].height) << k;
    }
  }
  EXPECT_GT(kept_first, 0);
  EXPECT_TRUE(cut.summary.all_fitted());
}

}  // namespace
}  // namespace voigt
