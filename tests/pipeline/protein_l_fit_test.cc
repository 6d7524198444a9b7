// The real protein L HSQC (first plane) against NMRPipe's nlinLS fit of the same 63 peaks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "support/shared_data.h"
#include "voigt/fit.h"
#include "voigt/peak_list_io.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

struct ProteinL {
  std::vector<std::uint8_t> bytes = testing::read_bytes(
      testing::shared_path("data/proteinL_pseudo3d/test1.ft2"));
  LoadedSpectrum spectrum = read_spectrum(bytes.data(), bytes.size(), "test1.ft2");
  Spectrum2D plane0 = spectrum.view.plane(0);

  PeakList list(const std::string& file) const {
    return parse_peak_list(testing::read_text(testing::shared_path("data/proteinL_pseudo3d/" + file)),
                           file, PeakListFormat::kAuto, plane0.x, plane0.y);
  }
};

TEST(ProteinLFit, HeightsAndPositionsAgreeWithNmrPipeNlinLS) {
  const ProteinL data;
  const PeakList peaks = data.list("test.tab");
  const PeakList nlin = data.list("nlin.tab");
  ASSERT_EQ(peaks.peaks.size(), 63u);
  ASSERT_EQ(nlin.peaks.size(), 63u);
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(data.plane0, peaks, FitOptions{}, *executor);
  std::vector<double> ratios;
  for (int k = 0; k < 63; ++k) {
    const PeakResult& r = fit.rows[k];
    ASSERT_EQ(r.status, PeakStatus::kOk) << k << ": " << r.message;
    ratios.push_back(r.height / nlin.peaks[k].height_hint);
    EXPECT_NEAR(r.x_ppm, nlin.peaks[k].x_ppm, 0.005) << "peak " << k;  // the bounds
    EXPECT_NEAR(r.y_ppm, nlin.peaks[k].y_ppm, 0.05) << "peak " << k;
  }
  std::nth_element(ratios.begin(), ratios.begin() + 31, ratios.end());
  std::printf("protein L: median height / nlinLS height = %.5f\n", ratios[31]);
  EXPECT_NEAR(ratios[31], 1.0, 0.02);
}

TEST(ProteinLFit, OverlappedTripletIsOneCluster) {
  const ProteinL data;
  const PeakList triplet = data.list("test_pipe.tab");
  ASSERT_EQ(triplet.peaks.size(), 3u);
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(data.plane0, triplet, FitOptions{}, *executor);
  for (const PeakResult& r : fit.rows) {
    EXPECT_EQ(r.cluster, fit.rows[0].cluster);
    EXPECT_EQ(r.cluster_size, 3);
    EXPECT_EQ(r.status, PeakStatus::kOk);
  }
}

}  // namespace
}  // namespace voigt
