// Bounded Levenberg-Marquardt.
//
// Method: K. Madsen, H. B. Nielsen, O. Tingleff, "Methods for Non-Linear Least Squares Problems",
// 2nd ed., IMM DTU 2004, Algorithm 3.16, with Marquardt's scaling of the damping by diag(JᵀJ)
// (D. W. Marquardt, SIAM J. Appl. Math. 11, 431 (1963)) and Nielsen's damping update
//   accepted step:  lambda *= max(1/3, 1 - (2 rho - 1)^3),  nu = 2;   rejected: lambda *= nu, nu *= 2
// where rho = actual / predicted cost reduction. Bounds: an active set (a parameter at a bound
// whose gradient pushes outward is held fixed for the step) plus projection of the step onto the
// box; the predicted reduction uses the projected step, so rho stays honest when a bound cuts it.
#include "fit/levenberg_marquardt.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

namespace voigt::detail {
namespace {

constexpr double kInitialDamping = 1e-3;  // lambda relative to diag(JᵀJ)
constexpr double kMaxDamping = 1e16;      // beyond this no step can reduce the cost: at optimum
constexpr double kMinAcceptRatio = 1e-3;  // rho below which a step is rejected

Eigen::VectorXd clamp_to_box(const Eigen::VectorXd& p,
                             const Eigen::VectorXd& lower,
                             const Eigen::VectorXd& upper) {
  return p.cwiseMax(lower).cwiseMin(upper);
}

}  // namespace

SolverSummary solve_levenberg_marquardt(LeastSquaresProblem& problem,
                                        Eigen::VectorXd& p,
                                        const Eigen::VectorXd& lower,
                                        const Eigen::VectorXd& upper,
                                        const SolverOptions& options) {
  SolverSummary summary;
  const int n = problem.num_params();
  p = clamp_to_box(p, lower, upper);
  double cost = problem.cost(p);
  summary.initial_cost = summary.final_cost = cost;
  if (!std::isfinite(cost)) {
    summary.message = "cost is not finite at the initial parameters";
    return summary;
  }
  Eigen::MatrixXd jtj(n, n), reduced(n, n);
  Eigen::VectorXd jtr(n), rhs(n), step(n), trial(n), free_step(n), jtj_step(n);
  Eigen::VectorXi free_index(n);
  Eigen::LDLT<Eigen::MatrixXd> ldlt(n);
  problem.normal_equations(jtj, jtr);
  double lambda = kInitialDamping, nu = 2;

  for (summary.iterations = 0; summary.iterations < options.max_iterations;) {
    if (options.stop && options.stop->raised()) {
      summary.termination = Termination::kStopped;
      summary.message = "stopped";
      return summary;
    }
    // Active set: hold parameters at a bound whose descent direction (-gradient) leaves the box.
    int num_free = 0;
    double max_gradient = 0;
    for (int i = 0; i < n; ++i) {
      const bool held = (p[i] <= lower[i] && jtr[i] > 0) || (p[i] >= upper[i] && jtr[i] < 0);
      if (held) continue;
      free_index[num_free++] = i;
      max_gradient = std::max(max_gradient, std::abs(jtr[i]));
    }
    if (max_gradient <= options.gradient_tolerance) {
      summary.termination = Termination::kConverged;
      summary.message = "gradient tolerance reached";
      return summary;
    }
    // Solve (A_ff + lambda diag(A_ff)) step_f = -g_f on the free parameters.
    auto a = reduced.topLeftCorner(num_free, num_free);
    for (int r = 0; r < num_free; ++r) {
      for (int c = 0; c < num_free; ++c) a(r, c) = jtj(free_index[r], free_index[c]);
      a(r, r) += lambda * std::max(jtj(free_index[r], free_index[r]), 1e-300);
      rhs[r] = -jtr[free_index[r]];
    }
    ldlt.compute(a);
    step.setZero();
    if (ldlt.info() == Eigen::Success) {
      free_step.head(num_free) = ldlt.solve(rhs.head(num_free));
      for (int r = 0; r < num_free; ++r) step[free_index[r]] = free_step[r];
    }
    trial = clamp_to_box(p + step, lower, upper);
    step = trial - p;
    // Predicted reduction of the undamped quadratic model along the projected step.
    jtj_step.noalias() = jtj * step;
    const double predicted = -(jtr.dot(step) + 0.5 * step.dot(jtj_step));
    const double trial_cost = predicted > 0 ? problem.cost(trial) : INFINITY;
    const double rho = (cost - trial_cost) / predicted;
    if (predicted > 0 && std::isfinite(trial_cost) && rho > kMinAcceptRatio) {
      ++summary.iterations;
      const double reduction = cost - trial_cost;
      const bool small_step =
          step.norm() <= options.parameter_tolerance * (p.norm() + options.parameter_tolerance);
      p = trial;
      cost = summary.final_cost = trial_cost;
      problem.normal_equations(jtj, jtr);
      lambda *= std::max(1.0 / 3, 1 - std::pow(2 * rho - 1, 3));
      nu = 2;
      if (reduction <= options.function_tolerance * (cost + reduction)) {
        summary.termination = Termination::kConverged;
        summary.message = "function tolerance reached";
        return summary;
      }
      if (small_step) {
        summary.termination = Termination::kConverged;
        summary.message = "parameter tolerance reached";
        return summary;
      }
    } else {
      lambda *= nu;
      nu *= 2;
      if (lambda > kMaxDamping) {
        // Rounding, not the model, now limits the decrease: the cost is at its minimum.
        summary.termination = Termination::kConverged;
        summary.message = "no step reduces the cost further";
        return summary;
      }
    }
  }
  summary.termination = Termination::kMaxIterations;
  summary.message = "iteration limit reached";
  return summary;
}

}  // namespace voigt::detail
