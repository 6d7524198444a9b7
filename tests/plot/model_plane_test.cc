// The fitted model over the whole plane: where the simulated peaks are, data - model is noise.
#include <gtest/gtest.h>

#include <cmath>

#include "voigt/executor.h"
#include "voigt/fit.h"
#include "voigt/plot_data.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

TEST(ModelPlane, ResidualOfTheDemoFitIsNoiseWhereThePeaksAre) {
  SimulationOptions so;
  so.seed = 7;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D plane{sim.data.data(), sim.x, sim.y};
  const FitResults fit = fit_spectrum(plane, sim.listed, FitOptions{}, *make_sequential_executor(), {});
  const std::vector<float> model = model_plane(plane, fit.rows, FitOptions{}.shape);
  ASSERT_EQ(model.size(), plane.num_points());
  // Where the model is well above the noise: the data's spread there and the residual's.
  double data2 = 0, residual2 = 0;
  int n = 0;
  for (std::size_t k = 0; k < model.size(); ++k) {
    if (model[k] < 5 * so.noise_sd) continue;
    data2 += double(sim.data[k]) * sim.data[k];
    residual2 += (double(sim.data[k]) - model[k]) * (double(sim.data[k]) - model[k]);
    ++n;
  }
  ASSERT_GT(n, 10000);
  const double data_rms = std::sqrt(data2 / n), residual_rms = std::sqrt(residual2 / n);
  std::printf("under the peaks: data rms %.1f, residual rms %.3f, noise sd %.3f (%d points)\n", data_rms,
              residual_rms, so.noise_sd, n);
  EXPECT_LT(residual_rms, 1.5 * so.noise_sd);
  EXPECT_GT(data_rms, 10 * so.noise_sd);
  // At a fitted peak's centre the model is at least its height (neighbours add to it).
  const PeakResult& r = fit.rows[0];
  const int i = static_cast<int>(std::lround(sim.x.pt_at(r.x_ppm))), j = static_cast<int>(std::lround(sim.y.pt_at(r.y_ppm)));
  EXPECT_GT(model[static_cast<std::size_t>(j) * sim.x.size_pt + i], 0.5 * r.height);
  // Rows that are not fitted draw nothing.
  std::vector<PeakResult> failed = fit.rows;
  for (PeakResult& row : failed) row.status = PeakStatus::kFailed;
  for (float v : model_plane(plane, failed, FitOptions{}.shape)) ASSERT_EQ(v, 0.0f);
}

}  // namespace
}  // namespace voigt
