// Turning a converged region fit into result rows: unit conversion, uncertainties from the
// covariance, volumes, quality, flags, and the cross-sections for plotting.
#ifndef VOIGT_INTERNAL_PIPELINE_PEAK_ROWS_H_
#define VOIGT_INTERNAL_PIPELINE_PEAK_ROWS_H_

#include <Eigen/Core>
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
// status are the caller's).
void fill_peak_row(const Spectrum2D& spectrum, const RegionData& region, const RegionFit& fit,
                   int k, double noise, PeakResult& row);

PeakSlices peak_slices(const Spectrum2D& spectrum, const RegionData& region, const RegionFit& fit,
                       int k);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_PEAK_ROWS_H_
