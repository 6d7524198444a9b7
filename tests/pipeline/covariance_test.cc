// covariance_or_nan against the textbook inverse: the parameters it keeps get s² (J_Kᵀ J_K)⁻¹ of
// the kept columns K, the ones it leaves out (a zero column, one of three dependent columns) NaN.
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <cmath>
#include <vector>

#include "pipeline/peak_rows.h"

namespace voigt::detail {
namespace {

// Column 1 is zero (a width that no longer changes the model) and column 4 is the sum of
// columns 2 and 3. On this matrix Eigen's LDLT meets a zero pivot before a nonzero one and
// reports a NumericalIssue, which once made every parameter's error NaN. Small integers keep
// JᵀJ exact, so native and WebAssembly round the same way and both meet the case.
Eigen::MatrixXd dependent_jacobian() {
  const int n = 40, p = 6;
  Eigen::MatrixXd j(n, p);
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < p; ++c) j(i, c) = (i + 2 * c + 3 * i * c) % 11 - 5;
  j.col(1).setZero();
  j.col(4) = j.col(2) + j.col(3);
  return j;
}

TEST(CovarianceOrNan, KeepsIndependentParametersWhenLdltReportsNumericalIssue) {
  const Eigen::MatrixXd j = dependent_jacobian();
  const Eigen::MatrixXd jtj = j.transpose() * j;
  Eigen::VectorXd inv_sd(6);
  for (int c = 0; c < 6; ++c) inv_sd[c] = jtj(c, c) > 0 ? 1 / std::sqrt(jtj(c, c)) : 0.0;
  const Eigen::MatrixXd correlation = inv_sd.asDiagonal() * jtj * inv_sd.asDiagonal();
  ASSERT_EQ(Eigen::LDLT<Eigen::MatrixXd>(correlation).info(), Eigen::NumericalIssue)
      << "the test matrix no longer exercises the case it was built for";

  const double s2 = 0.25;
  const Eigen::MatrixXd cov = covariance_or_nan(jtj, s2, std::vector<bool>(6, false));

  EXPECT_TRUE(std::isnan(cov(1, 1)));
  int dropped_of_dependent = 0;
  std::vector<int> kept;
  for (int c = 0; c < 6; ++c) {
    if (c == 1) continue;
    if (std::isnan(cov(c, c))) {
      EXPECT_TRUE(c >= 2 && c <= 4) << "parameter " << c << " is independent of the others";
      ++dropped_of_dependent;
    } else {
      kept.push_back(c);
    }
  }
  EXPECT_EQ(dropped_of_dependent, 1);

  const int m = static_cast<int>(kept.size());
  Eigen::MatrixXd jk(j.rows(), m);
  for (int a = 0; a < m; ++a) jk.col(a) = j.col(kept[a]);
  const Eigen::MatrixXd expected = s2 * (jk.transpose() * jk).inverse();
  for (int a = 0; a < m; ++a)
    for (int b = 0; b < m; ++b)
      EXPECT_NEAR(cov(kept[a], kept[b]), expected(a, b), 1e-10 * std::abs(expected(a, a)))
          << "entry " << kept[a] << ", " << kept[b];
}

TEST(CovarianceOrNan, FullRankIsTheInverse) {
  Eigen::MatrixXd j = dependent_jacobian();
  j.col(1) = Eigen::VectorXd::LinSpaced(j.rows(), -1, 1);
  j.col(4) = j.col(4).array().square();
  const Eigen::MatrixXd jtj = j.transpose() * j;
  const Eigen::MatrixXd cov = covariance_or_nan(jtj, 2.0, std::vector<bool>(6, false));
  EXPECT_TRUE(cov.isApprox(2.0 * jtj.inverse(), 1e-10));
}

TEST(CovarianceOrNan, NegligibleParametersAreLeftOut) {
  Eigen::MatrixXd j = dependent_jacobian();
  j.col(1) = Eigen::VectorXd::LinSpaced(j.rows(), -1, 1);
  j.col(4) = j.col(4).array().square();
  std::vector<bool> negligible(6, false);
  negligible[5] = true;
  const Eigen::MatrixXd cov = covariance_or_nan(j.transpose() * j, 1.0, negligible);
  const Eigen::MatrixXd j5 = j.leftCols(5);
  EXPECT_TRUE(std::isnan(cov(5, 5)));
  EXPECT_TRUE(cov.topLeftCorner(5, 5).isApprox((j5.transpose() * j5).inverse(), 1e-10));
}

}  // namespace
}  // namespace voigt::detail
