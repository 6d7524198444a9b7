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
    const BaselineModel baseline = model_baseline(options.baseline);
    std::vector<FixedShape> candidate_shapes;
    for (int r : candidates)
      candidate_shapes.push_back(shape_of(rows[r], series.x, series.y, task));
    std::vector<int> column_of_row(rows.size(), -1);
    std::vector<int> columns;
    std::vector<FixedShape> shapes;
    std::vector<double> reference_heights;
    std::vector<bool> shape_free;  // tails' shapes come from their own clusters' fits
    for (int i : separable_peaks(options.shape, candidate_shapes, baseline, nx, ny)) {
      column_of_row[candidates[i]] = static_cast<int>(columns.size());
      columns.push_back(candidates[i]);
      shapes.push_back(candidate_shapes[i]);
      reference_heights.push_back(rows[candidates[i]].height);
      shape_free.push_back(static_cast<std::size_t>(i) < first_tail);
    }
    std::vector<PlaneSolution> solutions;
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
        plane_values.push_back(extract_region(series.plane(k), task, options).values);
      if (joint) {  // shapes refined on all planes at once; its covariance includes theirs
        const FixedShapeDesign reference_design(options.shape, shapes, baseline, nx, ny);
        Eigen::MatrixXd start(shapes.size(), planes);
        for (int k = 0; k < planes; ++k)
          start.col(k) = reference_design.solve(plane_values[k], noise[k]).heights;
        JointFit fit = fit_planes_jointly(options.shape,
                                                          baseline,
                                                          shapes,
                                                          shape_free,
                                                          start,
                                                          plane_values,
                                                          noise,
                                                          reported_columns,
                                                          &stop);
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
        covariances = height_covariances(options.shape,
                                                 baseline,
                                                 shapes,
                                                 shape_free,
                                                 reference_heights,
                                                 reference_noise,
                                                 solutions,
                                                 nx,
                                                 ny,
                                                 reported_columns,
                                                 &shape_term_ok);
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
              rows[r],
              k,
              PeakStatus::kFailed,
              "the fitted shape cannot be told apart from the other peaks' (no weight on the "
              "grid, or on top of another peak)"));
          continue;
        }
        PeakResult row = plane_row(
            rows[r], k, PeakStatus::kOk, shape_term_ok ? note : "shape uncertainty not propagated");
        const PlaneSolution& s = solutions[k];
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
        result.rows.push_back(plane_row(rows[r],
                                        k,
                                        has_shape(rows[r]) ? PeakStatus::kFailed : rows[r].status,
                                        has_shape(rows[r])
                                            ? std::string("plane heights failed: ") + e.what()
                                            : rows[r].message));
    result.slices.resize(result.rows.size());
  }
  return result;
}

}  // namespace voigt::detail
