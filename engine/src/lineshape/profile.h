// Lineshape values with analytic partials, unit-area and peak-normalised.
//
// The Voigt partials come from the same complex evaluation of w(z) as the value, through
// w'(z) = -2 z w(z) + 2i / sqrt(pi): with z = (x + i gamma) / (sigma sqrt 2),
//   V         = Re w / (sigma sqrt(2 pi))
//   dV/dx     = Re w' / (sigma sqrt 2) / (sigma sqrt(2 pi))
//   dV/dgamma = -Im w' / (sigma sqrt 2) / (sigma sqrt(2 pi))
//   dV/dsigma = Re(-w' z / sigma) / (sigma sqrt(2 pi)) - V / sigma.
// The widths sigma (Gaussian standard deviation) and gamma (Lorentzian half width) share the unit
// of x (the region model uses grid points).
#ifndef VOIGT_INTERNAL_LINESHAPE_PROFILE_H_
#define VOIGT_INTERNAL_LINESHAPE_PROFILE_H_

#include "lineshape/faddeeva.h"
#include "voigt/lineshape.h"

namespace voigt::detail {

struct ProfileWidths {
  double sigma = 0;  // Gaussian standard deviation; 0 for a Lorentzian
  double gamma = 0;  // Lorentzian half width at half maximum; 0 for a Gaussian
  double eta = 0;    // pseudo-Voigt Lorentzian fraction in [0, 1]; unused by the other shapes
};

// A profile value and its partial derivatives. d_x is with respect to the offset x = position -
// centre, so the partial with respect to the centre is -d_x.
struct ProfileValue {
  double value = 0;
  double d_x = 0;
  double d_sigma = 0;
  double d_gamma = 0;
  double d_eta = 0;
};

// Unit-area profile at offset x. Pseudo-Voigt: (1 - eta) G(x; sigma) + eta L(x; gamma), with sigma
// and gamma independent here (the region model ties them to one FWHM).
ProfileValue area_profile(Shape shape, double x, const ProfileWidths& w);

// The factors of sigma in the Voigt value and partials (z = x z_per_x + i gamma z_per_x).
struct VoigtScales {
  explicit VoigtScales(double sigma);
  double z_per_x;    // 1 / (sigma sqrt 2)
  double norm;       // 1 / (sigma sqrt(2 pi))
  double inv_sigma;  // 1 / sigma
};

// The profile scaled to 1 at its centre, with partials, for the peak model H * v(x - x0).
// Construction evaluates the centre value and its partials once per peak, and for a Voigt the
// factors of w(z) that depend on Im z = gamma / (sigma sqrt 2) alone, the same at every x; each
// call is then one w(z) evaluation plus a few multiplications, equal bit for bit to area_profile's.
class NormalisedProfile {
 public:
  NormalisedProfile(Shape shape, const ProfileWidths& widths);
  ProfileValue operator()(double x) const;
  // Integral of the normalised profile over x: 1 / V(0), in the unit of x.
  double area() const { return 1 / centre_.value; }
  const ProfileValue& centre() const { return centre_; }  // unit-area values at x = 0

 private:
  Shape shape_;
  ProfileWidths widths_;
  VoigtScales scales_;  // used by kVoigt with sigma != 0, like line_
  FaddeevaLine line_;   // w along Im z = gamma / (sigma sqrt 2)
  ProfileValue centre_;
  double inv_v0_;  // 1 / centre_.value
};

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_LINESHAPE_PROFILE_H_
