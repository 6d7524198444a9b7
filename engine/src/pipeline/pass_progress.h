// Progress of a run made of several executor runs (the two passes of fit_spectrum, then the plane
// heights of fit_series), reported to the caller as one run: tasks_done only grows, and
// tasks_total counts every pass's tasks.
#ifndef VOIGT_INTERNAL_PIPELINE_PASS_PROGRESS_H_
#define VOIGT_INTERNAL_PIPELINE_PASS_PROGRESS_H_

#include "voigt/executor.h"

namespace voigt::detail {

// Reports the progress `p` of one pass as that of the whole run: tasks_done = tasks_before +
// p.tasks_done, tasks_total = the whole run's. peaks_done counts the peaks that have their row,
// at least `peaks_before` (those whose row an earlier pass gave: every peak once the first fit is
// done; a cancel keeps them). An empty callback stays empty.
ProgressCallback pass_progress(const ProgressCallback& progress,
                               int tasks_before,
                               int tasks_total,
                               int peaks_before);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_PASS_PROGRESS_H_
