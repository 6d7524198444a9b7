// The data of one task's region, baseline-corrected, in the layout the region model expects.
#ifndef VOIGT_INTERNAL_PIPELINE_REGION_DATA_H_
#define VOIGT_INTERNAL_PIPELINE_REGION_DATA_H_

#include <Eigen/Core>

#include "fit/region_model.h"
#include "voigt/fit.h"
#include "voigt/fit_options.h"
#include "voigt/spectrum.h"

namespace voigt::detail {

struct RegionData {
  int x_begin_pt = 0, y_begin_pt = 0;  // grid coordinates of the region's first point
  Eigen::MatrixXd values;              // nx x ny, x fastest, baseline subtracted
  Eigen::MatrixXd baseline;            // what was subtracted (zero unless arPLS)
  int nx() const { return static_cast<int>(values.rows()); }
  int ny() const { return static_cast<int>(values.cols()); }
};

// Copies the task's region. With BaselineMethod::kArpls each row's baseline is estimated by arPLS
// on a strip of the row twice the region's width on either side (so that the peaks in the region
// are a minority of the strip's points, as arPLS needs) and subtracted.
RegionData extract_region(const Spectrum2D& spectrum, const FitTask& task, const FitOptions& options);

// The baseline the region model fits for a BaselineMethod: none when extract_region already
// subtracted one (arPLS) or none is wanted, else a constant or a plane.
BaselineModel model_baseline(BaselineMethod method);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_REGION_DATA_H_
