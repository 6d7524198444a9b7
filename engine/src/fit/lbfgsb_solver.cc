// L-BFGS-B (R. H. Byrd, P. Lu, J. Nocedal, C. Zhu, SIAM J. Sci. Comput. 16, 1190 (1995)) as
// implemented by LBFGSpp 0.1 (More-Thuente line search).
//
// LBFGSpp's tests are absolute (|projected g|_inf < max(epsilon, epsilon_rel |x|)), so the problem
// is solved in scaled variables q = p / scale with scale_i = sqrt(diag(JᵀJ)_i) at the start: each
// parameter then moves the residual by about one unit, and one epsilon serves all of them.
#include "fit/lbfgsb_solver.h"

#include <LBFGSB.h>

#include <cmath>
#include <exception>

namespace voigt::detail {
namespace {

struct StopRequested {};

class ScaledObjective {
 public:
  ScaledObjective(LeastSquaresProblem& problem, const Eigen::VectorXd& scale,
                  const StopFlag* stop)
      : problem_(problem), scale_(scale), stop_(stop), jtj_(scale.size(), scale.size()),
        jtr_(scale.size()), p_(scale.size()) {}

  double operator()(const Eigen::VectorXd& q, Eigen::VectorXd& gradient) {
    if (stop_ && stop_->raised()) throw StopRequested{};
    p_ = q.cwiseQuotient(scale_);
    const double cost = problem_.cost(p_);
    if (!std::isfinite(cost)) {
      gradient.setZero();
      return cost;
    }
    problem_.normal_equations(jtj_, jtr_);
    gradient = jtr_.cwiseQuotient(scale_);
    ++evaluations_;
    if (cost < best_cost_) {
      best_cost_ = cost;
      best_p_ = p_;
    }
    return cost;
  }
  // The line search may leave its argument at a rejected trial point; this is the best seen.
  const Eigen::VectorXd& best_p() const { return best_p_; }
  bool has_best() const { return std::isfinite(best_cost_); }
  int evaluations() const { return evaluations_; }

 private:
  LeastSquaresProblem& problem_;
  const Eigen::VectorXd& scale_;
  const StopFlag* stop_;
  Eigen::MatrixXd jtj_;
  Eigen::VectorXd jtr_, p_, best_p_;
  double best_cost_ = INFINITY;
  int evaluations_ = 0;
};

}  // namespace

SolverSummary solve_lbfgsb(LeastSquaresProblem& problem,
                           Eigen::VectorXd& p,
                           const Eigen::VectorXd& lower,
                           const Eigen::VectorXd& upper,
                           const SolverOptions& options) {
  SolverSummary summary;
  const int n = problem.num_params();
  p = p.cwiseMax(lower).cwiseMin(upper);
  summary.initial_cost = summary.final_cost = problem.cost(p);
  if (!std::isfinite(summary.initial_cost)) {
    summary.message = "cost is not finite at the initial parameters";
    return summary;
  }
  Eigen::MatrixXd jtj(n, n);
  Eigen::VectorXd jtr(n);
  problem.normal_equations(jtj, jtr);
  Eigen::VectorXd scale = jtj.diagonal().cwiseSqrt();
  for (int i = 0; i < n; ++i)
    if (!(scale[i] > 0) || !std::isfinite(scale[i])) scale[i] = 1;

  // The parameter object must outlive the solver, which keeps a reference to it.
  LBFGSpp::LBFGSBParam<double> param;
  param.m = 10;
  param.epsilon = options.gradient_tolerance;
  param.epsilon_rel = options.gradient_tolerance;
  // LBFGSpp's relative-decrease test (past, delta) stops at the first flat step, ~1e-6 short of
  // the minimum on overlapped peaks; the gradient test and the line search's own failure at
  // rounding level end the iteration instead.
  param.past = 0;
  param.max_iterations = options.max_iterations;
  param.max_linesearch = 50;
  LBFGSpp::LBFGSBSolver<double> solver(param);

  ScaledObjective objective(problem, scale, options.stop);
  Eigen::VectorXd q = p.cwiseProduct(scale);
  const Eigen::VectorXd q_lower = lower.cwiseProduct(scale), q_upper = upper.cwiseProduct(scale);
  double cost = summary.initial_cost;
  try {
    summary.iterations = solver.minimize(objective, q, cost, q_lower, q_upper);
    summary.termination = summary.iterations >= options.max_iterations
                              ? Termination::kMaxIterations
                              : Termination::kConverged;
    summary.message = summary.termination == Termination::kConverged ? "converged"
                                                                     : "iteration limit reached";
  } catch (const StopRequested&) {
    summary.termination = Termination::kStopped;
    summary.message = "stopped";
    return summary;
  } catch (const std::exception& e) {
    // LBFGSpp throws when the line search cannot progress, which at a converged minimum is
    // rounding, not failure; the best point seen is kept either way.
    summary.termination = Termination::kConverged;
    summary.message = std::string("L-BFGS-B stopped: ") + e.what();
    summary.iterations = objective.evaluations();  // the solver's count is lost with the throw
  }
  if (objective.has_best()) p = objective.best_p().cwiseMax(lower).cwiseMin(upper);
  summary.final_cost = problem.cost(p);
  if (!std::isfinite(summary.final_cost)) summary.termination = Termination::kFailed;
  return summary;
}

}  // namespace voigt::detail
