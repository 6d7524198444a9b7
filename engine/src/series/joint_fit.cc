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
  // Every plane's model has the same parameter layout; this is it.
  const RegionModel& layout() const { return models_[0]; }
  int num_planes() const { return static_cast<int>(models_.size()); }
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

// The planes scaled to a largest value of 1 (as the region fits), each weighted by 1 / its noise.
struct WeightedPlanes {
  std::vector<Eigen::MatrixXd> scaled;
  std::vector<double> weights;
  double scale = 0;
  bool known_noise = false;  // else the planes weigh alike and the errors come from the residual
};

WeightedPlanes weigh_planes(const std::vector<Eigen::MatrixXd>& plane_values,
                            const std::vector<double>& noise) {
  WeightedPlanes w;
  double scale = 0;
  for (const Eigen::MatrixXd& v : plane_values) scale = std::max(scale, v.cwiseAbs().maxCoeff());
  if (!(scale > 0) || !std::isfinite(scale)) throw std::runtime_error("no signal in the planes");
  w.scale = scale;
  // A noiseless plane (its noise 0, or series_fit's tiny stand-in) has no weight to give.
  w.known_noise = std::all_of(noise.begin(), noise.end(), [scale](double n) {
    return n > 0 && std::isfinite(scale / n * scale / n);
  });
  for (std::size_t k = 0; k < plane_values.size(); ++k) {
    w.scaled.push_back(plane_values[k] / scale);
    w.weights.push_back(w.known_noise ? scale / noise[k] : 1.0);
  }
  return w;
}

// The joint vector's start and bounds, in the order its indices are handed out.
struct JointStart {
  std::vector<double> start, lower, upper;

  int add(double value, double lo, double hi) {
    start.push_back(std::clamp(value, lo, hi));
    lower.push_back(lo);
    upper.push_back(hi);
    return static_cast<int>(start.size()) - 1;
  }
};

// Maps every plane model's parameters onto the joint vector (see JointProblem): the free peaks'
// shapes first, then the heights column by column, then each plane's baseline; fixed shapes keep
// their values in every plane.
JointStart map_joint_parameters(JointProblem& problem,
                                const std::vector<FixedShape>& shapes,
                                const std::vector<bool>& shape_free,
                                const Eigen::MatrixXd& start_heights,
                                double scale) {
  const RegionModel& layout = problem.layout();
  const Shape shape = layout.shape();
  const int planes = problem.num_planes();
  const int peaks = layout.num_peaks();
  // Values and bounds in the model's layout; a peak's shape parameters (x0, y0, widths) follow
  // its height.
  std::vector<double> own(layout.num_params()), lo(layout.num_params()), hi(layout.num_params());
  const int shape_params = layout.params_per_peak() - 1;
  JointStart joint;
  for (int m = 0; m < peaks; ++m) {
    own[layout.x_index(m)] = shapes[m].x_pt, own[layout.y_index(m)] = shapes[m].y_pt;
    width_params(shape, shapes[m].x, own.data() + layout.width_index(m, 0));
    width_params(shape, shapes[m].y, own.data() + layout.width_index(m, 1));
    lo[layout.x_index(m)] = 0, hi[layout.x_index(m)] = layout.nx() - 1;
    lo[layout.y_index(m)] = 0, hi[layout.y_index(m)] = layout.ny() - 1;
    width_bounds(shape, layout.nx(), lo.data() + layout.width_index(m, 0),
                 hi.data() + layout.width_index(m, 0));
    width_bounds(shape, layout.ny(), lo.data() + layout.width_index(m, 1),
                 hi.data() + layout.width_index(m, 1));
    for (int i = layout.x_index(m); i < layout.x_index(m) + shape_params; ++i) {
      const int index = shape_free[m] ? joint.add(own[i], lo[i], hi[i]) : -1;
      for (int k = 0; k < planes; ++k) {
        problem.joint_index(k, i) = index;
        problem.set_fixed(k, i, own[i]);
      }
    }
  }
  for (int m = 0; m < peaks; ++m)
    for (int k = 0; k < planes; ++k)
      problem.joint_index(k, layout.height_index(m)) =
          joint.add(start_heights(m, k) / scale, -INFINITY, INFINITY);
  const int num_baseline = layout.num_params() - layout.baseline_index();
  for (int k = 0; k < planes; ++k)
    for (int b = 0; b < num_baseline; ++b)
      problem.joint_index(k, layout.baseline_index() + b) = joint.add(0, -INFINITY, INFINITY);
  problem.set_num_params(static_cast<int>(joint.start.size()));
  return joint;
}

