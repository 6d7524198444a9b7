#include "pipeline/initial_estimates.h"

#include <algorithm>
#include <cmath>

#include <Eigen/QR>

#include "lineshape/fwhm.h"

namespace voigt::detail {
namespace {

constexpr double kDefaultFwhmPt = 3;  // when no half-height crossing lies inside the region

// Distance from `centre` to where |values| first falls below `half` walking in direction `step`
// along one axis, linearly interpolated; NaN when it never does inside the region.
double half_height_distance(const Eigen::MatrixXd& values, int i, int j, int di, int dj,
                            double half) {
  double previous = std::abs(values(i, j));
  for (int s = 1;; ++s) {
    const int x = i + s * di, y = j + s * dj;
    if (x < 0 || y < 0 || x >= values.rows() || y >= values.cols()) return NAN;
    const double v = std::abs(values(x, y));
    if (v <= half) return s - 1 + (previous - half) / (previous - v);
    previous = v;
  }
}

double measured_fwhm(const Eigen::MatrixXd& values, int i, int j, int di, int dj, double height) {
  const double half = 0.5 * std::abs(height);
  const double a = half_height_distance(values, i, j, -di, -dj, half);
  const double b = half_height_distance(values, i, j, di, dj, half);
  if (std::isnan(a) && std::isnan(b)) return kDefaultFwhmPt;
  if (std::isnan(a)) return 2 * b;
  if (std::isnan(b)) return 2 * a;
  // The side facing an overlapping neighbour runs long; the shorter side is the peak's own.
  return 2 * std::min(a, b);
}

// Vertex offset of the parabola through three samples, clamped to half a point.
double parabolic_offset(double left, double centre, double right) {
  const double curvature = left - 2 * centre + right;
  if (curvature == 0) return 0;
  return std::clamp(0.5 * (left - right) / curvature, -0.5, 0.5);
}

void widths_for(Shape shape, double fwhm_pt, double half_window_pt, double* out, double* lo,
                double* hi) {
  const double f = std::clamp(fwhm_pt, 0.5, std::max(0.5, 2 * half_window_pt));
  switch (shape) {
    case Shape::kVoigt: {
      const double f_l = 0.5 * f;
      const double f_g = olivero_longbothum_gauss_fwhm(f, f_l);
      out[0] = f_g / kGaussFwhmPerSigma, lo[0] = kMinSigmaPt, hi[0] = half_window_pt;
      out[1] = f_l / 2, lo[1] = 0, hi[1] = half_window_pt;
      return;
    }
    case Shape::kPseudoVoigt:
      out[0] = f / kGaussFwhmPerSigma, lo[0] = kMinSigmaPt, hi[0] = half_window_pt;
      out[1] = 0.5, lo[1] = 0, hi[1] = 1;
      return;
    case Shape::kGaussian:
      out[0] = f / kGaussFwhmPerSigma, lo[0] = kMinSigmaPt, hi[0] = half_window_pt;
      return;
    case Shape::kLorentzian:
      out[0] = f / 2, lo[0] = kMinSigmaPt, hi[0] = half_window_pt;
      return;
  }
}

void seed_peak(const RegionData& region, const PeakSeed& seed, Shape shape, double fwhm_x_pt,
               double fwhm_y_pt, double* start, double* lower, double* upper) {
  const Eigen::MatrixXd& v = region.values;
  const int nx = region.nx(), ny = region.ny();
  const int i = std::clamp(static_cast<int>(std::lround(seed.x_pt)), 0, nx - 1);
  const int j = std::clamp(static_cast<int>(std::lround(seed.y_pt)), 0, ny - 1);
  double height = std::isnan(seed.height_hint) ? v(i, j) : seed.height_hint;
  if (height == 0) height = 1e-12;
  double x = seed.x_pt, y = seed.y_pt;
  if (i > 0 && i < nx - 1 && std::abs(v(i, j)) >= std::max(std::abs(v(i - 1, j)), std::abs(v(i + 1, j))))
    x = i + parabolic_offset(v(i - 1, j), v(i, j), v(i + 1, j));
  if (j > 0 && j < ny - 1 && std::abs(v(i, j)) >= std::max(std::abs(v(i, j - 1)), std::abs(v(i, j + 1))))
    y = j + parabolic_offset(v(i, j - 1), v(i, j), v(i, j + 1));
  if (std::isnan(fwhm_x_pt)) fwhm_x_pt = measured_fwhm(v, i, j, 1, 0, height);
  if (std::isnan(fwhm_y_pt)) fwhm_y_pt = measured_fwhm(v, i, j, 0, 1, height);

  start[0] = height;
  lower[0] = height > 0 ? 0 : -INFINITY;
  upper[0] = height > 0 ? INFINITY : 0;
  start[1] = x;
  lower[1] = std::max(0.0, seed.x_pt - seed.half_window_x_pt);
  upper[1] = std::min(nx - 1.0, seed.x_pt + seed.half_window_x_pt);
  start[2] = y;
  lower[2] = std::max(0.0, seed.y_pt - seed.half_window_y_pt);
  upper[2] = std::min(ny - 1.0, seed.y_pt + seed.half_window_y_pt);
  for (int k = 1; k <= 2; ++k) start[k] = std::clamp(start[k], lower[k], upper[k]);
  const int w = width_params_per_dim(shape);
  widths_for(shape, fwhm_x_pt, seed.half_window_x_pt, start + 3, lower + 3, upper + 3);
  widths_for(shape, fwhm_y_pt, seed.half_window_y_pt, start + 3 + w, lower + 3 + w, upper + 3 + w);
}

// Overlapping peaks add to each other's value at the centre, so the single-point heights are
// biased high. With the starting shapes fixed the model is linear in the heights (and baseline):
// solve that small least-squares problem and keep each solved height that has the expected sign.
void refine_heights(const RegionData& region, Shape shape, BaselineModel baseline, int per_peak,
                    StartAndBounds& sb) {
  const int num_peaks = static_cast<int>((sb.start.size() - baseline_params(baseline)) / per_peak);
  RegionModel model(shape, num_peaks, baseline, region.nx(), region.ny());
  Eigen::VectorXd unit = sb.start;
  for (int k = 0; k < num_peaks; ++k) unit[k * per_peak] = 1;
  for (int b = num_peaks * per_peak; b < unit.size(); ++b) unit[b] = 0;
  model.set_params(unit);
  // With unit heights the heights' Jacobian columns are the peaks' profiles, so the normal
  // equations with the data in place of the residual hold AᵀA and Aᵀd of the linear problem: no
  // dense design matrix (regions x columns) is formed.
  Eigen::MatrixXd jtj;
  Eigen::VectorXd jtd;
  model.normal_equations(region.values, jtj, jtd);
  std::vector<int> linear;
  for (int k = 0; k < num_peaks; ++k) linear.push_back(k * per_peak);
  for (int b = num_peaks * per_peak; b < model.num_params(); ++b) linear.push_back(b);
  const int m = static_cast<int>(linear.size());
  Eigen::MatrixXd ata(m, m);
  Eigen::VectorXd atd(m);
  for (int r = 0; r < m; ++r) {
    atd[r] = jtd[linear[r]];
    for (int c = 0; c < m; ++c) ata(r, c) = jtj(linear[r], linear[c]);
  }
  const Eigen::VectorXd solved = ata.colPivHouseholderQr().solve(atd);
  for (int k = 0; k < num_peaks; ++k) {
    const double h = solved[k];
    if (std::isfinite(h) && h * sb.start[k * per_peak] > 0) sb.start[k * per_peak] = h;
  }
}

}  // namespace

StartAndBounds initial_estimates(const RegionData& region,
                                 const std::vector<PeakSeed>& seeds,
                                 Shape shape,
                                 BaselineModel baseline) {
  const int per_peak = 3 + 2 * width_params_per_dim(shape);
  const int n = static_cast<int>(seeds.size()) * per_peak + baseline_params(baseline);
  StartAndBounds sb{Eigen::VectorXd::Zero(n), Eigen::VectorXd::Constant(n, -INFINITY),
                    Eigen::VectorXd::Constant(n, INFINITY)};
  for (std::size_t k = 0; k < seeds.size(); ++k) {
    const int o = static_cast<int>(k) * per_peak;
    seed_peak(region, seeds[k], shape, seeds[k].fwhm_x_pt_hint, seeds[k].fwhm_y_pt_hint,
              sb.start.data() + o, sb.lower.data() + o, sb.upper.data() + o);
  }
  if (seeds.size() > 1) refine_heights(region, shape, baseline, per_peak, sb);
  return sb;
}

void append_peak(StartAndBounds& sb, const RegionModel& old_model, const PeakSeed& seed,
                 const RegionData& region, Shape shape, double fwhm_x_pt, double fwhm_y_pt) {
  const int per_peak = old_model.params_per_peak();
  const int peaks_end = old_model.num_peaks() * per_peak;
  const int nb = old_model.num_params() - peaks_end;
  StartAndBounds grown{Eigen::VectorXd(sb.start.size() + per_peak),
                       Eigen::VectorXd(sb.start.size() + per_peak),
                       Eigen::VectorXd(sb.start.size() + per_peak)};
  for (auto [dst, src] : {std::pair{&grown.start, &sb.start}, std::pair{&grown.lower, &sb.lower},
                          std::pair{&grown.upper, &sb.upper}}) {
    dst->head(peaks_end) = src->head(peaks_end);
    dst->tail(nb) = src->tail(nb);
  }
  seed_peak(region, seed, shape, fwhm_x_pt, fwhm_y_pt, grown.start.data() + peaks_end,
            grown.lower.data() + peaks_end, grown.upper.data() + peaks_end);
  sb = std::move(grown);
}

}  // namespace voigt::detail
