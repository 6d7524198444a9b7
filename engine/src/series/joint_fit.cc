#include "series/joint_fit.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "fit/least_squares_problem.h"
#include "fit/levenberg_marquardt.h"
#include "pipeline/initial_estimates.h"
#include "pipeline/peak_rows.h"

namespace voigt::detail {
namespace {

// Bounds of one dimension's width parameters: those of the region fits, the upper one the
// region's extent (the shapes come converged from the reference fit; the bound only keeps a
// collapsing or exploding width finite).
void width_bounds(Shape shape, double extent_pt, double* lo, double* hi) {
  switch (shape) {
    case Shape::kVoigt: lo[1] = 0, hi[1] = extent_pt; break;
    case Shape::kPseudoVoigt: lo[1] = 0, hi[1] = 1; break;
    case Shape::kGaussian:
    case Shape::kLorentzian: break;
  }
  lo[0] = kMinSigmaPt, hi[0] = extent_pt;
}

// Joint vector: the free peaks' shape parameters (x, y, widths), then every column's heights
// plane by plane, then every plane's baseline terms. map_[k][i] is the joint index of plane k's
// region-model parameter i, or -1 for a fixed shape parameter (its value given by set_fixed).
class JointProblem : public LeastSquaresProblem {
 public:
  JointProblem(Shape shape, BaselineModel baseline, int nx, int ny, int num_peaks,
               const std::vector<Eigen::MatrixXd>& data, std::vector<double> weights)
      : data_(data), weights_(std::move(weights)) {
    for (std::size_t k = 0; k < data.size(); ++k)
      models_.emplace_back(shape, num_peaks, baseline, nx, ny);
    residuals_.resize(data.size());
    plane_params_.assign(data.size(), Eigen::VectorXd::Zero(models_[0].num_params()));
    map_.assign(data.size(), std::vector<int>(models_[0].num_params(), -1));
  }
  int& joint_index(int plane, int i) { return map_[plane][i]; }
  void set_fixed(int plane, int i, double value) { plane_params_[plane][i] = value; }
  void set_num_params(int n) { num_params_ = n; }

  int num_params() const override { return num_params_; }
  int num_residuals() const override {
    return static_cast<int>(data_.size() * static_cast<std::size_t>(data_[0].size()));
  }
  double cost(const Eigen::VectorXd& q) override {
    double total = 0;
    for (std::size_t k = 0; k < models_.size(); ++k) {
      Eigen::VectorXd& p = plane_params_[k];
      for (int i = 0; i < p.size(); ++i)
        if (map_[k][i] >= 0) p[i] = q[map_[k][i]];
      models_[k].set_params(p);
      total += weights_[k] * weights_[k] * models_[k].residual(data_[k], residuals_[k]);
    }
    return total;
  }
  void normal_equations(Eigen::MatrixXd& jtj, Eigen::VectorXd& jtr) override {
    jtj.setZero(num_params_, num_params_);
    jtr.setZero(num_params_);
    for (std::size_t k = 0; k < models_.size(); ++k) {
      models_[k].normal_equations(residuals_[k], plane_jtj_, plane_jtr_);
      const double w2 = weights_[k] * weights_[k];
      const std::vector<int>& map = map_[k];
      for (int a = 0; a < plane_jtr_.size(); ++a) {
        if (map[a] < 0) continue;
        jtr[map[a]] += w2 * plane_jtr_[a];
        for (int b = 0; b < plane_jtr_.size(); ++b)
          if (map[b] >= 0) jtj(map[a], map[b]) += w2 * plane_jtj_(a, b);
      }
    }
  }

