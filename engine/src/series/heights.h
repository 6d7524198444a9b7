// Per-plane heights of peaks whose shapes are fixed: linear least squares on a separable design.
//
// With positions and widths fixed, the region model  sum_m h_m u_m(x) v_m(y) + baseline  is
// linear in the heights h (and baseline coefficients): d = A h + e, every column of A an outer
// product a_c ⊗ b_c of an x-vector and a y-vector (a peak's normalised profiles; ones and the
// centred coordinate for a constant or plane baseline). Hence, as in fit/region_model.h,
//   (AᵀA)_cd = (a_cᵀ a_d)(b_cᵀ b_d)      and      (Aᵀd)_c = a_cᵀ D b_c
// (D the region as an nx x ny matrix): the Gram matrix costs two small products and each plane
// one pass D * B. AᵀA depends only on the shapes, so it is factorised once per cluster and every
// plane is a back-substitution: this is what makes a series cost little more than its reference
// fit. The least-squares solution h = (AᵀA)^-1 Aᵀd has covariance sigma^2 (AᵀA)^-1 for white
// noise of sd sigma (the plane's noise): the conditional errors given the shapes (Bevington &
// Robinson, "Data Reduction and Error Analysis", 3rd ed., section 7.2). Shape errors are common
// to all planes and so scale every plane's height alike; they cancel in plane ratios and rates.
#ifndef VOIGT_INTERNAL_SERIES_HEIGHTS_H_
#define VOIGT_INTERNAL_SERIES_HEIGHTS_H_

#include <Eigen/Core>
#include <string>
#include <vector>

#include "fit/region_model.h"
#include "lineshape/profile.h"
#include "voigt/lineshape.h"

namespace voigt::detail {

// A peak's fixed shape in region-local grid points.
struct FixedShape {
  double x_pt = 0, y_pt = 0;  // centre, region-local (0 = the region's first point)
  ProfileWidths x, y;         // widths in points (eta for the pseudo-Voigt)
};

// The heights and their covariance of one plane.
struct PlaneSolution {
  Eigen::VectorXd heights;   // one per peak, in the order given (baseline terms left out)
  Eigen::VectorXd errors;    // sd of each height: noise sqrt((AᵀA)^-1_mm)
  double rss = 0;            // residual sum of squares over the region
  double chi2_red = 0;       // rss / (noise^2 (N - columns))
};

// The peaks (indices into `peaks`, ascending) that a linear fit can tell apart, chosen greedily
// in order: a peak is left out when its profile has no weight on the grid (a width collapsed to
// ~0 between grid points) or when its column depends on those of the peaks kept before it (two
// fits that converged on one peak). The baseline terms are always kept.
std::vector<int> separable_peaks(Shape shape,
                                 const std::vector<FixedShape>& peaks,
                                 BaselineModel baseline,
                                 int nx,
                                 int ny);

class FixedShapeDesign {
 public:
  // `peaks` in region-local points on an nx x ny region; baseline as the region model's.
  // Throws std::runtime_error when the columns are (numerically) dependent: two peaks with the
  // same shape and position cannot be told apart by a linear fit.
  FixedShapeDesign(Shape shape,
                   const std::vector<FixedShape>& peaks,
                   BaselineModel baseline,
                   int nx,
                   int ny);

  int num_peaks() const { return num_peaks_; }
  int num_columns() const { return static_cast<int>(x_vectors_.cols()); }
  // Integral of peak m's normalised profile along x (and y), in points: volume = h ax ay.
  double area_x(int m) const { return area_x_[m]; }
  double area_y(int m) const { return area_y_[m]; }

  // Least-squares heights for one plane's region values (nx x ny, x fastest) with noise sd.
  PlaneSolution solve(const Eigen::MatrixXd& values, double noise) const;

 private:
  int num_peaks_ = 0;
  Eigen::MatrixXd x_vectors_;  // nx x columns
  Eigen::MatrixXd y_vectors_;  // ny x columns
  Eigen::MatrixXd gram_inverse_;  // (AᵀA)^-1
  std::vector<double> area_x_, area_y_;
};

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_SERIES_HEIGHTS_H_
