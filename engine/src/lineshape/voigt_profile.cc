// Public Voigt functions: the unit-area profile and its full width at half maximum.
#include <cmath>

#include "lineshape/fwhm.h"
#include "lineshape/profile.h"
#include "voigt/lineshape.h"

namespace voigt {

double voigt_profile(double x, double sigma, double gamma) {
  if (sigma == 0 && gamma == 0) return x == 0 ? INFINITY : 0;  // a delta function
  if (gamma == 0) {
    // Pure Gaussian directly: Re w(x) = exp(-x^2) in w would be exact too, this is just cheaper.
    const double u = x / sigma;
    return 0.39894228040143267793994605993 / sigma * std::exp(-0.5 * u * u);
  }
  return detail::area_profile(Shape::kVoigt, x, {sigma, gamma, 0}).value;
}

// Newton's method on v(h) = 1/2 for the half width h of the peak-normalised profile v, started
// from the Olivero-Longbothum approximation (J. Quant. Spectrosc. Radiat. Transfer 17, 233 (1977);
// 0.02 % accurate): f_V = 0.5346 f_L + sqrt(0.2166 f_L^2 + f_G^2). v is monotone decreasing on
// h > 0, so Newton from a 0.02 % start converges quadratically in two or three steps.
double voigt_fwhm(double sigma, double gamma) {
  if (!(sigma >= 0 && gamma >= 0) || (sigma == 0 && gamma == 0)) return NAN;
  if (sigma == 0) return 2 * gamma;
  if (gamma == 0) return detail::kGaussFwhmPerSigma * sigma;
  const double f_g = detail::kGaussFwhmPerSigma * sigma, f_l = 2 * gamma;
  double half = 0.5 * detail::olivero_longbothum_fwhm(f_g, f_l);
  const detail::NormalisedProfile v(Shape::kVoigt, {sigma, gamma, 0});
  for (int iteration = 0; iteration < 20; ++iteration) {
    const detail::ProfileValue p = v(half);
    const double step = (p.value - 0.5) / p.d_x;
    half -= step;
    if (std::abs(step) <= 1e-14 * half) break;
  }
  return 2 * half;
}

}  // namespace voigt
