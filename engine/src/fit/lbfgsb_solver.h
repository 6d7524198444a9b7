// L-BFGS-B through LBFGSpp, on the same LeastSquaresProblem as Levenberg-Marquardt.
#ifndef VOIGT_INTERNAL_FIT_LBFGSB_SOLVER_H_
#define VOIGT_INTERNAL_FIT_LBFGSB_SOLVER_H_

#include <Eigen/Core>

#include "fit/least_squares_problem.h"

namespace voigt::detail {

// Minimises 0.5 |r(p)|^2 in the box [lower, upper] with the analytic gradient Jᵀr. LBFGSpp reports
// failures by throwing; they come back as Termination::kFailed with the message, never as an
// exception. Same contract as solve_levenberg_marquardt.
SolverSummary solve_lbfgsb(LeastSquaresProblem& problem,
                           Eigen::VectorXd& p,
                           const Eigen::VectorXd& lower,
                           const Eigen::VectorXd& upper,
                           const SolverOptions& options);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_FIT_LBFGSB_SOLVER_H_
