// fit_series(): shared shapes from a reference plane, per-plane heights with the shapes fixed,
// and a decay rate per peak.
//
// Pass 1 is fit_spectrum on the reference (the sum of planes, or one plane): the same clusters,
// missed-peak detection and rows as `voigtfit fit` on that plane. Pass 2 runs one task per
// cluster again, on the same executor: with every fitted shape in the cluster's region held
// fixed (its own peaks, the peaks it added, listed neighbours and peaks other clusters added whose
// centres lie in the region), the heights of each plane are a linear least-squares problem
// (pipeline/series_heights.h). Its TaskResult carries one PeakResult per (reported peak, plane),
// peak-major, with `iterations` holding the plane index; only TaskResult crosses the executor,
// so the fork pool transports it unchanged. Rates are fitted last, per peak, on this thread.
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "pipeline/region_data.h"
#include "pipeline/series_heights.h"
#include "voigt/series.h"

namespace voigt {
namespace {

using detail::BaselineModel;
using detail::FixedShape;
using detail::FixedShapeDesign;

BaselineModel model_baseline(BaselineMethod method) {
  switch (method) {
    case BaselineMethod::kNone:
    case BaselineMethod::kArpls: return BaselineModel::kNone;  // subtracted by extract_region
    case BaselineMethod::kPlane: return BaselineModel::kPlane;
    case BaselineMethod::kConstant: return BaselineModel::kConstant;
  }
  return BaselineModel::kConstant;
}

bool has_shape(const PeakResult& row) {
  return row.status == PeakStatus::kOk || row.status == PeakStatus::kAdded;
}

double zero_if_nan(double v) { return std::isnan(v) ? 0 : v; }

// A fitted row's shape in the region-local points of `task`.
FixedShape shape_of(const PeakResult& row, const Axis& x, const Axis& y, const FitTask& task) {
  FixedShape s;
  s.x_pt = x.pt_at(row.x_ppm) - task.x_begin_pt;
  s.y_pt = y.pt_at(row.y_ppm) - task.y_begin_pt;
  s.x = {zero_if_nan(row.sigma_x_hz) / x.hz_per_pt(), zero_if_nan(row.gamma_x_hz) / x.hz_per_pt(),
         zero_if_nan(row.eta_x)};
  s.y = {zero_if_nan(row.sigma_y_hz) / y.hz_per_pt(), zero_if_nan(row.gamma_y_hz) / y.hz_per_pt(),
         zero_if_nan(row.eta_y)};
  return s;
}

// Which rows a pass-2 task reports, and which other fitted shapes it must include.
struct TaskRows {
  std::vector<int> reported;  // its listed peaks, then the peaks its reference fit added
  std::vector<int> extra;     // shapes of other clusters whose centres lie in the region
};

std::vector<TaskRows> rows_per_task(const FitPlan& plan, const std::vector<PeakResult>& rows,
                                    const Spectrum2D& grid) {
  const int listed = static_cast<int>(plan.peaks.size());
  std::vector<TaskRows> out(plan.tasks.size());
  for (const FitTask& task : plan.tasks) {
    TaskRows& t = out[task.id];
    t.reported = task.peaks;
    for (int r = listed; r < static_cast<int>(rows.size()); ++r)
      if (rows[r].cluster == task.id) t.reported.push_back(r);
    t.extra = task.neighbours;
    for (int r = listed; r < static_cast<int>(rows.size()); ++r) {
      if (rows[r].cluster == task.id || !has_shape(rows[r])) continue;
      const double x = grid.x.pt_at(rows[r].x_ppm), y = grid.y.pt_at(rows[r].y_ppm);
      if (x >= task.x_begin_pt && x <= task.x_end_pt - 1 && y >= task.y_begin_pt &&
          y <= task.y_end_pt - 1)
        t.extra.push_back(r);
    }
  }
  return out;
}

PeakResult plane_row(const PeakResult& shape_row, int plane, PeakStatus status,
                     const std::string& message) {
  PeakResult row = shape_row;
  row.height = row.height_err = row.volume = row.volume_err = row.chi2_red = row.snr = NAN;
  row.iterations = plane;
  row.status = status;
  row.message = message;
  return row;
}

// Pass 2 for one cluster. Pure: reads the series and the pass-1 rows; never throws.
TaskResult series_task(const SpectrumSeries& series, const FitTask& task,
                       const std::vector<PeakResult>& rows, const TaskRows& task_rows,
                       const FitOptions& options, const std::vector<double>& noise,
                       const StopFlag& stop) {
  TaskResult result;
  result.task_id = task.id;
  if (stop.load(std::memory_order_relaxed)) {
    result.status = PeakStatus::kCancelled;
    result.message = "stopped before the plane heights were solved";
    return result;
  }
  const int planes = series.num_planes;
  try {
    std::vector<int> columns;  // rows with a shape: reported ones first
    for (int r : task_rows.reported)
      if (has_shape(rows[r])) columns.push_back(r);
    const int reported_columns = static_cast<int>(columns.size());
    for (int r : task_rows.extra)
      if (has_shape(rows[r])) columns.push_back(r);
    std::vector<detail::PlaneSolution> solutions;
    std::vector<double> area_x, area_y;
    if (reported_columns > 0) {
      std::vector<FixedShape> shapes;
      for (int r : columns) shapes.push_back(shape_of(rows[r], series.x, series.y, task));
      const FixedShapeDesign design(options.shape, shapes, model_baseline(options.baseline),
                                    task.x_end_pt - task.x_begin_pt,
                                    task.y_end_pt - task.y_begin_pt);
      for (int m = 0; m < reported_columns; ++m) {
        area_x.push_back(design.area_x(m));
        area_y.push_back(design.area_y(m));
      }
      for (int k = 0; k < planes; ++k) {
        const detail::RegionData region = detail::extract_region(series.plane(k), task, options);
        solutions.push_back(design.solve(region.values, noise[k]));
      }
    }
    int m = 0;
    for (int r : task_rows.reported) {
      const bool solved = has_shape(rows[r]);
      for (int k = 0; k < planes; ++k) {
        if (!solved) {
          result.rows.push_back(plane_row(rows[r], k, rows[r].status, rows[r].message));
          continue;
        }
        PeakResult row = plane_row(rows[r], k, PeakStatus::kOk, "");
        const detail::PlaneSolution& s = solutions[k];
        row.height = s.heights[m];
        row.height_err = s.errors[m];
        row.volume = row.height * area_x[m] * area_y[m];
        row.volume_err = row.height_err * area_x[m] * area_y[m];
        row.chi2_red = s.chi2_red;
        row.snr = std::abs(row.height) / noise[k];
        result.rows.push_back(std::move(row));
      }
      m += solved;
    }
  } catch (const std::exception& e) {
    // No exception crosses the task boundary: the cluster's plane rows say what happened.
    result.rows.clear();
    for (int r : task_rows.reported)
      for (int k = 0; k < planes; ++k)
        result.rows.push_back(plane_row(rows[r], k,
                                        has_shape(rows[r]) ? PeakStatus::kFailed : rows[r].status,
                                        has_shape(rows[r])
                                            ? std::string("plane heights failed: ") + e.what()
                                            : rows[r].message));
  }
  return result;
}

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

// Progress of both passes as one run: tasks_total counts each cluster twice.
ProgressCallback pass_progress(const ProgressCallback& progress, int pass, int num_tasks,
                               int num_peaks) {
  if (!progress) return {};
  return [progress, pass, num_tasks, num_peaks](const Progress& p) {
    Progress combined = p;
    combined.tasks_total = 2 * num_tasks;
    combined.tasks_done = pass * num_tasks + p.tasks_done;
    combined.peaks_done = (pass * num_peaks + p.peaks_done) / 2;
    return progress(combined);
  };
}

}  // namespace

SeriesResults fit_series(const SpectrumSeries& series,
                         const PeakList& peaks,
                         const std::vector<double>& delays,
                         const FitOptions& fit_options,
                         const SeriesOptions& series_options,
                         Executor& executor,
                         const ProgressCallback& progress) {
  if (const std::string e = series_options.validate(); !e.empty()) throw std::invalid_argument(e);
  if (const std::string e = fit_options.validate(); !e.empty()) throw std::invalid_argument(e);
  const int planes = series.num_planes;
  if (planes < 1 || !series.data)
    throw std::invalid_argument("the series has no planes");
  if (series_options.reference_plane >= planes)
    throw std::invalid_argument("SeriesOptions::reference_plane = " +
                                std::to_string(series_options.reference_plane) +
                                "; the series has " + std::to_string(planes) + " plane(s)");
  if (!delays.empty() && static_cast<int>(delays.size()) != planes)
    throw std::invalid_argument(std::to_string(delays.size()) + " delays for " +
                                std::to_string(planes) + " planes; need one per plane");
  for (double d : delays)
    if (!std::isfinite(d)) throw std::invalid_argument("a delay is not a finite number");

  SeriesResults out;
  out.delays = delays;
  // The reference plane: the sum of planes (accumulated in double, one float plane of memory).
  std::vector<float> sum;
  Spectrum2D reference = series.plane(std::max(0, series_options.reference_plane));
  if (series_options.reference_plane == kSumOfPlanes && planes > 1) {
    std::vector<double> accumulator(series.plane_size(), 0.0);
    for (int k = 0; k < planes; ++k) {
      const float* plane = series.plane(k).data;
      for (std::size_t i = 0; i < accumulator.size(); ++i) accumulator[i] += plane[i];
    }
    sum.assign(accumulator.begin(), accumulator.end());
    reference.data = sum.data();
  }
  out.plane_noise.resize(planes);
  for (int k = 0; k < planes; ++k)
    out.plane_noise[k] = std::isnan(fit_options.noise) ? estimate_plane_noise(series.plane(k))
                                                       : fit_options.noise;
  for (double& n : out.plane_noise)
    if (!(n > 0)) n = 1e-300;  // a noiseless (simulated) plane: errors are then ~0, not NaN

  // Pass 1: shapes. With a given noise, the sum's noise is sqrt(planes) x larger (independent
  // planes); the plan is made once here so that pass 2 sees the same clusters as fit_spectrum.
  FitOptions reference_options = fit_options;
  reference_options.plane = 0;
  if (!std::isnan(fit_options.noise) && reference.data == sum.data())
    reference_options.noise = fit_options.noise * std::sqrt(static_cast<double>(planes));
  const FitPlan reference_plan = plan(reference, peaks, reference_options);
  reference_options.noise = reference_plan.noise;
  const int num_tasks = static_cast<int>(reference_plan.tasks.size());
  const int num_listed = static_cast<int>(peaks.peaks.size());
  FitResults shapes = fit_spectrum(reference, peaks, reference_options, executor,
                                   pass_progress(progress, 0, num_tasks, num_listed));
  out.shapes = std::move(shapes.rows);
  out.summary.shapes = shapes.summary;
  out.summary.num_planes = planes;
  out.summary.reference_plane =
      planes > 1 ? series_options.reference_plane : std::max(0, series_options.reference_plane);

  // Pass 2: plane heights, cluster by cluster (skipped when pass 1 was cancelled).
  const int num_rows = static_cast<int>(out.shapes.size());
  out.planes.assign(num_rows, std::vector<PlaneValue>(planes));
  for (int r = 0; r < num_rows; ++r)
    for (PlaneValue& v : out.planes[r]) v.status = out.shapes[r].status, v.message = out.shapes[r].message;
  if (shapes.summary.cancelled == 0) {
    const std::vector<TaskRows> task_rows = rows_per_task(reference_plan, out.shapes, reference);
    const std::vector<PeakResult>& rows = out.shapes;
    const std::vector<double>& noise = out.plane_noise;
    const std::vector<TaskResult> results = executor.run(
        reference_plan.tasks,
        [&](const FitTask& task, const StopFlag& stop) {
          return series_task(series, task, rows, task_rows[task.id], fit_options, noise, stop);
        },
        pass_progress(progress, 1, num_tasks, num_listed));
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
      std::size_t i = 0;
      for (int r : t.reported)
        for (int k = 0; k < planes; ++k) out.planes[r][k] = plane_value(result.rows[i++]);
    }
  }

