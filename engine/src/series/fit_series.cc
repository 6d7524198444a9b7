// fit_series(): shared shapes from a reference plane, per-plane heights with the shapes fixed,
// and a decay rate per peak.
//
// First the robust noise of every plane (and of the sum), one executor task per plane.
// Pass 1 is fit_spectrum on the reference (the sum of planes, or one plane): the same clusters,
// missed-peak detection and rows as `voigtfit fit` on that plane. Pass 2 runs one task per
// cluster again, on the same executor: with every fitted shape in the cluster's region held
// fixed (its own peaks, the peaks it added, listed neighbours, peaks other clusters added whose
// centres lie in the region, and peaks outside whose tails reach in), the heights of each plane
// are a linear least-squares problem (series/heights.h), and the heights' covariance
// across planes adds the shared shapes' uncertainty (series/covariance.h); the task is
// series/heights_task.h, its rows series/task_rows.h. Only TaskResult crosses the executor, so
// the fork pool transports it unchanged. Rates are fitted last,
// per peak, on this thread.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "pipeline/pass_progress.h"
#include "pipeline/region_data.h"
#include "series/heights_task.h"
#include "series/task_rows.h"
#include "voigt/decay_fit.h"
#include "voigt/input_checks.h"
#include "voigt/series.h"

namespace voigt {
namespace {

using detail::has_shape;
using detail::TaskRows;

PlaneValue plane_value(const PeakResult& row) {
  PlaneValue v;
  v.height = row.height;
  v.height_err = row.height_err;
  v.volume = row.volume;
  v.volume_err = row.volume_err;
  v.chi2_red = row.chi2_red;
  v.status = row.status;
  v.message = row.message;
  return v;
}

// Robust noise sd of each plane, one executor task per plane, returned in TaskResult::values.
std::vector<double> estimate_noise_in_parallel(const std::vector<Spectrum2D>& planes,
                                               Executor& executor) {
  std::vector<FitTask> tasks(planes.size());
  for (std::size_t k = 0; k < planes.size(); ++k) tasks[k].id = static_cast<int>(k);
  const std::vector<TaskResult> results =
      executor.run(tasks,
                   [&](const FitTask& task, const StopFlag&) {
                     TaskResult result;
                     result.task_id = task.id;
                     result.values.push_back(estimate_plane_noise(planes[task.id]));
                     return result;
                   },
                   {});
  std::vector<double> noise(planes.size(), NAN);
  for (const TaskResult& r : results)
    if (r.values.size() == 1) noise[r.task_id] = r.values.front();
  for (std::size_t k = 0; k < planes.size(); ++k)  // a task that did not run: estimate here
    if (std::isnan(noise[k])) noise[k] = estimate_plane_noise(planes[k]);
  return noise;
}

// The reference plane: plane `reference_plane`, or the sum of planes (accumulated in double, one
// float plane of memory, held in `sum`).
Spectrum2D reference_plane(const SpectrumSeries& series,
                           int reference_plane,
                           std::vector<float>& sum) {
  const int planes = series.num_planes;
  Spectrum2D reference = series.plane(std::max(0, reference_plane));
  if (reference_plane == kSumOfPlanes && planes > 1) {
    std::vector<double> accumulator(series.plane_size(), 0.0);
    for (int k = 0; k < planes; ++k) {
      const float* plane = series.plane(k).data;
      for (std::size_t i = 0; i < accumulator.size(); ++i) accumulator[i] += plane[i];
    }
    sum.assign(accumulator.begin(), accumulator.end());
    reference.data = sum.data();
  }
  return reference;
}

// Noise of every plane (into `plane_noise`) and of the reference (returned), estimated in
// parallel (a robust estimate costs ~0.2 s on a 4096 x 1024 plane, as much as the rest of a
// series' overhead), or from the given per-plane `noise`.
double estimate_noise(const SpectrumSeries& series,
                      const Spectrum2D& reference,
                      const std::vector<float>& sum,
                      int reference_plane,
                      double noise,
                      Executor& executor,
                      std::vector<double>& plane_noise) {
  const int planes = series.num_planes;
  double reference_noise;
  if (std::isnan(noise)) {
    std::vector<Spectrum2D> noise_planes;
    for (int k = 0; k < planes; ++k) noise_planes.push_back(series.plane(k));
    if (reference.data == sum.data()) noise_planes.push_back(reference);
    plane_noise = estimate_noise_in_parallel(noise_planes, executor);
    reference_noise = plane_noise[std::max(0, reference_plane)];
    if (reference.data == sum.data()) {
      reference_noise = plane_noise.back();
      plane_noise.pop_back();
    }
  } else {
    // A given noise is per plane; the sum of independent planes has sqrt(planes) x as much.
    plane_noise.assign(planes, noise);
    reference_noise = noise;
    if (reference.data == sum.data())
      reference_noise = noise * std::sqrt(static_cast<double>(planes));
  }
  for (double& n : plane_noise)
    if (!(n > 0)) n = 1e-300;  // a noiseless (simulated) plane: errors are then ~0, not NaN
  return reference_noise;
}

// Pass 2's results into the plane values and height covariances of the rows each task reports.
void store_plane_heights(const std::vector<TaskResult>& results,
                         const std::vector<TaskRows>& task_rows,
                         int planes,
                         SeriesResults& out) {
  for (const TaskResult& result : results) {
    const TaskRows& t = task_rows[result.task_id];
    if (result.rows.empty()) {  // the executor's verdict: timeout, crashed, cancelled
      for (int r : t.reported)
        for (PlaneValue& v : out.planes[r]) v.status = result.status, v.message = result.message;
      continue;
    }
    if (result.rows.size() != t.reported.size() * planes)
      throw std::logic_error("series task " + std::to_string(result.task_id) +
                             " returned the wrong number of rows");
    const bool has_covariances = result.values.size() == result.rows.size() * planes;
    std::size_t i = 0;
    for (int r : t.reported) {
      std::vector<double>& c = out.height_covariance[r];
      for (int k = 0; k < planes; ++k, ++i) {
        out.planes[r][k] = plane_value(result.rows[i]);
        const auto covariance_row = result.values.begin() + static_cast<std::ptrdiff_t>(i) * planes;
        if (has_covariances && std::none_of(covariance_row, covariance_row + planes, [](double v) {
              return std::isnan(v);
            }))
          c.insert(c.end(), covariance_row, covariance_row + planes);
      }
      if (c.size() != static_cast<std::size_t>(planes) * planes) c.clear();
    }
  }
}

// Rates, per peak: with the heights' full covariance when every plane has it, else with their
// standard errors.
void fit_rates(const std::vector<double>& delays,
               const SeriesOptions& series_options,
               SeriesResults& out) {
  const int num_rows = static_cast<int>(out.shapes.size());
  const int planes = static_cast<int>(out.plane_noise.size());
  out.rates.resize(num_rows);
  for (int r = 0; r < num_rows; ++r) {
    DecayFit& fit = out.rates[r];
    if (!has_shape(out.shapes[r])) {
      fit.status = out.shapes[r].status;
      fit.message = out.shapes[r].message;
      continue;
    }
    std::vector<double> h(planes);
    for (int k = 0; k < planes; ++k) {
      const PlaneValue& v = out.planes[r][k];
      h[k] = v.status == PeakStatus::kOk ? v.height : NAN;
    }
    if (out.height_covariance[r].empty()) {
      std::vector<double> e(planes);
      for (int k = 0; k < planes; ++k) e[k] = out.planes[r][k].height_err;
      fit = fit_decay(delays, h, e, series_options, static_cast<std::uint64_t>(r));
    } else {
      fit = fit_decay_correlated(
          delays, h, out.height_covariance[r], series_options, static_cast<std::uint64_t>(r));
    }
  }
}

// The summary's counts of (peak, plane) values and rates, over the peaks inside the spectrum.
void count_plane_values(SeriesResults& out) {
  const int num_rows = static_cast<int>(out.shapes.size());
  SeriesSummary& s = out.summary;
  for (int r = 0; r < num_rows; ++r) {
    if (out.shapes[r].status == PeakStatus::kOutside) continue;
    for (const PlaneValue& v : out.planes[r])
      (v.status == PeakStatus::kOk ? s.plane_values_ok : s.plane_values_failed)++;
    (out.rates[r].status == PeakStatus::kOk ? s.rates_ok : s.rates_failed)++;
  }
  s.message = s.all_fitted() ? "every peak inside the spectrum has its plane heights"
                             : "some plane heights were not solved: their rows say why";
}

// Throws std::invalid_argument naming the field when an option, the series or the delays are
// unusable.
void check_series_inputs(const SpectrumSeries& series,
                         const std::vector<double>& delays,
                         const FitOptions& fit_options,
                         const SeriesOptions& series_options) {
  if (const std::string e = series_options.validate(); !e.empty()) throw std::invalid_argument(e);
  if (const std::string e = fit_options.validate(); !e.empty()) throw std::invalid_argument(e);
  if (series.num_planes < 1 || !series.data)
    throw std::invalid_argument("the series has no planes");
  check_reference_plane(series, series_options.reference_plane, "SeriesOptions::reference_plane =");
  if (!delays.empty()) check_delay_count(delays, series, "delays");
}

// Every row's plane values start with its shape's status and message: what a row keeps when
// pass 2 does not run or does not reach it.
void start_plane_values(int planes, SeriesResults& out) {
  const int num_rows = static_cast<int>(out.shapes.size());
  out.planes.assign(num_rows, std::vector<PlaneValue>(planes));
  out.height_covariance.assign(num_rows, {});
  for (int r = 0; r < num_rows; ++r)
    for (PlaneValue& v : out.planes[r]) {
      v.status = out.shapes[r].status;
      v.message = out.shapes[r].message;
    }
}

// Pass 2: the plane heights of every cluster of `reference_plan`, one executor task each, into
// `out`. `progress` is this pass's share of the run's.
void solve_plane_heights(const SpectrumSeries& series,
                         const FitPlan& reference_plan,
                         const Spectrum2D& reference,
                         const FitOptions& fit_options,
                         const SeriesOptions& series_options,
                         Executor& executor,
                         const ProgressCallback& progress,
                         SeriesResults& out) {
  const std::vector<TaskRows> task_rows = detail::rows_per_task(
      reference_plan, out.shapes, reference, fit_options.shape, reference_plan.noise);
  const std::vector<PeakResult>& rows = out.shapes;
  const std::vector<double>& noise = out.plane_noise;
  const std::vector<TaskResult> results = executor.run(
      reference_plan.tasks,
      [&](const FitTask& task, const StopFlag& stop) {
        return detail::series_task(series,
                                   task,
                                   rows,
                                   task_rows[task.id],
                                   fit_options,
                                   series_options.joint_fit,
                                   noise,
                                   reference_plan.noise,
                                   stop);
      },
      progress);
  store_plane_heights(results, task_rows, series.num_planes, out);
}

}  // namespace

SeriesResults fit_series(const SpectrumSeries& series,
                         const PeakList& peaks,
                         const std::vector<double>& delays,
                         const FitOptions& fit_options,
                         const SeriesOptions& series_options,
                         Executor& executor,
                         const ProgressCallback& progress) {
  check_series_inputs(series, delays, fit_options, series_options);
  const int planes = series.num_planes;

  SeriesResults out;
  out.delays = delays;
  std::vector<float> sum;
  const Spectrum2D reference = reference_plane(series, series_options.reference_plane, sum);
  FitOptions reference_options = fit_options;
  reference_options.plane = 0;
  reference_options.noise = estimate_noise(series,
                                           reference,
                                           sum,
                                           series_options.reference_plane,
                                           fit_options.noise,
                                           executor,
                                           out.plane_noise);

  // Pass 1: shapes. The plan is made here too, with the same noise, so that pass 2 sees the
  // clusters fit_spectrum fits.
  const FitPlan reference_plan = plan(reference, peaks, reference_options);
  reference_options.noise = reference_plan.noise;
  // Progress: fit_spectrum's passes (one or two per cluster), then one for the plane heights.
  const int num_tasks = static_cast<int>(reference_plan.tasks.size());
  const int shape_tasks = (reference_options.second_pass ? 2 : 1) * num_tasks;
  int peaks_total = 0;
  for (const FitTask& task : reference_plan.tasks)
    peaks_total += static_cast<int>(task.peaks.size());
  FitResults shapes = fit_spectrum(reference,
                                   peaks,
                                   reference_options,
                                   executor,
                                   detail::pass_progress(progress, 0, shape_tasks + num_tasks, 0));
  out.shapes = std::move(shapes.rows);
  out.summary.shapes = shapes.summary;
  out.summary.num_planes = planes;
  out.summary.reference_plane =
      planes > 1 ? series_options.reference_plane : std::max(0, series_options.reference_plane);

  // Pass 2: plane heights, cluster by cluster (skipped when pass 1 was cancelled).
  start_plane_values(planes, out);
  if (shapes.summary.cancelled == 0)
    solve_plane_heights(
        series,
        reference_plan,
        reference,
        fit_options,
        series_options,
        executor,
        detail::pass_progress(progress, shape_tasks, shape_tasks + num_tasks, peaks_total),
        out);

  fit_rates(delays, series_options, out);

  count_plane_values(out);
  return out;
}

}  // namespace voigt
