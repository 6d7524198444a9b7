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

// The noise term of each reported peak: sigma_k^2 (G^-1)_mm on the diagonal, as the plane
// solutions' errors already hold it.
std::vector<Eigen::MatrixXd> noise_terms(const std::vector<PlaneSolution>& solutions,
                                         int num_reported) {
  const int planes = static_cast<int>(solutions.size());
  std::vector<Eigen::MatrixXd> out(num_reported, Eigen::MatrixXd::Zero(planes, planes));
  for (int m = 0; m < num_reported; ++m)
    for (int k = 0; k < planes; ++k)
      out[m](k, k) = solutions[k].errors[m] * solutions[k].errors[m];
  return out;
}

// JᵀJ of the model with the given shapes at unit heights: its height and baseline columns are
// A, the others J_theta(1). Formed from the model's separable Gram products, never the dense
// Jacobian: a region of 1e5 points with dozens of peaks would need gigabytes.
Eigen::MatrixXd unit_height_gram(RegionModel& model, const std::vector<FixedShape>& peaks) {
  Eigen::VectorXd p = Eigen::VectorXd::Zero(model.num_params());
  for (int c = 0; c < model.num_peaks(); ++c) {
    p[model.height_index(c)] = 1;
    p[model.x_index(c)] = peaks[c].x_pt;
    p[model.y_index(c)] = peaks[c].y_pt;
    width_params(model.shape(), peaks[c].x, p.data() + model.width_index(c, 0));
    width_params(model.shape(), peaks[c].y, p.data() + model.width_index(c, 1));
  }
  model.set_params(p);
  // The residual only enters Jᵀr, unused.
  Eigen::MatrixXd gram;
  Eigen::VectorXd unused;
  model.normal_equations(Eigen::MatrixXd::Zero(model.nx(), model.ny()), gram, unused);
  return gram;
}

// The model's columns by role. Jacobian columns of fixed shapes play no part: the reference
// normal matrix is formed over the height, baseline and free shape columns only.
struct ColumnRoles {
  std::vector<int> linear;      // heights, then baseline terms
  std::vector<int> theta;       // the free peaks' shape parameters (x0, y0, widths)
  std::vector<int> theta_peak;  // the peak of each theta column
};

ColumnRoles column_roles(const RegionModel& model, const std::vector<bool>& shape_free) {
  ColumnRoles roles;
  for (int c = 0; c < model.num_peaks(); ++c) {
    roles.linear.push_back(model.height_index(c));
    if (!shape_free[c]) continue;
    // A peak's shape parameters follow its height.
    for (int i = 1; i < model.params_per_peak(); ++i)
      roles.theta.push_back(model.height_index(c) + i), roles.theta_peak.push_back(c);
  }
  for (int b = model.baseline_index(); b < model.num_params(); ++b) roles.linear.push_back(b);
  return roles;
}

// Sigma_theta = sigma_ref^2 [(JᵀJ)^-1]_theta,theta from the reference fit's normal matrix:
// J = J(1) with the shape columns of peak c scaled by its reference height. False when even the
// pseudo-inverse cannot be formed.
bool shape_covariance(const Eigen::MatrixXd& gram,
                      const ColumnRoles& roles,
                      const std::vector<double>& reference_heights,
                      double reference_noise,
                      Eigen::MatrixXd* sigma_theta) {
  const int num_theta = static_cast<int>(roles.theta.size());
  std::vector<int> used = roles.theta;  // free shape columns first, then heights and baseline
  used.insert(used.end(), roles.linear.begin(), roles.linear.end());
  const int num_used = static_cast<int>(used.size());
  Eigen::MatrixXd reference_gram(num_used, num_used);
  for (int a = 0; a < num_used; ++a) {
    const double sa = a < num_theta ? reference_heights[roles.theta_peak[a]] : 1;
    for (int b = 0; b < num_used; ++b) {
      const double sb = b < num_theta ? reference_heights[roles.theta_peak[b]] : 1;
      reference_gram(a, b) = sa * sb * gram(used[a], used[b]);
    }
  }
  Eigen::MatrixXd inverse;
  if (!pseudo_inverse_scaled(reference_gram, &inverse)) return false;
  *sigma_theta = reference_noise * reference_noise * inverse.topLeftCorner(num_theta, num_theta);
  return true;
}

// W = G^-1 Aᵀ J_theta(1), its rows for the reported peaks: how each shape parameter moves each
// height, per unit height. False when G cannot be inverted.
bool height_sensitivity(const Eigen::MatrixXd& gram,
                        const ColumnRoles& roles,
                        int num_reported,
                        Eigen::MatrixXd* sensitivity) {
  const int num_linear = static_cast<int>(roles.linear.size());
  const int num_theta = static_cast<int>(roles.theta.size());
  Eigen::MatrixXd g(num_linear, num_linear), at_j(num_linear, num_theta);
  for (int a = 0; a < num_linear; ++a) {
    for (int b = 0; b < num_linear; ++b) g(a, b) = gram(roles.linear[a], roles.linear[b]);
    for (int i = 0; i < num_theta; ++i) at_j(a, i) = gram(roles.linear[a], roles.theta[i]);
  }
  Eigen::MatrixXd g_inverse;
  if (!invert_scaled(g, &g_inverse)) return false;
  *sensitivity = g_inverse.topRows(num_reported) * at_j;
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
  std::vector<Eigen::MatrixXd> out = noise_terms(solutions, num_reported);
  *shape_term_ok = false;
  if (num_peaks == 0) return out;

  RegionModel model(shape, num_peaks, baseline, nx, ny);
  const Eigen::MatrixXd gram = unit_height_gram(model, peaks);
  const ColumnRoles roles = column_roles(model, shape_free);
  Eigen::MatrixXd sigma_theta, sensitivity;
  if (!shape_covariance(gram, roles, reference_heights, reference_noise, &sigma_theta)) return out;
  if (!height_sensitivity(gram, roles, num_reported, &sensitivity)) return out;

  // The shape term B_k Sigma_theta B_lᵀ: B_k row m = W_m scaled by the plane-k heights of each
  // parameter's peak.
  const int num_theta = static_cast<int>(roles.theta.size());
  Eigen::MatrixXd z(num_theta, planes);
  for (int m = 0; m < num_reported; ++m) {
    for (int k = 0; k < planes; ++k)
      for (int i = 0; i < num_theta; ++i)
        z(i, k) = sensitivity(m, i) * solutions[k].heights[roles.theta_peak[i]];
    out[m] += z.transpose() * sigma_theta * z;
  }
  *shape_term_ok = true;
  return out;
}

}  // namespace voigt::detail
