// Bounded Levenberg-Marquardt on the normal equations of a LeastSquaresProblem.
#ifndef VOIGT_INTERNAL_FIT_LEVENBERG_MARQUARDT_H_
#define VOIGT_INTERNAL_FIT_LEVENBERG_MARQUARDT_H_

#include <Eigen/Core>

#include "fit/least_squares_problem.h"

namespace voigt::detail {

// Minimises 0.5 |r(p)|^2 subject to lower <= p <= upper (entries may be +-inf), starting from p
// (projected into the box first); p holds the solution on return.
SolverSummary solve_levenberg_marquardt(LeastSquaresProblem& problem,
                                        Eigen::VectorXd& p,
                                        const Eigen::VectorXd& lower,
                                        const Eigen::VectorXd& upper,
                                        const SolverOptions& options);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_FIT_LEVENBERG_MARQUARDT_H_
