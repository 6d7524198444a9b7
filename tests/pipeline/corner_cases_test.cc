// Numerical corner cases of the whole pipeline: flat regions, clipped peaks, negative
// peaks, peaks on the spectrum's edge, lines much broader than the window or narrower than one
// point, a noiseless spectrum, and two listed peaks at one position. Each builds a small plane
// from known Voigt peaks, fits it through fit_spectrum with every shape and both solvers, and
// holds every row to one contract:
//   * a fitted row (status ok or added) has a finite number in every column its shape defines
//     (a number not computed is NaN, so a fitted peak has none);
//   * any other row says why in `message`;
// plus what the case itself should give (the sign of a negative peak, a flag at a bound);
// accuracy only of the Voigt shape, the one the planes hold. Tests marked "found when written"
// were bugs when first written; each says what was found.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "simulate/random.h"
#include "voigt/fit.h"
#include "voigt/lineshape.h"

namespace voigt {
namespace {

// A plane of nx x ny points on HSQC-like axes: 1H at 800 MHz, 3.125 Hz per point from 9.0 ppm;
// 15N at 81.1 MHz, 7.6 Hz per point from 125 ppm. The default fitting windows (0.2 ppm x 2 ppm)
// are then 51 x 21 points.
struct Plane {
  std::vector<float> data;
  Axis x, y;
  Spectrum2D view() const { return Spectrum2D{data.data(), x, y}; }
  float& at(int i, int j) { return data[static_cast<std::size_t>(j) * x.size_pt + i]; }
};

Axis axis_from(int n, double hz_per_pt, double obs_mhz, double first_ppm, const char* label) {
  Axis a;
  a.size_pt = n;
  a.sw_hz = hz_per_pt * n;
  a.obs_mhz = obs_mhz;
  a.orig_hz = first_ppm * obs_mhz - a.sw_hz + hz_per_pt;  // ppm_at(0) = first_ppm
  a.label = label;
  return a;
}

Plane make_plane(int nx = 64, int ny = 48, float value = 0) {
  Plane p;
  p.x = axis_from(nx, 3.125, 800.0, 9.0, "1H");
  p.y = axis_from(ny, 7.6, 81.1, 125.0, "15N");
  p.data.assign(static_cast<std::size_t>(nx) * ny, value);
  return p;
}

// Gaussian noise of standard deviation sd, deterministic (SplitMix64 + Box-Muller).
void add_noise(Plane& p, double sd, std::uint64_t seed) {
  detail::Random random(seed);
  for (float& v : p.data) v += static_cast<float>(sd * random.normal());
}

// H * v_x(x - x0) * v_y(y - y0), each Voigt profile normalised to 1 at its centre; widths in
// points (Gaussian standard deviation, Lorentzian half width).
struct TruePeak {
  double x_pt, y_pt, height;
  double sigma_x_pt = 1.2, gamma_x_pt = 1.0, sigma_y_pt = 0.8, gamma_y_pt = 0.6;
};

void add_peak(Plane& p, const TruePeak& t) {
  const double vx0 = voigt_profile(0, t.sigma_x_pt, t.gamma_x_pt);
  const double vy0 = voigt_profile(0, t.sigma_y_pt, t.gamma_y_pt);
  for (int j = 0; j < p.y.size_pt; ++j) {
    const double vy = voigt_profile(j - t.y_pt, t.sigma_y_pt, t.gamma_y_pt) / vy0;
    for (int i = 0; i < p.x.size_pt; ++i)
      p.at(i, j) += static_cast<float>(t.height * vy *
                                       voigt_profile(i - t.x_pt, t.sigma_x_pt, t.gamma_x_pt) / vx0);
  }
}

PeakList list_at(const Plane& p, const std::vector<std::pair<double, double>>& points_pt) {
  PeakList list;
  for (const auto& [x, y] : points_pt) {
    Peak peak;
    peak.assignment = "P" + std::to_string(list.peaks.size() + 1);
    peak.x_ppm = p.x.ppm_at(x);
    peak.y_ppm = p.y.ppm_at(y);
    list.peaks.push_back(peak);
  }
  return list;
}

// The contract of every row (see the top of the file); "" when it holds.
std::string row_problems(const PeakResult& r, Shape shape) {
  std::ostringstream out;
  const bool fitted = r.status == PeakStatus::kOk || r.status == PeakStatus::kAdded;
  if (!fitted) {
    if (r.message.empty()) out << "status " << to_string(r.status) << " without a message; ";
    return out.str();
  }
  const bool has_sigma = shape != Shape::kLorentzian, has_gamma = shape != Shape::kGaussian;
  const std::pair<const char*, double> columns[] = {
      {"x_ppm", r.x_ppm},
      {"y_ppm", r.y_ppm},
      {"height", r.height},
      {"volume", r.volume},
      {"fwhm_x_hz", r.fwhm_x_hz},
      {"fwhm_y_hz", r.fwhm_y_hz},
      {"sigma_x_hz", has_sigma ? r.sigma_x_hz : 0},
      {"sigma_y_hz", has_sigma ? r.sigma_y_hz : 0},
      {"gamma_x_hz", has_gamma ? r.gamma_x_hz : 0},
      {"gamma_y_hz", has_gamma ? r.gamma_y_hz : 0},
      {"eta_x", shape == Shape::kPseudoVoigt ? r.eta_x : 0},
      {"eta_y", shape == Shape::kPseudoVoigt ? r.eta_y : 0},
      {"x_ppm_err", r.x_ppm_err},
      {"y_ppm_err", r.y_ppm_err},
      {"height_err", r.height_err},
      {"volume_err", r.volume_err},
      {"r2", r.r2},
      {"snr", r.snr},
      {"chi2_red", r.chi2_red}};
  for (const auto& [name, value] : columns)
    if (!std::isfinite(value)) out << name << " = " << value << "; ";
  if (r.quality == Quality::kNone) out << "quality none; ";
  return out.str();
}

std::string describe(const PeakResult& r) {
  std::ostringstream s;
  s << "row " << r.index << " '" << r.assignment << "': status " << to_string(r.status)
    << ", message '" << r.message << "', flags '" << r.flags << "', height " << r.height
    << ", x_ppm " << r.x_ppm << ", y_ppm " << r.y_ppm << ", fwhm " << r.fwhm_x_hz << " x "
    << r.fwhm_y_hz << " Hz, r2 " << r.r2 << ", snr " << r.snr << ", chi2_red " << r.chi2_red
    << ", height_err " << r.height_err << ", iterations " << r.iterations;
  return s.str();
}

constexpr SolverKind kSolvers[] = {SolverKind::kLevenbergMarquardt, SolverKind::kLbfgsb};
const std::vector<Shape> kAllShapes = {
    Shape::kVoigt, Shape::kPseudoVoigt, Shape::kGaussian, Shape::kLorentzian};

// Fits with each shape and solver, checks the row contract, and hands each result to `expect`
// with its shape (the planes hold Voigt peaks, so accuracy is only expected of that shape).
template <typename Expect>
void fit_each(const Plane& plane,
              const PeakList& list,
              FitOptions options,
              Expect expect,
              const std::vector<Shape>& shapes = kAllShapes) {
  for (Shape shape : shapes) {
    for (SolverKind solver : kSolvers) {
      SCOPED_TRACE(std::string("shape ") + to_string(shape) + ", solver " + to_string(solver));
      options.shape = shape;
      options.solver = solver;
      auto executor = make_sequential_executor();
      const FitResults fit = fit_spectrum(plane.view(), list, options, *executor);
      ASSERT_GE(fit.rows.size(), list.peaks.size());
      for (const PeakResult& r : fit.rows)
        EXPECT_EQ(row_problems(r, options.shape), "") << describe(r);
      expect(fit, shape);
    }
  }
}

bool fitted(const PeakResult& r) {
  return r.status == PeakStatus::kOk || r.status == PeakStatus::kAdded;
}

// ---- flat regions --------------------------------------------------------------------------

// A listed peak where the plane is exactly zero: nothing to fit. The row must not pass as a
// normal fit: a status other than ok, or a flag, must say so. (Found when written: every shape and
// solver gave `ok` without a flag: height 1e-315 (LM) or 0 (L-BFGS-B), r2 NaN, chi2_red NaN.)
TEST(CornerCases, AllZeroPlaneIsNotReportedAsAFittedPeak) {
  const Plane plane = make_plane();
  fit_each(plane, list_at(plane, {{32, 24}}), FitOptions{}, [](const FitResults& fit, Shape) {
    const PeakResult& r = fit.rows[0];
    EXPECT_TRUE(r.status != PeakStatus::kOk || !r.flags.empty()) << describe(r);
  });
}

// A constant offset with noise and no peak, fitted with a constant baseline: the baseline takes
// the offset, and the listed "peak" comes out as no signal, or flagged (a Lorentzian may
// collapse onto one noise point, its width at the lower bound), never as a peak of the
// offset's height.
TEST(CornerCases, ConstantPlaneWithBaselineGivesNoPeakHeight) {
  Plane plane = make_plane(64, 48, 100.0f);
  add_noise(plane, 1.0, 5);
  FitOptions options;
  options.baseline = BaselineMethod::kConstant;
  fit_each(plane,
           list_at(plane, {{32, 24}}),
           options,
           [](const FitResults& fit, Shape) {
             const PeakResult& r = fit.rows[0];
             EXPECT_TRUE(!fitted(r) || std::abs(r.height) < 10 || !r.flags.empty()) << describe(r);
           },
           {Shape::kVoigt, Shape::kPseudoVoigt, Shape::kLorentzian});
}

// The Gaussian shape on that plane: LM ends with the height exactly at its bound 0, where the
// Jacobian of every other parameter of the peak vanishes. (Found when written: the row was `ok`
// with NaN errors from the singular covariance and no flag for the height.)
TEST(CornerCases, ZeroHeightFitHasFiniteUncertaintiesOrSaysWhy) {
  Plane plane = make_plane(64, 48, 100.0f);
  add_noise(plane, 1.0, 5);
  FitOptions options;
  options.baseline = BaselineMethod::kConstant;
  fit_each(plane,
           list_at(plane, {{32, 24}}),
           options,
           [](const FitResults&, Shape) {},
           {Shape::kGaussian});
}

// The same constant plane with no baseline model: only a very broad peak can explain it, so
// the widths end at their upper bounds and the row must be flagged.
TEST(CornerCases, ConstantPlaneWithoutBaselineIsFlagged) {
  Plane plane = make_plane(64, 48, 100.0f);
  add_noise(plane, 1.0, 6);
  fit_each(plane, list_at(plane, {{32, 24}}), FitOptions{}, [](const FitResults& fit, Shape) {
    const PeakResult& r = fit.rows[0];
    EXPECT_TRUE(!fitted(r) || !r.flags.empty()) << describe(r);
  });
}

// ---- clipped, negative, edge -------------------------------------------------------------------

// A peak of height 2000 clipped at 600 (a saturated receiver or a clipped FID): a flat top of
// many equal points. The fit must stay finite and centred.
TEST(CornerCases, ClippedPeakStaysFiniteAndCentred) {
  Plane plane = make_plane();
  add_peak(plane, {31.3, 23.6, 2000});
  for (float& v : plane.data) v = std::min(v, 600.0f);
  add_noise(plane, 1.0, 7);
  fit_each(
      plane, list_at(plane, {{31, 24}}), FitOptions{}, [&](const FitResults& fit, Shape shape) {
        const PeakResult& r = fit.rows[0];
        ASSERT_TRUE(fitted(r)) << describe(r);
        if (shape != Shape::kVoigt) return;  // the other shapes are the wrong model
        EXPECT_NEAR(plane.x.pt_at(r.x_ppm), 31.3, 0.3) << describe(r);
        EXPECT_NEAR(plane.y.pt_at(r.y_ppm), 23.6, 0.3) << describe(r);
        EXPECT_GT(r.height, 550) << describe(r);
      });
}

// A flat top is not a lineshape: a clipped peak's row should say so (a flag such as "clipped"),
// since its height and volume are underestimated by a factor the fit cannot know. (Found in
// when written: nothing detected clipping; the row was `ok`, no flag, R2 0.96, "excellent".)
TEST(CornerCases, ClippedPeakIsFlagged) {
  Plane plane = make_plane();
  add_peak(plane, {31.3, 23.6, 2000});
  for (float& v : plane.data) v = std::min(v, 600.0f);
  add_noise(plane, 1.0, 7);
  fit_each(plane, list_at(plane, {{31, 24}}), FitOptions{}, [](const FitResults& fit, Shape) {
    EXPECT_NE(fit.rows[0].flags.find("clip"), std::string::npos) << describe(fit.rows[0]);
  });
}

TEST(CornerCases, NegativePeakIsFittedWithNegativeHeightAndVolume) {
  Plane plane = make_plane();
  add_peak(plane, {30.4, 22.7, -800});
  add_noise(plane, 1.0, 8);
  fit_each(
      plane, list_at(plane, {{30.4, 22.7}}), FitOptions{}, [&](const FitResults& fit, Shape shape) {
        const PeakResult& r = fit.rows[0];
        ASSERT_EQ(r.status, PeakStatus::kOk) << describe(r);
        EXPECT_LT(r.height, 0) << describe(r);
        EXPECT_LT(r.volume, 0) << describe(r);
        if (shape != Shape::kVoigt) return;  // the other shapes are the wrong model
        EXPECT_NEAR(r.height, -800, 20) << describe(r);
        EXPECT_NEAR(plane.x.pt_at(r.x_ppm), 30.4, 0.05) << describe(r);
      });
}

// Peaks centred on the first and last points of each axis and in a corner: half of each peak
// lies outside the spectrum. Positions stay inside the grid and the fit stays finite.
TEST(CornerCases, PeaksOnTheSpectrumEdgeStayFinite) {
  Plane plane = make_plane(96, 64);
  const std::vector<std::pair<double, double>> at = {{0, 40}, {95, 20}, {48, 0}, {20, 63}, {0, 0}};
  for (const auto& [x, y] : at) add_peak(plane, {x, y, 500});
  add_noise(plane, 1.0, 9);
  fit_each(plane, list_at(plane, at), FitOptions{}, [&](const FitResults& fit, Shape shape) {
    for (std::size_t k = 0; k < at.size(); ++k) {
      const PeakResult& r = fit.rows[k];
      if (!fitted(r)) continue;  // allowed, with a message (checked above)
      const double x = plane.x.pt_at(r.x_ppm), y = plane.y.pt_at(r.y_ppm);
      EXPECT_TRUE(x >= -0.5 && x <= 95.5 && y >= -0.5 && y <= 63.5) << describe(r);
      if (shape == Shape::kVoigt) {
        EXPECT_NEAR(r.height, 500, 100) << describe(r);
      }
    }
  });
}

// Half a point or more beyond the first point is outside: status `outside`, input kept.
TEST(CornerCases, PeakListedJustOutsideTheEdgeIsOutside) {
  Plane plane = make_plane();
  add_peak(plane, {10, 10, 500});
  add_noise(plane, 1.0, 10);
  PeakList list = list_at(plane, {{10, 10}, {-0.6, 10}, {10, 48.2}});
  fit_each(plane, list, FitOptions{}, [&](const FitResults& fit, Shape) {
    EXPECT_EQ(fit.rows[0].status, PeakStatus::kOk) << describe(fit.rows[0]);
    for (int k : {1, 2}) {
      EXPECT_EQ(fit.rows[k].status, PeakStatus::kOutside) << describe(fit.rows[k]);
      EXPECT_EQ(fit.rows[k].x_ppm_in, list.peaks[k].x_ppm);
    }
  });
}

// ---- extreme widths ----------------------------------------------------------------------------

// Lines far broader than the fitting window (Gaussian sigma 30 and Lorentzian HWHM 40 points in
// x, 12 and 12 in y, against windows of 51 x 21 points): the widths cannot be determined inside
// the window, end at their bounds, and the row says so.
TEST(CornerCases, LineBroaderThanTheWindowIsFlagged) {
  Plane plane = make_plane(256, 96);
  TruePeak broad{128, 48, 300};
  broad.sigma_x_pt = 30;
  broad.gamma_x_pt = 40;
  broad.sigma_y_pt = 12;
  broad.gamma_y_pt = 12;
  add_peak(plane, broad);
  add_noise(plane, 1.0, 11);
  fit_each(plane, list_at(plane, {{128, 48}}), FitOptions{}, [](const FitResults& fit, Shape) {
    const PeakResult& r = fit.rows[0];
    EXPECT_TRUE(!fitted(r) || r.flags.find("@upper") != std::string::npos) << describe(r);
  });
}

// Lines narrower than one point (FWHM ~ 0.4 points), on a grid point and a quarter point off:
// a handful of samples carry the whole peak. The fit must stay finite and the centre near the
// truth.
TEST(CornerCases, LineNarrowerThanOnePointStaysFinite) {
  for (double offset : {0.0, 0.25}) {
    SCOPED_TRACE("centre offset " + std::to_string(offset));
    Plane plane = make_plane();
    TruePeak narrow{30 + offset, 20 + offset, 1000};
    narrow.sigma_x_pt = 0.15;
    narrow.gamma_x_pt = 0.05;
    narrow.sigma_y_pt = 0.15;
    narrow.gamma_y_pt = 0.05;
    add_peak(plane, narrow);
    add_noise(plane, 1.0, 12);
    fit_each(plane,
             list_at(plane, {{30 + offset, 20 + offset}}),
             FitOptions{},
             [&](const FitResults& fit, Shape) {
               const PeakResult& r = fit.rows[0];
               if (!fitted(r)) return;
               EXPECT_NEAR(plane.x.pt_at(r.x_ppm), 30 + offset, 0.5) << describe(r);
               EXPECT_NEAR(plane.y.pt_at(r.y_ppm), 20 + offset, 0.5) << describe(r);
             });
  }
}

// The same line centred half a point off in both dimensions: every sample is at least half a
// point (3 sigma) from the centre, so the samples hold ~1e-4 of the height, below the noise. The
// peak is not in the data; the row must not look like a good fit of it.
TEST(CornerCases, LineNarrowerThanOnePointBetweenSamplesIsNotAGoodFit) {
  Plane plane = make_plane();
  TruePeak narrow{30.5, 20.5, 1000};
  narrow.sigma_x_pt = 0.15;
  narrow.gamma_x_pt = 0.05;
  narrow.sigma_y_pt = 0.15;
  narrow.gamma_y_pt = 0.05;
  add_peak(plane, narrow);
  add_noise(plane, 1.0, 12);
  fit_each(plane, list_at(plane, {{30.5, 20.5}}), FitOptions{}, [](const FitResults& fit, Shape) {
    const PeakResult& r = fit.rows[0];
    EXPECT_TRUE(!fitted(r) || !r.flags.empty() || r.quality == Quality::kPoor) << describe(r);
  });
}

// ---- no noise ------------------------------------------------------------------------------

// A noiseless plane of one Gaussian peak: beyond ~17 points its tails underflow to exactly 0 in
// float, so most points are 0, the MAD is 0 and the robust noise estimate is 0 (no noise to
// measure). SNR and reduced chi^2 divide by the noise, so they must still come out finite and
// meaningful (or the row say why). (Found when written: plan() replaced a zero noise by 1e-300,
// whose square underflows to 0, so chi2_red was inf and snr 1e303, with status ok.)
TEST(CornerCases, NoiselessPlaneGivesFiniteSnrAndChi2) {
  Plane plane = make_plane();
  TruePeak gaussian{31.2, 23.4, 1000};
  gaussian.gamma_x_pt = gaussian.gamma_y_pt = 0;
  add_peak(plane, gaussian);
  fit_each(plane, list_at(plane, {{31.2, 23.4}}), FitOptions{}, [](const FitResults& fit, Shape) {
    EXPECT_EQ(fit.rows[0].status, PeakStatus::kOk) << describe(fit.rows[0]);
    EXPECT_LT(fit.rows[0].snr, 1e15) << describe(fit.rows[0]);
  });
}

// The noiseless plane with the noise given by the user (FitOptions::noise): no estimate is
// involved, and the exact data must be recovered.
TEST(CornerCases, NoiselessPlaneWithGivenNoiseIsRecovered) {
  Plane plane = make_plane();
  add_peak(plane, {31.2, 23.4, 1000});
  FitOptions options;
  options.noise = 1.0;
  fit_each(plane, list_at(plane, {{31, 23}}), options, [&](const FitResults& fit, Shape shape) {
    const PeakResult& r = fit.rows[0];
    ASSERT_EQ(r.status, PeakStatus::kOk) << describe(r);
    if (shape != Shape::kVoigt) return;
    EXPECT_NEAR(r.height, 1000, 1) << describe(r);
    EXPECT_NEAR(plane.x.pt_at(r.x_ppm), 31.2, 1e-3) << describe(r);
  });
}

// ---- duplicates ----------------------------------------------------------------------------

// Two listed peaks at exactly one position: fitted together their heights would trade against
// each other (two equal Jacobian columns, a singular covariance). The peak is fitted once, in
// the first row, and the repeat's row says it is a duplicate.
TEST(CornerCases, TwoPeaksListedAtOnePositionAreFittedOnce) {
  Plane plane = make_plane();
  add_peak(plane, {30.3, 22.8, 900});
  add_noise(plane, 1.0, 13);
  const PeakList list = list_at(plane, {{30.3, 22.8}, {30.3, 22.8}});
  fit_each(plane, list, FitOptions{}, [](const FitResults& fit, Shape shape) {
    ASSERT_TRUE(fitted(fit.rows[0])) << describe(fit.rows[0]);
    EXPECT_FALSE(fitted(fit.rows[1])) << describe(fit.rows[1]);
    EXPECT_NE(fit.rows[1].message.find("duplicate"), std::string::npos) << describe(fit.rows[1]);
    if (shape == Shape::kVoigt) {
      EXPECT_NEAR(fit.rows[0].height, 900, 30) << describe(fit.rows[0]);
    }
  });
}

// Two listed peaks a tenth of a point apart, on one true peak (two picks of one peak, as merged
// lists have): beyond the duplicate test's 0.01 point, so both are fitted together. Heights may
// split any way, but the rows must stay finite and together hold the one peak; a fit worse than
// a flat line (R2 < 0) must not pass as ok. (Found when written: with L-BFGS-B one height ended
// near 3.7e15, R2 -1.5e25, both rows `ok`: the solver returned a point far worse than its start;
// with LM one peak ended at height 0, `ok` with NaN errors from the singular covariance.)
TEST(CornerCases, TwoPeaksATenthOfAPointApartStayFinite) {
  Plane plane = make_plane();
  add_peak(plane, {30.3, 22.8, 900});
  add_noise(plane, 1.0, 13);
  const PeakList list = list_at(plane, {{30.3, 22.8}, {30.4, 22.8}});
  fit_each(plane, list, FitOptions{}, [](const FitResults& fit, Shape shape) {
    for (int k : {0, 1}) {
      if (fitted(fit.rows[k])) {
        EXPECT_GE(fit.rows[k].r2, 0) << describe(fit.rows[k]);
      }
    }
    if (shape == Shape::kVoigt && fitted(fit.rows[0]) && fitted(fit.rows[1])) {
      EXPECT_NEAR(fit.rows[0].height + fit.rows[1].height, 900, 45);
    }
  });
}

// What the rows of the cases above say, beyond the contract.

// The all-zero region fails with a message that names the cause.
TEST(CornerCases, AllZeroPlaneSaysThereIsNoSignal) {
  const Plane plane = make_plane();
  fit_each(plane, list_at(plane, {{32, 24}}), FitOptions{}, [](const FitResults& fit, Shape) {
    const PeakResult& r = fit.rows[0];
    EXPECT_EQ(r.status, PeakStatus::kFailed) << describe(r);
    EXPECT_NE(r.message.find("no signal"), std::string::npos) << describe(r);
    EXPECT_TRUE(std::isnan(r.height) && std::isnan(r.snr)) << describe(r);
  });
}

// A listed position with no peak on a constant plane (Gaussian, LM: the height ends at 0): the
// row says there is no peak rather than carrying NaN errors as a fit.
TEST(CornerCases, ZeroHeightFitSaysThereIsNoPeak) {
  Plane plane = make_plane(64, 48, 100.0f);
  add_noise(plane, 1.0, 5);
  FitOptions options;
  options.baseline = BaselineMethod::kConstant;
  options.shape = Shape::kGaussian;
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(plane.view(), list_at(plane, {{32, 24}}), options, *executor);
  const PeakResult& r = fit.rows[0];
  if (fitted(r)) {
    EXPECT_GT(std::abs(r.height), 0) << describe(r);
  } else {
    EXPECT_NE(r.message.find("no peak"), std::string::npos) << describe(r);
  }
}

// Peaks that are not clipped are not flagged: a negative peak, peaks on the edges, a broad line,
// and a noiseless peak, each with every shape and solver.
TEST(CornerCases, UnclippedPeaksAreNotFlaggedClipped) {
  Plane plane = make_plane(128, 64);
  add_peak(plane, {30.4, 22.7, -800});
  add_peak(plane, {0, 40, 500});
  add_peak(plane, {127, 5, 300});
  TruePeak broad{90, 40, 300};
  broad.sigma_x_pt = 6;
  broad.gamma_x_pt = 4;
  add_peak(plane, broad);
  add_noise(plane, 1.0, 21);
  const PeakList list = list_at(plane, {{30.4, 22.7}, {0, 40}, {127, 5}, {90, 40}});
  fit_each(plane, list, FitOptions{}, [](const FitResults& fit, Shape) {
    for (const PeakResult& r : fit.rows)
      EXPECT_EQ(r.flags.find("clip"), std::string::npos) << describe(r);
  });
  Plane noiseless = make_plane();
  add_peak(noiseless, {31.2, 23.4, 1000});
  fit_each(noiseless, list_at(noiseless, {{31.2, 23.4}}), FitOptions{}, [](const FitResults& fit, Shape) {
    EXPECT_EQ(fit.rows[0].flags.find("clip"), std::string::npos) << describe(fit.rows[0]);
  });
}

// The clipped row's message says what the flag means for its numbers.
TEST(CornerCases, ClippedPeakMessageSaysHeightIsUnderestimated) {
  Plane plane = make_plane();
  add_peak(plane, {31.3, 23.6, 2000});
  for (float& v : plane.data) v = std::min(v, 600.0f);
  add_noise(plane, 1.0, 7);
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(plane.view(), list_at(plane, {{31, 24}}), FitOptions{}, *executor);
  EXPECT_EQ(fit.rows[0].status, PeakStatus::kOk) << describe(fit.rows[0]);
  EXPECT_NE(fit.rows[0].message.find("underestimated"), std::string::npos) << describe(fit.rows[0]);
}

// On a noiseless plane SNR and chi2_red are taken against the residual: chi2_red is then 1 by
// construction, SNR is the height over the residual rms, and the message says so.
TEST(CornerCases, NoiselessPlaneTakesSnrAgainstTheResidualAndSaysSo) {
  Plane plane = make_plane();
  TruePeak gaussian{31.2, 23.4, 1000};
  gaussian.gamma_x_pt = gaussian.gamma_y_pt = 0;
  add_peak(plane, gaussian);
  auto executor = make_sequential_executor();
  const FitResults fit =
      fit_spectrum(plane.view(), list_at(plane, {{31.2, 23.4}}), FitOptions{}, *executor);
  const PeakResult& r = fit.rows[0];
  ASSERT_EQ(r.status, PeakStatus::kOk) << describe(r);
  EXPECT_EQ(fit.summary.noise, 0);
  EXPECT_NEAR(r.chi2_red, 1, 1e-9) << describe(r);
  EXPECT_GT(r.snr, 1e3) << describe(r);  // float data: the residual is rounding, ~1e-4
  EXPECT_NE(r.message.find("no noise"), std::string::npos) << describe(r);
  // The same plane declared noiseless (FitOptions::noise = 0) gives the same row.
  FitOptions declared;
  declared.noise = 0;
  EXPECT_EQ(declared.validate(), "");
  const FitResults same =
      fit_spectrum(plane.view(), list_at(plane, {{31.2, 23.4}}), declared, *executor);
  EXPECT_EQ(same.rows[0].snr, r.snr);
}

// Two picks a tenth of a point apart, both solvers: every fitted row carries the one peak's
// signal with finite errors. With L-BFGS-B (which ran one height to 4e15) the refit by
// Levenberg-Marquardt is named in the message when it happened; a row that is not fitted says
// it holds no peak.
TEST(CornerCases, TwoPeaksATenthOfAPointApartKeepTheSignal) {
  Plane plane = make_plane();
  add_peak(plane, {30.3, 22.8, 900});
  add_noise(plane, 1.0, 13);
  const PeakList list = list_at(plane, {{30.3, 22.8}, {30.4, 22.8}});
  fit_each(plane, list, FitOptions{}, [](const FitResults& fit, Shape shape) {
    double height = 0;
    int fitted_rows = 0;
    for (int k : {0, 1}) {
      const PeakResult& r = fit.rows[k];
      if (fitted(r)) {
        ++fitted_rows;
        height += r.height;
        EXPECT_GT(r.height_err, 0) << describe(r);
      } else {
        EXPECT_NE(r.message.find("no peak"), std::string::npos) << describe(r);
      }
    }
    EXPECT_GE(fitted_rows, 1);
    if (shape == Shape::kVoigt) {
      EXPECT_NEAR(height, 900, 45);
    }
  }, {Shape::kVoigt, Shape::kGaussian});
}

// A peak listed twice outside the spectrum is `outside` in both rows (it was `failed` as a
// duplicate); a duplicate inside still names the row that holds its fit.
TEST(CornerCases, RepeatOfAPeakOutsideTheSpectrumIsOutside) {
  Plane plane = make_plane();
  add_peak(plane, {20, 20, 500});
  add_noise(plane, 1.0, 14);
  const PeakList list = list_at(plane, {{-5, 10}, {20, 20}, {-5, 10}, {20, 20}});
  auto executor = make_sequential_executor();
  const FitResults fit = fit_spectrum(plane.view(), list, FitOptions{}, *executor);
  EXPECT_EQ(fit.rows[0].status, PeakStatus::kOutside) << describe(fit.rows[0]);
  EXPECT_EQ(fit.rows[2].status, PeakStatus::kOutside) << describe(fit.rows[2]);
  EXPECT_EQ(fit.rows[1].status, PeakStatus::kOk) << describe(fit.rows[1]);
  EXPECT_EQ(fit.rows[3].status, PeakStatus::kDuplicate) << describe(fit.rows[3]);
  EXPECT_NE(fit.rows[3].message.find("duplicate of peak 1"), std::string::npos)
      << describe(fit.rows[3]);
  EXPECT_EQ(fit.summary.outside, 2);
}

// A NaN point in a peak's region (a corrupt value reaching the engine through the API; the file
// readers reject them): the rows keep the contract, and any row not fitted says why.
TEST(CornerCases, NanPointInTheRegionKeepsTheRowContract) {
  Plane plane = make_plane();
  add_peak(plane, {30.3, 22.8, 900});
  add_noise(plane, 1.0, 15);
  plane.at(33, 23) = NAN;
  fit_each(plane, list_at(plane, {{30.3, 22.8}}), FitOptions{}, [](const FitResults& fit, Shape) {
    const PeakResult& r = fit.rows[0];
    EXPECT_TRUE(fitted(r) || !r.message.empty()) << describe(r);
  });
}

}  // namespace
}  // namespace voigt
