#include "series/heights_task.h"

#include <cmath>
#include <string>

#include "pipeline/region_data.h"
#include "series/covariance.h"
#include "series/heights.h"
#include "series/joint_fit.h"

namespace voigt::detail {
namespace {

PeakResult plane_row(const PeakResult& shape_row,
                     int plane,
                     PeakStatus status,
                     const std::string& message) {
  PeakResult row = shape_row;
  row.height = row.height_err = row.volume = row.volume_err = row.chi2_red = row.snr = NAN;
  row.iterations = plane;
  row.status = status;
  row.message = message;
  return row;
}

// The columns of a cluster's linear fit, in order: its reported rows with a shape, the other
// shapes in its region, then the tails from outside; of those, only the ones a linear fit can
// tell apart (a degenerate reference fit can collapse a width or put two peaks on one).
struct Columns {
  std::vector<int> column_of_row;  // -1 for a row that is no column
  std::vector<FixedShape> shapes;
  std::vector<double> reference_heights;
  std::vector<bool> shape_free;  // tails' shapes come from their own clusters' fits
  // Reported peaks come first among the columns, so covariances are needed for the first ones.
  int reported = 0;
};

Columns separable_columns(const SpectrumSeries& series,
                          const FitTask& task,
                          const std::vector<PeakResult>& rows,
                          const TaskRows& task_rows,
                          const FitOptions& options) {
  std::vector<int> candidates;
  for (int r : task_rows.reported)
    if (has_shape(rows[r])) candidates.push_back(r);
  for (int r : task_rows.extra)
    if (has_shape(rows[r])) candidates.push_back(r);
  const std::size_t first_tail = candidates.size();
  for (int r : task_rows.tails) candidates.push_back(r);
  const int nx = task.x_end_pt - task.x_begin_pt, ny = task.y_end_pt - task.y_begin_pt;
  std::vector<FixedShape> candidate_shapes;
  for (int r : candidates)
    candidate_shapes.push_back(shape_of(rows[r], series.x, series.y, task));
  Columns c;
  c.column_of_row.assign(rows.size(), -1);
  for (int i : separable_peaks(
           options.shape, candidate_shapes, model_baseline(options.baseline), nx, ny)) {
    c.column_of_row[candidates[i]] = static_cast<int>(c.shapes.size());
    c.shapes.push_back(candidate_shapes[i]);
    c.reference_heights.push_back(rows[candidates[i]].height);
    c.shape_free.push_back(static_cast<std::size_t>(i) < first_tail);
  }
  for (int r : task_rows.reported) c.reported += c.column_of_row[r] >= 0;
  return c;
}

// Every plane's heights for the columns' shapes, and each reported column's covariance across
// planes.
struct PlaneHeights {
  std::vector<PlaneSolution> solutions;
  std::vector<Eigen::MatrixXd> covariances;
  std::vector<double> area_x, area_y;
  std::string note;  // the message of every solved row
};

PlaneHeights solve_plane_heights(const SpectrumSeries& series,
                                 const FitTask& task,
                                 const FitOptions& options,
                                 bool joint,
                                 const std::vector<double>& noise,
                                 double reference_noise,
                                 const StopFlag& stop,
                                 Columns& columns) {
  const int planes = series.num_planes;
  const int nx = task.x_end_pt - task.x_begin_pt, ny = task.y_end_pt - task.y_begin_pt;
  const BaselineModel baseline = model_baseline(options.baseline);
  std::vector<Eigen::MatrixXd> plane_values;
  for (int k = 0; k < planes; ++k)
    plane_values.push_back(extract_region(series.plane(k), task, options).values);
  PlaneHeights out;
  if (joint) {  // shapes refined on all planes at once; its covariance includes theirs
    const FixedShapeDesign reference_design(options.shape, columns.shapes, baseline, nx, ny);
    Eigen::MatrixXd start(columns.shapes.size(), planes);
    for (int k = 0; k < planes; ++k)
      start.col(k) = reference_design.solve(plane_values[k], noise[k]).heights;
    JointFit fit = fit_planes_jointly(options.shape,
                                      baseline,
                                      columns.shapes,
                                      columns.shape_free,
                                      start,
                                      plane_values,
                                      noise,
                                      columns.reported,
                                      &stop);
    columns.shapes = std::move(fit.shapes);
    out.covariances = std::move(fit.height_covariances);
    out.note = fit.note;
  }
  const FixedShapeDesign design(options.shape, columns.shapes, baseline, nx, ny);
  for (int m = 0; m < columns.reported; ++m) {
    out.area_x.push_back(design.area_x(m));
    out.area_y.push_back(design.area_y(m));
  }
  for (int k = 0; k < planes; ++k) out.solutions.push_back(design.solve(plane_values[k], noise[k]));
  if (!joint) {
    bool shape_term_ok = true;
    out.covariances = height_covariances(options.shape,
                                         baseline,
                                         columns.shapes,
                                         columns.shape_free,
                                         columns.reference_heights,
                                         reference_noise,
                                         out.solutions,
                                         nx,
                                         ny,
                                         columns.reported,
                                         &shape_term_ok);
    if (!shape_term_ok) out.note = "shape uncertainty not propagated";
  }
  return out;
}

// Column m's row in plane k, with that plane's row of its height covariance into `covariance_row`.
PeakResult solved_plane_row(const PeakResult& shape_row,
                            int m,
                            int k,
                            const PlaneHeights& heights,
                            double noise,
                            double* covariance_row) {
  PeakResult row = plane_row(shape_row, k, PeakStatus::kOk, heights.note);
  const PlaneSolution& s = heights.solutions[k];
  const Eigen::MatrixXd& c = heights.covariances[m];
  row.height = s.heights[m];
  row.height_err = c(k, k) >= 0 ? std::sqrt(c(k, k)) : NAN;
  row.volume = row.height * heights.area_x[m] * heights.area_y[m];
  row.volume_err = row.height_err * heights.area_x[m] * heights.area_y[m];
  row.chi2_red = s.chi2_red;
  row.snr = std::abs(row.height) / noise;
  for (int l = 0; l < c.cols(); ++l) covariance_row[l] = c(k, l);
  return row;
}

// The reported peaks' rows, peak-major, and their covariance rows (NaN where not computed).
void append_plane_rows(const std::vector<PeakResult>& rows,
                       const TaskRows& task_rows,
                       const Columns& columns,
                       const PlaneHeights& heights,
                       const std::vector<double>& noise,
                       int planes,
                       TaskResult& result) {
  for (int r : task_rows.reported) {
    const int m = columns.column_of_row[r];
    for (int k = 0; k < planes; ++k) {
      result.slices.emplace_back();
      result.values.insert(result.values.end(), planes, NAN);  // overwritten when computed
      if (!has_shape(rows[r])) {
        result.rows.push_back(plane_row(rows[r], k, rows[r].status, rows[r].message));
      } else if (m < 0) {
        result.rows.push_back(plane_row(
            rows[r],
            k,
            PeakStatus::kFailed,
            "the fitted shape cannot be told apart from the other peaks' (no weight on the "
            "grid, or on top of another peak)"));
      } else {
        result.rows.push_back(solved_plane_row(
            rows[r], m, k, heights, noise[k], &result.values[result.values.size() - planes]));
      }
    }
  }
}

// No exception crosses the task boundary: the cluster's plane rows say what happened.
void replace_with_failed_rows(const std::vector<PeakResult>& rows,
                              const TaskRows& task_rows,
                              int planes,
                              const std::string& what,
                              TaskResult& result) {
  result.rows.clear();
  result.slices.clear();
  result.values.clear();
  for (int r : task_rows.reported)
    for (int k = 0; k < planes; ++k)
      result.rows.push_back(plane_row(rows[r],
                                      k,
                                      has_shape(rows[r]) ? PeakStatus::kFailed : rows[r].status,
                                      has_shape(rows[r])
                                          ? std::string("plane heights failed: ") + what
                                          : rows[r].message));
  result.slices.resize(result.rows.size());
}

}  // namespace

TaskResult series_task(const SpectrumSeries& series,
                       const FitTask& task,
                       const std::vector<PeakResult>& rows,
                       const TaskRows& task_rows,
                       const FitOptions& options,
                       bool joint,
                       const std::vector<double>& noise,
                       double reference_noise,
                       const StopFlag& stop) {
  TaskResult result;
  result.task_id = task.id;
  if (stop.raised()) {
    result.status = PeakStatus::kCancelled;
    result.message = "stopped before the plane heights were solved";
    return result;
  }
  const int planes = series.num_planes;
  try {
    Columns columns = separable_columns(series, task, rows, task_rows, options);
    PlaneHeights heights;
    if (columns.reported > 0)
      heights = solve_plane_heights(
          series, task, options, joint, noise, reference_noise, stop, columns);
    append_plane_rows(rows, task_rows, columns, heights, noise, planes, result);
  } catch (const std::exception& e) {
    replace_with_failed_rows(rows, task_rows, planes, e.what(), result);
  }
  return result;
}

}  // namespace voigt::detail
