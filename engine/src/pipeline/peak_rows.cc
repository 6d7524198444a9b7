#include "pipeline/peak_rows.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "lineshape/fwhm.h"

namespace voigt::detail {
namespace {

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

// Clipping (a saturated receiver, a clipped FID) flattens a peak's top: many points of its core
// hold the same value, up to the noise. Counted over the core (within one FWHM of the fitted
// centre on each axis): the points within kPlateauNoise noise sd of the data's largest value,
// and the points within the same distance of the model's largest value. A lineshape's top is
// rounded, so the fit puts few points there; a plateau puts many in the data. kPlateauNoise = 4:
// the largest of a plateau's noisy points is ~2-3 sd above its level, so most of the plateau
// still counts. The relative floor (1e-5 of the top) stands in for the noise on noiseless data,
// above float rounding (6e-8). On the corner-case plane a peak of 2000 clipped at 600 puts ~30
// points on its plateau and ~2 of the fit's; unclipped peaks give about as many as their fit.
constexpr double kPlateauNoise = 4;
constexpr double kPlateauRelative = 1e-5;
constexpr int kMinPlateauPoints = 5;

bool looks_clipped(const RegionData& region, const RegionFit& fit, int k, double fwhm_x_pt,
                   double fwhm_y_pt, double noise) {
  const double height = fit.params[fit.model->height_index(k)];
  const double x_pt = fit.params[fit.model->x_index(k)], y_pt = fit.params[fit.model->y_index(k)];
  const double sign = height >= 0 ? 1 : -1;
  const int nx = region.nx(), ny = region.ny();
  const int i0 = std::max(0, static_cast<int>(std::floor(x_pt - std::max(1.0, fwhm_x_pt))));
  const int i1 = std::min(nx - 1, static_cast<int>(std::ceil(x_pt + std::max(1.0, fwhm_x_pt))));
  const int j0 = std::max(0, static_cast<int>(std::floor(y_pt - std::max(1.0, fwhm_y_pt))));
  const int j1 = std::min(ny - 1, static_cast<int>(std::ceil(y_pt + std::max(1.0, fwhm_y_pt))));
  if (!(i0 <= i1 && j0 <= j1)) return false;
  double data_top = -INFINITY, model_top = -INFINITY;
  for (int j = j0; j <= j1; ++j)
    for (int i = i0; i <= i1; ++i) {
      data_top = std::max(data_top, sign * region.values(i, j));
      model_top = std::max(model_top, sign * fit.fitted(i, j));
    }
  if (!(data_top > 0) || !std::isfinite(data_top)) return false;
  const double tolerance = std::max(kPlateauNoise * noise, kPlateauRelative * data_top);
  int on_data_top = 0, on_model_top = 0;
  for (int j = j0; j <= j1; ++j)
    for (int i = i0; i <= i1; ++i) {
      on_data_top += sign * region.values(i, j) >= data_top - tolerance;
      on_model_top += sign * fit.fitted(i, j) >= model_top - tolerance;
    }
  return on_data_top >= kMinPlateauPoints && on_data_top >= 2 * on_model_top + 3;
}

void clear_fit_numbers(PeakResult& row) {
  const PeakResult blank;
  row.x_ppm = row.y_ppm = row.height = row.volume = NAN;
  row.fwhm_x_hz = row.fwhm_y_hz = row.sigma_x_hz = row.gamma_x_hz = NAN;
  row.sigma_y_hz = row.gamma_y_hz = row.eta_x = row.eta_y = NAN;
  row.x_ppm_err = row.y_ppm_err = row.height_err = row.volume_err = NAN;
  row.r2 = row.snr = row.chi2_red = NAN;
  row.quality = blank.quality;
  row.flags.clear();
}

// Peak k of a fit, with its widths (points) read from the parameters once.
struct FittedPeak {
  FittedPeak(const RegionFit& region_fit, int peak)
      : fit(region_fit),
        model(*region_fit.model),
        k(peak),
        shape(model.shape()),
        wx(widths_from_params(shape, fit.params.data() + model.width_index(k, 0))),
        wy(widths_from_params(shape, fit.params.data() + model.width_index(k, 1))) {}
  const RegionFit& fit;
  const RegionModel& model;
  const int k;
  const Shape shape;
  const ProfileWidths wx, wy;
};

// Height, position and widths.
void fill_position_and_widths(const Spectrum2D& spectrum,
                              const RegionData& region,
                              const FittedPeak& peak,
                              PeakResult& row) {
  const RegionFit& fit = peak.fit;
  const RegionModel& model = peak.model;
  const int k = peak.k;
  const Shape shape = peak.shape;
  const ProfileWidths &wx = peak.wx, &wy = peak.wy;
  const double hz_x = spectrum.x.hz_per_pt(), hz_y = spectrum.y.hz_per_pt();
  row.height = fit.params[model.height_index(k)];
  row.x_ppm = spectrum.x.ppm_at(region.x_begin_pt + fit.params[model.x_index(k)]);
  row.y_ppm = spectrum.y.ppm_at(region.y_begin_pt + fit.params[model.y_index(k)]);
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
}

// The volume and the standard errors of height, position and volume from the fit's covariance.
void fill_volume_and_errors(const Spectrum2D& spectrum, const FittedPeak& peak, PeakResult& row) {
  const RegionFit& fit = peak.fit;
  const RegionModel& model = peak.model;
  const int k = peak.k;
  const Shape shape = peak.shape;
  const int o = model.height_index(k);
  // Volume = H * A_x * A_y with A = 1 / V(0) the area of the normalised profile (points), so
  // dVol/dH = A_x A_y and dVol/dw = -H A_x A_y (dV0/dw) / V0 for each width parameter w.
  const NormalisedProfile vx(shape, peak.wx), vy(shape, peak.wy);
  const double ax = vx.area(), ay = vy.area();
  row.volume = fit.params[o] * ax * ay;
  Eigen::VectorXd gradient = Eigen::VectorXd::Zero(fit.params.size());
  gradient[o] = ax * ay;
  double partials_x[2], partials_y[2];
  width_partials(shape, vx.centre(), partials_x);
  width_partials(shape, vy.centre(), partials_y);
  for (int m = 0; m < model.width_params_per_axis(); ++m) {
    gradient[model.width_index(k, 0) + m] = -row.volume * partials_x[m] * ax;
    gradient[model.width_index(k, 1) + m] = -row.volume * partials_y[m] * ay;
  }
  const Eigen::MatrixXd& c = fit.covariance;
  row.height_err = sqrt_or_nan(c(o, o));
  const int ix = model.x_index(k), iy = model.y_index(k);
  row.x_ppm_err = sqrt_or_nan(c(ix, ix)) * spectrum.x.ppm_per_pt();
  row.y_ppm_err = sqrt_or_nan(c(iy, iy)) * spectrum.y.ppm_per_pt();
  // Over the parameters the volume depends on (peak k's, which follow its height): a parameter
  // left out of the covariance (NaN) that does not move the volume (another peak's, or sigma of a
  // pseudo-Voigt at eta = 1) must not turn 0 x NaN into this peak's error.
  double volume_variance = 0;
  for (int a = o; a < o + model.params_per_peak(); ++a)
    for (int b = o; b < o + model.params_per_peak(); ++b)
      if (gradient[a] != 0 && gradient[b] != 0)
        volume_variance += gradient[a] * c(a, b) * gradient[b];
  row.volume_err = sqrt_or_nan(volume_variance);
}

// r2, chi2_red, snr, quality and iterations; clears the message first.
void fill_goodness_of_fit(const RegionData& region,
                          const RegionFit& fit,
                          int k,
                          double noise,
                          PeakResult& row) {
  const double n = static_cast<double>(region.values.size());
  const double mean = region.values.mean();
  const double tss = (region.values.array() - mean).square().sum();
  const double dof = std::max(1.0, n - fit.params.size());
  row.message.clear();
  row.r2 = tss > 0 ? 1 - fit.rss / tss : NAN;
  // No noise in the plane (a noiseless simulation): the residual rms is the only scale left.
  // chi2_red is then 1 by construction, and SNR compares the height with the misfit.
  double sd = noise;
  if (!(noise > 0)) {
    sd = std::sqrt(fit.rss / dof);
    add_note(row, "no noise in the plane: snr and chi2_red are against the fit's residual rms");
  }
  row.chi2_red = sd > 0 ? fit.rss / (sd * sd * dof) : NAN;
  row.snr = sd > 0 ? std::abs(fit.params[fit.model->height_index(k)]) / sd : NAN;
  row.quality = quality_from_r2(row.r2);
  row.iterations = fit.iterations;
}

// The flags: peak k's shape parameters at a bound, and "clipped" for a flat top (with a note).
void fill_flags(const Spectrum2D& spectrum,
                const RegionData& region,
                const RegionFit& fit,
                int k,
                double noise,
                PeakResult& row) {
  const Shape shape = fit.model->shape();
  const int o = fit.model->height_index(k);
  row.flags.clear();
  // Parameter i of peak k, after its height: x, y, then the widths (parameter_name's order).
  for (int i = 1; i < fit.model->params_per_peak(); ++i) {
    const double lo = fit.lower[o + i], hi = fit.upper[o + i], v = fit.params[o + i];
    // A Voigt gamma of 0 is a pure Gaussian, not a clipped fit.
    const bool at_lower = v <= lo && !(lo == 0 && parameter_name(shape, i)[0] == 'g');
    if (!at_lower && !(v >= hi)) continue;
    if (!row.flags.empty()) row.flags += ";";
    row.flags += std::string(parameter_name(shape, i)) + (at_lower ? "@lower" : "@upper");
  }
  // (A height at its bound, 0, is no peak at all: check_fitted_row fails that row.)
  const double hz_x = spectrum.x.hz_per_pt(), hz_y = spectrum.y.hz_per_pt();
  if (looks_clipped(
          region, fit, k, row.fwhm_x_hz / hz_x, row.fwhm_y_hz / hz_y, std::max(0.0, noise))) {
    if (!row.flags.empty()) row.flags += ";";
    row.flags += "clipped";
    add_note(row, "flat top (clipped or saturated data): height and volume are underestimated");
  }
}

}  // namespace

void add_note(PeakResult& row, const std::string& note) {
  if (note.empty()) return;
  if (!row.message.empty()) row.message += "; ";
  row.message += note;
}

void check_fitted_row(Shape shape, const RegionData& region, const RegionFit& fit, int k,
                      PeakResult& row) {
  if (row.status != PeakStatus::kOk && row.status != PeakStatus::kAdded) return;
  const double height = fit.params[fit.model->height_index(k)];
  const double largest = region.values.size() > 0 ? region.values.cwiseAbs().maxCoeff() : 0.0;
  std::string why;
  if (!(largest > 0)) {
    why = "no signal: every point of the cluster's region is 0";
  } else if (std::abs(height) <= kNegligibleHeight * largest) {
    std::ostringstream m;
    m << "no peak at the listed position: the fitted height (" << height
      << ") is 0 at the data's resolution, so its position and widths are undetermined";
    why = m.str();
  } else {
    const bool has_sigma = shape != Shape::kLorentzian, has_gamma = shape != Shape::kGaussian;
    const std::pair<const char*, double> columns[] = {
        {"x_ppm", row.x_ppm},           {"y_ppm", row.y_ppm},
        {"height", row.height},         {"volume", row.volume},
        {"fwhm_x_hz", row.fwhm_x_hz},   {"fwhm_y_hz", row.fwhm_y_hz},
        {"sigma_x_hz", has_sigma ? row.sigma_x_hz : 0},
        {"sigma_y_hz", has_sigma ? row.sigma_y_hz : 0},
        {"gamma_x_hz", has_gamma ? row.gamma_x_hz : 0},
        {"gamma_y_hz", has_gamma ? row.gamma_y_hz : 0},
        {"eta_x", shape == Shape::kPseudoVoigt ? row.eta_x : 0},
        {"eta_y", shape == Shape::kPseudoVoigt ? row.eta_y : 0},
        {"x_ppm_err", row.x_ppm_err},   {"y_ppm_err", row.y_ppm_err},
        {"height_err", row.height_err}, {"volume_err", row.volume_err},
        {"r2", row.r2},                 {"snr", row.snr},
        {"chi2_red", row.chi2_red}};
    std::ostringstream bad;
    for (const auto& [name, value] : columns)
      if (!std::isfinite(value)) bad << (bad.tellp() > 0 ? ", " : "") << name << " = " << value;
    if (bad.tellp() > 0) {
      why = "fit gave no finite " + bad.str();
      if (std::isnan(row.height_err) || std::isnan(row.x_ppm_err))
        why += " (the covariance is singular: the parameters are not identifiable)";
      if (std::isnan(row.r2)) why += " (the region's data are constant)";
    }
  }
  if (why.empty()) return;
  clear_fit_numbers(row);
  row.status = PeakStatus::kFailed;
  row.message = why;
}

Eigen::MatrixXd covariance_or_nan(const Eigen::MatrixXd& jtj, double s2,
                                  const std::vector<bool>& negligible) {
  const int n = static_cast<int>(jtj.rows());
  Eigen::MatrixXd covariance = Eigen::MatrixXd::Constant(n, n, NAN);
  std::vector<int> kept;
  for (int i = 0; i < n; ++i)
    if (!negligible[i]) kept.push_back(i);
  // Each pass drops the parameters whose pivots show them dependent on the others; a second
  // pass is rare (a drop exposing another), n passes the bound.
  for (int pass = 0; pass < n && !kept.empty(); ++pass) {
    const int m = static_cast<int>(kept.size());
    Eigen::MatrixXd sub(m, m);
    for (int a = 0; a < m; ++a)
      for (int b = 0; b < m; ++b) sub(a, b) = jtj(kept[a], kept[b]);
    // Pivots of the correlation form D^-1/2 JᵀJ D^-1/2 (unit diagonal) do not depend on the
    // parameters' units: pivot k is 1 - R² of parameter k regressed on those pivoted before it.
    Eigen::VectorXd inv_sd(m);
    for (int a = 0; a < m; ++a) inv_sd[a] = sub(a, a) > 0 ? 1 / std::sqrt(sub(a, a)) : 0.0;
    const Eigen::MatrixXd correlation = inv_sd.asDiagonal() * sub * inv_sd.asDiagonal();
    if (!correlation.allFinite()) break;
    // Eigen reports a NumericalIssue when rounding leaves a zero pivot before a nonzero one;
    // the pivots themselves still say which parameters are dependent, so they decide.
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(correlation);
    const Eigen::VectorXd d = ldlt.vectorD();
    if (!d.allFinite()) break;
    // Original position of each pivot: PAPᵀ = LDLᵀ, so pivot k is row (P [0..m-1])_k of `sub`.
    Eigen::VectorXd position = Eigen::VectorXd::LinSpaced(m, 0, m - 1);
    position = ldlt.transpositionsP() * position;
    std::vector<bool> dependent(m, false);
    bool any = false;
    for (int k = 0; k < m; ++k)
      if (!(d[k] > kRankTolerance)) {
        dependent[static_cast<int>(position[k])] = true;
        any = true;
      }
    if (any) {
      std::vector<int> rest;
      for (int a = 0; a < m; ++a)
        if (!dependent[a]) rest.push_back(kept[a]);
      kept = std::move(rest);
      continue;
    }
    const Eigen::MatrixXd inverse =
        s2 * inv_sd.asDiagonal() * ldlt.solve(Eigen::MatrixXd::Identity(m, m)) *
        inv_sd.asDiagonal();
    for (int a = 0; a < m; ++a)
      for (int b = 0; b < m; ++b) covariance(kept[a], kept[b]) = inverse(a, b);
    break;
  }
  return covariance;
}

void fill_peak_row(const Spectrum2D& spectrum, const RegionData& region, const RegionFit& fit,
                   int k, double noise, PeakResult& row) {
  const FittedPeak peak(fit, k);
  fill_position_and_widths(spectrum, region, peak, row);
  fill_volume_and_errors(spectrum, peak, row);
  fill_goodness_of_fit(region, fit, k, noise, row);
  fill_flags(spectrum, region, fit, k, noise, row);
}

PeakSlices peak_slices(const Spectrum2D& spectrum, const RegionData& region, const RegionFit& fit,
                       int k) {
  const RegionModel& model = *fit.model;
  const int nx = region.nx(), ny = region.ny();
  const int row =
      std::clamp(static_cast<int>(std::lround(fit.params[model.y_index(k)])), 0, ny - 1);
  const int col =
      std::clamp(static_cast<int>(std::lround(fit.params[model.x_index(k)])), 0, nx - 1);
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
