// One result row per input peak (and per peak the fit added): each field below is a column of the
// result tables (voigt/result_io.h), with its unit and the status it depends on.
#ifndef VOIGT_PUBLIC_PEAK_RESULT_H_
#define VOIGT_PUBLIC_PEAK_RESULT_H_

#include <cmath>
#include <string>
#include <vector>

namespace voigt {

enum class PeakStatus {
  kOk,        // fitted; every number in the row is filled
  kAdded,     // not in the list: picked from the spectrum (flag `picked`) or found in the
              // residual by missed-peak detection, then fitted as the listed peaks' neighbour
  kAbsent,    // listed, but no signal in its search window: height is the intensity at the
              // listed position, height_err the noise; no fit
  kDuplicate, // listed twice at the same position (0.01 point): fitted once, in the first
              // listing's row
  kOutside,   // the listed position lies outside the spectrum; fit numbers are NaN
  kFailed,    // the solver or a numerical check failed; `message` says why, fit numbers NaN
  kTimeout,   // the task ran past its time limit; fit numbers NaN
  kCrashed,   // the worker process running the task died; fit numbers NaN
  kCancelled  // the run was cancelled before this task finished; fit numbers NaN
};

const char* to_string(PeakStatus status);

// Quality classes from R² of the peak's cluster region (thresholds as lunaNMR's):
// excellent R² >= 0.9, good >= 0.8, fair >= 0.7, poor below.
enum class Quality { kExcellent, kGood, kFair, kPoor, kNone };
const char* to_string(Quality quality);
Quality quality_from_r2(double r2);

// A number not computed is NaN, never 0 or -1.
struct PeakResult {
  int index = 0;                  // 0-based position in the input list (added peaks follow)
  std::string assignment;
  double x_ppm_in = NAN, y_ppm_in = NAN;
  // Where the fit started: the picked peak the listed one was matched to, or the listed position
  // moved by the list's common offset (start - in = how far the list was off); the picked
  // position for a picked added peak.
  double x_ppm_start = NAN, y_ppm_start = NAN;
  double x_ppm = NAN, y_ppm = NAN;
  double height = NAN;            // model value at the centre, intensity units
  double volume = NAN;            // analytic integral, intensity x points^2
  double fwhm_x_hz = NAN, fwhm_y_hz = NAN;
  double sigma_x_hz = NAN, gamma_x_hz = NAN;  // Gaussian std, Lorentzian HWHM
  double sigma_y_hz = NAN, gamma_y_hz = NAN;
  double eta_x = NAN, eta_y = NAN;            // pseudo-Voigt Lorentzian fraction, else NaN
  double x_ppm_err = NAN, y_ppm_err = NAN;
  double height_err = NAN, volume_err = NAN;
  double r2 = NAN;                // of the cluster region
  double snr = NAN;               // height / noise
  double chi2_red = NAN;          // reduced chi^2 of the cluster region against the noise
  Quality quality = Quality::kNone;
  int cluster = -1;               // cluster (task) id
  int cluster_size = 0;
  int iterations = 0;
  PeakStatus status = PeakStatus::kFailed;
  std::string message = "not fitted";
  // ';'-separated: parameters at a bound ("gamma_x@upper"), "clipped", "picked" (an added peak
  // found by peak picking), "unmatched" (listed, its window's signal went to a closer listed
  // peak: fitted from the listed position), "coincides" (another listed peak lies within half a
// linewidth on both axes: one signal listed twice, or two the list cannot tell apart).
  std::string flags;
};

// Cross-sections through a fitted peak's centre, for plotting: along x at the centre row and
// along y at the centre column, over the cluster's region.
struct PeakSlices {
  std::vector<double> x_ppm, x_data, x_fit;  // residual = data - fit
  std::vector<double> y_ppm, y_data, y_fit;
};

}  // namespace voigt

#endif  // VOIGT_PUBLIC_PEAK_RESULT_H_
