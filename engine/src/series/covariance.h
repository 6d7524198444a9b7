// Covariance across planes of a peak's heights when the shapes come from a fit of the reference
// plane: the plane's own noise plus the shape uncertainty that all planes share.
//
// Per plane k the heights are h_k = G^-1 Aᵀ d_k with A = A(theta) the unit-height profile (and
// baseline) columns, G = AᵀA, theta the shape parameters (positions, widths) fitted on the
// reference plane d_ref (the sum of planes, or plane K). To first order in the noise e,
//   h_k - E h_k = G^-1 Aᵀ e_k  -  B_k dtheta,     B_k = G^-1 Aᵀ J_theta(h_k),
//   dtheta = S e_ref,    S = the theta rows of (JᵀJ)^-1 Jᵀ,
// where J_theta(h) = d(A h)/dtheta (each peak's shape columns scaled by its height) and
// J = [J_theta(H), A] is the reference fit's Jacobian at its heights H. Because A is part of J,
// S A = 0: the shape error is uncorrelated with the plane noise seen through G^-1 Aᵀ (white
// noise in each plane, e_ref = sum of the planes' e or one of them), and
//   Cov(h_k, h_l) = delta_kl sigma_k^2 G^-1  +  B_k Sigma_theta B_lᵀ,
//   Sigma_theta = sigma_ref^2 [(JᵀJ)^-1]_theta,theta.
// Both terms matter for overlapped peaks: an error in a neighbour's shape moves a fraction of the
// neighbour's height into the peak, and the neighbour decays at its own rate, so that fraction
// biases the peak's rate. (For a peak's own shape the error scales all its planes alike and only
// moves I0.) The same linearisation as the covariance of any least-squares fit (Seber & Wild,
// "Nonlinear Regression", 1989, section 2.1; Golub & Pereyra, Inverse Problems 19 (2003) R1 on
// separable problems).
#ifndef VOIGT_INTERNAL_SERIES_COVARIANCE_H_
#define VOIGT_INTERNAL_SERIES_COVARIANCE_H_

#include <Eigen/Core>
#include <vector>

#include "fit/region_model.h"
#include "series/heights.h"

namespace voigt::detail {

// For each of the first `num_reported` peaks, the planes x planes covariance of its heights.
// `peaks` as given to FixedShapeDesign (same order); `shape_free[c]` says whether peak c's shape
// was fitted on this region's reference (else it is taken as exact: a tail from outside);
// `reference_heights` their heights in the
// reference plane, `solutions` the per-plane solutions of that design (their errors hold the noise
// term) and `reference_noise` the noise sd of the reference plane. Directions of the shape
// parameters that the reference data do not determine (a degenerate fit) are left out (pseudo-
// inverse). When a matrix cannot be factorised at all, only the noise term is returned and
// *shape_term_ok is false.
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
                                                bool* shape_term_ok);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_SERIES_COVARIANCE_H_
