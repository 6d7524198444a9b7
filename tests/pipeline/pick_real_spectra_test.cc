// Picking and reconciliation on real spectra: protein L (800 MHz 1H-15N HSQC, plane 0 of
// shared/data/proteinL_pseudo3d/test1.ft2) with its 63-peak list test.tab as the reference, and
// the DEEP plane (850 MHz) with its table of 3 x 3 local maxima above 18.5625 x noise.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "simulate/random.h"
#include "support/shared_data.h"
#include "voigt/peak_list_io.h"
#include "voigt/pick.h"
#include "voigt/reconcile.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

struct ProteinL {
  std::vector<std::uint8_t> bytes;  // the spectrum's view points into these
  LoadedSpectrum spectrum;
  PeakList list;
  Spectrum2D plane() const { return spectrum.view.plane(0); }
};

// Returned by copy elision only: a move of `bytes` keeps its buffer, so the view stays valid.
ProteinL load_protein_l() {
  ProteinL p;
  const std::string dir = "data/proteinL_pseudo3d/";
  p.bytes = testing::read_bytes(testing::shared_path(dir + "test1.ft2"));
  p.spectrum = read_spectrum(p.bytes.data(), p.bytes.size(), "test1.ft2");
  const Spectrum2D plane = p.plane();
  p.list = parse_peak_list(testing::read_text(testing::shared_path(dir + "test.tab")), "test.tab",
                           PeakListFormat::kAuto, plane.x, plane.y);
  return p;
}

// Every listed peak has a pick within 1.5 points (the list's positions are NMRPipe fits, the
// picks grid interpolations). Measured: 63 of 63, 165 picks in all (the plane holds side-chain
// and unassigned peaks the list leaves out).
TEST(PickProteinL, EveryListedPeakIsPicked) {
  const ProteinL p = load_protein_l();
  const Spectrum2D plane = p.plane();
  const std::vector<PickedPeak> picks = pick_peaks(plane);
  int found = 0;
  for (const Peak& peak : p.list.peaks) {
    const double x_pt = plane.x.pt_at(peak.x_ppm), y_pt = plane.y.pt_at(peak.y_ppm);
    bool near = false;
    for (const PickedPeak& q : picks)
      near = near || (std::fabs(q.x_pt - x_pt) <= 1.5 && std::fabs(q.y_pt - y_pt) <= 1.5);
    found += near;
  }
  std::printf("protein L: %d of %zu listed peaks picked, %zu picks\n", found, p.list.peaks.size(),
              picks.size());
  EXPECT_EQ(found, static_cast<int>(p.list.peaks.size()));
  EXPECT_LT(picks.size(), 4 * p.list.peaks.size());
}

// The list scattered (sd 0.015 ppm 1H, 0.15 ppm 15N) and shifted by +0.01 ppm 1H, three seeds:
// the offset comes back within 3 standard errors of the median (1.25 sd / sqrt(n)) and nearly
// every listed peak returns to the pick at its exact position. Measured: offsets -0.0114,
// -0.0091, -0.0095 ppm; 62, 61, 62 of 63 back.
TEST(PickProteinL, ScatteredShiftedListIsMatchedBack) {
  const ProteinL p = load_protein_l();
  const Spectrum2D plane = p.plane();
  const std::vector<PickedPeak> picks = pick_peaks(plane);
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    detail::Random rng(seed);
    std::vector<Peak> list = p.list.peaks;
    for (Peak& peak : list) {
      peak.x_ppm += 0.01 + 0.015 * rng.normal();
      peak.y_ppm += 0.15 * rng.normal();
    }
    const Reconciliation r = reconcile(list, picks, plane.x, plane.y);
    ASSERT_TRUE(r.offset_estimated);
    const double se_x = 1.25 * 0.015 / std::sqrt(r.offset_support);
    EXPECT_NEAR(r.offset_x_ppm, -0.01, 3 * se_x) << "seed " << seed;
    int back = 0;
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (r.listed[k].picked < 0) continue;
      const PickedPeak& q = picks[r.listed[k].picked];
      back += std::fabs(q.x_ppm - p.list.peaks[k].x_ppm) < 0.01 &&
              std::fabs(q.y_ppm - p.list.peaks[k].y_ppm) < 0.1;
    }
    std::printf("seed %llu: offset %.4f / %.4f ppm from %d matches, %d of %zu back\n",
                static_cast<unsigned long long>(seed), r.offset_x_ppm, r.offset_y_ppm,
                r.offset_support, back, list.size());
    EXPECT_GE(back, static_cast<int>(list.size()) - 3) << "seed " << seed;
  }
}

// The table's 12 maxima (1-based points) are picked within a point at the table's threshold, and
// nothing else is: measured 12 picks, 12 matches (14 picks at the default threshold of 6).
TEST(PickDeep, PicksTheTablesLocalMaximaAndNothingElse) {
  const std::string dir = "data/deep_850MHz_planes/";
  const std::vector<std::uint8_t> bytes = testing::read_bytes(testing::shared_path(dir + "plane001.ft2"));
  const LoadedSpectrum spectrum = read_spectrum(bytes.data(), bytes.size(), "plane001.ft2");
  PickOptions options;
  options.threshold_noise = 18.5625;
  const std::vector<PickedPeak> picks = pick_peaks(spectrum.view.plane(0), options);
  const testing::CsvTable table =
      testing::read_csv(testing::shared_path(dir + "localmax_plane001_derived.csv"));
  const int x_col = table.column("x_point_1based"), y_col = table.column("y_point_1based");
  ASSERT_GE(x_col, 0);
  ASSERT_GE(y_col, 0);
  ASSERT_EQ(table.rows.size(), 12u);
  for (const auto& row : table.rows) {
    const double x_pt = testing::to_double(row[x_col]) - 1, y_pt = testing::to_double(row[y_col]) - 1;
    int near = 0;
    for (const PickedPeak& q : picks) near += std::fabs(q.x_pt - x_pt) <= 1 && std::fabs(q.y_pt - y_pt) <= 1;
    EXPECT_EQ(near, 1) << "maximum at " << x_pt << ", " << y_pt;
  }
  EXPECT_EQ(picks.size(), table.rows.size());
}

}  // namespace
}  // namespace voigt
