// Reconciling lists with picked peaks: approximate lists made from a simulated spectrum's truth
// (per-peak scatter plus a common offset), absent and coinciding listed peaks, and the cases
// where a greedy nearest match would steal a neighbour's signal.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "simulate/random.h"
#include "pipeline/synthetic_plane.h"
#include "voigt/pick.h"
#include "voigt/reconcile.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

// The listed peaks of `sim`, each moved by N(0, sd) per dimension plus a common offset.
std::vector<Peak> scattered_list(const SimulatedSpectrum& sim, double sd_x_ppm, double sd_y_ppm,
                                 double offset_x_ppm, double offset_y_ppm, std::uint64_t seed) {
  detail::Random rng(seed);
  std::vector<Peak> list;
  for (std::size_t k = 0; k < sim.listed.peaks.size(); ++k) {
    Peak p = sim.listed.peaks[k];
    p.x_ppm = sim.truth[k].x_ppm + offset_x_ppm + sd_x_ppm * rng.normal();
    p.y_ppm = sim.truth[k].y_ppm + offset_y_ppm + sd_y_ppm * rng.normal();
    list.push_back(p);
  }
  return list;
}

// The matched pick lies within 1 point of the listed peak's own true position.
bool matched_own_peak(const SimulatedSpectrum& sim, const PickedPeak& p, std::size_t k) {
  return std::fabs(p.x_pt - sim.x.pt_at(sim.truth[k].x_ppm)) <= 1 &&
         std::fabs(p.y_pt - sim.y.pt_at(sim.truth[k].y_ppm)) <= 1;
}

struct OffsetCase {
  double offset_x_ppm;
};

// Scatter sd 0.015 ppm 1H / 0.15 ppm 15N and a 1H offset of 0.01 or 0.05 ppm, 150 peaks, four
// seeds each. The median of n matched shifts has a standard error of about 1.25 sd / sqrt(n)
// (sqrt(pi / 2) for a normal sample); the offset must come back within 3 of those.
TEST(Reconcile, RecoversCommonOffsetAndMatchesScatteredListsOneToOne) {
  constexpr double kSdX = 0.015, kSdY = 0.15;
  for (double offset_x : {0.01, 0.05}) {
    double worst_x_se = 0, worst_y_se = 0, worst_own = 1;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      SimulationOptions so;
      so.seed = seed;
      const SimulatedSpectrum sim = simulate_spectrum(so);
      const std::vector<PickedPeak> picks = pick_peaks(Spectrum2D{sim.data.data(), sim.x, sim.y});
      const std::vector<Peak> list = scattered_list(sim, kSdX, kSdY, offset_x, 0, 100 + seed);
      const Reconciliation r = reconcile(list, picks, sim.x, sim.y);
      ASSERT_TRUE(r.offset_estimated);
      const double n = r.offset_support;
      const double se_x = 1.25 * kSdX / std::sqrt(n), se_y = 1.25 * kSdY / std::sqrt(n);
      // The list was moved by +offset: the spectrum sits at list - offset.
      const double err_x = r.offset_x_ppm + offset_x, err_y = r.offset_y_ppm;
      EXPECT_LT(std::fabs(err_x), 3 * se_x) << "seed " << seed << " offset " << offset_x;
      EXPECT_LT(std::fabs(err_y), 3 * se_y) << "seed " << seed << " offset " << offset_x;
      worst_x_se = std::max(worst_x_se, std::fabs(err_x) / se_x);
      worst_y_se = std::max(worst_y_se, std::fabs(err_y) / se_y);
      std::vector<int> uses(picks.size(), 0);
      for (std::size_t k = 0; k < list.size(); ++k) {
        const int p = r.listed[k].picked;
        if (p < 0) continue;
        ASSERT_EQ(++uses[p], 1) << "picked peak " << p << " taken twice";
        EXPECT_DOUBLE_EQ(r.listed[k].start_x_ppm, picks[p].x_ppm);
        EXPECT_DOUBLE_EQ(r.listed[k].shift_x_ppm, picks[p].x_ppm - list[k].x_ppm);
      }
      // Of the listed peaks whose own signal was picked, as a pick of its own (not the apex of a
      // blend within a point of another listed peak too), how many took it.
      int own_picked = 0, own = 0;
      for (std::size_t k = 0; k < list.size(); ++k) {
        bool picked = false;
        for (const PickedPeak& p : picks) {
          int owners = 0;
          for (std::size_t q = 0; q < list.size(); ++q) owners += matched_own_peak(sim, p, q);
          picked = picked || (owners == 1 && matched_own_peak(sim, p, k));
        }
        own_picked += picked;
        own += picked && r.listed[k].picked >= 0 && matched_own_peak(sim, picks[r.listed[k].picked], k);
        // Its signal is in the window: never reported absent, matched or not.
        if (picked) {
          EXPECT_GE(r.listed[k].nearest_picked, 0) << "listed " << k;
        }
      }
      const double matched = double(r.matched) / list.size(), own_fraction = double(own) / own_picked;
      worst_own = std::min(worst_own, own_fraction);
      std::printf("offset %.2f seed %llu: offset error %.5f / %.4f ppm (%.2f / %.2f se), %d passes, "
                  "matched %.3f, own peak %.3f of %d picked, windows %.3f / %.3f ppm\n", offset_x,
                  static_cast<unsigned long long>(seed), err_x, err_y, err_x / se_x, err_y / se_y,
                  r.offset_iterations, matched, own_fraction, own_picked, r.search_x_ppm,
                  r.search_y_ppm);
      EXPECT_EQ(r.unmatched_picked.size() + r.matched, picks.size());
    }
    ::testing::Test::RecordProperty("offset_" + std::to_string(offset_x) + "_own_peak",
                                    std::to_string(worst_own));
    EXPECT_GE(worst_own, 0.9) << offset_x;
  }
}

