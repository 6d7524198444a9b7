// fit_spectrum(): plan, run the tasks on an executor, gather one row per peak in input order.
#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "pipeline/first_pass.h"
#include "pipeline/pass_graph.h"
#include "pipeline/peak_rows.h"
#include "pipeline/plan_reconcile.h"
#include "pipeline/task_seeds.h"

#include "voigt/fit.h"

namespace voigt {
namespace {

PeakResult unfitted_row(const FitPlan& plan, int index, PeakStatus status, std::string message) {
  PeakResult row;
  row.index = index;
  row.assignment = plan.peaks[index].assignment;
  row.x_ppm_in = plan.peaks[index].x_ppm;
  row.y_ppm_in = plan.peaks[index].y_ppm;
  detail::mark_listed_row(plan, index, row);
  row.status = status;
  row.message = std::move(message);
  return row;
}

// A listed peak with no signal in its search window: the intensity at its listed position (moved
// by the list's offset), with the noise as its error, and no fit that could wander elsewhere.
PeakResult absent_row(const Spectrum2D& spectrum, const FitPlan& plan, int index) {
  PeakResult row = unfitted_row(plan, index, PeakStatus::kAbsent,
                                "no signal in the search window: intensity at the listed position");
  row.x_ppm = plan.start_x(index), row.y_ppm = plan.start_y(index);
  row.height = detail::intensity_at(spectrum, row.x_ppm, row.y_ppm);
  row.height_err = plan.noise;
  row.snr = plan.noise > 0 ? std::abs(row.height) / plan.noise : NAN;
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
      case PeakStatus::kAbsent: ++s.absent; break;
      case PeakStatus::kDuplicate: ++s.duplicate; break;
      case PeakStatus::kOutside: ++s.outside; break;
      case PeakStatus::kFailed: ++s.failed; break;
      case PeakStatus::kTimeout: ++s.timeout; break;
      case PeakStatus::kCrashed: ++s.crashed; break;
      case PeakStatus::kCancelled: ++s.cancelled; break;
    }
    if (row.status == PeakStatus::kOk && row.r2 == row.r2) r2.push_back(row.r2);
    if (row.status == PeakStatus::kAdded && !std::isnan(row.x_ppm_start)) ++s.picked_added;
  }
  s.peaks_total = static_cast<int>(plan.peaks.size());
  if (!r2.empty()) {
    std::nth_element(r2.begin(), r2.begin() + r2.size() / 2, r2.end());
    s.median_r2 = r2[r2.size() / 2];
  }
  s.tasks = static_cast<int>(plan.tasks.size());
  s.reconciled = plan.reconciled;
  s.matched = plan.matched;
  s.offset_x_ppm = plan.offset_x_ppm, s.offset_y_ppm = plan.offset_y_ppm;
  s.search_x_ppm = plan.search_x_ppm, s.search_y_ppm = plan.search_y_ppm;
  s.noise = plan.noise;
  s.threads_used = executor.threads_used();
  s.executor = executor.name();
  s.message = s.all_fitted() ? "every peak inside the spectrum was fitted"
                             : "some peaks were not fitted: their rows say why";
  return s;
}

// One row per peak in input order, then the added peaks, from the tasks' results, and the
// cross-sections, moved out of the results (they are most of their memory).
void gather(const Spectrum2D& spectrum, const FitPlan& fit_plan, std::vector<TaskResult>& results,
            FitResults& out) {
  const int n = static_cast<int>(fit_plan.peaks.size());
  out.rows.assign(n, PeakResult{});
  out.slices.assign(n, PeakSlices{});
  for (int i = 0; i < n; ++i)
    out.rows[i] = unfitted_row(fit_plan, i, PeakStatus::kFailed, "not fitted");
  for (int i : fit_plan.outside)
    out.rows[i] = unfitted_row(fit_plan, i, PeakStatus::kOutside, "position outside the spectrum");
  for (int i : fit_plan.absent) out.rows[i] = absent_row(spectrum, fit_plan, i);
  for (const auto& [repeat, first] : fit_plan.duplicates)
    out.rows[repeat] = unfitted_row(fit_plan, repeat, PeakStatus::kDuplicate,
                                    "duplicate of peak " + std::to_string(first) +
                                        " (same position): fitted once, in that row");

  // Added peaks follow the listed ones, ordered by cluster id so the order does not depend on
  // which worker finished first.
  std::vector<TaskResult*> by_id(fit_plan.tasks.size());
  for (TaskResult& result : results) by_id[result.task_id] = &result;
  std::vector<std::size_t> task_of_id(fit_plan.tasks.size());
  for (std::size_t t = 0; t < fit_plan.tasks.size(); ++t) task_of_id[fit_plan.tasks[t].id] = t;
  for (std::size_t id = 0; id < by_id.size(); ++id) {
    TaskResult& result = *by_id[id];
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
      int index = result.rows[r].index;
      if (result.rows[r].status == PeakStatus::kAdded) {
        index = static_cast<int>(out.rows.size());
        out.rows.push_back(result.rows[r]);
        out.rows[index].index = index;
        out.slices.emplace_back();
      } else {
        out.rows[index] = result.rows[r];
      }
      out.slices[index] = std::move(result.slices[r]);
    }
  }
}

