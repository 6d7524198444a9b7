// Both solvers on the region model: exact recovery without noise, honest errors with noise.
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <functional>

#include "fit/lbfgsb_solver.h"
#include "fit/levenberg_marquardt.h"
#include "fit/region_problem.h"
#include "fit/synthetic_region.h"

namespace voigt::detail {
namespace {

constexpr int kNx = 32, kNy = 24;
using Solver = std::function<SolverSummary(LeastSquaresProblem&, Eigen::VectorXd&,
                                           const Eigen::VectorXd&, const Eigen::VectorXd&,
                                           const SolverOptions&)>;

struct StartAndBounds {
  Eigen::VectorXd start, lower, upper;
};

// A start away from the truth (positions 0.4 pt off, widths 30 % wide, heights 20 % low) inside
// bounds of the kind the pipeline uses: positions within 3 pt, widths 0.05..10 pt, eta in [0, 1].
StartAndBounds make_setup(Shape shape, const Eigen::VectorXd& truth, int num_peaks) {
  StartAndBounds s{truth, truth, truth};
  const int per_peak = 3 + 2 * width_params_per_dim(shape);
  for (int k = 0; k < num_peaks; ++k) {
    for (int i = 0; i < per_peak; ++i) {
      const int j = k * per_peak + i;
      const bool is_eta = shape == Shape::kPseudoVoigt && (i == 4 || i == 6);
      if (i == 0) {
        s.start[j] *= 0.8, s.lower[j] = 0, s.upper[j] = INFINITY;
      } else if (i <= 2) {
        s.start[j] += (i == 1 ? 0.4 : -0.4), s.lower[j] = truth[j] - 3, s.upper[j] = truth[j] + 3;
      } else if (is_eta) {
        s.start[j] = 0.5, s.lower[j] = 0, s.upper[j] = 1;
      } else {
        s.start[j] *= 1.3, s.lower[j] = 0.05, s.upper[j] = 10;
      }
    }
  }
  for (int j = num_peaks * per_peak; j < truth.size(); ++j) {
    s.start[j] = 0, s.lower[j] = -INFINITY, s.upper[j] = INFINITY;
  }
  return s;
}

Eigen::MatrixXd simulate(RegionModel& model, const Eigen::VectorXd& truth) {
  Eigen::MatrixXd data;
  model.set_params(truth);
  model.evaluate(data);
  return data;
}

void expect_exact_recovery(const Solver& solve, Shape shape, int num_peaks) {
  const Eigen::VectorXd truth = testing::true_cluster(shape, num_peaks, true);
  RegionModel model(shape, num_peaks, BaselineModel::kConstant, kNx, kNy);
  const Eigen::MatrixXd data = simulate(model, truth);
  RegionProblem problem(model, data);
  StartAndBounds s = make_setup(shape, truth, num_peaks);
  SolverOptions options;
  options.max_iterations = 2000;
  const SolverSummary summary = solve(problem, s.start, s.lower, s.upper, options);
  ASSERT_TRUE(summary.usable()) << summary.message;
  for (int j = 0; j < truth.size(); ++j) {
    EXPECT_NEAR(s.start[j], truth[j], 1e-6 * std::abs(truth[j]))
        << "parameter " << j << " of " << num_peaks << " peaks, shape " << static_cast<int>(shape)
        << " (" << summary.message << ", " << summary.iterations << " iterations)";
  }
}

const Solver kLm = solve_levenberg_marquardt;
const Solver kLbfgsb = solve_lbfgsb;

TEST(LevenbergMarquardt, RecoversOneTwoThreeOverlappingVoigtPeaksExactly) {
  for (int k = 1; k <= 3; ++k) expect_exact_recovery(kLm, Shape::kVoigt, k);
}
TEST(LevenbergMarquardt, RecoversOtherShapesExactly) {
  for (Shape s : {Shape::kPseudoVoigt, Shape::kGaussian, Shape::kLorentzian})
    expect_exact_recovery(kLm, s, 3);
}
TEST(Lbfgsb, RecoversOneTwoThreeOverlappingVoigtPeaksExactly) {
  for (int k = 1; k <= 3; ++k) expect_exact_recovery(kLbfgsb, Shape::kVoigt, k);
}

TEST(LevenbergMarquardt, StopsOnAnActiveBound) {
  // True gamma_x = 1.1 pt, capped at 0.6: the fit must end exactly on the cap.
  const Eigen::VectorXd truth = testing::true_cluster(Shape::kVoigt, 1, false);
  RegionModel model(Shape::kVoigt, 1, BaselineModel::kNone, kNx, kNy);
  const Eigen::MatrixXd data = simulate(model, truth);
  RegionProblem problem(model, data);
  StartAndBounds s = make_setup(Shape::kVoigt, truth, 1);
  s.upper[4] = 0.6;
  s.start[4] = 0.5;
  for (const Solver& solve : {kLm, kLbfgsb}) {
    Eigen::VectorXd p = s.start;
    ASSERT_TRUE(solve(problem, p, s.lower, s.upper, SolverOptions{}).usable());
    EXPECT_EQ(p[4], 0.6);
    EXPECT_GT(p[3], truth[3]);  // the Gaussian part widens to make up for the capped Lorentzian
  }
}

TEST(LevenbergMarquardt, NonFiniteStartIsReportedNotThrown) {
  RegionModel model(Shape::kVoigt, 1, BaselineModel::kNone, kNx, kNy);
  const Eigen::MatrixXd data = Eigen::MatrixXd::Zero(kNx, kNy);
  RegionProblem problem(model, data);
  Eigen::VectorXd p = testing::true_cluster(Shape::kVoigt, 1, false);
  p[3] = p[4] = 0;  // sigma = gamma = 0: a delta, not evaluable
  const Eigen::VectorXd lo = Eigen::VectorXd::Constant(7, -INFINITY), hi = -lo;
  for (const Solver& solve : {kLm, kLbfgsb}) {
    Eigen::VectorXd q = p;
    EXPECT_EQ(solve(problem, q, lo, hi, SolverOptions{}).termination, Termination::kFailed);
  }
}

// With Gaussian noise the standard errors sqrt(s^2 (JᵀJ)^-1_ii), s^2 = 2 cost / (N - P), must be
// honest: over 200 noise realisations the truth lies within +-2 standard errors for 95.4 % of
// fits if they are; the binomial spread over 200 draws is +-1.5 %, so [0.90, 0.99] fails only
// errors that are misestimated, not unlucky.
TEST(LevenbergMarquardt, StandardErrorsCoverTheTruth) {
  constexpr int kSeeds = 200, kPeaks = 3;
  constexpr double kNoiseSd = 0.01;  // SNR 100 for the strongest peak, 35 for the weakest
  const Eigen::VectorXd truth = testing::true_cluster(Shape::kVoigt, kPeaks, true);
  RegionModel model(Shape::kVoigt, kPeaks, BaselineModel::kConstant, kNx, kNy);
  const Eigen::MatrixXd clean = simulate(model, truth);
  Eigen::VectorXi covered = Eigen::VectorXi::Zero(truth.size());
  for (int seed = 0; seed < kSeeds; ++seed) {
    testing::NormalDeviates noise(1000 + seed);
    Eigen::MatrixXd data = clean;
    for (Eigen::Index i = 0; i < data.size(); ++i) data(i) += kNoiseSd * noise.normal();
    RegionProblem problem(model, data);
    StartAndBounds s = make_setup(Shape::kVoigt, truth, kPeaks);
    ASSERT_TRUE(solve_levenberg_marquardt(problem, s.start, s.lower, s.upper, {}).usable());
    const double cost = problem.cost(s.start);
    Eigen::MatrixXd jtj;
    Eigen::VectorXd jtr;
    problem.normal_equations(jtj, jtr);
    const double s2 = 2 * cost / (problem.num_residuals() - problem.num_params());
    const Eigen::MatrixXd covariance =
        s2 * jtj.ldlt().solve(Eigen::MatrixXd::Identity(jtj.rows(), jtj.cols()));
    for (int j = 0; j < truth.size(); ++j)
      covered[j] += std::abs(s.start[j] - truth[j]) <= 2 * std::sqrt(covariance(j, j));
  }
  for (int j = 0; j < truth.size(); ++j) {
    const double fraction = covered[j] / static_cast<double>(kSeeds);
    EXPECT_GE(fraction, 0.90) << "parameter " << j;
    EXPECT_LE(fraction, 0.99) << "parameter " << j;
  }
}

}  // namespace
}  // namespace voigt::detail