// Switched off, the offset stays 0 and the listed positions are matched as they are.
TEST(Reconcile, OffsetCanBeSwitchedOff) {
  SimulationOptions so;
  so.seed = 3;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const std::vector<PickedPeak> picks = pick_peaks(Spectrum2D{sim.data.data(), sim.x, sim.y});
  ReconcileOptions o;
  o.estimate_offset = false;
  const Reconciliation r = reconcile(scattered_list(sim, 0.015, 0.15, 0.01, 0, 7), picks, sim.x, sim.y, o);
  EXPECT_FALSE(r.offset_estimated);
  EXPECT_EQ(r.offset_x_ppm, 0);
  EXPECT_EQ(r.offset_iterations, 0);
  EXPECT_GT(r.matched, 100);
}

// A listed peak where the spectrum holds nothing is absent: no match, its start is the listed
// position plus the common offset. A listed peak given twice (0.002 ppm apart) is reported as
// coinciding and only one of the two takes the signal.
TEST(Reconcile, AbsentAndCoincidingListedPeaksAreReported) {
  SimulationOptions so;
  so.seed = 5;
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const std::vector<PickedPeak> picks = pick_peaks(Spectrum2D{sim.data.data(), sim.x, sim.y});
  std::vector<Peak> list = scattered_list(sim, 0.005, 0.05, 0, 0, 9);
  Peak nothing;  // below the simulated 1H range (6.8-10.2 ppm): no signal within any window
  nothing.x_ppm = 6.6, nothing.y_ppm = 118;
  list.push_back(nothing);
  Peak twice = list[0];
  twice.x_ppm += 0.002;
  list.push_back(twice);
  const int absent = static_cast<int>(list.size()) - 2, copy = absent + 1;
  const Reconciliation r = reconcile(list, picks, sim.x, sim.y);
  EXPECT_EQ(r.listed[absent].picked, -1);
  EXPECT_EQ(r.listed[absent].nearest_picked, -1);
  EXPECT_DOUBLE_EQ(r.listed[absent].start_x_ppm, 6.6 + r.offset_x_ppm);
  EXPECT_DOUBLE_EQ(r.listed[absent].shift_y_ppm, r.offset_y_ppm);
  bool reported = false;
  for (const auto& [i, j] : r.coinciding) reported = reported || (i == 0 && j == copy);
  EXPECT_TRUE(reported);
  EXPECT_TRUE(r.listed[0].picked < 0 || r.listed[copy].picked < 0 ||
              r.listed[0].picked != r.listed[copy].picked);
  // The copy that lost the signal still sees it in its window: not absent.
  EXPECT_GE(r.listed[0].nearest_picked, 0);
  EXPECT_GE(r.listed[copy].nearest_picked, 0);
  EXPECT_LE(r.coinciding.size(), 3u);  // the simulation itself places few peaks that close
}

PickedPeak pick_at(double x_ppm, double y_ppm, double height) {
  PickedPeak p;
  p.x_ppm = x_ppm, p.y_ppm = y_ppm, p.height = height, p.fwhm_x_pt = 6, p.fwhm_y_pt = 1.5;
  return p;
}

// Greedy nearest would give L2 the pick between them (0.015 ppm) and leave L1 without one (its
// other pick is outside the window); the optimal matching gives each its own.
TEST(Reconcile, OptimalMatchingDoesNotLetANeighbourStealASignal) {
  const SimulatedSpectrum axes = simulate_spectrum(SimulationOptions{});
  std::vector<Peak> list(2);
  list[0].x_ppm = 8.00, list[0].y_ppm = 120;
  list[1].x_ppm = 8.04, list[1].y_ppm = 120;
  const std::vector<PickedPeak> picks = {pick_at(8.025, 120, 100), pick_at(8.075, 120, 100)};
  ReconcileOptions o;
  o.search_x_ppm = 0.05, o.search_y_ppm = 0.5, o.estimate_offset = false;
  const Reconciliation r = reconcile(list, picks, axes.x, axes.y, o);
  EXPECT_EQ(r.listed[0].picked, 0);
  EXPECT_EQ(r.listed[1].picked, 1);
  EXPECT_TRUE(r.unmatched_picked.empty());
}