// A task's rows that stand: fitted, not failed, timed out or cancelled.
bool fitted(const TaskResult& result) {
  return !result.rows.empty() && result.rows.front().status != PeakStatus::kFailed;
}

// The first fits with each cluster's second fit where it has one: a cluster whose second fit
// did not finish keeps its first, a complete fit too, and its rows say so; one with no background
// to subtract (no rows, status ok) keeps it silently.
std::vector<TaskResult> keep_second_fits(std::vector<TaskResult> results, const detail::PassGraph& g) {
  const std::size_t first_fits = g.first_fits;
  for (std::size_t i = first_fits; i < results.size(); ++i) {
    if (!g.is_refit(i)) continue;
    TaskResult& kept = results[g.first_of(i)];
    TaskResult& second = results[i];
    if (!fitted(kept)) continue;
    if (fitted(second)) {
      kept = std::move(second);
    } else if (!second.rows.empty() || second.status != PeakStatus::kOk) {
      const std::string why = second.rows.empty() ? second.message : second.rows.front().message;
      for (PeakResult& row : kept.rows)
        detail::add_note(row, "second fit not used (" + why + "): first fit");
    }
  }
  results.resize(std::min(results.size(), first_fits));
  return results;
}

// Every first fit: what the join of a joined graph hands to all second fits.
std::vector<const TaskResult*> first_fits_of(const detail::PassGraph& g,
                                             const std::vector<TaskResult>& done) {
  std::vector<const TaskResult*> all;
  for (std::size_t c = 0; c < g.first_fits; ++c) all.push_back(&done[c]);
  return all;
}

// One cluster's second fit, from the first fits it waits for (or, joined, from all of them).
TaskResult refit(const Spectrum2D& spectrum, const FitPlan& fit_plan, const detail::PassGraph& g,
                 std::size_t i, const std::vector<TaskResult>& done, const FitOptions& options,
                 const detail::FirstPass* joined, const StopFlag& stop) {
  const TaskResult& own = done[g.first_of(i)];
  if (!fitted(own)) {  // nothing to refine; keep_second_fits keeps the first result as it is
    TaskResult unchanged;
    unchanged.task_id = own.task_id;
    return unchanged;
  }
  if (g.joined) {
    // The join runs before every second fit, on a thread whose memory they share.
    if (!joined) throw std::logic_error("second fit of a joined graph ran before its join");
    return detail::refit_task(spectrum, fit_plan, g.tasks[i], options, *joined, &stop);
  }
  std::vector<const TaskResult*> around;
  for (int d : g.graph.after[i]) around.push_back(&done[d]);
  const detail::FirstPass first(spectrum, around, options.shape);
  return detail::refit_task(spectrum, fit_plan, g.tasks[i], options, first, &stop);
}

// Progress over both passes: peaks count once, when their first fit is done.
ProgressCallback count_peaks_once(const ProgressCallback& progress, int peaks_total) {
  if (!progress) return nullptr;
  return [=](const Progress& p) {
    Progress whole = p;
    whole.peaks_done = std::min(p.peaks_done, peaks_total);
    return progress(whole);
  };
}

}  // namespace

FitResults fit_spectrum(const Spectrum2D& spectrum,
                        const PeakList& peaks,
                        const FitOptions& options,
                        Executor& executor,
                        const ProgressCallback& progress) {
  const FitPlan fit_plan = plan(spectrum, peaks, options);
  const detail::PassGraph g = detail::pass_graph(spectrum, fit_plan, options);
  int peaks_total = 0;
  for (const FitTask& task : fit_plan.tasks) peaks_total += static_cast<int>(task.peaks.size());
  std::optional<detail::FirstPass> joined;  // built by the join task, when there is one
  std::vector<TaskResult> results = executor.run_graph(
      g.tasks, g.graph,
      [&](std::size_t i, const std::vector<TaskResult>& done, const StopFlag& stop) {
        if (g.is_join(i)) {
          joined.emplace(spectrum, first_fits_of(g, done), options.shape);
          return TaskResult{};
        }
        if (g.is_refit(i))
          return refit(spectrum, fit_plan, g, i, done, options, joined ? &*joined : nullptr, stop);
        return fit_task(spectrum, fit_plan, g.tasks[i], options, &stop);
      },
      count_peaks_once(progress, peaks_total));
  FitResults out;
  out.trace = detail::task_trace(g, results, executor.last_run_timings());
  results = keep_second_fits(std::move(results), g);
  gather(spectrum, fit_plan, results, out);
  out.summary = summarise(out.rows, fit_plan, executor);
  return out;
}

}  // namespace voigt
