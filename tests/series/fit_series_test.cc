// fit_series on real pseudo-3D data against other programs, and on simulated series with known
// rates.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "support/shared_data.h"
#include "voigt/fit.h"
#include "voigt/peak_list_io.h"
#include "voigt/series.h"
#include "voigt/series_io.h"
#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

struct ProteinLSeries {
  std::vector<std::uint8_t> bytes = testing::read_bytes(
      testing::shared_path("data/proteinL_pseudo3d/test1.ft2"));
  LoadedSpectrum spectrum = read_spectrum(bytes.data(), bytes.size(), "test1.ft2");
  PeakList peaks = parse_peak_list(
      testing::read_text(testing::shared_path("data/proteinL_pseudo3d/test.tab")), "test.tab",
      PeakListFormat::kAuto, spectrum.view.x, spectrum.view.y);
  std::vector<double> delays = parse_delays(
      testing::read_text(testing::shared_path("data/proteinL_pseudo3d/vclist")), "vclist");
};

// peakipy's fits.csv (pseudo-Voigt, shapes shared across planes): height per (INDEX, plane).
std::map<std::pair<int, int>, double> peakipy_heights() {
  const testing::CsvTable t =
      testing::read_csv(testing::shared_path("data/proteinL_pseudo3d/fits.csv"));
  const int index = t.column("INDEX"), plane = t.column("plane"), height = t.column("height");
  EXPECT_GE(index, 0);
  EXPECT_GE(plane, 0);
  EXPECT_GE(height, 0);
  std::map<std::pair<int, int>, double> out;
  for (const auto& row : t.rows)
    out[{static_cast<int>(testing::to_double(row[index])),
         static_cast<int>(testing::to_double(row[plane]))}] = testing::to_double(row[height]);
  return out;
}

// The default (shapes from the reference, heights per plane) and the joint fit of all planes
// (SeriesOptions::joint_fit) must both meet the same truths.
class SeriesFitModes : public ::testing::TestWithParam<bool> {
 protected:
  static SeriesOptions options() {
    SeriesOptions o;
    o.joint_fit = GetParam();
    return o;
  }
};
INSTANTIATE_TEST_SUITE_P(, SeriesFitModes, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Joint" : "Reference";
                         });

TEST_P(SeriesFitModes, ProteinLPlaneRatiosAgreeWithPeakipy) {
  const ProteinLSeries data;
  ASSERT_EQ(data.spectrum.view.num_planes, 4);
  ASSERT_EQ(data.delays.size(), 4u);
  ASSERT_EQ(data.peaks.peaks.size(), 63u);
  const auto reference = peakipy_heights();
  ASSERT_EQ(reference.size(), 252u);
  auto executor = make_sequential_executor();
  const SeriesResults series = fit_series(data.spectrum.view, data.peaks, data.delays,
                                          FitOptions{}, options(), *executor);
  // Ratio to plane 0, ours over peakipy's, for each peak and plane 1..3. test.tab INDEX is
  // 1-based and in list order, as fits.csv's INDEX.
  std::vector<double> deviation;
  double worst = 0;
  for (int i = 0; i < 63; ++i) {
    const std::vector<PlaneValue>& p = series.planes[i];
    for (int k = 1; k < 4; ++k) {
      ASSERT_EQ(p[k].status, PeakStatus::kOk) << "peak " << i << ": " << p[k].message;
      const double ours = p[k].height / p[0].height;
      const double theirs = reference.at({i + 1, k}) / reference.at({i + 1, 0});
      const double d = std::abs(ours / theirs - 1);
      deviation.push_back(d);
      worst = std::max(worst, d);
      EXPECT_LT(d, 0.03) << "peak " << i << " plane " << k << ": " << ours << " vs " << theirs;
    }
  }
  std::printf("protein L plane ratios vs peakipy: median |deviation| %.5f %%, max %.3f %%\n",
              100 * median(deviation), 100 * worst);
  EXPECT_LT(median(deviation), 0.005);
  // Every peak has a rate (vclist counts: R per count).
  for (int i = 0; i < 63; ++i) EXPECT_EQ(series.rates[i].status, PeakStatus::kOk) << i;
}

