// Fixed-shape heights: see series_heights.h for the method.
#include "pipeline/series_heights.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace voigt::detail {
namespace {

// Below this reciprocal condition number of the column-normalised Gram matrix the heights of
// some combination of columns are not determined by the data (errors beyond 1e5 x noise per
// unit height); the cluster's peaks are then reported as failed rather than given huge errors.
constexpr double kMinReciprocalCondition = 1e-10;

}  // namespace

FixedShapeDesign::FixedShapeDesign(Shape shape,
                                   const std::vector<FixedShape>& peaks,
                                   BaselineModel baseline,
                                   int nx,
                                   int ny)
    : num_peaks_(static_cast<int>(peaks.size())) {
  const int columns = num_peaks_ + baseline_params(baseline);
  x_vectors_.resize(nx, columns);
  y_vectors_.resize(ny, columns);
  for (int m = 0; m < num_peaks_; ++m) {
    const NormalisedProfile vx(shape, peaks[m].x), vy(shape, peaks[m].y);
    for (int i = 0; i < nx; ++i) x_vectors_(i, m) = vx(i - peaks[m].x_pt).value;
    for (int j = 0; j < ny; ++j) y_vectors_(j, m) = vy(j - peaks[m].y_pt).value;
    area_x_.push_back(vx.area());
    area_y_.push_back(vy.area());
  }
  // Baseline terms as the region model writes them: c, then slopes from the region's centre.
  if (baseline != BaselineModel::kNone) {
    x_vectors_.col(num_peaks_).setOnes();
    y_vectors_.col(num_peaks_).setOnes();
  }
  if (baseline == BaselineModel::kPlane) {
    const double cx = 0.5 * (nx - 1), cy = 0.5 * (ny - 1);
    for (int i = 0; i < nx; ++i) x_vectors_(i, num_peaks_ + 1) = i - cx;
    y_vectors_.col(num_peaks_ + 1).setOnes();
    x_vectors_.col(num_peaks_ + 2).setOnes();
    for (int j = 0; j < ny; ++j) y_vectors_(j, num_peaks_ + 2) = j - cy;
  }
  if (columns == 0) return;

  // (AᵀA) = (UᵀU) ∘ (VᵀV), then scaled to unit diagonal so that the condition test measures
  // the dependence of the columns, not their norms.
  const Eigen::MatrixXd gram = (x_vectors_.transpose() * x_vectors_)
                                   .cwiseProduct(y_vectors_.transpose() * y_vectors_);
  const Eigen::VectorXd diagonal = gram.diagonal();
  if (!(diagonal.array() > 0).all() || !diagonal.allFinite())
    throw std::runtime_error("a peak profile vanishes on its region");
  const Eigen::VectorXd scale = diagonal.cwiseSqrt().cwiseInverse();
  const Eigen::MatrixXd normalised = scale.asDiagonal() * gram * scale.asDiagonal();
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(normalised);
  if (ldlt.info() != Eigen::Success || !(ldlt.vectorD().array() > 0).all() ||
      !(ldlt.rcond() >= kMinReciprocalCondition))
    throw std::runtime_error(
        "the heights cannot be separated with the shapes fixed (peaks coincide)");
  gram_inverse_ = scale.asDiagonal() *
                  ldlt.solve(Eigen::MatrixXd::Identity(columns, columns)) *
                  scale.asDiagonal();
}

PlaneSolution FixedShapeDesign::solve(const Eigen::MatrixXd& values, double noise) const {
  const int columns = num_columns();
  PlaneSolution s;
  // (Aᵀd)_c = a_cᵀ D b_c: one pass D * B, then a column-wise dot product.
  const Eigen::MatrixXd d_times_y = values * y_vectors_;
  Eigen::VectorXd atd(columns);
  for (int c = 0; c < columns; ++c) atd[c] = x_vectors_.col(c).dot(d_times_y.col(c));
  const Eigen::VectorXd coefficients = gram_inverse_ * atd;
  s.heights = coefficients.head(num_peaks_);
  s.errors.resize(num_peaks_);
  for (int m = 0; m < num_peaks_; ++m) {
    const double v = gram_inverse_(m, m);
    s.errors[m] = v >= 0 ? noise * std::sqrt(v) : NAN;
  }
  // The residual explicitly (not |d|^2 - hᵀAᵀd, which cancels when the fit is good).
  const Eigen::MatrixXd fitted =
      x_vectors_ * coefficients.asDiagonal() * y_vectors_.transpose();
  s.rss = (values - fitted).squaredNorm();
  const double dof = std::max(1.0, static_cast<double>(values.size()) - columns);
  s.chi2_red = s.rss / (noise * noise * dof);
  return s;
}

}  // namespace voigt::detail