// A weak listed peak 8 points (15N) from an unlisted neighbour 2.3 x stronger, its listed
// position 3 points off towards the neighbour: it takes its own, weaker signal, and the
// neighbour is left over to be fitted as an added peak.
TEST(Reconcile, WeakListedPeakKeepsItsSignalBesideAStrongerUnlistedNeighbour) {
  testing::SyntheticPlane plane(256, 128);
  detail::Random rng(21);
  plane.add_peak(120.3, 50.2, 40, 1.5, 2, 0.8, 0.5);
  plane.add_peak(121.0, 58.2, 92, 1.5, 2, 0.8, 0.5);
  plane.add_noise(1.0, rng);
  const std::vector<PickedPeak> picks = pick_peaks(plane.view());
  ASSERT_EQ(picks.size(), 2u);
  std::vector<Peak> list(1);
  list[0].x_ppm = plane.x.ppm_at(120.3), list[0].y_ppm = plane.y.ppm_at(53.2);
  ReconcileOptions o;
  o.search_y_ppm = 10 * plane.y.ppm_per_pt();  // both signals inside the window
  const Reconciliation r = reconcile(list, picks, plane.x, plane.y, o);
  ASSERT_EQ(r.listed[0].picked, 0);
  EXPECT_NEAR(picks[0].y_pt, 50.2, 0.3);
  EXPECT_EQ(r.unmatched_picked, std::vector<int>{1});
  EXPECT_FALSE(r.offset_estimated);  // one listed peak: below min_offset_matches
}

// 3000 picks on a jittered grid 0.03 ppm x 0.3 ppm apart, windows 0.04 x 0.4 ppm (each listed
// peak sees up to six picks: one component of all 6000 nodes), listed = picks moved by sd
// 0.003 / 0.03 ppm and a 0.005 ppm 1H offset (under half the spacing: on a regular grid a larger
// one is as well explained by the neighbouring column). Every listed peak takes its own pick.
TEST(Reconcile, ThousandsOfPeaksInChainedComponentsMatchTheirOwn) {
  detail::Random rng(77);
  std::vector<PickedPeak> picks;
  std::vector<Peak> list;
  for (int row = 0; row < 30; ++row)
    for (int column = 0; column < 100; ++column) {
      const double x = 7 + 0.03 * column + 0.003 * rng.uniform();
      const double y = 108 + 0.3 * row + 0.03 * rng.uniform();
      picks.push_back(pick_at(x, y, 100));
      Peak p;
      p.x_ppm = x + 0.005 + 0.003 * rng.normal(), p.y_ppm = y + 0.03 * rng.normal();
      list.push_back(p);
    }
  const SimulatedSpectrum axes = simulate_spectrum(SimulationOptions{});
  ReconcileOptions o;
  o.search_x_ppm = 0.04, o.search_y_ppm = 0.4;
  const Reconciliation r = reconcile(list, picks, axes.x, axes.y, o);
  EXPECT_NEAR(r.offset_x_ppm, -0.005, 0.0005);
  int own = 0;
  for (std::size_t k = 0; k < list.size(); ++k) own += r.listed[k].picked == static_cast<int>(k);
  std::printf("3000 peaks: %d matched to their own, offset %.5f ppm\n", own, r.offset_x_ppm);
  EXPECT_GE(own, 2990);
}

TEST(ReconcileOptions, DefaultsAreValidAndBadWindowsAreNamed) {
  EXPECT_EQ(ReconcileOptions{}.validate(), "");
  ReconcileOptions o;
  o.search_x_ppm = 0;
  EXPECT_EQ(o.validate(), "ReconcileOptions::search_x_ppm = 0; must be > 0 (or NaN to derive it)");
  o = ReconcileOptions{};
  o.search_y_ppm = -0.5;
  EXPECT_NE(o.validate().find("search_y_ppm"), std::string::npos);
  EXPECT_THROW(reconcile({}, {}, Axis{}, Axis{}, o), std::invalid_argument);
  // Nothing picked, windows derived: every listed peak is unmatched, nothing throws.
  std::vector<Peak> list(2);
  list[0].x_ppm = 8, list[0].y_ppm = 120;
  const Reconciliation r = reconcile(list, {}, Axis{}, Axis{});
  EXPECT_EQ(r.listed[0].picked, -1);
  EXPECT_EQ(r.listed[1].picked, -1);
  EXPECT_EQ(r.matched, 0);
}

}  // namespace
}  // namespace voigt
