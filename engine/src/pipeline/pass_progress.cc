#include "pipeline/pass_progress.h"

#include <algorithm>

namespace voigt::detail {

ProgressCallback pass_progress(const ProgressCallback& progress,
                               int tasks_before,
                               int tasks_total,
                               int peaks_before) {
  if (!progress) return nullptr;
  return [=](const Progress& p) {
    Progress whole = p;
    whole.tasks_done = tasks_before + p.tasks_done;
    whole.tasks_total = tasks_total;
    whole.peaks_done = std::max(peaks_before, p.peaks_done);
    return progress(whole);
  };
}

}  // namespace voigt::detail
