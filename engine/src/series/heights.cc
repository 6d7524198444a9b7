// Fixed-shape heights: see heights.h for the method.
#include "series/heights.h"

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

// The x and y vectors of every column: peaks' normalised profiles, then the baseline terms as the
// region model writes them (c, then slopes from the region's centre).
void design_vectors(Shape shape, const std::vector<FixedShape>& peaks, BaselineModel baseline,
                    int nx, int ny, Eigen::MatrixXd* x_vectors, Eigen::MatrixXd* y_vectors) {
  const int num_peaks = static_cast<int>(peaks.size());
  const int columns = num_peaks + baseline_params(baseline);
  x_vectors->resize(nx, columns);
  y_vectors->resize(ny, columns);
  for (int m = 0; m < num_peaks; ++m) {
    const NormalisedProfile vx(shape, peaks[m].x), vy(shape, peaks[m].y);
    for (int i = 0; i < nx; ++i) (*x_vectors)(i, m) = vx(i - peaks[m].x_pt).value;
    for (int j = 0; j < ny; ++j) (*y_vectors)(j, m) = vy(j - peaks[m].y_pt).value;
  }
  if (baseline != BaselineModel::kNone) {
    x_vectors->col(num_peaks).setOnes();
    y_vectors->col(num_peaks).setOnes();
  }
  if (baseline == BaselineModel::kPlane) {
    const double cx = 0.5 * (nx - 1), cy = 0.5 * (ny - 1);
    for (int i = 0; i < nx; ++i) (*x_vectors)(i, num_peaks + 1) = i - cx;
    y_vectors->col(num_peaks + 1).setOnes();
    x_vectors->col(num_peaks + 2).setOnes();
    for (int j = 0; j < ny; ++j) (*y_vectors)(j, num_peaks + 2) = j - cy;
  }
}

// (AᵀA) = (UᵀU) ∘ (VᵀV) of the selected columns.
Eigen::MatrixXd gram_of(const Eigen::MatrixXd& x_vectors, const Eigen::MatrixXd& y_vectors) {
  return (x_vectors.transpose() * x_vectors).cwiseProduct(y_vectors.transpose() * y_vectors);
}

// True when the Gram matrix, scaled to unit diagonal, is positive definite with a reciprocal
// condition number of at least kMinReciprocalCondition; then *inverse is (AᵀA)^-1.
bool well_conditioned_inverse(const Eigen::MatrixXd& gram, Eigen::MatrixXd* inverse) {
  const Eigen::VectorXd diagonal = gram.diagonal();
  if (!(diagonal.array() > 0).all() || !diagonal.allFinite()) return false;
  const Eigen::VectorXd scale = diagonal.cwiseSqrt().cwiseInverse();
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(scale.asDiagonal() * gram * scale.asDiagonal());
  if (ldlt.info() != Eigen::Success || !(ldlt.vectorD().array() > 0).all() ||
      !(ldlt.rcond() >= kMinReciprocalCondition))
    return false;
  if (inverse)
    *inverse = scale.asDiagonal() *
               ldlt.solve(Eigen::MatrixXd::Identity(gram.rows(), gram.cols())) *
               scale.asDiagonal();
  return true;
}

}  // namespace

std::vector<int> separable_peaks(Shape shape,
                                 const std::vector<FixedShape>& peaks,
                                 BaselineModel baseline,
                                 int nx,
                                 int ny) {
  Eigen::MatrixXd x_vectors, y_vectors;
  design_vectors(shape, peaks, baseline, nx, ny, &x_vectors, &y_vectors);
  const Eigen::MatrixXd gram = gram_of(x_vectors, y_vectors);
  const int num_peaks = static_cast<int>(peaks.size());
  std::vector<int> kept;
  for (int b = num_peaks; b < gram.cols(); ++b) kept.push_back(b);  // baseline terms first
  const std::size_t num_baseline = kept.size();
  for (int m = 0; m < num_peaks; ++m) {
    kept.push_back(m);
    Eigen::MatrixXd sub(kept.size(), kept.size());
    for (std::size_t a = 0; a < kept.size(); ++a)
      for (std::size_t c = 0; c < kept.size(); ++c) sub(a, c) = gram(kept[a], kept[c]);
    if (!well_conditioned_inverse(sub, nullptr)) kept.pop_back();
  }
  return std::vector<int>(kept.begin() + num_baseline, kept.end());
}

FixedShapeDesign::FixedShapeDesign(Shape shape,
                                   const std::vector<FixedShape>& peaks,
                                   BaselineModel baseline,
                                   int nx,
                                   int ny)
    : num_peaks_(static_cast<int>(peaks.size())) {
  design_vectors(shape, peaks, baseline, nx, ny, &x_vectors_, &y_vectors_);
  for (int m = 0; m < num_peaks_; ++m) {
    area_x_.push_back(NormalisedProfile(shape, peaks[m].x).area());
    area_y_.push_back(NormalisedProfile(shape, peaks[m].y).area());
  }
  if (num_columns() == 0) return;
  // The condition test runs on the Gram matrix scaled to unit diagonal, so that it measures the
  // dependence of the columns, not their norms.
  if (!well_conditioned_inverse(gram_of(x_vectors_, y_vectors_), &gram_inverse_))
    throw std::runtime_error(
        "the heights cannot be separated with the shapes fixed (peaks coincide)");
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
