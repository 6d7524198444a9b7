// fit_spectrum(): plan, run the tasks on an executor, gather one row per peak in input order.
#include <algorithm>

#include "voigt/fit.h"

namespace voigt {
namespace {

PeakResult unfitted_row(const FitPlan& plan, int index, PeakStatus status, std::string message) {
  PeakResult row;
  row.index = index;
  row.assignment = plan.peaks[index].assignment;
  row.x_ppm_in = plan.peaks[index].x_ppm;
  row.y_ppm_in = plan.peaks[index].y_ppm;
  row.status = status;
  row.message = std::move(message);
  return row;
}

FitSummary summarise(const std::vector<PeakResult>& rows, const FitPlan& plan,
                     const Executor& executor) {
  FitSummary s;
  std::vector<double> r2;
  for (const PeakResult& row : rows) {
    switch (row.status) {
      case PeakStatus::kOk: ++s.ok; break;
      case PeakStatus::kAdded: ++s.added; break;
      case PeakStatus::kOutside: ++s.outside; break;
      case PeakStatus::kFailed: ++s.failed; break;
      case PeakStatus::kTimeout: ++s.timeout; break;
      case PeakStatus::kCrashed: ++s.crashed; break;
      case PeakStatus::kCancelled: ++s.cancelled; break;
    }
    if (row.status == PeakStatus::kOk && row.r2 == row.r2) r2.push_back(row.r2);
  }
  s.peaks_total = static_cast<int>(plan.peaks.size());
  if (!r2.empty()) {
    std::nth_element(r2.begin(), r2.begin() + r2.size() / 2, r2.end());
    s.median_r2 = r2[r2.size() / 2];
  }
  s.tasks = static_cast<int>(plan.tasks.size());
  s.noise = plan.noise;
  s.threads_used = executor.threads_used();
  s.executor = executor.name();
  s.message = s.all_fitted() ? "every peak inside the spectrum was fitted"
                             : "some peaks were not fitted: their rows say why";
  return s;
}

}  // namespace

FitResults fit_spectrum(const Spectrum2D& spectrum,
                        const PeakList& peaks,
                        const FitOptions& options,
                        Executor& executor,
                        const ProgressCallback& progress) {
  const FitPlan fit_plan = plan(spectrum, peaks, options);
  const std::vector<TaskResult> results = executor.run(
      fit_plan.tasks,
      [&](const FitTask& task, const StopFlag& stop) {
        return fit_task(spectrum, fit_plan, task, options, &stop);
      },
      progress);

  const int n = static_cast<int>(fit_plan.peaks.size());
  FitResults out;
  out.rows.resize(n);
  out.slices.resize(n);
  for (int i = 0; i < n; ++i)
    out.rows[i] = unfitted_row(fit_plan, i, PeakStatus::kFailed, "not fitted");
  for (int i : fit_plan.outside)
    out.rows[i] = unfitted_row(fit_plan, i, PeakStatus::kOutside, "position outside the spectrum");
  for (const auto& [repeat, first] : fit_plan.duplicates)
    out.rows[repeat] = unfitted_row(fit_plan, repeat, PeakStatus::kFailed,
                                    "duplicate of peak " + std::to_string(first) +
                                        " (same position): fitted once, in that row");

  // Added peaks follow the listed ones, ordered by cluster id so the order does not depend on
  // which worker finished first.
  std::vector<const TaskResult*> by_id(fit_plan.tasks.size());
  for (std::size_t t = 0; t < results.size(); ++t) by_id[results[t].task_id] = &results[t];
  std::vector<std::size_t> task_of_id(fit_plan.tasks.size());
  for (std::size_t t = 0; t < fit_plan.tasks.size(); ++t) task_of_id[fit_plan.tasks[t].id] = t;
  for (std::size_t id = 0; id < by_id.size(); ++id) {
    const TaskResult& result = *by_id[id];
    const FitTask& task = fit_plan.tasks[task_of_id[id]];
    if (result.rows.empty()) {
      for (int index : task.peaks) {
        out.rows[index] = unfitted_row(fit_plan, index, result.status, result.message);
        out.rows[index].cluster = task.id;
        out.rows[index].cluster_size = static_cast<int>(task.peaks.size());
      }
      continue;
    }
    for (std::size_t r = 0; r < result.rows.size(); ++r) {
      if (result.rows[r].status == PeakStatus::kAdded) {
        out.rows.push_back(result.rows[r]);
        out.rows.back().index = static_cast<int>(out.rows.size()) - 1;
        out.slices.push_back(result.slices[r]);
      } else {
        out.rows[result.rows[r].index] = result.rows[r];
        out.slices[result.rows[r].index] = result.slices[r];
      }
    }
  }
  out.summary = summarise(out.rows, fit_plan, executor);
  return out;
}

}  // namespace voigt
