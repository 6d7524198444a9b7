// The DEEP 850 MHz plane: an overlapped doublet against the upstream Voigt fitter
// (shared/data/deep_850MHz_planes/reference_upstream_tests.csv, tolerances 0.01 ppm 1H and
// 0.1 ppm 15N from that file).
#include <gtest/gtest.h>

#include <cmath>

#include "support/shared_data.h"
#include "voigt/fit.h"
#include "voigt/peak_list_io.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

constexpr double kTolerance1H = 0.01, kTolerance15N = 0.1;
// Upstream voigt_fit on plane001 (rows test_vf.pl).
constexpr double kUpstream[2][2] = {{8.585261, 123.779270}, {8.598069, 123.841416}};

struct DeepPlane {
  std::vector<std::uint8_t> bytes =
      testing::read_bytes(testing::shared_path("data/deep_850MHz_planes/plane001.ft2"));
  LoadedSpectrum spectrum = read_spectrum(bytes.data(), bytes.size(), "plane001.ft2");
  Spectrum2D plane = spectrum.view.plane(0);
};

// Both fitted peaks (any order) lie within tolerance of the two upstream positions.
void expect_doublet(const std::vector<const PeakResult*>& fitted) {
  ASSERT_EQ(fitted.size(), 2u);
  const bool direct = std::abs(fitted[0]->x_ppm - kUpstream[0][0]) <
                      std::abs(fitted[0]->x_ppm - kUpstream[1][0]);
  for (int k = 0; k < 2; ++k) {
    const PeakResult& r = *fitted[direct ? k : 1 - k];
    EXPECT_NEAR(r.x_ppm, kUpstream[k][0], kTolerance1H) << "peak " << k;
    EXPECT_NEAR(r.y_ppm, kUpstream[k][1], kTolerance15N) << "peak " << k;
    std::printf("doublet peak %d: %.6f %.6f (upstream %.6f %.6f)\n", k, r.x_ppm, r.y_ppm,
                kUpstream[k][0], kUpstream[k][1]);
  }
}

TEST(DeepDoublet, PickerPositionsFitWithinUpstreamTolerance) {
  const DeepPlane deep;
  // The two DEEP Picker positions (rows test_dp.pl).
  const PeakList peaks = parse_peak_list(
      "Assignment,Position_X,Position_Y\nA,8.588399,123.804874\nB,8.601337,123.867233\n",
      "doublet.csv", PeakListFormat::kCsv, deep.plane.x, deep.plane.y);
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(deep.plane, peaks, FitOptions{}, *executor);
  ASSERT_GE(fit.rows.size(), 2u);
  EXPECT_EQ(fit.rows[0].status, PeakStatus::kOk) << fit.rows[0].message;
  EXPECT_EQ(fit.rows[1].status, PeakStatus::kOk) << fit.rows[1].message;
  EXPECT_EQ(fit.rows[0].cluster, fit.rows[1].cluster);
  expect_doublet({&fit.rows[0], &fit.rows[1]});
}

TEST(DeepDoublet, MissedPeakDetectionSplitsTheMergedMaximum) {
  const DeepPlane deep;
  const std::string path = testing::shared_path("data/deep_850MHz_planes/localmax_plane001_derived.csv");
  const PeakList peaks = parse_peak_list(testing::read_text(path), path, PeakListFormat::kAuto,
                                         deep.plane.x, deep.plane.y);
  ASSERT_EQ(peaks.peaks.size(), 12u);
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(deep.plane, peaks, FitOptions{}, *executor);
  // Peak id 5 (index 4) is the merged doublet: its cluster must gain an added peak.
  const PeakResult& merged = fit.rows[4];
  ASSERT_EQ(merged.status, PeakStatus::kOk) << merged.message;
  std::vector<const PeakResult*> doublet = {&merged};
  for (const PeakResult& r : fit.rows)
    if (r.status == PeakStatus::kAdded && r.cluster == merged.cluster) doublet.push_back(&r);
  expect_doublet(doublet);
}

}  // namespace
}  // namespace voigt
