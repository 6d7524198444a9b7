// fit_planes_jointly on synthetic planes with known shapes and heights: it recovers the truth
// from perturbed shapes, keeps fixed shapes fixed, and its height errors are honest.
#include "series/joint_fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "lineshape/profile.h"

namespace voigt::detail {
namespace {

constexpr int kNx = 40, kNy = 30, kPlanes = 3;

// Two overlapping Voigt peaks; the first decays fast, the second slowly.
std::vector<FixedShape> true_shapes() {
  FixedShape a, b;
  a.x_pt = 17.3, a.y_pt = 14.2, a.x = {1.6, 1.2, 0}, a.y = {1.1, 0.9, 0};
  b.x_pt = 22.1, b.y_pt = 15.6, b.x = {1.3, 1.5, 0}, b.y = {1.0, 1.1, 0};
  return {a, b};
}

Eigen::MatrixXd true_heights() {
  Eigen::MatrixXd h(2, kPlanes);
  h << 1000, 600, 360, 700, 650, 600;
  return h;
}

std::vector<Eigen::MatrixXd> planes(const std::vector<FixedShape>& shapes,
                                    const Eigen::MatrixXd& h) {
  std::vector<Eigen::MatrixXd> out(kPlanes, Eigen::MatrixXd::Zero(kNx, kNy));
  for (std::size_t m = 0; m < shapes.size(); ++m) {
    const NormalisedProfile vx(Shape::kVoigt, shapes[m].x), vy(Shape::kVoigt, shapes[m].y);
    for (int k = 0; k < kPlanes; ++k)
      for (int j = 0; j < kNy; ++j)
        for (int i = 0; i < kNx; ++i)
          out[k](i, j) += h(m, k) * vx(i - shapes[m].x_pt).value * vy(j - shapes[m].y_pt).value;
  }
  return out;
}

std::vector<FixedShape> perturbed(std::vector<FixedShape> shapes) {
  for (FixedShape& s : shapes) {
    s.x_pt += 0.3, s.y_pt -= 0.2;
    s.x.sigma *= 1.2, s.x.gamma *= 0.8, s.y.sigma *= 0.85, s.y.gamma *= 1.15;
  }
  return shapes;
}

TEST(SeriesJointFit, RecoversSharedShapesAndPerPlaneHeightsFromPerturbedStart) {
  const std::vector<FixedShape> truth = true_shapes();
  const std::vector<Eigen::MatrixXd> data = planes(truth, true_heights());
  const Eigen::MatrixXd start = 0.9 * true_heights();
  const JointFit fit = fit_planes_jointly(Shape::kVoigt, BaselineModel::kNone, perturbed(truth),
                                          {true, true}, start, data, {1.0, 1.0, 1.0}, 2, nullptr);
  ASSERT_EQ(fit.shapes.size(), 2u);
  for (int m = 0; m < 2; ++m) {
    EXPECT_NEAR(fit.shapes[m].x_pt, truth[m].x_pt, 1e-6) << m;
    EXPECT_NEAR(fit.shapes[m].y_pt, truth[m].y_pt, 1e-6) << m;
    EXPECT_NEAR(fit.shapes[m].x.sigma, truth[m].x.sigma, 1e-5) << m;
    EXPECT_NEAR(fit.shapes[m].x.gamma, truth[m].x.gamma, 1e-5) << m;
    EXPECT_NEAR(fit.shapes[m].y.sigma, truth[m].y.sigma, 1e-5) << m;
    EXPECT_NEAR(fit.shapes[m].y.gamma, truth[m].y.gamma, 1e-5) << m;
  }
  ASSERT_EQ(fit.height_covariances.size(), 2u);
  EXPECT_EQ(fit.height_covariances[0].rows(), kPlanes);
}

TEST(SeriesJointFit, FixedShapesStayAsGiven) {
  const std::vector<FixedShape> truth = true_shapes();
  const std::vector<Eigen::MatrixXd> data = planes(truth, true_heights());
  std::vector<FixedShape> start_shapes = perturbed(truth);
  start_shapes[1] = truth[1];  // a neighbour's shape, known from its own cluster
  const JointFit fit = fit_planes_jointly(Shape::kVoigt, BaselineModel::kNone, start_shapes,
                                          {true, false}, true_heights(), data, {1.0, 1.0, 1.0},
                                          1, nullptr);
  EXPECT_EQ(fit.shapes[1].x_pt, truth[1].x_pt);
  EXPECT_EQ(fit.shapes[1].y.gamma, truth[1].y.gamma);
  EXPECT_NEAR(fit.shapes[0].x_pt, truth[0].x_pt, 1e-6);
  EXPECT_EQ(fit.height_covariances.size(), 1u);
}

// Over noisy draws of the planes, each height lies within 2 of its standard errors of the truth
// for about 95 % of the heights: the covariance includes the shapes' uncertainty, neither
// inflated nor missing it.
TEST(SeriesJointFit, HeightErrorsCoverTheTruth) {
  const std::vector<FixedShape> truth = true_shapes();
  const Eigen::MatrixXd h = true_heights();
  const std::vector<Eigen::MatrixXd> clean = planes(truth, h);
  const std::vector<double> noise = {20.0, 25.0, 30.0};
  std::mt19937_64 engine(7);
  std::normal_distribution<double> gauss;  // any library's: only the coverage is asserted
  int within = 0, total = 0;
  for (int draw = 0; draw < 150; ++draw) {
    std::vector<Eigen::MatrixXd> data = clean;
    for (int k = 0; k < kPlanes; ++k)
      for (Eigen::Index i = 0; i < data[k].size(); ++i) data[k](i) += noise[k] * gauss(engine);
    const JointFit fit = fit_planes_jointly(Shape::kVoigt, BaselineModel::kNone, truth,
                                            {true, true}, h, data, noise, 2, nullptr);
    // The heights at the fitted shapes: the per-plane linear solve series_fit does next.
    const FixedShapeDesign design(Shape::kVoigt, fit.shapes, BaselineModel::kNone, kNx, kNy);
    for (int k = 0; k < kPlanes; ++k) {
      const PlaneSolution s = design.solve(data[k], noise[k]);
      for (int m = 0; m < 2; ++m) {
        const double sd = std::sqrt(fit.height_covariances[m](k, k));
        within += std::abs(s.heights[m] - h(m, k)) <= 2 * sd;
        ++total;
      }
    }
  }
  const double fraction = double(within) / total;
  std::printf("joint fit: heights within 2 sd of the truth: %.1f %% of %d\n", 100 * fraction,
              total);
  // 95.4 % expected; 900 heights give a binomial sd of 0.7 %, and the heights of one draw are
  // correlated (shared shapes), so the band is about 4 sd either side.
  EXPECT_GE(fraction, 0.92);
  EXPECT_LE(fraction, 0.98);
}

}  // namespace
}  // namespace voigt::detail