TEST_P(SeriesFitModes, DeepDoubletRatiosMatchVoigtFitterPseudo3D) {
  std::vector<LoadedSpectrum> planes;
  std::vector<std::vector<std::uint8_t>> files;
  for (const char* name : {"plane001.ft2", "plane002.ft2", "plane003.ft2"}) {
    files.push_back(
        testing::read_bytes(testing::shared_path(std::string("data/deep_850MHz_planes/") + name)));
    planes.push_back(read_spectrum(files.back().data(), files.back().size(), name));
  }
  const LoadedSpectrum series = stack_planes(std::move(planes), "deep planes");
  ASSERT_EQ(series.view.num_planes, 3);  // the headers claim 6
  // The two DEEP Picker positions (reference_upstream_tests.csv, test_dp.pl rows).
  const PeakList peaks = parse_peak_list(
      "Assignment,Position_X,Position_Y\nA1,8.588399,123.804874\nA2,8.601337,123.867233\n",
      "deep_picker.csv", PeakListFormat::kCsv, series.view.x, series.view.y);
  auto executor = make_sequential_executor();
  const SeriesResults fit =
      fit_series(series.view, peaks, {}, FitOptions{}, options(), *executor);
  const double expected[2][2] = {{0.7085, 0.4992}, {0.6532, 0.4401}};  // test_vf2.pl, tol 0.01
  for (int i = 0; i < 2; ++i) {
    const std::vector<PlaneValue>& p = fit.planes[i];
    ASSERT_EQ(p[0].status, PeakStatus::kOk) << p[0].message;
    const double r1 = p[1].height / p[0].height, r2 = p[2].height / p[0].height;
    std::printf("DEEP doublet peak %d at %.4f/%.3f: ratios %.4f %.4f (Voigt Fitter %.4f %.4f)\n",
                i + 1, fit.shapes[i].x_ppm, fit.shapes[i].y_ppm, r1, r2, expected[i][0],
                expected[i][1]);
    EXPECT_NEAR(r1, expected[i][0], 0.01) << "peak " << i + 1;
    EXPECT_NEAR(r2, expected[i][1], 0.01) << "peak " << i + 1;
  }
  // Without delays the rates say so rather than guess.
  EXPECT_EQ(fit.rates[0].status, PeakStatus::kFailed);
  EXPECT_EQ(fit.rates[0].message, "no delays given");
}

// Fraction of listed peaks whose fitted R lies within 2 standard errors of the truth.
struct Coverage {
  int peaks = 0, within = 0, failed = 0;
  double fraction() const { return peaks ? double(within) / peaks : 0; }
};

Coverage rate_coverage(const SimulatedSeries& sim, const SeriesResults& fit) {
  Coverage c;
  for (std::size_t i = 0; i < sim.listed.peaks.size(); ++i) {
    ++c.peaks;
    const DecayFit& f = fit.rates[i];
    if (f.status != PeakStatus::kOk || !std::isfinite(f.r_err)) {
      ++c.failed;
      continue;
    }
    c.within += std::abs(f.r - sim.rates_per_s[i]) <= 2 * f.r_err;
  }
  return c;
}

TEST_P(SeriesFitModes, SimulatedRatesAreWithinTwoStandardErrorsForMostPeaks) {
  // 2 sd covers 95.4 % of a Gaussian: honest errors give 90-99 % over 200 peaks (binomial sd
  // 1.5 %), inflated errors push towards 100 %, underestimated ones below 90 %.
  Coverage total;
  for (std::uint64_t seed : {11u, 12u, 13u}) {
    SeriesSimulationOptions so;
    so.spectrum.num_peaks = 200;
    so.spectrum.seed = seed;
    const SimulatedSeries sim = simulate_series(so);
    ASSERT_EQ(sim.num_planes, 10);
    auto executor = make_thread_pool_executor(2);
    const SeriesResults fit = fit_series(sim.view(), sim.listed, sim.delays_s, FitOptions{},
                                         options(), *executor);
    const Coverage c = rate_coverage(sim, fit);
    std::printf("seed %llu: R within 2 sd of the truth for %d of %d peaks (%.1f %%), %d failed\n",
                static_cast<unsigned long long>(seed), c.within, c.peaks, 100 * c.fraction(),
                c.failed);
    EXPECT_GE(c.fraction(), 0.90) << "seed " << seed;
    EXPECT_LE(c.fraction(), 0.99) << "seed " << seed;
    // Failures count as misses above; a degenerate reference fit of a crowded cluster (peaks
    // pushed to their window's edge) leaves a few peaks without plane heights or a rate.
    EXPECT_LE(c.failed, 6) << "seed " << seed;
    total.peaks += c.peaks, total.within += c.within, total.failed += c.failed;
  }
  std::printf("all seeds: %.1f %% within 2 sd\n", 100 * total.fraction());
}

