#include "pipeline/peak_rows.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace voigt::detail {
namespace {

constexpr double kGaussFwhmPerSigma = 2.35482004503094938202;  // 2 sqrt(2 ln 2)

double fwhm_pt(Shape shape, const ProfileWidths& w) {
  switch (shape) {
    case Shape::kVoigt: return voigt_fwhm(w.sigma, w.gamma);
    case Shape::kPseudoVoigt:
    case Shape::kGaussian: return kGaussFwhmPerSigma * w.sigma;
    case Shape::kLorentzian: return 2 * w.gamma;
  }
  return NAN;
}

double sqrt_or_nan(double variance) { return variance >= 0 ? std::sqrt(variance) : NAN; }

const char* parameter_name(Shape shape, int i) {
  static const char* kVoigt[] = {"height", "x", "y", "sigma_x", "gamma_x", "sigma_y", "gamma_y"};
  static const char* kPseudo[] = {"height", "x", "y", "sigma_x", "eta_x", "sigma_y", "eta_y"};
  static const char* kGauss[] = {"height", "x", "y", "sigma_x", "sigma_y"};
  static const char* kLorentz[] = {"height", "x", "y", "gamma_x", "gamma_y"};
  switch (shape) {
    case Shape::kVoigt: return kVoigt[i];
    case Shape::kPseudoVoigt: return kPseudo[i];
    case Shape::kGaussian: return kGauss[i];
    case Shape::kLorentzian: return kLorentz[i];
  }
  return "?";
}

}  // namespace

void fill_peak_row(const Spectrum2D& spectrum, const RegionData& region, const RegionFit& fit,
                   int k, double noise, PeakResult& row) {
  const RegionModel& model = *fit.model;
  const Shape shape = model.shape();
  const int per_peak = model.params_per_peak(), w = width_params_per_dim(shape);
  const int o = k * per_peak;
  const double* p = fit.params.data() + o;
  const ProfileWidths wx = widths_from_params(shape, p + 3);
  const ProfileWidths wy = widths_from_params(shape, p + 3 + w);
  const double hz_x = spectrum.x.hz_per_pt(), hz_y = spectrum.y.hz_per_pt();

  row.height = p[0];
  row.x_ppm = spectrum.x.ppm_at(region.x_begin_pt + p[1]);
  row.y_ppm = spectrum.y.ppm_at(region.y_begin_pt + p[2]);
  row.fwhm_x_hz = fwhm_pt(shape, wx) * hz_x;
  row.fwhm_y_hz = fwhm_pt(shape, wy) * hz_y;
  const bool has_sigma = shape != Shape::kLorentzian;
  const bool has_gamma = shape != Shape::kGaussian;
  row.sigma_x_hz = has_sigma ? wx.sigma * hz_x : NAN;
  row.sigma_y_hz = has_sigma ? wy.sigma * hz_y : NAN;
  row.gamma_x_hz = has_gamma ? wx.gamma * hz_x : NAN;
  row.gamma_y_hz = has_gamma ? wy.gamma * hz_y : NAN;
  row.eta_x = shape == Shape::kPseudoVoigt ? wx.eta : NAN;
  row.eta_y = shape == Shape::kPseudoVoigt ? wy.eta : NAN;

  // Volume = H * A_x * A_y with A = 1 / V(0) the area of the normalised profile (points), so
  // dVol/dH = A_x A_y and dVol/dw = -H A_x A_y (dV0/dw) / V0 for each width parameter w.
  const NormalisedProfile vx(shape, wx), vy(shape, wy);
  const double ax = vx.area(), ay = vy.area();
  row.volume = p[0] * ax * ay;
  Eigen::VectorXd gradient = Eigen::VectorXd::Zero(fit.params.size());
  gradient[o] = ax * ay;
  double partials_x[2], partials_y[2];
  width_partials(shape, vx.centre(), partials_x);
  width_partials(shape, vy.centre(), partials_y);
  for (int m = 0; m < w; ++m) {
    gradient[o + 3 + m] = -row.volume * partials_x[m] * ax;
    gradient[o + 3 + w + m] = -row.volume * partials_y[m] * ay;
  }
  const Eigen::MatrixXd& c = fit.covariance;
  row.height_err = sqrt_or_nan(c(o, o));
  row.x_ppm_err = sqrt_or_nan(c(o + 1, o + 1)) * spectrum.x.ppm_per_pt();
  row.y_ppm_err = sqrt_or_nan(c(o + 2, o + 2)) * spectrum.y.ppm_per_pt();
  row.volume_err = sqrt_or_nan(gradient.dot(c * gradient));

  const double n = static_cast<double>(region.values.size());
  const double mean = region.values.mean();
  const double tss = (region.values.array() - mean).square().sum();
  row.r2 = tss > 0 ? 1 - fit.rss / tss : NAN;
  row.chi2_red = fit.rss / (noise * noise * std::max(1.0, n - fit.params.size()));
  row.snr = std::abs(p[0]) / noise;
  row.quality = quality_from_r2(row.r2);
  row.iterations = fit.iterations;

  row.flags.clear();
  for (int i = 1; i < per_peak; ++i) {
    const double lo = fit.lower[o + i], hi = fit.upper[o + i], v = fit.params[o + i];
    // A Voigt gamma of 0 is a pure Gaussian, not a clipped fit.
    const bool at_lower = v <= lo && !(lo == 0 && parameter_name(shape, i)[0] == 'g');
    if (!at_lower && !(v >= hi)) continue;
    if (!row.flags.empty()) row.flags += ";";
    row.flags += std::string(parameter_name(shape, i)) + (at_lower ? "@lower" : "@upper");
  }
}

PeakSlices peak_slices(const Spectrum2D& spectrum, const RegionData& region, const RegionFit& fit,
                       int k) {
  const double* p = fit.params.data() + k * fit.model->params_per_peak();
  const int nx = region.nx(), ny = region.ny();
  const int row = std::clamp(static_cast<int>(std::lround(p[2])), 0, ny - 1);
  const int col = std::clamp(static_cast<int>(std::lround(p[1])), 0, nx - 1);
  PeakSlices s;
  for (int i = 0; i < nx; ++i) {
    s.x_ppm.push_back(spectrum.x.ppm_at(region.x_begin_pt + i));
    s.x_data.push_back(region.values(i, row));
    s.x_fit.push_back(fit.fitted(i, row));
  }
  for (int j = 0; j < ny; ++j) {
    s.y_ppm.push_back(spectrum.y.ppm_at(region.y_begin_pt + j));
    s.y_data.push_back(region.values(col, j));
    s.y_fit.push_back(fit.fitted(col, j));
  }
  return s;
}

}  // namespace voigt::detail
