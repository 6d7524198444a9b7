// Series (pseudo-3D) fitting: one set of peak shapes shared by every plane, per-plane heights and
// volumes with their errors, and a relaxation rate per peak.
//
//   fit_series = reference plane (sum of planes, or one plane)
//              -> fit_spectrum on it: positions, sigma, gamma (and missed peaks) per cluster
//              -> per cluster, per plane: heights by linear least squares with those shapes fixed
//                 (variable projection: the shapes are the nonlinear parameters, fitted once),
//                 with their covariance across planes (plane noise + the shapes' uncertainty)
//              -> per peak: I(t) = I0 exp(-R t) [+ C], generalised least squares with that
//                 covariance
// Both passes (and the per-plane noise estimates) run on the caller's Executor, one task per
// cluster (per plane), so the sequential, thread-pool and fork-pool executors give identical
// numbers. SeriesOptions::joint_fit adds a joint refinement of each cluster's positions and widths
// on all planes at once (series/joint_fit.h).
//
// This header holds the options, the results and fit_series; the per-peak decay fit is in
// voigt/decay_fit.h, delays files and series tables in voigt/series_io.h, the series simulator in
// voigt/simulate.h.
#ifndef VOIGT_PUBLIC_SERIES_H_
#define VOIGT_PUBLIC_SERIES_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "voigt/executor.h"
#include "voigt/fit.h"
#include "voigt/fit_options.h"
#include "voigt/peak_list.h"
#include "voigt/peak_result.h"
#include "voigt/spectrum.h"

namespace voigt {

// The reference plane is the sum of all planes: it has the best signal-to-noise for the shapes
// and weighs every plane alike.
constexpr int kSumOfPlanes = -1;

struct SeriesOptions {
  // Plane whose fit gives the shared shapes: kSumOfPlanes, or a 0-based plane index
  // (< the series' plane count). The sum has sqrt(planes) x the SNR of a single plane for
  // peaks that do not decay much, and never misses a peak that vanishes in late planes.
  int reference_plane = kSumOfPlanes;
  // Fit I(t) = I0 exp(-R t) + C instead of I0 exp(-R t). The offset soaks up a baseline
  // or an incompletely relaxed component, at the price of a larger R error; needs >= 3 planes.
  bool fit_offset = false;
  // After the reference fit, refit each cluster's positions and widths on all planes at once,
  // with per-plane heights, each plane weighted by its noise (series/joint_fit.h); the
  // heights' errors then come from that fit's covariance. Costs a region fit per plane and
  // iteration: 10 planes x 600 peaks take 5.7x the default. The shapes table keeps the reference
  // fit's shapes.
  bool joint_fit = false;
  // Monte Carlo draws for a second R error (0 = none, up to 100000): each draw refits the fitted
  // curve plus Gaussian noise with the heights' covariance. Reported as r_err_mc. Costs about
  // 10 us per draw and peak (10 planes), on the calling thread.
  int monte_carlo_draws = 0;
  // Seed of the Monte Carlo stream (SplitMix64 + Box-Muller); peak i uses a stream derived from
  // (seed, i), so results do not depend on threads or peak order.
  std::uint64_t monte_carlo_seed = 1;
  // Iteration cap of the decay fit (Levenberg-Marquardt on 2-3 parameters), >= 1.
  int max_decay_iterations = 100;

  // "" when valid, else "SeriesOptions::FIELD = VALUE; must ...".
  std::string validate() const;
};

// One peak in one plane. A number not computed is NaN.
struct PlaneValue {
  double height = NAN;      // intensity units, the shared shape scaled to this plane
  // sd: the plane's noise, noise_k^2 (AᵀA)^-1, plus the uncertainty of the shared shapes
  // propagated from the reference fit (the latter matters for overlapped peaks).
  double height_err = NAN;
  double volume = NAN;      // height x area_x x area_y (intensity x points^2)
  double volume_err = NAN;  // height_err x area_x x area_y (the areas' own error left out)
  double chi2_red = NAN;    // of the cluster region in this plane, against this plane's noise
  // kOk: solved. Otherwise the shape fit's status for this peak (failed, timeout, crashed,
  // cancelled, outside), or kFailed when the heights could not be solved (message says why).
  PeakStatus status = PeakStatus::kFailed;
  std::string message = "not fitted";
};

// The decay of one peak's heights over the delays. R is per unit of the delays (1/s when the
// delays are in seconds).
struct DecayFit {
  double i0 = NAN, i0_err = NAN;
  double r = NAN, r_err = NAN;          // r_err from (JᵀC^-1 J)^-1, C the heights' covariance
  double r_err_mc = NAN;                // sd of R over the Monte Carlo draws; NaN without draws
  double offset = NAN, offset_err = NAN;  // C; NaN unless SeriesOptions::fit_offset
  // rᵀC^-1 r / (planes - params), r = heights - model: ~1 when the errors are right (errors are
  // not rescaled by it; real spectra with lineshape misfit give chi2_red >> 1).
  double chi2_red = NAN;
  int planes_used = 0;                  // planes with a finite height and error > 0
  int iterations = 0;
  // kOk: fitted. kFailed: too few planes, no delays, or the solver failed (message says why).
  // Any other status is the peak's shape-fit status, copied.
  PeakStatus status = PeakStatus::kFailed;
  std::string message = "not fitted";
};

// What a series run did, for the CLI's stderr and the page's status bar.
struct SeriesSummary {
  FitSummary shapes;             // the reference fit (first pass)
  int num_planes = 0;
  int reference_plane = kSumOfPlanes;
  int plane_values_ok = 0;       // (peak, plane) pairs solved
  int plane_values_failed = 0;   // (peak, plane) pairs of peaks inside the spectrum not solved
  int rates_ok = 0, rates_failed = 0;
  std::string message = "fit_series was not called";

  bool all_fitted() const { return shapes.all_fitted() && plane_values_failed == 0; }
  std::string brief_report() const;  // one line
};

struct SeriesResults {
  // The reference fit: one row per input peak in input order, then the peaks it added; shapes
  // (positions, widths) are shared by every plane, heights are the reference plane's.
  std::vector<PeakResult> shapes;
  std::vector<std::vector<PlaneValue>> planes;  // [row][plane], parallel to `shapes`
  std::vector<DecayFit> rates;                  // parallel to `shapes`
  // Per row, the planes x planes covariance of its heights (row-major; empty for rows without
  // plane heights): each plane's noise plus the shape uncertainty the planes share. Its diagonal
  // is height_err^2; the rate fit uses all of it.
  std::vector<std::vector<double>> height_covariance;
  std::vector<double> delays;                   // one per plane, as given (may be empty)
  std::vector<double> plane_noise;              // noise sd of each plane
  SeriesSummary summary;
};

// Fits the series. `delays` has one value per plane, or is empty (then every DecayFit says "no
// delays"). Throws std::invalid_argument for invalid options (FitOptions::plane is ignored: the
// reference is SeriesOptions::reference_plane), an empty peak list, or a delay count that is not
// the plane count. Peaks are never dropped: a peak that could not be fitted keeps its rows with
// a status and a message.
SeriesResults fit_series(const SpectrumSeries& series,
                         const PeakList& peaks,
                         const std::vector<double>& delays,
                         const FitOptions& fit_options,
                         const SeriesOptions& series_options,
                         Executor& executor,
                         const ProgressCallback& progress = {});

}  // namespace voigt

#endif  // VOIGT_PUBLIC_SERIES_H_
