// Peak picking: local extrema above a threshold in noise units that pass the shape tests of
// peak_shape.h in both dimensions. See voigt/pick.h for the criteria.
//
// Cost: one pass over the strip's points with a 3 x 3 comparison (no allocation); the few points
// that pass it (the peaks and artefacts above threshold) get the walks of peak_shape.cc and two
// line-noise selections, O(nx + ny) each, in a scratch buffer allocated once per strip.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "pipeline/noise.h"
#include "pipeline/peak_shape.h"
#include "voigt/pick.h"

namespace voigt {
namespace {

using detail::Line;

// v (sign-adjusted) is a strict extremum of its 3 x 3 neighbourhood; ties with later points in
// row-major order are allowed, so a plateau yields its first point only.
bool is_local_extremum(const float* p, std::ptrdiff_t nx, int sign) {
  const double v = sign * static_cast<double>(*p);
  const float* before[4] = {p - nx - 1, p - nx, p - nx + 1, p - 1};
  const float* after[4] = {p + 1, p + nx - 1, p + nx, p + nx + 1};
  for (const float* q : before)
    if (!std::isfinite(*q) || !(v > sign * static_cast<double>(*q))) return false;
  for (const float* q : after)
    if (!std::isfinite(*q) || !(v >= sign * static_cast<double>(*q))) return false;
  return true;
}

// The full candidate test at grid point (i, j); fills `peak` when it is one.
bool examine(const Spectrum2D& plane,
             int i,
             int j,
             double noise,
             const PickOptions& o,
             std::vector<float>& scratch,
             PickedPeak* peak) {
  const std::ptrdiff_t nx = plane.x.size_pt;
  const float* p = plane.data + j * nx + i;
  const int sign = *p > 0 ? 1 : -1;
  const Line row{plane.data + j * nx, 1, plane.x.size_pt, i};
  const Line column{plane.data + i, nx, plane.y.size_pt, j};
  const double min_drop = o.min_drop_noise * noise;
  const detail::AxisShape sx = detail::measure_axis(
      row, sign, o.min_fwhm_x_pt, o.max_fwhm_x_pt, o.min_drop_fraction, min_drop);
  if (!sx.peak_shaped) return false;
  const detail::AxisShape sy = detail::measure_axis(
      column, sign, o.min_fwhm_y_pt, o.max_fwhm_y_pt, o.min_drop_fraction, min_drop);
  if (!sy.peak_shaped) return false;
  if (detail::is_sidelobe(row, sign, o.sidelobe_ratio, o.sidelobe_search_pt) ||
      detail::is_sidelobe(column, sign, o.sidelobe_ratio, o.sidelobe_search_pt))
    return false;
  const double magnitude = std::fabs(static_cast<double>(*p));
  if (magnitude < o.threshold_noise * detail::line_noise(column, scratch) ||
      magnitude < o.threshold_noise * detail::line_noise(row, scratch))
    return false;
  peak->x_pt = i + sx.offset_pt;
  peak->y_pt = j + sy.offset_pt;
  peak->x_ppm = plane.x.ppm_at(peak->x_pt);
  peak->y_ppm = plane.y.ppm_at(peak->y_pt);
  peak->height = *p * sx.height_factor * sy.height_factor;
  peak->fwhm_x_pt = sx.fwhm_pt;
  peak->fwhm_y_pt = sy.fwhm_pt;
  peak->snr = std::fabs(peak->height) / noise;
  peak->sign = sign;
  return true;
}

}  // namespace

double pick_noise(const Spectrum2D& plane, const PickOptions& options) {
  if (const std::string e = options.validate(); !e.empty()) throw std::invalid_argument(e);
  if (!std::isnan(options.noise)) return options.noise;
  const double sd = detail::estimate_noise(plane);
  if (std::isnan(sd)) throw std::invalid_argument("pick: the plane holds no finite value");
  if (sd > 0) return sd;
  // Noiseless data: only float rounding ripples (relative 1e-7) stay below the threshold.
  double largest = 0;
  for (std::size_t k = 0; k < plane.num_points(); ++k)
    if (std::isfinite(plane.data[k])) largest = std::max(largest, std::fabs(double{plane.data[k]}));
  return largest > 0 ? 1e-6 * largest : 1.0;
}

std::vector<PickedPeak> pick_strip(const Spectrum2D& plane,
                                   double noise,
                                   int y_begin,
                                   int y_end,
                                   const PickOptions& options) {
  if (const std::string e = options.validate(); !e.empty()) throw std::invalid_argument(e);
  const int nx = plane.x.size_pt, ny = plane.y.size_pt;
  if (!(y_begin >= 0 && y_begin <= y_end && y_end <= ny))
    throw std::invalid_argument("pick_strip: rows [" + std::to_string(y_begin) + ", " +
                                std::to_string(y_end) + ") must lie within [0, " +
                                std::to_string(ny) + "]");
  if (!(noise > 0 && std::isfinite(noise)))
    throw std::invalid_argument("pick_strip: noise = " + std::to_string(noise) + "; must be > 0");
  std::vector<PickedPeak> picks;
  if (nx < 3 || ny < 3) return picks;
  std::vector<float> scratch(static_cast<std::size_t>(std::max(nx, ny)));
  const double threshold = options.threshold_noise * noise;
  for (int j = std::max(y_begin, 1); j < std::min(y_end, ny - 1); ++j) {
    const float* row = plane.data + static_cast<std::ptrdiff_t>(j) * nx;
    for (int i = 1; i < nx - 1; ++i) {
      const float v = row[i];
      if (!(std::fabs(v) >= threshold)) continue;  // NaN fails too
      const int sign = v > 0 ? 1 : -1;
      if (sign > 0 ? !options.positive : !options.negative) continue;
      if (!is_local_extremum(row + i, nx, sign)) continue;
      PickedPeak peak;
      if (examine(plane, i, j, noise, options, scratch, &peak)) picks.push_back(peak);
    }
  }
  return picks;
}

std::vector<PickedPeak> merge_strips(const std::vector<std::vector<PickedPeak>>& strips) {
  std::size_t total = 0;
  for (const auto& s : strips) total += s.size();
  std::vector<PickedPeak> all;
  all.reserve(total);
  for (const auto& s : strips) all.insert(all.end(), s.begin(), s.end());
  return all;
}

std::vector<PickedPeak> pick_peaks(const Spectrum2D& plane, const PickOptions& options) {
  const double noise = pick_noise(plane, options);
  std::vector<std::vector<PickedPeak>> strips;
  for (int y = 0; y < plane.y.size_pt; y += options.strip_rows)
    strips.push_back(
        pick_strip(plane, noise, y, std::min(y + options.strip_rows, plane.y.size_pt), options));
  return merge_strips(strips);
}

}  // namespace voigt
