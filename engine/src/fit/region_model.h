// The model of one rectangular region of a 2D spectrum: a sum of peaks
//   H * v_x(x - x0) * v_y(y - y0)
// (each profile normalised to 1 at its centre, own sigma/gamma per dimension) plus a constant or
// plane baseline, with its analytic Jacobian.
//
// Separability is what makes it fast. Each peak's profile is evaluated once per point of each
// axis (O(nx + ny) Faddeeva evaluations, not O(nx * ny)), and every Jacobian column is an outer
// product c * (a ⊗ b) of an x-vector a and a y-vector b (e.g. d/dx0 = -H u'(x) ⊗ v(y)). Hence
//   (JᵀJ)_ij = c_i c_j (a_iᵀ a_j)(b_iᵀ b_j)    and    (Jᵀr)_j = c_j a_jᵀ R b_j,
// so the normal equations cost two small Gram matrices plus one pass R * B over the region,
// never the dense (nx ny) x P Jacobian (which jacobian() still forms, for tests).
//
// Units: coordinates are region-local grid points (0 .. nx-1, x fastest); widths are in points.
// Parameter layout, per peak k at k * params_per_peak():
//   height, x0_pt, y0_pt, then the x width parameters, then the y width parameters, where the
//   width parameters per dimension are   Voigt: sigma, gamma   pseudo-Voigt: sigma, eta
//   Gaussian: sigma   Lorentzian: gamma.   (The pseudo-Voigt ties gamma = sigma sqrt(2 ln 2),
//   equal FWHM for both components, so that eta is identifiable.)
// After the peaks: the baseline, constant [c] or plane [c, slope_x, slope_y], the plane measured
// from the region's centre.
#ifndef VOIGT_INTERNAL_FIT_REGION_MODEL_H_
#define VOIGT_INTERNAL_FIT_REGION_MODEL_H_

#include <Eigen/Core>
#include <vector>

#include "lineshape/profile.h"
#include "voigt/lineshape.h"

namespace voigt::detail {

enum class BaselineModel { kNone, kConstant, kPlane };

// Widths of one dimension of one peak in the profile's terms, from the parameter vector.
ProfileWidths widths_from_params(Shape shape, const double* width_params);
// The inverse: one dimension's width parameters from profile widths.
void width_params(Shape shape, const ProfileWidths& widths, double* out);
int width_params_per_dim(Shape shape);
// The partials of a profile value with respect to this shape's width parameters, in order.
void width_partials(Shape shape, const ProfileValue& p, double* out);
int baseline_params(BaselineModel baseline);
// sqrt(2 ln 2): pseudo-Voigt gamma per sigma at equal FWHM.
constexpr double kPseudoVoigtGammaPerSigma = 1.17741002251547469101;

class RegionModel {
 public:
  RegionModel(Shape shape, int num_peaks, BaselineModel baseline, int nx, int ny);

  int num_params() const { return num_peaks_ * per_peak_ + num_baseline_; }
  int params_per_peak() const { return per_peak_; }
  int width_params_per_axis() const { return width_params_; }
  // Where peak k's parameters sit in the parameter vector (the layout above).
  int height_index(int k) const { return k * per_peak_; }
  int x_index(int k) const { return k * per_peak_ + 1; }
  int y_index(int k) const { return k * per_peak_ + 2; }
  // The first width parameter of peak k along axis 0 (x) or 1 (y).
  int width_index(int k, int axis) const { return k * per_peak_ + 3 + axis * width_params_; }
  // The first baseline parameter, after every peak's.
  int baseline_index() const { return num_peaks_ * per_peak_; }
  int num_peaks() const { return num_peaks_; }
  int nx() const { return nx_; }
  int ny() const { return ny_; }
  Shape shape() const { return shape_; }
  BaselineModel baseline() const { return baseline_; }

  // Evaluates the per-axis profile tables for `params`; the methods below read them.
  void set_params(const Eigen::VectorXd& params);
  // Model values on the grid, nx x ny (x fastest, as the spectrum).
  void evaluate(Eigen::MatrixXd& model) const;
  // residual = model - data; returns 0.5 |residual|^2.
  double residual(const Eigen::MatrixXd& data, Eigen::MatrixXd& residual) const;
  // JᵀJ and Jᵀr from a residual computed at the current parameters.
  void normal_equations(const Eigen::MatrixXd& residual,
                        Eigen::MatrixXd& jtj,
                        Eigen::VectorXd& jtr);
  // The dense (nx * ny) x num_params Jacobian, row index x + nx * y.
  void jacobian(Eigen::MatrixXd& j) const;
  // Only the columns of the parameters the model is linear in (heights, then baseline): the
  // design matrix of the heights for fixed shapes, without forming the whole Jacobian.
  void linear_columns(Eigen::MatrixXd& a) const;

 private:
  // Column j of the Jacobian is scale_j * (x_vectors_.col(x_index_j) ⊗ y_vectors_.col(y_index_j)).
  struct Column {
    int x_index;
    int y_index;
  };
  void update_column_scales();
  void fill_column(int c, double* out) const;

  Shape shape_;
  BaselineModel baseline_;
  int num_peaks_, per_peak_, num_baseline_, width_params_;
  int nx_, ny_;
  int vectors_per_peak_;        // profile, d/dx, one per width parameter
  std::vector<Column> columns_;
  Eigen::VectorXd params_;
  Eigen::VectorXd column_scale_;
  Eigen::MatrixXd x_vectors_;   // nx x (peaks * vectors_per_peak + 2): profiles, 1, x - centre, ...
  Eigen::MatrixXd y_vectors_;   // ny x (same)
  mutable Eigen::MatrixXd heights_diag_profiles_;  // scratch: y profiles scaled by heights
  Eigen::MatrixXd gram_x_, gram_y_;
  Eigen::MatrixXd residual_times_y_;    // R * (profiles, 1, coordinate), nx x (K + 2)
  Eigen::MatrixXd residual_t_times_x_;  // Rᵀ * profiles, ny x K
};

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_FIT_REGION_MODEL_H_
