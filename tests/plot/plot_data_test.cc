#include <gtest/gtest.h>

#include <cmath>

#include "support/protein_l.h"
#include "voigt/plot_data.h"
#include "voigt/series.h"

namespace voigt {
namespace {

constexpr double kEpsilon = 1e-13;  // one or two roundings of a double expression

TEST(PpmGrid, EveryPointIsAxisPpmAt) {
  const Axis x = testing::ProteinLX();
  const std::vector<double> ppm = ppm_grid(x);
  ASSERT_EQ(ppm.size(), 546u);
  for (int i = 0; i < 546; ++i) EXPECT_EQ(ppm[i], x.ppm_at(i));
  EXPECT_NEAR(ppm.front(), 10.498, 5e-4);  // shared/data/README.md: 10.498 -> 6.502 ppm
  EXPECT_NEAR(ppm.back(), 6.502, 5e-4);
}

TEST(PpmGrid, EmptyAxisGivesNoPoints) { EXPECT_TRUE(ppm_grid(Axis{}).empty()); }

TEST(PlaneNoise, ScalesWithThePlane) {
  // Two planes of the same pseudo-random pattern, the second 3x the first: 3x the noise.
  std::vector<float> data(2 * 64 * 64);
  std::uint32_t state = 12345;
  for (std::size_t i = 0; i < 64 * 64; ++i) {
    state = state * 1664525u + 1013904223u;
    data[i] = static_cast<float>(static_cast<int>(state >> 16) % 2001 - 1000) / 1000.f;
    data[i + 64 * 64] = 3 * data[i];
  }
  const SpectrumSeries s{data.data(), Axis{64, 1, 1, 0, "x"}, Axis{64, 1, 1, 0, "y"}, 2, ""};
  const std::vector<double> noise = plane_noise(s);
  ASSERT_EQ(noise.size(), 2u);
  EXPECT_GT(noise[0], 0);
  EXPECT_NEAR(noise[1] / noise[0], 3, 1e-6);
}

TEST(SliceResidual, IsDataMinusFitOverTheShorter) {
  EXPECT_EQ(slice_residual({5, 7, 9}, {1, 2, 3}), (std::vector<double>{4, 5, 6}));
  EXPECT_EQ(slice_residual({5, 7, 9}, {1}), (std::vector<double>{4}));
  EXPECT_TRUE(slice_residual({}, {1, 2}).empty());
}

TEST(DecayCurve, PassesThroughTheModelFromZeroToTheLastDelay) {
  DecayFit f;
  f.i0 = 1000;
  f.r = 2.5;
  const DecayCurve c = decay_curve(f, {0.3, 0.1, 0.2}, 11);
  ASSERT_EQ(c.delay.size(), 11u);
  EXPECT_EQ(c.delay.front(), 0);
  EXPECT_NEAR(c.delay.back(), 0.3, kEpsilon);
  for (int i = 0; i < 11; ++i)
    EXPECT_NEAR(c.height[i], 1000 * std::exp(-2.5 * c.delay[i]), 1000 * kEpsilon);
}

TEST(DecayCurve, OffsetIsAddedWhenFitted) {
  DecayFit f;
  f.i0 = 10;
  f.r = 1;
  f.offset = 4;
  const DecayCurve c = decay_curve(f, {0, 1}, 2);
  EXPECT_NEAR(c.height[0], 14, kEpsilon);
  EXPECT_NEAR(c.height[1], 10 * std::exp(-1.0) + 4, kEpsilon);
}

TEST(DecayCurve, UnfittedPeakOrNoDelaysGiveNoCurve) {
  EXPECT_TRUE(decay_curve(DecayFit{}, {0, 1}).delay.empty());
  DecayFit f;
  f.i0 = 1;
  f.r = 1;
  EXPECT_TRUE(decay_curve(f, {}).height.empty());
  EXPECT_THROW(decay_curve(f, {0, 1}, 1), std::invalid_argument);
}

}  // namespace
}  // namespace voigt
