// Lineshapes: the Faddeeva function, the Voigt profile and its width.
#ifndef VOIGT_PUBLIC_LINESHAPE_H_
#define VOIGT_PUBLIC_LINESHAPE_H_

#include <complex>

namespace voigt {

// Lineshape of one peak along one dimension.
enum class Shape {
  kVoigt,        // Gaussian (std sigma) convolved with Lorentzian (HWHM gamma)
  kPseudoVoigt,  // (1 - eta) Gaussian + eta Lorentzian of equal FWHM
  kGaussian,     // gamma = 0
  kLorentzian    // sigma = 0
};

// w(z) = exp(-z^2) erfc(-iz) for Im z >= 0; relative error below 1e-13 in Re w, Im w and |w|.
std::complex<double> faddeeva_w(std::complex<double> z);

// Scaled complementary error function exp(x^2) erfc(x), x real.
double erfcx(double x);

// Unit-area Voigt profile V(x; sigma, gamma) = Re w(z) / (sigma sqrt(2 pi)),
// z = (x + i gamma) / (sigma sqrt 2); exact in the limits sigma = 0 and gamma = 0.
double voigt_profile(double x, double sigma, double gamma);

// Full width at half maximum of V(.; sigma, gamma), in the unit of sigma and gamma, solved to
// 1e-12 relative (not the 0.02 % Olivero-Longbothum approximation, which only starts the solve).
double voigt_fwhm(double sigma, double gamma);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_LINESHAPE_H_
