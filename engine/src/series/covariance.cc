// Height covariances across planes: see covariance.h for the derivation.
#include "series/covariance.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>

namespace voigt::detail {
namespace {

// The inverse of a symmetric positive definite matrix, computed on its unit-diagonal scaling so
// that parameters of very different units (intensities ~1e7, widths ~1 point) do not spoil the
// factorisation. False when M is not positive definite to working precision.
bool invert_scaled(const Eigen::MatrixXd& m, Eigen::MatrixXd* inverse) {
  const Eigen::VectorXd d = m.diagonal();
  if (!(d.array() > 0).all() || !d.allFinite()) return false;
  const Eigen::VectorXd s = d.cwiseSqrt().cwiseInverse();
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(s.asDiagonal() * m * s.asDiagonal());
  if (ldlt.info() != Eigen::Success || !(ldlt.vectorD().array() > 0).all() ||
      !(ldlt.rcond() > 1e-14))
    return false;
  *inverse = s.asDiagonal() * ldlt.solve(Eigen::MatrixXd::Identity(m.rows(), m.cols())) *
             s.asDiagonal();
  return true;
}

// The Moore-Penrose inverse of a symmetric positive semi-definite matrix, on its unit-diagonal
// scaling, dropping eigenvalues below 1e-12 of the largest. A degenerate reference fit (a width
// collapsed at its bound, a peak with no weight on the grid) leaves directions the data do not
// determine; they do not change the model either, so they carry no height uncertainty.
bool pseudo_inverse_scaled(const Eigen::MatrixXd& m, Eigen::MatrixXd* inverse) {
  Eigen::VectorXd s = m.diagonal();
  if (!s.allFinite()) return false;
  for (Eigen::Index i = 0; i < s.size(); ++i) s[i] = s[i] > 0 ? 1 / std::sqrt(s[i]) : 1;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(s.asDiagonal() * m * s.asDiagonal());
  if (eigen.info() != Eigen::Success) return false;
  const Eigen::VectorXd& values = eigen.eigenvalues();
  const double cutoff = 1e-12 * values.maxCoeff();
  Eigen::VectorXd inverted(values.size());
  for (Eigen::Index i = 0; i < values.size(); ++i)
    inverted[i] = values[i] > cutoff ? 1 / values[i] : 0;
  *inverse = s.asDiagonal() * eigen.eigenvectors() * inverted.asDiagonal() *
             eigen.eigenvectors().transpose() * s.asDiagonal();
  return true;
}

}  // namespace

std::vector<Eigen::MatrixXd> height_covariances(Shape shape,
                                                BaselineModel baseline,
                                                const std::vector<FixedShape>& peaks,
                                                const std::vector<bool>& shape_free,
                                                const std::vector<double>& reference_heights,
                                                double reference_noise,
                                                const std::vector<PlaneSolution>& solutions,
                                                int nx,
                                                int ny,
                                                int num_reported,
                                                bool* shape_term_ok) {
  const int num_peaks = static_cast<int>(peaks.size());
  const int planes = static_cast<int>(solutions.size());
  // The noise term: sigma_k^2 (G^-1)_mm, as the plane solutions' errors already hold it.
  std::vector<Eigen::MatrixXd> out(num_reported, Eigen::MatrixXd::Zero(planes, planes));
  for (int m = 0; m < num_reported; ++m)
    for (int k = 0; k < planes; ++k)
      out[m](k, k) = solutions[k].errors[m] * solutions[k].errors[m];
  *shape_term_ok = false;
  if (num_peaks == 0) return out;
  // Jacobian columns of fixed shapes play no part: the reference normal matrix below is formed
  // over the height, baseline and free shape columns only.

  // The model at unit heights: its height and baseline columns are A, the others J_theta(1).
  RegionModel model(shape, num_peaks, baseline, nx, ny);
  const int per_peak = model.params_per_peak();
  Eigen::VectorXd p = Eigen::VectorXd::Zero(model.num_params());
  for (int c = 0; c < num_peaks; ++c) {
    p[model.height_index(c)] = 1;
    p[model.x_index(c)] = peaks[c].x_pt;
    p[model.y_index(c)] = peaks[c].y_pt;
    width_params(shape, peaks[c].x, p.data() + model.width_index(c, 0));
    width_params(shape, peaks[c].y, p.data() + model.width_index(c, 1));
  }
  model.set_params(p);
  // JᵀJ from the model's separable Gram products (never the dense Jacobian: a region of 1e5
  // points with dozens of peaks would need gigabytes). The residual only enters Jᵀr, unused.
  Eigen::MatrixXd gram;
  Eigen::VectorXd unused;
  model.normal_equations(Eigen::MatrixXd::Zero(nx, ny), gram, unused);
  std::vector<int> linear, theta, theta_peak;
  for (int c = 0; c < num_peaks; ++c) {
    linear.push_back(model.height_index(c));
    if (!shape_free[c]) continue;
    for (int i = 1; i < per_peak; ++i)
      theta.push_back(model.height_index(c) + i), theta_peak.push_back(c);
  }
  for (int b = model.baseline_index(); b < model.num_params(); ++b) linear.push_back(b);
  const int num_theta = static_cast<int>(theta.size());

  // Sigma_theta from the reference fit's normal matrix: J = J(1) with the shape columns of
  // peak c scaled by its reference height.
  std::vector<int> used = theta;  // free shape columns first, then heights and baseline
  used.insert(used.end(), linear.begin(), linear.end());
  const int num_used = static_cast<int>(used.size());
  Eigen::MatrixXd reference_gram(num_used, num_used);
  for (int a = 0; a < num_used; ++a) {
    const double sa = a < num_theta ? reference_heights[theta_peak[a]] : 1;
    for (int b = 0; b < num_used; ++b) {
      const double sb = b < num_theta ? reference_heights[theta_peak[b]] : 1;
      reference_gram(a, b) = sa * sb * gram(used[a], used[b]);
    }
  }
  Eigen::MatrixXd inverse;
  if (!pseudo_inverse_scaled(reference_gram, &inverse)) return out;
  const Eigen::MatrixXd sigma_theta =
      reference_noise * reference_noise * inverse.topLeftCorner(num_theta, num_theta);

  // W = G^-1 Aᵀ J_theta(1): how each shape parameter moves each height, per unit height.
  const int num_linear = static_cast<int>(linear.size());
  Eigen::MatrixXd g(num_linear, num_linear), at_j(num_linear, num_theta);
  for (int a = 0; a < num_linear; ++a) {
    for (int b = 0; b < num_linear; ++b) g(a, b) = gram(linear[a], linear[b]);
    for (int i = 0; i < num_theta; ++i) at_j(a, i) = gram(linear[a], theta[i]);
  }
  Eigen::MatrixXd g_inverse;
  if (!invert_scaled(g, &g_inverse)) return out;
  const Eigen::MatrixXd sensitivity = g_inverse.topRows(num_reported) * at_j;

  // B_k row m = W_m scaled by the plane-k heights of each parameter's peak.
  Eigen::MatrixXd z(num_theta, planes);
  for (int m = 0; m < num_reported; ++m) {
    for (int k = 0; k < planes; ++k)
      for (int i = 0; i < num_theta; ++i)
        z(i, k) = sensitivity(m, i) * solutions[k].heights[theta_peak[i]];
    out[m] += z.transpose() * sigma_theta * z;
  }
  *shape_term_ok = true;
  return out;
}

}  // namespace voigt::detail
