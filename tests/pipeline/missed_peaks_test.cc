// Missed-peak detection against a simulation that knows which peaks the list left out.
#include <gtest/gtest.h>

#include <cmath>

#include "voigt/fit.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

// Within 2 points along 1H and 1 point along 15N: the same peak, not a neighbour.
bool same_place(const Spectrum2D& s, const PeakResult& a, const PeakResult& b) {
  return std::abs(s.x.pt_at(a.x_ppm) - s.x.pt_at(b.x_ppm)) <= 2 &&
         std::abs(s.y.pt_at(a.y_ppm) - s.y.pt_at(b.y_ppm)) <= 1;
}

// 150 listed peaks and 10 the list leaves out (seed 7). Three of those lie far from any listed
// peak, outside every cluster's region, where detection does not look. Measured: 7 found, no
// false addition; 3 listed rows more than 2 x 1 points from their own peak (6 before listed
// peaks kept their identities: a listed peak moved onto the taller missed one beside it and the
// added peak took its place).
TEST(MissedPeaks, AddedPeaksAreTheUnlistedOnesAndListedRowsKeepTheirPeaks) {
  SimulationOptions so;
  so.num_peaks = 150;
  so.seed = 7;
  so.unlisted = 10;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D spectrum{sim.data.data(), sim.x, sim.y};
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(spectrum, sim.listed, FitOptions{}, *executor);
  const int listed = static_cast<int>(sim.listed.peaks.size());
  ASSERT_EQ(sim.truth.size(), static_cast<std::size_t>(listed + so.unlisted));

  int found = 0, false_additions = 0, listed_elsewhere = 0;
  for (int u = listed; u < static_cast<int>(sim.truth.size()); ++u) {
    for (const PeakResult& row : fit.rows)
      if (row.status == PeakStatus::kAdded && same_place(spectrum, row, sim.truth[u])) {
        ++found;
        break;
      }
  }
  for (const PeakResult& row : fit.rows) {
    if (row.status == PeakStatus::kAdded) {
      bool matches = false;
      for (int u = listed; u < static_cast<int>(sim.truth.size()); ++u)
        matches = matches || same_place(spectrum, row, sim.truth[u]);
      false_additions += !matches;
    } else if (row.status == PeakStatus::kOk) {
      listed_elsewhere += !same_place(spectrum, row, sim.truth[row.index]);
    }
  }
  std::printf("unlisted found %d of %d, false additions %d, listed rows off their peak %d\n",
              found, so.unlisted, false_additions, listed_elsewhere);
  EXPECT_GE(found, 6);
  EXPECT_EQ(false_additions, 0);
  EXPECT_LE(listed_elsewhere, 4);
}

}  // namespace
}  // namespace voigt