 private:
  const std::vector<Eigen::MatrixXd>& data_;
  std::vector<double> weights_;
  std::vector<RegionModel> models_;
  std::vector<Eigen::MatrixXd> residuals_;
  std::vector<Eigen::VectorXd> plane_params_;
  std::vector<std::vector<int>> map_;
  int num_params_ = 0;
  Eigen::MatrixXd plane_jtj_;
  Eigen::VectorXd plane_jtr_;
};

}  // namespace

JointFit fit_planes_jointly(Shape shape, BaselineModel baseline,
                            const std::vector<FixedShape>& shapes,
                            const std::vector<bool>& shape_free,
                            const Eigen::MatrixXd& start_heights,
                            const std::vector<Eigen::MatrixXd>& plane_values,
                            const std::vector<double>& noise, int reported,
                            const StopFlag* stop) {
  const int planes = static_cast<int>(plane_values.size());
  const int peaks = static_cast<int>(shapes.size());
  const int nx = static_cast<int>(plane_values[0].rows());
  const int ny = static_cast<int>(plane_values[0].cols());
  const int w = width_params_per_dim(shape);
  const int per_peak = 3 + 2 * w, shape_params = per_peak - 1;
  const int num_baseline = baseline_params(baseline);

  // Scaled to a largest value of 1 (as the region fits), each plane weighted by 1 / its noise.
  double scale = 0;
  for (const Eigen::MatrixXd& v : plane_values) scale = std::max(scale, v.cwiseAbs().maxCoeff());
  if (!(scale > 0) || !std::isfinite(scale)) throw std::runtime_error("no signal in the planes");
  // A noiseless plane (its noise 0, or series_fit's tiny stand-in) has no weight to give.
  const bool known_noise = std::all_of(noise.begin(), noise.end(), [scale](double n) {
    return n > 0 && std::isfinite(scale / n * scale / n);
  });
  std::vector<Eigen::MatrixXd> scaled;
  std::vector<double> weights;
  for (int k = 0; k < planes; ++k) {
    scaled.push_back(plane_values[k] / scale);
    weights.push_back(known_noise ? scale / noise[k] : 1.0);
  }

  JointProblem problem(shape, baseline, nx, ny, peaks, scaled, weights);
  std::vector<double> start, lower, upper;
  auto add = [&](double value, double lo, double hi) {
    start.push_back(std::clamp(value, lo, hi));
    lower.push_back(lo);
    upper.push_back(hi);
    return static_cast<int>(start.size()) - 1;
  };
  std::vector<double> own(shape_params), lo(shape_params), hi(shape_params);
  for (int m = 0; m < peaks; ++m) {
    own[0] = shapes[m].x_pt, own[1] = shapes[m].y_pt;
    width_params(shape, shapes[m].x, own.data() + 2);
    width_params(shape, shapes[m].y, own.data() + 2 + w);
    lo[0] = 0, hi[0] = nx - 1, lo[1] = 0, hi[1] = ny - 1;
    width_bounds(shape, nx, lo.data() + 2, hi.data() + 2);
    width_bounds(shape, ny, lo.data() + 2 + w, hi.data() + 2 + w);
    for (int i = 0; i < shape_params; ++i) {
      const int joint = shape_free[m] ? add(own[i], lo[i], hi[i]) : -1;
      for (int k = 0; k < planes; ++k) {
        problem.joint_index(k, m * per_peak + 1 + i) = joint;
        problem.set_fixed(k, m * per_peak + 1 + i, own[i]);
      }
    }
  }
  const int first_height = static_cast<int>(start.size());
  for (int m = 0; m < peaks; ++m)
    for (int k = 0; k < planes; ++k)
      problem.joint_index(k, m * per_peak) = add(start_heights(m, k) / scale, -INFINITY, INFINITY);
  for (int k = 0; k < planes; ++k)
    for (int b = 0; b < num_baseline; ++b)
      problem.joint_index(k, peaks * per_peak + b) = add(0, -INFINITY, INFINITY);
  problem.set_num_params(static_cast<int>(start.size()));

  Eigen::VectorXd q = Eigen::Map<const Eigen::VectorXd>(start.data(), start.size());
  SolverOptions options;
  options.stop = stop;
  // The shapes start converged on the reference; the region fits' stop (fit_task.cc).
  options.function_tolerance = 1e-10;
  options.parameter_tolerance = 1e-9;
  const SolverSummary summary = solve_levenberg_marquardt(
      problem, q, Eigen::Map<const Eigen::VectorXd>(lower.data(), lower.size()),
      Eigen::Map<const Eigen::VectorXd>(upper.data(), upper.size()), options);
  if (summary.termination == Termination::kStopped) throw std::runtime_error("stopped");
  if (!summary.usable()) throw std::runtime_error("joint fit failed: " + summary.message);

  JointFit out;
  if (summary.termination == Termination::kMaxIterations)
    out.note = "joint fit: iteration limit reached";
  out.shapes = shapes;
  for (int m = 0; m < peaks; ++m) {
    if (!shape_free[m]) continue;
    const int o = problem.joint_index(0, m * per_peak + 1);
    out.shapes[m].x_pt = q[o];
    out.shapes[m].y_pt = q[o + 1];
    out.shapes[m].x = widths_from_params(shape, q.data() + o + 2);
    out.shapes[m].y = widths_from_params(shape, q.data() + o + 2 + w);
  }

  const double cost = problem.cost(q);
  Eigen::MatrixXd jtj;
  Eigen::VectorXd jtr;
  problem.normal_equations(jtj, jtr);
  const double dof = std::max(1.0, double(problem.num_residuals()) - q.size());
  const double s2 = known_noise ? 1.0 : 2 * cost / dof;
  const Eigen::MatrixXd covariance =
      covariance_or_nan(jtj, s2, std::vector<bool>(q.size(), false)) * (scale * scale);
  for (int m = 0; m < reported; ++m) {
    Eigen::MatrixXd c(planes, planes);
    for (int k = 0; k < planes; ++k)
      for (int l = 0; l < planes; ++l)
        c(k, l) = covariance(first_height + m * planes + k, first_height + m * planes + l);
    out.height_covariances.push_back(std::move(c));
  }
  return out;
}

}  // namespace voigt::detail