TEST_P(SeriesFitModes, NoiselessSeriesRecoversRatesExactly) {
  SeriesSimulationOptions so;
  so.spectrum.num_peaks = 30;
  so.spectrum.noise_sd = 0;
  so.spectrum.overlap = 0;
  so.spectrum.seed = 5;
  const SimulatedSeries sim = simulate_series(so);
  FitOptions options;
  options.noise = 1e-3;  // no noise to estimate: a nominal level for SNR and errors
  auto executor = make_sequential_executor();
  const SeriesResults fit =
      fit_series(sim.view(), sim.listed, sim.delays_s, options, SeriesFitModes::options(),
                 *executor);
  std::vector<double> relative;
  for (int i = 0; i < so.spectrum.num_peaks; ++i) {
    ASSERT_EQ(fit.rates[i].status, PeakStatus::kOk) << fit.rates[i].message;
    relative.push_back(std::abs(fit.rates[i].r / sim.rates_per_s[i] - 1));
  }
  std::printf("noiseless series: median |R error| %.2e, max %.2e\n", median(relative),
              *std::max_element(relative.begin(), relative.end()));
  // Float32 data and tails cut at 1e-7 of the height limit the agreement.
  EXPECT_LT(*std::max_element(relative.begin(), relative.end()), 1e-4);
}

TEST(SeriesFit, ThreadPoolGivesIdenticalResults) {
  SeriesSimulationOptions so;
  so.spectrum.num_peaks = 60;
  so.spectrum.seed = 21;
  so.delays_s = {0, 0.05, 0.1, 0.15};
  const SimulatedSeries sim = simulate_series(so);
  SeriesOptions options;
  options.monte_carlo_draws = 50;
  auto sequential = make_sequential_executor();
  auto pool = make_thread_pool_executor(3);
  const SeriesResults a =
      fit_series(sim.view(), sim.listed, sim.delays_s, FitOptions{}, options, *sequential);
  const SeriesResults b =
      fit_series(sim.view(), sim.listed, sim.delays_s, FitOptions{}, options, *pool);
  EXPECT_EQ(format_series_planes_csv(a), format_series_planes_csv(b));
  EXPECT_EQ(format_series_rates_csv(a), format_series_rates_csv(b));
}

TEST(SeriesFit, ChosenReferencePlaneAndBadInputs) {
  SeriesSimulationOptions so;
  so.spectrum.num_peaks = 20;
  so.spectrum.seed = 4;
  so.delays_s = {0, 0.05, 0.1};
  const SimulatedSeries sim = simulate_series(so);
  auto executor = make_sequential_executor();
  SeriesOptions options;
  options.reference_plane = 0;
  const SeriesResults fit =
      fit_series(sim.view(), sim.listed, sim.delays_s, FitOptions{}, options, *executor);
  EXPECT_EQ(fit.summary.reference_plane, 0);
  EXPECT_EQ(fit.planes.front().size(), 3u);
  // With plane 0 as the reference, plane 0's heights are close to the reference fit's: they differ
  // only by what the reference fit left out (tails of peaks outside the region) and by
  // neighbours' shapes coming from their own clusters.
  EXPECT_NEAR(fit.planes[0][0].height / fit.shapes[0].height, 1, 1e-3);

  options.reference_plane = 3;
  EXPECT_THROW(fit_series(sim.view(), sim.listed, sim.delays_s, FitOptions{}, options, *executor),
               std::invalid_argument);
  EXPECT_THROW(fit_series(sim.view(), sim.listed, {0, 1}, FitOptions{}, SeriesOptions{}, *executor),
               std::invalid_argument);
}

TEST(SeriesFit, PeaksOutsideKeepTheirRows) {
  SeriesSimulationOptions so;
  so.spectrum.num_peaks = 10;
  so.delays_s = {0, 0.1};
  const SimulatedSeries sim = simulate_series(so);
  PeakList peaks = sim.listed;
  Peak outside;
  outside.assignment = "far";
  outside.x_ppm = 50;
  outside.y_ppm = 300;
  peaks.peaks.push_back(outside);
  auto executor = make_sequential_executor();
  const SeriesResults fit =
      fit_series(sim.view(), peaks, sim.delays_s, FitOptions{}, SeriesOptions{}, *executor);
  ASSERT_GE(fit.shapes.size(), 11u);
  EXPECT_EQ(fit.shapes[10].status, PeakStatus::kOutside);
  EXPECT_EQ(fit.planes[10][1].status, PeakStatus::kOutside);
  EXPECT_TRUE(std::isnan(fit.planes[10][1].height));
  EXPECT_EQ(fit.rates[10].status, PeakStatus::kOutside);
}

}  // namespace
}  // namespace voigt
