#include "fit/region_model.h"

#include <gtest/gtest.h>

#include "fit/synthetic_region.h"

namespace voigt::detail {
namespace {

constexpr int kNx = 32, kNy = 24;

// Finite-difference check of every Jacobian column, criterion as Ceres' GradientChecker:
// |analytic - numeric| <= tol * max(|analytic|, |numeric|) per entry, with an absolute floor
// relative to the column's largest entry (for entries that are zero up to rounding).
void check_jacobian(Shape shape, BaselineModel baseline) {
  const int num_peaks = 3;
  RegionModel model(shape, num_peaks, baseline, kNx, kNy);
  Eigen::VectorXd p = testing::true_cluster(shape, num_peaks, baseline != BaselineModel::kNone);
  if (baseline == BaselineModel::kPlane) {
    p.conservativeResize(p.size() + 2);
    p.tail(2) << 0.003, -0.002;
  }
  ASSERT_EQ(p.size(), model.num_params());
  model.set_params(p);
  Eigen::MatrixXd analytic, plus, minus;
  model.jacobian(analytic);
  for (int c = 0; c < model.num_params(); ++c) {
    const double h = 1e-6 * std::max(1.0, std::abs(p[c]));
    Eigen::VectorXd q = p;
    q[c] += h;
    model.set_params(q);
    model.evaluate(plus);
    q[c] -= 2 * h;
    model.set_params(q);
    model.evaluate(minus);
    const Eigen::Map<const Eigen::VectorXd> fp(plus.data(), plus.size()), fm(minus.data(), minus.size());
    const Eigen::VectorXd numeric = (fp - fm) / (2 * h);
    const double column_scale = numeric.cwiseAbs().maxCoeff();
    for (Eigen::Index r = 0; r < numeric.size(); ++r) {
      ASSERT_NEAR(analytic(r, c), numeric[r], 1e-6 * std::abs(numeric[r]) + 1e-8 * column_scale)
          << "shape " << static_cast<int>(shape) << " column " << c << " row " << r;
    }
  }
}

TEST(RegionModel, VoigtJacobianMatchesFiniteDifferences) {
  check_jacobian(Shape::kVoigt, BaselineModel::kConstant);
}
TEST(RegionModel, PseudoVoigtJacobianMatchesFiniteDifferences) {
  check_jacobian(Shape::kPseudoVoigt, BaselineModel::kPlane);
}
TEST(RegionModel, GaussianJacobianMatchesFiniteDifferences) {
  check_jacobian(Shape::kGaussian, BaselineModel::kNone);
}
TEST(RegionModel, LorentzianJacobianMatchesFiniteDifferences) {
  check_jacobian(Shape::kLorentzian, BaselineModel::kPlane);
}

TEST(RegionModel, SeparableNormalEquationsEqualDenseProducts) {
  RegionModel model(Shape::kVoigt, 3, BaselineModel::kPlane, kNx, kNy);
  Eigen::VectorXd p = testing::true_cluster(Shape::kVoigt, 3, true);
  p.conservativeResize(p.size() + 2);
  p.tail(2) << 0.003, -0.002;
  model.set_params(p);
  Eigen::MatrixXd data = Eigen::MatrixXd::Constant(kNx, kNy, 0.1), residual, jtj, dense;
  model.residual(data, residual);
  Eigen::VectorXd jtr;
  model.normal_equations(residual, jtj, jtr);
  model.jacobian(dense);
  const Eigen::Map<const Eigen::VectorXd> r(residual.data(), residual.size());
  EXPECT_LE((jtj - dense.transpose() * dense).norm(), 1e-12 * jtj.norm());
  EXPECT_LE((jtr - dense.transpose() * r).norm(), 1e-12 * jtr.norm());
}

TEST(RegionModel, PeakValueAtCentreIsHeight) {
  RegionModel model(Shape::kVoigt, 1, BaselineModel::kNone, kNx, kNy);
  Eigen::VectorXd p(7);
  p << 2.5, 10, 7, 1.3, 0.9, 1.1, 1.7;  // centre on a grid point
  model.set_params(p);
  Eigen::MatrixXd m;
  model.evaluate(m);
  EXPECT_DOUBLE_EQ(m(10, 7), 2.5);
  EXPECT_EQ(m.maxCoeff(), m(10, 7));
}

}  // namespace
}  // namespace voigt::detail
