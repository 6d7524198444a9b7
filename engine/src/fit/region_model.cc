#include "fit/region_model.h"

#include <cassert>

namespace voigt::detail {

int width_params_per_dim(Shape shape) {
  switch (shape) {
    case Shape::kVoigt:
    case Shape::kPseudoVoigt: return 2;
    case Shape::kGaussian:
    case Shape::kLorentzian: return 1;
  }
  return 0;
}

int baseline_params(BaselineModel baseline) {
  switch (baseline) {
    case BaselineModel::kNone: return 0;
    case BaselineModel::kConstant: return 1;
    case BaselineModel::kPlane: return 3;
  }
  return 0;
}

ProfileWidths widths_from_params(Shape shape, const double* w) {
  switch (shape) {
    case Shape::kVoigt: return {w[0], w[1], 0};
    case Shape::kPseudoVoigt: return {w[0], w[0] * kPseudoVoigtGammaPerSigma, w[1]};
    case Shape::kGaussian: return {w[0], 0, 0};
    case Shape::kLorentzian: return {0, w[0], 0};
  }
  return {};
}

void width_params(Shape shape, const ProfileWidths& w, double* out) {
  switch (shape) {
    case Shape::kVoigt: out[0] = w.sigma, out[1] = w.gamma; return;
    case Shape::kPseudoVoigt: out[0] = w.sigma, out[1] = w.eta; return;
    case Shape::kGaussian: out[0] = w.sigma; return;
    case Shape::kLorentzian: out[0] = w.gamma; return;
  }
}

void width_partials(Shape shape, const ProfileValue& p, double* out) {
  switch (shape) {
    case Shape::kVoigt: out[0] = p.d_sigma, out[1] = p.d_gamma; return;
    case Shape::kPseudoVoigt:
      out[0] = p.d_sigma + kPseudoVoigtGammaPerSigma * p.d_gamma, out[1] = p.d_eta;
      return;
    case Shape::kGaussian: out[0] = p.d_sigma; return;
    case Shape::kLorentzian: out[0] = p.d_gamma; return;
  }
}

RegionModel::RegionModel(Shape shape, int num_peaks, BaselineModel baseline, int nx, int ny)
    : shape_(shape),
      baseline_(baseline),
      num_peaks_(num_peaks),
      per_peak_(3 + 2 * width_params_per_dim(shape)),
      num_baseline_(baseline_params(baseline)),
      width_params_(width_params_per_dim(shape)),
      nx_(nx),
      ny_(ny),
      vectors_per_peak_(2 + width_params_per_dim(shape)) {
  // Vector layout: the K profiles first, then the constant and the centred coordinate, then the
  // partials, kind t (1 d/dx, 2.. width partials) of peak k at index K + 2 + (t - 1) K + k. Every
  // Jacobian column pairs a profile, constant or coordinate on one axis with any vector on the
  // other, which is what normal_equations() exploits.
  const int K = num_peaks_;
  const int ones = K, coordinate = K + 1;
  auto partial = [&](int t, int k) { return K + 2 + (t - 1) * K + k; };
  for (int k = 0; k < K; ++k) {
    columns_.push_back({k, k});              // height
    columns_.push_back({partial(1, k), k});  // x0
    columns_.push_back({k, partial(1, k)});  // y0
    for (int m = 0; m < width_params_; ++m) columns_.push_back({partial(2 + m, k), k});
    for (int m = 0; m < width_params_; ++m) columns_.push_back({k, partial(2 + m, k)});
  }
  if (num_baseline_ >= 1) columns_.push_back({ones, ones});
  if (num_baseline_ == 3) {
    columns_.push_back({coordinate, ones});
    columns_.push_back({ones, coordinate});
  }
  assert(static_cast<int>(columns_.size()) == num_params());

  const int num_vectors = K + 2 + (vectors_per_peak_ - 1) * K;
  x_vectors_.setZero(nx_, num_vectors);
  y_vectors_.setZero(ny_, num_vectors);
  x_vectors_.col(ones).setOnes();
  y_vectors_.col(ones).setOnes();
  for (int i = 0; i < nx_; ++i) x_vectors_(i, coordinate) = i - 0.5 * (nx_ - 1);
  for (int j = 0; j < ny_; ++j) y_vectors_(j, coordinate) = j - 0.5 * (ny_ - 1);
  params_.setZero(num_params());
  column_scale_.setZero(num_params());
  heights_diag_profiles_.setZero(ny_, K);
  gram_x_.setZero(num_vectors, num_vectors);
  gram_y_.setZero(num_vectors, num_vectors);
  residual_times_y_.setZero(nx_, K + 2);
  residual_t_times_x_.setZero(ny_, K);
}

void RegionModel::set_params(const Eigen::VectorXd& params) {
  assert(params.size() == num_params());
  params_ = params;
  const int K = num_peaks_;
  double partials[2];
  for (int k = 0; k < K; ++k) {
    const double* p = params_.data() + k * per_peak_;
    for (int axis = 0; axis < 2; ++axis) {
      const double centre = p[1 + axis];
      const NormalisedProfile profile(shape_, widths_from_params(shape_, p + 3 + axis * width_params_));
      Eigen::MatrixXd& vectors = axis == 0 ? x_vectors_ : y_vectors_;
      const int n = axis == 0 ? nx_ : ny_;
      for (int i = 0; i < n; ++i) {
        const ProfileValue v = profile(i - centre);
        vectors(i, k) = v.value;
        vectors(i, K + 2 + k) = v.d_x;
        width_partials(shape_, v, partials);
        for (int m = 0; m < width_params_; ++m) vectors(i, K + 2 + (1 + m) * K + k) = partials[m];
      }
    }
  }
  update_column_scales();
}

void RegionModel::update_column_scales() {
  for (int k = 0; k < num_peaks_; ++k) {
    const double height = params_[k * per_peak_];
    double* scale = column_scale_.data() + k * per_peak_;
    scale[0] = 1;
    scale[1] = -height;  // d/dx0 of v(x - x0) is -v'
    scale[2] = -height;
    for (int m = 0; m < 2 * width_params_; ++m) scale[3 + m] = height;
  }
  for (int b = 0; b < num_baseline_; ++b) column_scale_[num_peaks_ * per_peak_ + b] = 1;
}

void RegionModel::evaluate(Eigen::MatrixXd& model) const {
  const int K = num_peaks_;
  Eigen::MatrixXd& scaled = heights_diag_profiles_;
  for (int k = 0; k < K; ++k) scaled.col(k) = y_vectors_.col(k) * params_[k * per_peak_];
  model.resize(nx_, ny_);
  model.noalias() = x_vectors_.leftCols(K) * scaled.transpose();
  const double* baseline = params_.data() + K * per_peak_;
  if (num_baseline_ >= 1) model.array() += baseline[0];
  if (num_baseline_ == 3) {
    const int coordinate = K + 1;
    model.colwise() += baseline[1] * x_vectors_.col(coordinate);
    model.rowwise() += baseline[2] * y_vectors_.col(coordinate).transpose();
  }
}

double RegionModel::residual(const Eigen::MatrixXd& data, Eigen::MatrixXd& residual) const {
  evaluate(residual);
  residual -= data;
  return 0.5 * residual.squaredNorm();
}

void RegionModel::normal_equations(const Eigen::MatrixXd& residual,
                                   Eigen::MatrixXd& jtj,
                                   Eigen::VectorXd& jtr) {
  gram_x_.noalias() = x_vectors_.transpose() * x_vectors_;
  gram_y_.noalias() = y_vectors_.transpose() * y_vectors_;
  // (Jᵀr)_j = c_j a_jᵀ R b_j, and b_j is a profile, the constant or the coordinate (then R b_j is
  // a column of R Y) or else a_j is a profile (then Rᵀ a_j is a column of Rᵀ X): two passes over
  // R with K + 2 and K vectors, instead of one with every partial.
  const int K = num_peaks_;
  residual_times_y_.noalias() = residual * y_vectors_.leftCols(K + 2);
  residual_t_times_x_.noalias() = residual.transpose() * x_vectors_.leftCols(K);
  const int P = num_params();
  jtj.resize(P, P);
  jtr.resize(P);
  for (int i = 0; i < P; ++i) {
    const Column& ci = columns_[i];
    jtr[i] = column_scale_[i] *
             (ci.y_index < K + 2
                  ? x_vectors_.col(ci.x_index).dot(residual_times_y_.col(ci.y_index))
                  : y_vectors_.col(ci.y_index).dot(residual_t_times_x_.col(ci.x_index)));
    for (int j = 0; j <= i; ++j) {
      const Column& cj = columns_[j];
      jtj(i, j) = jtj(j, i) = column_scale_[i] * column_scale_[j] *
                              gram_x_(ci.x_index, cj.x_index) * gram_y_(ci.y_index, cj.y_index);
    }
  }
}

void RegionModel::fill_column(int c, double* out) const {
  const Column& col = columns_[c];
  for (int y = 0; y < ny_; ++y)
    for (int x = 0; x < nx_; ++x)
      out[x + static_cast<std::ptrdiff_t>(nx_) * y] =
          column_scale_[c] * x_vectors_(x, col.x_index) * y_vectors_(y, col.y_index);
}

void RegionModel::jacobian(Eigen::MatrixXd& j) const {
  j.resize(static_cast<Eigen::Index>(nx_) * ny_, num_params());
  for (int c = 0; c < num_params(); ++c) fill_column(c, j.col(c).data());
}

void RegionModel::linear_columns(Eigen::MatrixXd& a) const {
  a.resize(static_cast<Eigen::Index>(nx_) * ny_, num_peaks_ + num_baseline_);
  for (int k = 0; k < num_peaks_; ++k) fill_column(k * per_peak_, a.col(k).data());
  for (int b = 0; b < num_baseline_; ++b)
    fill_column(num_peaks_ * per_peak_ + b, a.col(num_peaks_ + b).data());
}

}  // namespace voigt::detail
