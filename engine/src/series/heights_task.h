// fit_series' second pass for one cluster: the heights of its reported peaks in every plane with
// the reference fit's shapes fixed (or refined jointly on all planes), with their covariance
// across planes. Its TaskResult carries one PeakResult per (reported peak, plane), peak-major,
// with `iterations` holding the plane index, and TaskResult::values holds, per plane row in the
// same order, that plane's row of the peak's height covariance (`planes` numbers, NaN when not
// computed).
#ifndef VOIGT_INTERNAL_SERIES_HEIGHTS_TASK_H_
#define VOIGT_INTERNAL_SERIES_HEIGHTS_TASK_H_

#include <vector>

#include "series/task_rows.h"
#include "voigt/fit.h"
#include "voigt/fit_options.h"
#include "voigt/spectrum.h"
#include "voigt/stop_flag.h"

namespace voigt::detail {

// Pure: reads the series and the pass-1 rows; never throws (a failure is in the rows).
TaskResult series_task(const SpectrumSeries& series,
                       const FitTask& task,
                       const std::vector<PeakResult>& rows,
                       const TaskRows& task_rows,
                       const FitOptions& options,
                       bool joint,
                       const std::vector<double>& noise,
                       double reference_noise,
                       const StopFlag& stop);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_SERIES_HEIGHTS_TASK_H_