  // Rates, per peak.
  out.rates.resize(num_rows);
  for (int r = 0; r < num_rows; ++r) {
    DecayFit& fit = out.rates[r];
    if (!has_shape(out.shapes[r])) {
      fit.status = out.shapes[r].status;
      fit.message = out.shapes[r].message;
      continue;
    }
    std::vector<double> h(planes), e(planes);
    for (int k = 0; k < planes; ++k) {
      const PlaneValue& v = out.planes[r][k];
      h[k] = v.status == PeakStatus::kOk ? v.height : NAN;
      e[k] = v.status == PeakStatus::kOk ? v.height_err : NAN;
    }
    fit = fit_decay(delays, h, e, series_options, static_cast<std::uint64_t>(r));
  }

  SeriesSummary& s = out.summary;
  for (int r = 0; r < num_rows; ++r) {
    if (out.shapes[r].status == PeakStatus::kOutside) continue;
    for (const PlaneValue& v : out.planes[r])
      (v.status == PeakStatus::kOk ? s.plane_values_ok : s.plane_values_failed)++;
    (out.rates[r].status == PeakStatus::kOk ? s.rates_ok : s.rates_failed)++;
  }
  s.message = s.all_fitted() ? "every peak inside the spectrum has its plane heights"
                             : "some plane heights were not solved: their rows say why";
  return out;
}

}  // namespace voigt
