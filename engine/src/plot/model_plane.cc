// The fitted model over a whole plane, peak by peak within each one's reach (voigt/plot_data.h).
#include <algorithm>
#include <cmath>
#include <vector>

#include "fit/region_model.h"
#include "lineshape/profile.h"
#include "pipeline/first_pass.h"
#include "voigt/plot_data.h"

namespace voigt {
namespace {

bool drawable(const PeakResult& r) {
  return (r.status == PeakStatus::kOk || r.status == PeakStatus::kAdded) && std::isfinite(r.x_ppm) &&
         std::isfinite(r.y_ppm) && std::isfinite(r.height) && std::isfinite(r.fwhm_x_hz) &&
         std::isfinite(r.fwhm_y_hz);
}

// [first, last] grid points within `reach_pt` of `centre_pt`, clipped to [0, size_pt).
std::pair<int, int> span(double centre_pt, double reach_pt, int size_pt) {
  return {std::max(0, static_cast<int>(std::ceil(centre_pt - reach_pt))),
          std::min(size_pt - 1, static_cast<int>(std::floor(centre_pt + reach_pt)))};
}

}  // namespace

std::vector<float> model_plane(const Spectrum2D& plane, const std::vector<PeakResult>& rows, Shape shape) {
  const int nx = plane.x.size_pt, ny = plane.y.size_pt;
  std::vector<double> model(static_cast<std::size_t>(nx) * ny, 0.0), profile_x(nx);
  double wx[2], wy[2];
  for (const PeakResult& r : rows) {
    if (!drawable(r)) continue;
    detail::row_width_params(r, shape, plane.x.hz_per_pt(), plane.y.hz_per_pt(), wx, wy);
    const detail::NormalisedProfile vx(shape, detail::widths_from_params(shape, wx));
    const detail::NormalisedProfile vy(shape, detail::widths_from_params(shape, wy));
    const double x0 = plane.x.pt_at(r.x_ppm), y0 = plane.y.pt_at(r.y_ppm);
    const auto [x_first, x_last] = span(x0, kModelReachFwhm * r.fwhm_x_hz / plane.x.hz_per_pt(), nx);
    const auto [y_first, y_last] = span(y0, kModelReachFwhm * r.fwhm_y_hz / plane.y.hz_per_pt(), ny);
    for (int i = x_first; i <= x_last; ++i) profile_x[i] = vx(i - x0).value;
    for (int j = y_first; j <= y_last; ++j) {
      const double row_scale = r.height * vy(j - y0).value;
      double* out = model.data() + static_cast<std::size_t>(j) * nx;
      for (int i = x_first; i <= x_last; ++i) out[i] += row_scale * profile_x[i];
    }
  }
  return std::vector<float>(model.begin(), model.end());
}

}  // namespace voigt
