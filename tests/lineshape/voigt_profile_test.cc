#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>

#include "lineshape/profile.h"
#include "support/shared_data.h"
#include "voigt/lineshape.h"

namespace voigt {
namespace {

constexpr double kTolerance = 1e-9;  // the bound against scipy.special.voigt_profile

TEST(VoigtProfile, MatchesScipyReferenceIncludingBothLimits) {
  const auto table = testing::read_csv(testing::shared_path("reference/voigt_profile.csv"));
  ASSERT_GT(table.rows.size(), 2000u);
  double worst = 0;
  int pure_gauss = 0, pure_lorentz = 0;
  for (const auto& row : table.rows) {
    const double x = testing::to_double(row[0]), sigma = testing::to_double(row[1]), gamma = testing::to_double(row[2]);
    const double want = testing::to_double(row[3]);
    const double got = voigt_profile(x, sigma, gamma);
    if (want > 1e-300) {
      const double err = std::abs(got - want) / want;
      worst = std::max(worst, err);
      ASSERT_LE(err, kTolerance) << "x=" << x << " sigma=" << sigma << " gamma=" << gamma;
      pure_gauss += gamma == 0;
      pure_lorentz += sigma == 0;
    } else {
      ASSERT_LE(std::abs(got), 1e-300) << "x=" << x << " sigma=" << sigma << " gamma=" << gamma;
    }
  }
  EXPECT_GT(pure_gauss, 10);
  EXPECT_GT(pure_lorentz, 10);
  std::printf("voigt_profile: max rel err %.2e over %zu rows\n", worst, table.rows.size());
}

TEST(VoigtProfile, FwhmSolvesHalfHeightExactly) {
  for (double sigma : {0.0, 0.3, 1.0, 4.0}) {
    for (double gamma : {0.0, 0.2, 1.0, 7.0}) {
      if (sigma == 0 && gamma == 0) continue;
      const double half = 0.5 * voigt_fwhm(sigma, gamma);
      const double peak = voigt_profile(0, sigma, gamma);
      EXPECT_NEAR(voigt_profile(half, sigma, gamma) / peak, 0.5, 1e-12) << sigma << " " << gamma;
    }
  }
  EXPECT_NEAR(voigt_fwhm(1, 0), 2.3548200450309493, 1e-14);
  EXPECT_NEAR(voigt_fwhm(0, 1), 2.0, 1e-15);
  // Olivero-Longbothum is 0.02 % accurate: the exact width lies that close to it.
  const double f_g = 2.3548200450309493 * 2.0, f_l = 2 * 3.0;
  EXPECT_NEAR(voigt_fwhm(2.0, 3.0) / (0.5346 * f_l + std::sqrt(0.2166 * f_l * f_l + f_g * f_g)),
              1.0, 2e-4);
}

TEST(VoigtProfile, NormalisedAreaIsInverseCentreValue) {
  // Integrate the normalised profile numerically (trapezoid over +-2000 widths, Lorentzian tail
  // corrected analytically) and compare with the analytic area 1 / V(0).
  const detail::NormalisedProfile v(Shape::kVoigt, {1.3, 0.8, 0});
  const double half_range = 2000, h = 0.01;
  double sum = 0;
  for (double x = -half_range; x <= half_range; x += h) sum += v(x).value * h;
  const double tail = 2 * 0.8 / (M_PI * half_range) * v.area();  // Lorentz tail beyond the range
  EXPECT_NEAR((sum + tail) / v.area(), 1.0, 1e-6);
}

}  // namespace
}  // namespace voigt
