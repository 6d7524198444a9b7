// Values and analytic partials of the four lineshapes (see profile.h for the Voigt formulas).
#include "lineshape/profile.h"

#include <cmath>
#include <complex>

namespace voigt::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSqrt2 = 1.41421356237309504880;
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

// Im z = gamma / (sigma sqrt 2), as voigt() computes it, so that a FaddeevaLine built from it
// reproduces voigt()'s z exactly.
double voigt_scale(double sigma) { return 1 / (sigma * kSqrt2); }

// The Voigt value and partials from w and w' at z = (x + i gamma) / (sigma sqrt 2).
ProfileValue voigt_from_w(double sigma,
                          double scale,
                          std::complex<double> z,
                          std::complex<double> w,
                          std::complex<double> dw) {
  const double norm = kInvSqrt2Pi / sigma;
  ProfileValue p;
  p.value = w.real() * norm;
  p.d_x = dw.real() * scale * norm;
  p.d_gamma = -dw.imag() * scale * norm;
  p.d_sigma = -(dw * z).real() / sigma * norm - p.value / sigma;
  return p;
}

ProfileValue voigt(double x, double sigma, double gamma) {
  // sigma = 0 is the Lorentzian limit; V is even in sigma, so dV/dsigma = 0 there.
  if (sigma == 0) return lorentzian(x, gamma);
  const double scale = voigt_scale(sigma);
  const std::complex<double> z(x * scale, gamma * scale);
  std::complex<double> w, dw;
  faddeeva_w_and_derivative(z, w, dw);
  return voigt_from_w(sigma, scale, z, w, dw);
}

// voigt() along the line of `line`, which must have y = gamma * voigt_scale(sigma).
ProfileValue voigt_on_line(double x, double sigma, const FaddeevaLine& line) {
  const double scale = voigt_scale(sigma);
  const std::complex<double> z(x * scale, line.y());
  std::complex<double> w, dw;
  line.w_and_derivative(z.real(), w, dw);
  return voigt_from_w(sigma, scale, z, w, dw);
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
    : shape_(shape),
      widths_(widths),
      line_(shape == Shape::kVoigt && widths.sigma != 0 ? widths.gamma * voigt_scale(widths.sigma)
                                                         : 0),
      centre_(area_profile(shape, 0, widths)) {}

ProfileValue NormalisedProfile::operator()(double x) const {
  // v = V / V0: the quotient rule, with the centre's partials computed once.
  const ProfileValue p = shape_ == Shape::kVoigt && widths_.sigma != 0
                             ? voigt_on_line(x, widths_.sigma, line_)
                             : area_profile(shape_, x, widths_);
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
