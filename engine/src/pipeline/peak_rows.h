// Turning a converged region fit into result rows: unit conversion, uncertainties from the
// covariance, volumes, quality, flags, and the cross-sections for plotting.
#ifndef VOIGT_INTERNAL_PIPELINE_PEAK_ROWS_H_
#define VOIGT_INTERNAL_PIPELINE_PEAK_ROWS_H_

#include <Eigen/Core>
#include <string>
#include <vector>

#include "fit/region_model.h"
#include "pipeline/region_data.h"
#include "voigt/peak_result.h"
#include "voigt/spectrum.h"

namespace voigt::detail {

struct RegionFit {
  const RegionModel* model = nullptr;     // evaluated at `params`
  Eigen::VectorXd params, lower, upper;   // in data units (heights unscaled)
  Eigen::MatrixXd covariance;             // of params; NaN where JᵀJ is singular
  Eigen::MatrixXd fitted;                 // model values on the region, nx x ny
  double rss = 0;                         // residual sum of squares
  int iterations = 0;
};

// Fills the fit columns of `row` for peak k of the fit (index, assignment, inputs, cluster and
// status are the caller's). `message` is cleared, then holds notes on how numbers were obtained;
// `flags` names parameters at a bound and "clipped" for a flat-topped (saturated) peak.
// noise: the plane's noise sd; 0 when the plane has none to measure (a noiseless simulation),
// and then SNR and chi2_red are taken against the fit's residual rms instead, which the message
// says.
void fill_peak_row(const Spectrum2D& spectrum, const RegionData& region, const RegionFit& fit,
                   int k, double noise, PeakResult& row);

// Appends a note to the row's message ("; " between notes).
void add_note(PeakResult& row, const std::string& note);

// The last step of a fitted row (status ok or added, after fill_peak_row and the caller's
// notes): a row that does not hold a fitted peak becomes `failed` with every fit number NaN and
// a message that says why:
//  * no signal: every point of the region is 0;
//  * no peak: its fitted height is 0 to the data's float resolution (at its bound), so its
//    position and widths are undetermined;
//  * any number the shape defines that is not finite (named in the message).
// So a row that stays fitted has a finite number in every column its shape defines.
void check_fitted_row(Shape shape, const RegionData& region, const RegionFit& fit, int k,
                      PeakResult& row);

// Height (in units of the region's largest |value|) at or below which a peak holds no signal:
// float data resolve 2^-24 of their largest value, so a smaller peak is not in the data.
constexpr double kNegligibleHeight = 0x1.0p-24;

// Covariance s2 (JᵀJ)^-1 of the parameters, NaN where undetermined. `negligible` marks the
// parameters to leave out (those of peaks with a negligible height: their Jacobian columns
// vanish). Of the rest, parameters that JᵀJ shows to depend on the others (a pivot of the
// pivoted LDLᵀ of its correlation form at or below kRankTolerance: two peaks at one place, a width
// that no longer changes the model) are left out too, and the others' errors are those with
// them held fixed. Left-out parameters get NaN, so their rows fail in check_fitted_row.
Eigen::MatrixXd covariance_or_nan(const Eigen::MatrixXd& jtj, double s2,
                                  const std::vector<bool>& negligible);

// Pivot of the correlation form of JᵀJ (1 - R² of a parameter on the others) at or below which
// a parameter counts as dependent: its own information is then below double rounding of the
// others' (1e-16) times the few hundred terms a pivot sums; its error would be rounding noise.
constexpr double kRankTolerance = 1e-13;

PeakSlices peak_slices(const Spectrum2D& spectrum, const RegionData& region, const RegionFit& fit,
                       int k);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_PEAK_ROWS_H_
