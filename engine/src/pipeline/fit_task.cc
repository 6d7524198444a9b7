// One cluster, start to finish: region and baseline, initial estimates, the Voigt fit, missed-
// peak detection by BIC, uncertainties, rows. A pure function of its arguments.
#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <sstream>
#include <string>

#include "fit/lbfgsb_solver.h"
#include "fit/levenberg_marquardt.h"
#include "fit/region_problem.h"
#include "lineshape/fwhm.h"
#include "pipeline/first_pass.h"
#include "pipeline/initial_estimates.h"
#include "pipeline/peak_rows.h"
#include "pipeline/region_data.h"
#include "pipeline/task_seeds.h"
#include "voigt/fit.h"

namespace voigt {
namespace {

using detail::BaselineModel;
using detail::PeakSeed;
using detail::RegionData;
using detail::RegionModel;
using detail::StartAndBounds;

// A converged fit of the scaled region data with a given set of peaks.
struct Attempt {
  std::unique_ptr<RegionModel> model;
  StartAndBounds bounds;  // start holds the solution
  detail::SolverSummary summary;
  double cost = INFINITY;
  std::string note;  // how the solution was reached, when not as asked (for the rows' message)
  int num_peaks() const { return model->num_peaks(); }
  // Bayesian information criterion for Gaussian residuals: N ln(RSS / N) + P ln N.
  double bic(double n) const { return n * std::log(2 * cost / n) + model->num_params() * std::log(n); }
};

// Thrown when the executor's stop flag ends a solve; fit_task turns it into an empty result.
struct Stopped {};

Attempt solve(const Eigen::MatrixXd& data, StartAndBounds bounds, int num_peaks,
              const FitOptions& options, const RegionData& region, const StopFlag* stop) {
  Attempt a;
  a.model = std::make_unique<RegionModel>(options.shape, num_peaks, detail::model_baseline(options.baseline),
                                          region.nx(), region.ny());
  a.bounds = std::move(bounds);
  detail::RegionProblem problem(*a.model, data);
  detail::SolverOptions solver_options;
  solver_options.max_iterations = options.max_iterations;
  solver_options.stop = stop;
  // Stop once further progress is far below the statistical error of any real peak: a relative
  // cost change of 1e-10 moves parameters by ~1e-5 standard errors.
  solver_options.function_tolerance = 1e-10;
  solver_options.parameter_tolerance = 1e-9;
  const Eigen::VectorXd start = a.bounds.start;
  const double start_cost = problem.cost(start);
  a.summary = options.solver == SolverKind::kLevenbergMarquardt
                  ? detail::solve_levenberg_marquardt(problem, a.bounds.start, a.bounds.lower,
                                                      a.bounds.upper, solver_options)
                  : detail::solve_lbfgsb(problem, a.bounds.start, a.bounds.lower,
                                         a.bounds.upper, solver_options);
  if (a.summary.termination == detail::Termination::kStopped) throw Stopped{};
  a.cost = problem.cost(a.bounds.start);
  // A solver must never end worse than it started (L-BFGS-B on two peaks a tenth of a point
  // apart once ran one height to 4e15). Levenberg-Marquardt only accepts steps that lower the
  // cost, so it is the fallback from the same start; if even that ends worse (or not finite),
  // the cluster fails with the costs in its message.
  // (A start that is not finite is the solver's to report: its summary says so.)
  const bool worse = std::isfinite(start_cost) && !(a.cost <= start_cost);
  if (worse && options.solver == SolverKind::kLbfgsb) {
    std::ostringstream note;
    note << "L-BFGS-B ended above its starting cost (" << start_cost << " -> " << a.cost
         << "); refitted with Levenberg-Marquardt";
    a.bounds.start = start;
    a.summary = detail::solve_levenberg_marquardt(problem, a.bounds.start, a.bounds.lower,
                                                  a.bounds.upper, solver_options);
    if (a.summary.termination == detail::Termination::kStopped) throw Stopped{};
    a.cost = problem.cost(a.bounds.start);
    a.note = note.str();
  }
  if (std::isfinite(start_cost) && !(a.cost <= start_cost)) {
    std::ostringstream message;
    message << "the solver ended above its starting cost (" << start_cost << " -> " << a.cost
            << ")";
    throw std::runtime_error(message.str());
  }
  return a;
}

// The largest residual excess of the peaks' sign that is a strict local maximum inside the
// region: the tail of a peak outside the region rises towards the border and is never one.
bool strongest_missed_signal(const Eigen::MatrixXd& excess, double sign, int* x, int* y,
                             double* height) {
  *height = 0;
  for (int j = 1; j + 1 < excess.cols(); ++j) {
    for (int i = 1; i + 1 < excess.rows(); ++i) {
      const double v = sign * excess(i, j);
      if (v <= *height) continue;
      bool local_max = true;
      for (int dj = -1; dj <= 1 && local_max; ++dj)
        for (int di = -1; di <= 1 && local_max; ++di)
          if ((di || dj) && sign * excess(i + di, j + dj) >= v) local_max = false;
      if (local_max) *height = v, *x = i, *y = j;
    }
  }
  return *height > 0;
}

// An added peak must remove at least half of the residual sum of squares. A peak the list missed
// dominates the residual (the DEEP doublet: -96 %); at high SNR the mismatch between Voigt and a
// real, apodised lineshape also passes BIC, but splitting a peak into two removes far less of it.
constexpr double kMinAddedCostReduction = 0.5;

// Scaled data peak at 1; an added peak this much taller fits a spike, not a peak.
constexpr double kMaxAddedHeightOverData = 1.2;

// Olivero-Longbothum FWHM (points) of peak k along axis 0 (x) or 1 (y); 0.02 % is plenty here.
double approximate_fwhm_pt(Shape shape, const Eigen::VectorXd& params, int k, int per_peak, int axis) {
  const int w = detail::width_params_per_dim(shape);
  const detail::ProfileWidths pw =
      detail::widths_from_params(shape, params.data() + k * per_peak + 3 + axis * w);
  return detail::olivero_longbothum_fwhm(detail::kGaussFwhmPerSigma * pw.sigma, 2 * pw.gamma);
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// Below a tenth of the noise at every point the other clusters' tails change nothing measurable
// (simulated 150 and 600 peaks: the same volumes to 0.02 %), and the refit is skipped.
constexpr double kNegligibleBackgroundNoise = 0.1;

// One cluster's fit. With `first` (the second pass), the first pass's peaks of the other clusters
// are subtracted from the region, the fit starts from the first pass's values of its own peaks
// (listed, neighbours, and the peaks it added) and adds none.
TaskResult fit_task_or_throw(const Spectrum2D& spectrum, const FitPlan& plan, const FitTask& task,
                             const FitOptions& options, const detail::FirstPass* first,
                             const StopFlag* stop) {
  RegionData region = detail::extract_region(spectrum, task, options);
  std::vector<int> fitted_peaks = task.peaks;
  fitted_peaks.insert(fitted_peaks.end(), task.neighbours.begin(), task.neighbours.end());
  std::vector<const PeakResult*> previous;  // first-pass rows, in the model's peak order
  if (first) {
    for (int index : fitted_peaks) previous.push_back(first->listed(index));
    for (const PeakResult* row : first->added_by(task.id)) previous.push_back(row);
    const detail::BackgroundMargin margin = detail::background_margin(spectrum, options);
    const double background = first->subtract_others(region, previous, margin.x_pt, margin.y_pt);
    if (background < kNegligibleBackgroundNoise * plan.noise) {
      TaskResult unchanged;  // no rows: fit_spectrum keeps the first fit
      unchanged.task_id = task.id;
      unchanged.message = "no background from other clusters: the first fit stands";
      return unchanged;
    }
  }
  const double scale = std::max(region.values.cwiseAbs().maxCoeff(), 1e-300);
  RegionData scaled = region;
  scaled.values /= scale;

  std::vector<PeakSeed> seeds;
  for (int index : fitted_peaks) {
    const Peak& peak = plan.peaks[index];
    PeakSeed s;
    s.x_pt = spectrum.x.pt_at(plan.start_x(index)) - task.x_begin_pt;
    s.y_pt = spectrum.y.pt_at(plan.start_y(index)) - task.y_begin_pt;
    const double wx = std::isnan(peak.window_x_ppm) ? options.window_x_ppm : peak.window_x_ppm;
    const double wy = std::isnan(peak.window_y_ppm) ? options.window_y_ppm : peak.window_y_ppm;
    s.half_window_x_pt = 0.5 * wx / spectrum.x.ppm_per_pt();
    s.half_window_y_pt = 0.5 * wy / spectrum.y.ppm_per_pt();
    s.fwhm_x_pt_hint = peak.linewidth_x_hz_hint / spectrum.x.hz_per_pt();
    s.fwhm_y_pt_hint = peak.linewidth_y_hz_hint / spectrum.y.hz_per_pt();
    s.height_hint = peak.height_hint / scale;
    seeds.push_back(s);
  }
  const int num_listed = static_cast<int>(seeds.size());
  if (!first) detail::append_picked_seeds(plan, task, seeds.front(), scale, seeds);
  for (std::size_t k = seeds.size(); k < previous.size(); ++k) {  // the peaks the first pass added
    PeakSeed s = seeds.front();
    s.x_pt = spectrum.x.pt_at(previous[k]->x_ppm) - task.x_begin_pt;
    s.y_pt = spectrum.y.pt_at(previous[k]->y_ppm) - task.y_begin_pt;
    s.height_hint = previous[k]->height / scale;
    seeds.push_back(s);
  }
  const BaselineModel baseline = detail::model_baseline(options.baseline);
  StartAndBounds start = detail::initial_estimates(scaled, seeds, options.shape, baseline);
  const int per_peak = 3 + 2 * detail::width_params_per_dim(options.shape);
  for (std::size_t k = 0; k < previous.size(); ++k) {
    if (!previous[k]) continue;
    const int o = static_cast<int>(k) * per_peak;
    first->params_of(*previous[k], region, start.start.data() + o);
    start.start[o] /= scale;
    for (int i = o; i < o + per_peak; ++i)
      start.start[i] = std::clamp(start.start[i], start.lower[i], start.upper[i]);
  }
  detail::bound_listed_moves(spectrum, plan, seeds, num_listed, per_peak, start);
  Attempt best = solve(scaled.values, std::move(start), static_cast<int>(seeds.size()), options,
                       scaled, stop);
  if (!best.summary.usable()) throw std::runtime_error(best.summary.message);

  const double n = static_cast<double>(region.values.size());
  const bool detect = options.detect_missed_peaks && !first;
  for (int added = 0; detect && added < options.max_added_peaks; ++added) {
    Eigen::MatrixXd fitted;
    best.model->set_params(best.bounds.start);
    best.model->evaluate(fitted);
    const Eigen::MatrixXd excess = scaled.values - fitted;
    double largest = 0, sign = 0;
    for (int k = 0; k < best.num_peaks(); ++k) {
      const double h = best.bounds.start[k * per_peak];
      if (std::abs(h) > largest) largest = std::abs(h), sign = h > 0 ? 1 : -1;
    }
    int x = 0, y = 0;
    double height = 0;
    // The residual maximum proposes; the refit decides. A peak hidden in a neighbour's shoulder
    // leaves a residual far below its own height (the neighbour widened to cover it), so the
    // height test applies to the added peak as fitted, not to the residual.
    const double noise_level = options.missed_peak_noise_factor * plan.noise / scale;
    const double residual_level =
        std::max(noise_level, options.missed_peak_residual_fraction * largest);
    if (!strongest_missed_signal(excess, sign, &x, &y, &height) || height < residual_level) break;
    // The new peak starts with the cluster's median widths.
    std::vector<double> fwhm_x, fwhm_y;
    for (int k = 0; k < best.num_peaks(); ++k) {
      fwhm_x.push_back(approximate_fwhm_pt(options.shape, best.bounds.start, k, per_peak, 0));
      fwhm_y.push_back(approximate_fwhm_pt(options.shape, best.bounds.start, k, per_peak, 1));
    }
    PeakSeed seed = seeds.front();
    seed.x_pt = x, seed.y_pt = y;
    seed.height_hint = sign * height;
    StartAndBounds grown = best.bounds;
    detail::append_peak(grown, *best.model, seed, scaled, options.shape, median(fwhm_x),
                        median(fwhm_y));
    Attempt candidate =
        solve(scaled.values, std::move(grown), best.num_peaks() + 1, options, scaled, stop);
    const int k = best.num_peaks();
    const double added_height = std::abs(candidate.bounds.start[k * per_peak]);
    const double added_fwhm_x = approximate_fwhm_pt(options.shape, candidate.bounds.start, k, per_peak, 0);
    const double added_fwhm_y = approximate_fwhm_pt(options.shape, candidate.bounds.start, k, per_peak, 1);
    // Keep it only if it is a peak like its neighbours: converged, a better model by BIC and by
    // half the residual, as tall
    // as required but not taller than the data (a spike fitting one point's misfit is), and a
    // linewidth within a factor of 3 of the cluster's.
    const bool peak_like =
        candidate.summary.termination == detail::Termination::kConverged &&
        candidate.bic(n) < best.bic(n) && candidate.cost <= kMinAddedCostReduction * best.cost &&
        added_height >= std::max(noise_level, options.missed_peak_height_fraction * largest) &&
        added_height <= kMaxAddedHeightOverData &&
        added_fwhm_x >= median(fwhm_x) / 3 && added_fwhm_x <= 3 * median(fwhm_x) &&
        added_fwhm_y >= median(fwhm_y) / 3 && added_fwhm_y <= 3 * median(fwhm_y);
    if (!peak_like) break;
    best = std::move(candidate);
  }
  detail::keep_listed_identities(seeds, per_peak, best.num_peaks(), best.bounds);

  // Covariance s^2 (JᵀJ)^-1 with s^2 = RSS / (N - P) from the residual, unscaled: heights and
  // baseline carry the data scale.
  detail::RegionProblem problem(*best.model, scaled.values);
  const double cost = problem.cost(best.bounds.start);
  Eigen::MatrixXd jtj;
  Eigen::VectorXd jtr;
  problem.normal_equations(jtj, jtr);
  const int num_params = best.model->num_params();
  const double dof = std::max(1.0, n - num_params);
  Eigen::VectorXd unit(num_params);
  for (int i = 0; i < num_params; ++i)
    unit[i] = (i >= best.num_peaks() * per_peak || i % per_peak == 0) ? scale : 1;
  detail::RegionFit fit;
  fit.model = best.model.get();
  fit.params = best.bounds.start.cwiseProduct(unit);
  fit.lower = best.bounds.lower.cwiseProduct(unit);
  fit.upper = best.bounds.upper.cwiseProduct(unit);
  // A peak with no height has vanishing Jacobian columns: left out, so that its neighbours keep
  // their errors (its own row fails in check_fitted_row).
  std::vector<bool> negligible(num_params, false);
  for (int k = 0; k < best.num_peaks(); ++k)
    if (std::abs(best.bounds.start[k * per_peak]) <= detail::kNegligibleHeight)
      std::fill(negligible.begin() + k * per_peak, negligible.begin() + (k + 1) * per_peak, true);
  fit.covariance = detail::covariance_or_nan(jtj, 2 * cost / dof, negligible);
  fit.covariance = unit.asDiagonal() * fit.covariance * unit.asDiagonal();
  best.model->set_params(best.bounds.start);
  best.model->evaluate(fit.fitted);
  fit.fitted *= scale;
  fit.rss = 2 * cost * scale * scale;
  fit.iterations = best.summary.iterations;

  TaskResult result;
  result.task_id = task.id;
  const int own = static_cast<int>(task.peaks.size());
  const int first_picked = own + static_cast<int>(task.neighbours.size());
  const int first_added = first ? first_picked : first_picked + static_cast<int>(task.picked.size());
  int picked_elsewhere = 0;  // fitted along, reported by the task that owns them
  for (int k = first_picked; k < first_added; ++k)
    picked_elsewhere += plan.picked_owner[task.picked[k - first_picked]] != task.id;
  for (int k = 0; k < best.num_peaks(); ++k) {
    if (k >= own && k < first_picked) continue;  // neighbours are reported by their own task
    const int pick = k >= first_picked && k < first_added ? task.picked[k - first_picked] : -1;
    if (pick >= 0 && plan.picked_owner[pick] != task.id) continue;  // reported by its owner
    PeakResult row;
    const bool listed = k < own;
    if (listed) {
      const Peak& peak = plan.peaks[task.peaks[k]];
      row.index = task.peaks[k];
      row.assignment = peak.assignment;
      row.x_ppm_in = peak.x_ppm;
      row.y_ppm_in = peak.y_ppm;
    }
    detail::fill_peak_row(spectrum, region, fit, k, plan.noise, row);
    row.cluster = task.id;
    row.cluster_size = best.num_peaks() - (first_picked - own) - picked_elsewhere;
    row.status = listed ? PeakStatus::kOk : PeakStatus::kAdded;
    if (listed) detail::mark_listed_row(plan, row.index, row);
    detail::mark_picked_row(plan, pick, first ? previous[k] : nullptr, row);
    if (best.summary.termination == detail::Termination::kMaxIterations)
      detail::add_note(row, "iteration limit reached");
    detail::add_note(row, best.note);
    detail::check_fitted_row(options.shape, region, fit, k, row);
    if (!listed && row.status != PeakStatus::kAdded) continue;  // an added peak that is none
    result.rows.push_back(std::move(row));
    result.slices.push_back(options.cross_sections ? detail::peak_slices(spectrum, region, fit, k)
                                                   : PeakSlices{});
  }
  return result;
}

}  // namespace

namespace {

TaskResult fit_task_guarded(const Spectrum2D& spectrum, const FitPlan& plan, const FitTask& task,
                            const FitOptions& options, const detail::FirstPass* first,
                            const StopFlag* stop) {
  try {
    return fit_task_or_throw(spectrum, plan, task, options, first, stop);
  } catch (const Stopped&) {
    TaskResult result;
    result.task_id = task.id;
    result.status = PeakStatus::kCancelled;
    result.message = "stopped before the fit finished";
    return result;
  } catch (const std::exception& e) {
    // No exception crosses the task boundary: the cluster's rows say what happened.
    TaskResult result;
    result.task_id = task.id;
    for (int index : task.peaks) {
      PeakResult row;
      row.index = index;
      row.assignment = plan.peaks[index].assignment;
      row.x_ppm_in = plan.peaks[index].x_ppm;
      row.y_ppm_in = plan.peaks[index].y_ppm;
      detail::mark_listed_row(plan, index, row);
      row.cluster = task.id;
      row.cluster_size = static_cast<int>(task.peaks.size());
      row.status = PeakStatus::kFailed;
      row.message = std::string("fit failed: ") + e.what();
      result.rows.push_back(std::move(row));
      result.slices.emplace_back();
    }
    return result;
  }
}

}  // namespace

TaskResult fit_task(const Spectrum2D& spectrum, const FitPlan& plan, const FitTask& task,
                    const FitOptions& options, const StopFlag* stop) {
  return fit_task_guarded(spectrum, plan, task, options, nullptr, stop);
}

TaskResult detail::refit_task(const Spectrum2D& spectrum, const FitPlan& plan, const FitTask& task,
                              const FitOptions& options, const FirstPass& first,
                              const StopFlag* stop) {
  return fit_task_guarded(spectrum, plan, task, options, &first, stop);
}

}  // namespace voigt
