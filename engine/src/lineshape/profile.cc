// Values and analytic partials of the four lineshapes (see profile.h for the Voigt formulas).
#include "lineshape/profile.h"

#include <cmath>
#include <complex>

namespace voigt::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSqrt2 = 1.41421356237309504880;
constexpr double kInvSqrtPi = 0.56418958354775628694807945156;  // 1 / sqrt(pi)
constexpr double kInvSqrt2Pi = 0.39894228040143267793994605993;  // 1 / sqrt(2 pi)

ProfileValue gaussian(double x, double sigma) {
  ProfileValue p;
  const double u = x / sigma;
  p.value = kInvSqrt2Pi / sigma * std::exp(-0.5 * u * u);
  p.d_x = -p.value * u / sigma;
  p.d_sigma = p.value * (u * u - 1) / sigma;
  return p;
}

ProfileValue lorentzian(double x, double gamma) {
  ProfileValue p;
  const double d = x * x + gamma * gamma;
  p.value = gamma / (kPi * d);
  p.d_x = -2 * x * gamma / (kPi * d * d);
  p.d_gamma = (x * x - gamma * gamma) / (kPi * d * d);
  return p;
}

ProfileValue voigt(double x, double sigma, double gamma) {
  // sigma = 0 is the Lorentzian limit; V is even in sigma, so dV/dsigma = 0 there.
  if (sigma == 0) return lorentzian(x, gamma);
  const double scale = 1 / (sigma * kSqrt2);
  const std::complex<double> z(x * scale, gamma * scale);
  const std::complex<double> w = faddeeva_w(z);
  const std::complex<double> dw = faddeeva_w_derivative(z, w);
  const double norm = kInvSqrt2Pi / sigma;
  ProfileValue p;
  p.value = w.real() * norm;
  p.d_x = dw.real() * scale * norm;
  p.d_gamma = -dw.imag() * scale * norm;
  p.d_sigma = -(dw * z).real() / sigma * norm - p.value / sigma;
  return p;
}

ProfileValue pseudo_voigt(double x, const ProfileWidths& w) {
  const ProfileValue g = gaussian(x, w.sigma);
  const ProfileValue l = lorentzian(x, w.gamma);
  ProfileValue p;
  p.value = (1 - w.eta) * g.value + w.eta * l.value;
  p.d_x = (1 - w.eta) * g.d_x + w.eta * l.d_x;
  p.d_sigma = (1 - w.eta) * g.d_sigma;
  p.d_gamma = w.eta * l.d_gamma;
  p.d_eta = l.value - g.value;
  return p;
}

}  // namespace

std::complex<double> faddeeva_w_derivative(std::complex<double> z, std::complex<double> w) {
  if (std::norm(z) >= 400 && std::abs(z) < 1e150) {
    // The asymptotic series of w differentiated term by term, seven terms: the next is below
    // 1e-16 relative at |z| = 20, where -2 z w + 2i/sqrt(pi) would lose |z|^2 ulps to cancellation.
    const std::complex<double> inv_z = 1.0 / z;
    const std::complex<double> u = inv_z * inv_z;
    const std::complex<double> series =
        1.0 + u * (1.5 + u * (3.75 + u * (13.125 + u * (59.0625 + u * (324.84375 + u * 2111.484375)))));
    return std::complex<double>(0, -kInvSqrtPi) * u * series;
  }
  return -2.0 * z * w + std::complex<double>(0, 2 * kInvSqrtPi);
}

ProfileValue area_profile(Shape shape, double x, const ProfileWidths& w) {
  switch (shape) {
    case Shape::kVoigt: return voigt(x, w.sigma, w.gamma);
    case Shape::kPseudoVoigt: return pseudo_voigt(x, w);
    case Shape::kGaussian: return gaussian(x, w.sigma);
    case Shape::kLorentzian: return lorentzian(x, w.gamma);
  }
  return {};
}

NormalisedProfile::NormalisedProfile(Shape shape, const ProfileWidths& widths)
    : shape_(shape), widths_(widths), centre_(area_profile(shape, 0, widths)) {}

ProfileValue NormalisedProfile::operator()(double x) const {
  // v = V / V0: the quotient rule, with the centre's partials computed once.
  const ProfileValue p = area_profile(shape_, x, widths_);
  const double inv_v0 = 1 / centre_.value;
  ProfileValue n;
  n.value = p.value * inv_v0;
  n.d_x = p.d_x * inv_v0;
  n.d_sigma = (p.d_sigma - n.value * centre_.d_sigma) * inv_v0;
  n.d_gamma = (p.d_gamma - n.value * centre_.d_gamma) * inv_v0;
  n.d_eta = (p.d_eta - n.value * centre_.d_eta) * inv_v0;
  return n;
}

}  // namespace voigt::detail
