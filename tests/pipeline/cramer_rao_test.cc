// The simulated accuracy test against its efficiency limit (cramer_rao.h).
#include <gtest/gtest.h>

#include <cmath>

#include "pipeline/cramer_rao.h"
#include "voigt/fit.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

TEST(CramerRao, VolumeWithinFivePercentLimitForSimulatedSet) {
  SimulationOptions so;
  so.num_peaks = 150;
  so.seed = 7;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D plane{sim.data.data(), sim.x, sim.y};
  const FitPlan fit_plan = plan(plane, sim.listed, FitOptions{});
  int counted = 0;
  const double expected_fraction =
      testing::cramer_rao_volume_fraction(sim, so.noise_sd, so.num_peaks, fit_plan, &counted);
  ASSERT_EQ(counted, so.num_peaks);

  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(plane, sim.listed, FitOptions{}, *executor);
  int within = 0;
  for (int k = 0; k < so.num_peaks; ++k)
    within += std::abs(fit.rows[k].volume / sim.truth[k].volume - 1) <= 0.05;
  const double achieved = within / static_cast<double>(so.num_peaks);
  std::printf("volumes within 5 %%: Cramér-Rao limit %.3f, voigtfit %.3f\n", expected_fraction, achieved);
  // An efficient estimator reaches the limit on average; a sample of 150 peaks scatters by
  // ~sqrt(0.15 * 0.85 / 150) = 3 %, so more than 3 standard deviations above it means the test
  // itself is wrong, and the 78 % floor holds the fit to within a few points of it.
  EXPECT_LE(achieved, expected_fraction + 0.09);
  EXPECT_GE(achieved, 0.78);
}

}  // namespace
}  // namespace voigt
