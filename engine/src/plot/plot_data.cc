// Numbers the page plots, computed here so that the page restates no formula: the ppm grid of an
// axis (Axis::ppm_at, NMRPipe's convention), per-plane noise for contour levels, slice residuals
// and the fitted decay curve of a series peak (the model of relaxation_fit.cc).
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "voigt/fit.h"
#include "voigt/plot_data.h"
#include "voigt/series.h"

namespace voigt {

std::vector<double> ppm_grid(const Axis& axis) {
  std::vector<double> ppm(std::max(0, axis.size_pt));
  for (std::size_t i = 0; i < ppm.size(); ++i) ppm[i] = axis.ppm_at(static_cast<double>(i));
  return ppm;
}

std::vector<double> plane_noise(const SpectrumSeries& spectrum) {
  std::vector<double> noise;
  for (int k = 0; k < spectrum.num_planes; ++k) noise.push_back(estimate_plane_noise(spectrum.plane(k)));
  return noise;
}

std::vector<double> slice_residual(const std::vector<double>& data, const std::vector<double>& fit) {
  std::vector<double> residual(std::min(data.size(), fit.size()));
  for (std::size_t i = 0; i < residual.size(); ++i) residual[i] = data[i] - fit[i];
  return residual;
}

DecayCurve decay_curve(const DecayFit& fit, const std::vector<double>& delays, int num_points) {
  if (num_points < 2)
    throw std::invalid_argument("decay_curve: num_points = " + std::to_string(num_points) +
                                "; must be >= 2");
  DecayCurve curve;
  if (!std::isfinite(fit.i0) || !std::isfinite(fit.r) || delays.empty()) return curve;
  double last = 0;
  for (double t : delays)
    if (std::isfinite(t)) last = std::max(last, t);
  // NaN offset: the fit had none (SeriesOptions::fit_offset off).
  const double offset = std::isfinite(fit.offset) ? fit.offset : 0.0;
  for (int i = 0; i < num_points; ++i) {
    const double t = last * i / (num_points - 1);
    curve.delay.push_back(t);
    curve.height.push_back(fit.i0 * std::exp(-fit.r * t) + offset);
  }
  return curve;
}

}  // namespace voigt
