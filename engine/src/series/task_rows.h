// Which fitted rows each cluster's plane-heights task (fit_series' second pass) reports and which
// other fitted shapes it must include: neighbours, peaks other clusters added in its region, and
// tails of peaks outside that reach in far enough to bias its heights.
#ifndef VOIGT_INTERNAL_SERIES_TASK_ROWS_H_
#define VOIGT_INTERNAL_SERIES_TASK_ROWS_H_

#include <vector>

#include "series/heights.h"
#include "voigt/fit.h"
#include "voigt/peak_result.h"
#include "voigt/spectrum.h"

namespace voigt::detail {

// A row whose fit gave a shape (status ok or added).
bool has_shape(const PeakResult& row);

// A fitted row's shape in the region-local points of `task` (a width not computed counts as 0).
FixedShape shape_of(const PeakResult& row, const Axis& x, const Axis& y, const FitTask& task);

// Which rows a pass-2 task reports, and which other fitted shapes it must include.
struct TaskRows {
  std::vector<int> reported;  // its listed peaks, then the peaks its reference fit added
  std::vector<int> extra;     // shapes of other clusters whose centres lie in the region
  // Other peaks whose tails at a reported peak's centre exceed kTailErrorFraction x that peak's
  // height error: their heights are fitted along, their shapes taken as known.
  std::vector<int> tails;
};

// Per task of `plan` (indexed by task id), from the reference fit's `rows` on `grid` with noise
// sd `reference_noise`.
std::vector<TaskRows> rows_per_task(const FitPlan& plan,
                                    const std::vector<PeakResult>& rows,
                                    const Spectrum2D& grid,
                                    Shape shape,
                                    double reference_noise);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_SERIES_TASK_ROWS_H_
