#include "voigt/axis.h"

#include <gtest/gtest.h>

namespace voigt {
namespace {

// The protein L 1H axis from shared/data/README.md: 546 points, 10.498 -> 6.502 ppm.
Axis ProteinLHydrogen() {
  Axis a;
  a.size_pt = 546;
  a.sw_hz = 3204.346;
  a.obs_mhz = 800.3040;
  a.orig_hz = 5203.279;
  return a;
}

TEST(Axis, EndpointsMatchNmrPipeConvention) {
  const Axis a = ProteinLHydrogen();
  EXPECT_NEAR(a.first_ppm(), 10.498, 5e-4);
  EXPECT_NEAR(a.last_ppm(), 5203.279 / 800.3040, 1e-12);
}

TEST(Axis, PointAndPpmAreInverse) {
  const Axis a = ProteinLHydrogen();
  for (double pt : {0.0, 1.5, 158.453, 545.0}) EXPECT_NEAR(a.pt_at(a.ppm_at(pt)), pt, 1e-9);
  // test.tab: X_AXIS 159.453 (1-based) is 9.336 ppm.
  EXPECT_NEAR(a.ppm_at(159.453 - 1), 9.336, 5e-4);
}

TEST(Axis, ZeroSpectralWidthIsRejectedWithFieldName) {
  Axis a = ProteinLHydrogen();
  a.sw_hz = 0;
  EXPECT_NE(a.validate("x").find("sw_hz"), std::string::npos);
  EXPECT_EQ(ProteinLHydrogen().validate("x"), "");
}

}  // namespace
}  // namespace voigt
