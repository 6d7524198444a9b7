// What the solvers see of a nonlinear least-squares problem: cost = 0.5 |r(p)|^2 and, at the same
// parameters, the normal equations JᵀJ and Jᵀr (the gradient of the cost). Problems form the
// normal equations themselves so that structure (the region model's separability) is exploited.
#ifndef VOIGT_INTERNAL_FIT_LEAST_SQUARES_PROBLEM_H_
#define VOIGT_INTERNAL_FIT_LEAST_SQUARES_PROBLEM_H_

#include <Eigen/Core>
#include <string>

#include "voigt/stop_flag.h"

namespace voigt::detail {

class LeastSquaresProblem {
 public:
  virtual ~LeastSquaresProblem() = default;
  virtual int num_params() const = 0;
  virtual int num_residuals() const = 0;
  // Cost at p; returns a non-finite value when the model cannot be evaluated there.
  virtual double cost(const Eigen::VectorXd& p) = 0;
  // JᵀJ and Jᵀr at the parameters of the latest cost() call.
  virtual void normal_equations(Eigen::MatrixXd& jtj, Eigen::VectorXd& jtr) = 0;
};

// Why a solver stopped.
enum class Termination {
  kConverged,       // one of the tolerances below was met
  kMaxIterations,   // hit the iteration cap; parameters are the best found
  kFailed,          // non-finite cost or a step that could not decrease it; `message` says why
  kStopped          // SolverOptions::stop was set: parameters are the best so far, not converged
};

// Bounds and stopping rules shared by both solvers (defaults reach ~1e-8 relative parameter
// accuracy on well-conditioned peaks, far below the statistical error of real data).
struct SolverOptions {
  int max_iterations = 200;           // iteration cap, >= 1
  // Stop when (cost_old - cost_new) <= function_tolerance * cost_old.
  double function_tolerance = 1e-14;
  // Stop when max_i |g_i| (projected gradient, free parameters) <= gradient_tolerance.
  double gradient_tolerance = 1e-14;
  // Stop when |step| <= parameter_tolerance * (|p| + parameter_tolerance).
  double parameter_tolerance = 1e-12;
  // Checked once per iteration; set from another thread to stop early (time limit, cancel).
  const StopFlag* stop = nullptr;
};

struct SolverSummary {
  Termination termination = Termination::kFailed;
  int iterations = 0;
  double initial_cost = 0;
  double final_cost = 0;
  std::string message = "solver was not called";
  bool usable() const {
    return termination == Termination::kConverged || termination == Termination::kMaxIterations;
  }
};

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_FIT_LEAST_SQUARES_PROBLEM_H_