// The solved joint vector; throws when the solver stops or fails.
Eigen::VectorXd solve_jointly(JointProblem& problem,
                              const JointStart& joint,
                              const StopFlag* stop,
                              std::string* note) {
  Eigen::VectorXd q = Eigen::Map<const Eigen::VectorXd>(joint.start.data(), joint.start.size());
  SolverOptions options;
  options.stop = stop;
  // The shapes start converged on the reference; the region fits' stop (fit_task.cc).
  options.function_tolerance = 1e-10;
  options.parameter_tolerance = 1e-9;
  const SolverSummary summary = solve_levenberg_marquardt(
      problem, q, Eigen::Map<const Eigen::VectorXd>(joint.lower.data(), joint.lower.size()),
      Eigen::Map<const Eigen::VectorXd>(joint.upper.data(), joint.upper.size()), options);
  if (summary.termination == Termination::kStopped) throw std::runtime_error("stopped");
  if (!summary.usable()) throw std::runtime_error("joint fit failed: " + summary.message);
  if (summary.termination == Termination::kMaxIterations)
    *note = "joint fit: iteration limit reached";
  return q;
}

// The shapes with the free ones read back from the joint vector q.
std::vector<FixedShape> refined_shapes(JointProblem& problem,
                                       const std::vector<FixedShape>& shapes,
                                       const std::vector<bool>& shape_free,
                                       const Eigen::VectorXd& q) {
  const RegionModel& layout = problem.layout();
  std::vector<FixedShape> out = shapes;
  for (int m = 0; m < layout.num_peaks(); ++m) {
    if (!shape_free[m]) continue;
    out[m].x_pt = q[problem.joint_index(0, layout.x_index(m))];
    out[m].y_pt = q[problem.joint_index(0, layout.y_index(m))];
    const int x_widths = problem.joint_index(0, layout.width_index(m, 0));
    const int y_widths = problem.joint_index(0, layout.width_index(m, 1));
    out[m].x = widths_from_params(layout.shape(), q.data() + x_widths);
    out[m].y = widths_from_params(layout.shape(), q.data() + y_widths);
  }
  return out;
}

// The planes x planes covariance of each of the first `reported` columns' heights, from the
// joint covariance at q (in the planes' units: scaled back by scale^2).
std::vector<Eigen::MatrixXd> joint_height_covariances(JointProblem& problem,
                                                      const Eigen::VectorXd& q,
                                                      const WeightedPlanes& planes_in,
                                                      int reported) {
  const RegionModel& layout = problem.layout();
  const int planes = problem.num_planes();
  const double cost = problem.cost(q);
  Eigen::MatrixXd jtj;
  Eigen::VectorXd jtr;
  problem.normal_equations(jtj, jtr);
  const double dof = std::max(1.0, double(problem.num_residuals()) - q.size());
  const double s2 = planes_in.known_noise ? 1.0 : 2 * cost / dof;
  const Eigen::MatrixXd covariance =
      covariance_or_nan(jtj, s2, std::vector<bool>(q.size(), false)) *
      (planes_in.scale * planes_in.scale);
  std::vector<Eigen::MatrixXd> out;
  for (int m = 0; m < reported; ++m) {
    Eigen::MatrixXd c(planes, planes);
    for (int k = 0; k < planes; ++k)
      for (int l = 0; l < planes; ++l)
        c(k, l) = covariance(problem.joint_index(k, layout.height_index(m)),
                             problem.joint_index(l, layout.height_index(m)));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

JointFit fit_planes_jointly(Shape shape, BaselineModel baseline,
                            const std::vector<FixedShape>& shapes,
                            const std::vector<bool>& shape_free,
                            const Eigen::MatrixXd& start_heights,
                            const std::vector<Eigen::MatrixXd>& plane_values,
                            const std::vector<double>& noise, int reported,
                            const StopFlag* stop) {
  const int peaks = static_cast<int>(shapes.size());
  const int nx = static_cast<int>(plane_values[0].rows());
  const int ny = static_cast<int>(plane_values[0].cols());
  const WeightedPlanes planes = weigh_planes(plane_values, noise);
  JointProblem problem(shape, baseline, nx, ny, peaks, planes.scaled, planes.weights);
  const JointStart joint =
      map_joint_parameters(problem, shapes, shape_free, start_heights, planes.scale);
  JointFit out;
  const Eigen::VectorXd q = solve_jointly(problem, joint, stop, &out.note);
  out.shapes = refined_shapes(problem, shapes, shape_free, q);
  out.height_covariances =
      joint_height_covariances(problem, q, planes, reported);
  return out;
}

}  // namespace voigt::detail
