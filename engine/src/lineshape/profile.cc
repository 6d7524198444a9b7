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

// The Voigt value and partials from w and w' at z = (x + i gamma) / (sigma sqrt 2); the factors
// of sigma come from VoigtScales, so that per-point callers pay no division.
ProfileValue voigt_from_w(const VoigtScales& f,
                          std::complex<double> z,
                          std::complex<double> w,
                          std::complex<double> dw) {
  ProfileValue p;
  p.value = w.real() * f.norm;
  p.d_x = dw.real() * f.z_per_x * f.norm;
  p.d_gamma = -dw.imag() * f.z_per_x * f.norm;
  const double re_dw_z = dw.real() * z.real() - dw.imag() * z.imag();
  p.d_sigma = -re_dw_z * f.inv_sigma * f.norm - p.value * f.inv_sigma;
  return p;
}

ProfileValue voigt(double x, double sigma, double gamma) {
  // sigma = 0 is the Lorentzian limit; V is even in sigma, so dV/dsigma = 0 there.
  if (sigma == 0) return lorentzian(x, gamma);
  const VoigtScales f(sigma);
  const std::complex<double> z(x * f.z_per_x, gamma * f.z_per_x);
  std::complex<double> w, dw;
  faddeeva_w_and_derivative(z, w, dw);
  return voigt_from_w(f, z, w, dw);
}

// voigt() along `line`, which must have y = gamma * f.z_per_x: the same z, the same bits.
ProfileValue voigt_on_line(double x, const VoigtScales& f, const FaddeevaLine& line) {
  const std::complex<double> z(x * f.z_per_x, line.y());
  std::complex<double> w, dw;
  line.w_and_derivative(z.real(), w, dw);
  return voigt_from_w(f, z, w, dw);
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

VoigtScales::VoigtScales(double sigma)
    : z_per_x(1 / (sigma * kSqrt2)), norm(kInvSqrt2Pi / sigma), inv_sigma(1 / sigma) {}

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
      scales_(widths.sigma),
      line_(shape == Shape::kVoigt && widths.sigma != 0 ? widths.gamma * scales_.z_per_x : 0),
      centre_(area_profile(shape, 0, widths)),
      inv_v0_(1 / centre_.value) {}

ProfileValue NormalisedProfile::operator()(double x) const {
  // v = V / V0: the quotient rule, with the centre's partials computed once.
  const ProfileValue p = shape_ == Shape::kVoigt && widths_.sigma != 0
                             ? voigt_on_line(x, scales_, line_)
                             : area_profile(shape_, x, widths_);
  const double inv_v0 = inv_v0_;
  ProfileValue n;
  n.value = p.value * inv_v0;
  n.d_x = p.d_x * inv_v0;
  n.d_sigma = (p.d_sigma - n.value * centre_.d_sigma) * inv_v0;
  n.d_gamma = (p.d_gamma - n.value * centre_.d_gamma) * inv_v0;
  n.d_eta = (p.d_eta - n.value * centre_.d_eta) * inv_v0;
  return n;
}

}  // namespace voigt::detail
