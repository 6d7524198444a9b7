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
// across planes adds the shared shapes' uncertainty (series/covariance.h). Its
// TaskResult carries one PeakResult per (reported peak, plane), peak-major, with `iterations`
// holding the plane index, and TaskResult::values holds, per plane row in the same order, that
// plane's row of the peak's height covariance (`planes` numbers, NaN when not computed). Only
// TaskResult crosses the executor, so the fork pool transports it unchanged. Rates are fitted last, per peak, on this thread.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "pipeline/pass_progress.h"
#include "pipeline/region_data.h"
#include "series/covariance.h"
#include "series/heights.h"
#include "series/joint_fit.h"
#include "voigt/decay_fit.h"
#include "voigt/input_checks.h"
#include "voigt/series.h"

namespace voigt {
namespace {

using detail::BaselineModel;
using detail::FixedShape;
using detail::FixedShapeDesign;

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
  // Other peaks whose tails at a reported peak's centre exceed kTailErrorFraction x that peak's
  // height error: their heights are fitted along, their shapes taken as known.
  std::vector<int> tails;
};

// Tails of peaks outside a cluster matter because they decay at their own peak's rate: in the
// sum of planes they are absorbed in the shapes, in each plane they leak into the cluster's
// heights and bias its rates (Lorentzian tails of strong peaks reach hundreds of points along 1H).
// A tail of value T at a reported peak's centre biases that peak's height in the reference by
// about T, against a height error sigma_ref / |a| (|a|^2 = sum of the peak's squared profile over
// the region). Per plane both shrink, the bias by ~1/planes and the error by ~1/sqrt(planes), so
// T < 0.1 sigma_ref / |a| keeps each left-out tail's bias below ~0.1 / sqrt(planes) of a plane's
// height error. With 1/|a| in the threshold, finer digitisation (more points per peak, smaller
// errors) includes more tails, as it must. Measured on simulated 10-plane series (fraction of
// rates within 2 sd of the truth): 200 peaks on 1024 x 256 points, 93 % with no tails, 95 % with
// this rule; 600 peaks on 4096 x 1024, 73 % with this rule and 76 % with 0.01 at 1.5 x the cost
// of pass 2 (there the reference fit's own shapes, biased by the crowd, limit the rates).
constexpr double kTailErrorFraction = 0.1;

std::vector<TaskRows> rows_per_task(const FitPlan& plan, const std::vector<PeakResult>& rows,
                                    const Spectrum2D& grid, Shape shape, double reference_noise) {
  const int listed = static_cast<int>(plan.peaks.size());
  // Each fitted row's profiles on the grid, built once.
  struct GridPeak {
    int row;
    double x_pt, y_pt, height;
    detail::NormalisedProfile vx, vy;
  };
  std::vector<GridPeak> fitted;
  const FitTask whole{};  // region-local = grid coordinates
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    if (!has_shape(rows[r])) continue;
    const FixedShape f = shape_of(rows[r], grid.x, grid.y, whole);
    fitted.push_back({r,
                      f.x_pt,
                      f.y_pt,
                      std::abs(rows[r].height),
                      detail::NormalisedProfile(shape, f.x),
                      detail::NormalisedProfile(shape, f.y)});
  }
  std::vector<TaskRows> out(plan.tasks.size());
  std::vector<char> in_task(rows.size(), 0);
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
    for (int r : t.reported) in_task[r] = 1;
    for (int r : t.extra) in_task[r] = 1;
    // A tail matters where it biases a reported peak's height: at that peak's centre, against
    // that peak's height error. The region point nearest the other peak bounds its value
    // anywhere in the region (profiles fall from their centres): a cheap first test along y.
    struct Centre {
      double x, y, threshold;
    };
    std::vector<Centre> centres;
    double lowest = INFINITY;
    for (int r : t.reported) {
      if (!has_shape(rows[r])) continue;
      const FixedShape f = shape_of(rows[r], grid.x, grid.y, task);
      const detail::NormalisedProfile vx(shape, f.x), vy(shape, f.y);
      double sum_x = 0, sum_y = 0;
      for (int i = 0; i < task.x_end_pt - task.x_begin_pt; ++i)
        sum_x += std::pow(vx(i - f.x_pt).value, 2);
      for (int j = 0; j < task.y_end_pt - task.y_begin_pt; ++j)
        sum_y += std::pow(vy(j - f.y_pt).value, 2);
      const double threshold = kTailErrorFraction * reference_noise / std::sqrt(sum_x * sum_y);
      centres.push_back({f.x_pt + task.x_begin_pt, f.y_pt + task.y_begin_pt, threshold});
      lowest = std::min(lowest, threshold);
    }
    for (const GridPeak& g : fitted) {
      if (in_task[g.row]) continue;
      const double nearest_y =
          std::clamp(g.y_pt, double(task.y_begin_pt), double(task.y_end_pt - 1));
      if (!(g.height * g.vy(nearest_y - g.y_pt).value > lowest)) continue;
      for (const Centre& c : centres) {
        if (g.height * g.vy(c.y - g.y_pt).value * g.vx(c.x - g.x_pt).value > c.threshold) {
          t.tails.push_back(g.row);
          break;
        }
      }
    }
    for (int r : t.reported) in_task[r] = 0;
    for (int r : t.extra) in_task[r] = 0;
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
                       const FitOptions& options, bool joint, const std::vector<double>& noise,
                       double reference_noise, const StopFlag& stop) {
  TaskResult result;
  result.task_id = task.id;
  if (stop.raised()) {
    result.status = PeakStatus::kCancelled;
    result.message = "stopped before the plane heights were solved";
    return result;
  }
  const int planes = series.num_planes;
  try {
    // Candidate columns: rows with a shape, reported ones first; then those a linear fit can
    // tell apart (a degenerate reference fit can collapse a width or put two peaks on one).
    std::vector<int> candidates;
    for (int r : task_rows.reported)
      if (has_shape(rows[r])) candidates.push_back(r);
    for (int r : task_rows.extra)
      if (has_shape(rows[r])) candidates.push_back(r);
    const std::size_t first_tail = candidates.size();
    for (int r : task_rows.tails) candidates.push_back(r);
    const int nx = task.x_end_pt - task.x_begin_pt, ny = task.y_end_pt - task.y_begin_pt;
    const BaselineModel baseline = detail::model_baseline(options.baseline);
    std::vector<FixedShape> candidate_shapes;
    for (int r : candidates)
      candidate_shapes.push_back(shape_of(rows[r], series.x, series.y, task));
    std::vector<int> column_of_row(rows.size(), -1);
    std::vector<int> columns;
    std::vector<FixedShape> shapes;
    std::vector<double> reference_heights;
    std::vector<bool> shape_free;  // tails' shapes come from their own clusters' fits
    for (int i : detail::separable_peaks(options.shape, candidate_shapes, baseline, nx, ny)) {
      column_of_row[candidates[i]] = static_cast<int>(columns.size());
      columns.push_back(candidates[i]);
      shapes.push_back(candidate_shapes[i]);
      reference_heights.push_back(rows[candidates[i]].height);
      shape_free.push_back(static_cast<std::size_t>(i) < first_tail);
    }
    std::vector<detail::PlaneSolution> solutions;
    std::vector<Eigen::MatrixXd> covariances;
    std::vector<double> area_x, area_y;
    bool shape_term_ok = true;
    // Reported peaks come first among the columns, so covariances are needed for the first ones.
    int reported_columns = 0;
    for (int r : task_rows.reported) reported_columns += column_of_row[r] >= 0;
    std::string note;
    if (reported_columns > 0) {
      std::vector<Eigen::MatrixXd> plane_values;
      for (int k = 0; k < planes; ++k)
        plane_values.push_back(detail::extract_region(series.plane(k), task, options).values);
      if (joint) {  // shapes refined on all planes at once; its covariance includes theirs
        const FixedShapeDesign reference_design(options.shape, shapes, baseline, nx, ny);
        Eigen::MatrixXd start(shapes.size(), planes);
        for (int k = 0; k < planes; ++k)
          start.col(k) = reference_design.solve(plane_values[k], noise[k]).heights;
        detail::JointFit fit =
            detail::fit_planes_jointly(options.shape, baseline, shapes, shape_free, start,
                                       plane_values, noise, reported_columns, &stop);
        shapes = std::move(fit.shapes);
        covariances = std::move(fit.height_covariances);
        note = fit.note;
      }
      const FixedShapeDesign design(options.shape, shapes, baseline, nx, ny);
      for (int m = 0; m < reported_columns; ++m) {
        area_x.push_back(design.area_x(m));
        area_y.push_back(design.area_y(m));
      }
      for (int k = 0; k < planes; ++k) solutions.push_back(design.solve(plane_values[k], noise[k]));
      if (!joint)
        covariances = detail::height_covariances(options.shape, baseline, shapes, shape_free,
                                                 reference_heights, reference_noise, solutions,
                                                 nx, ny, reported_columns, &shape_term_ok);
    }
    for (int r : task_rows.reported) {
      const int m = column_of_row[r];
      for (int k = 0; k < planes; ++k) {
        result.slices.emplace_back();
        result.values.insert(result.values.end(), planes, NAN);  // overwritten when computed
        if (!has_shape(rows[r])) {
          result.rows.push_back(plane_row(rows[r], k, rows[r].status, rows[r].message));
          continue;
        }
        if (m < 0) {
          result.rows.push_back(plane_row(
              rows[r], k, PeakStatus::kFailed,
              "the fitted shape cannot be told apart from the other peaks' (no weight on the "
              "grid, or on top of another peak)"));
          continue;
        }
        PeakResult row = plane_row(rows[r], k, PeakStatus::kOk,
                                   shape_term_ok ? note : "shape uncertainty not propagated");
        const detail::PlaneSolution& s = solutions[k];
        const Eigen::MatrixXd& c = covariances[m];
        row.height = s.heights[m];
        row.height_err = c(k, k) >= 0 ? std::sqrt(c(k, k)) : NAN;
        row.volume = row.height * area_x[m] * area_y[m];
        row.volume_err = row.height_err * area_x[m] * area_y[m];
        row.chi2_red = s.chi2_red;
        row.snr = std::abs(row.height) / noise[k];
        result.rows.push_back(std::move(row));
        for (int l = 0; l < planes; ++l) result.values[result.values.size() - planes + l] = c(k, l);
      }
    }
  } catch (const std::exception& e) {
    // No exception crosses the task boundary: the cluster's plane rows say what happened.
    result.rows.clear();
    result.slices.clear();
    result.values.clear();
    for (int r : task_rows.reported)
      for (int k = 0; k < planes; ++k)
        result.rows.push_back(plane_row(rows[r], k,
                                        has_shape(rows[r]) ? PeakStatus::kFailed : rows[r].status,
                                        has_shape(rows[r])
                                            ? std::string("plane heights failed: ") + e.what()
                                            : rows[r].message));
    result.slices.resize(result.rows.size());
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

// Robust noise sd of each plane, one executor task per plane, returned in TaskResult::values.
std::vector<double> estimate_noise_in_parallel(const std::vector<Spectrum2D>& planes,
                                               Executor& executor) {
  std::vector<FitTask> tasks(planes.size());
  for (std::size_t k = 0; k < planes.size(); ++k) tasks[k].id = static_cast<int>(k);
  const std::vector<TaskResult> results = executor.run(
      tasks,
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
  check_reference_plane(series, series_options.reference_plane, "SeriesOptions::reference_plane =");
  if (!delays.empty()) check_delay_count(delays, series, "delays");

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
  // Noise of every plane and of the reference, estimated in parallel (a robust estimate costs
  // ~0.2 s on a 4096 x 1024 plane, as much as the rest of a series' overhead).
  FitOptions reference_options = fit_options;
  reference_options.plane = 0;
  if (std::isnan(fit_options.noise)) {
    std::vector<Spectrum2D> noise_planes;
    for (int k = 0; k < planes; ++k) noise_planes.push_back(series.plane(k));
    if (reference.data == sum.data()) noise_planes.push_back(reference);
    out.plane_noise = estimate_noise_in_parallel(noise_planes, executor);
    reference_options.noise = out.plane_noise[std::max(0, series_options.reference_plane)];
    if (reference.data == sum.data()) {
      reference_options.noise = out.plane_noise.back();
      out.plane_noise.pop_back();
    }
  } else {
    // A given noise is per plane; the sum of independent planes has sqrt(planes) x as much.
    out.plane_noise.assign(planes, fit_options.noise);
    if (reference.data == sum.data())
      reference_options.noise = fit_options.noise * std::sqrt(static_cast<double>(planes));
  }
  for (double& n : out.plane_noise)
    if (!(n > 0)) n = 1e-300;  // a noiseless (simulated) plane: errors are then ~0, not NaN

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
  FitResults shapes = fit_spectrum(reference, peaks, reference_options, executor,
                                   detail::pass_progress(progress, 0, shape_tasks + num_tasks, 0));
  out.shapes = std::move(shapes.rows);
  out.summary.shapes = shapes.summary;
  out.summary.num_planes = planes;
  out.summary.reference_plane =
      planes > 1 ? series_options.reference_plane : std::max(0, series_options.reference_plane);

  // Pass 2: plane heights, cluster by cluster (skipped when pass 1 was cancelled).
  const int num_rows = static_cast<int>(out.shapes.size());
  out.planes.assign(num_rows, std::vector<PlaneValue>(planes));
  out.height_covariance.assign(num_rows, {});
  for (int r = 0; r < num_rows; ++r)
    for (PlaneValue& v : out.planes[r]) {
      v.status = out.shapes[r].status;
      v.message = out.shapes[r].message;
    }
  if (shapes.summary.cancelled == 0) {
    const std::vector<TaskRows> task_rows = rows_per_task(
        reference_plan, out.shapes, reference, fit_options.shape, reference_plan.noise);
    const std::vector<PeakResult>& rows = out.shapes;
    const std::vector<double>& noise = out.plane_noise;
    const std::vector<TaskResult> results = executor.run(
        reference_plan.tasks,
        [&](const FitTask& task, const StopFlag& stop) {
          return series_task(series, task, rows, task_rows[task.id], fit_options,
                             series_options.joint_fit, noise, reference_plan.noise, stop);
        },
        detail::pass_progress(progress, shape_tasks, shape_tasks + num_tasks, peaks_total));
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
          if (has_covariances && std::none_of(covariance_row, covariance_row + planes, [](double v) { return std::isnan(v); }))
            c.insert(c.end(), covariance_row, covariance_row + planes);
        }
        if (c.size() != static_cast<std::size_t>(planes) * planes) c.clear();
      }
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
      fit = fit_decay_correlated(delays, h, out.height_covariance[r], series_options,
                                 static_cast<std::uint64_t>(r));
    }
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
