// Full widths at half maximum of the line shapes, in the unit of their widths: the Gaussian's
// exact factor and the Olivero-Longbothum approximation of the Voigt's (J. Quant. Spectrosc.
// Radiat. Transfer 17, 233 (1977); 0.02 % accurate), with its inverse for a Gaussian part. The
// exact Voigt width, solved from this start, is voigt_fwhm (voigt/lineshape.h).
#ifndef VOIGT_INTERNAL_LINESHAPE_FWHM_H_
#define VOIGT_INTERNAL_LINESHAPE_FWHM_H_

#include <cmath>

namespace voigt::detail {

constexpr double kGaussFwhmPerSigma = 2.35482004503094938202;  // 2 sqrt(2 ln 2)

// f_V = 0.5346 f_L + sqrt(0.2166 f_L^2 + f_G^2), from the Gaussian and Lorentzian FWHMs.
inline double olivero_longbothum_fwhm(double fwhm_gauss, double fwhm_lorentz) {
  return 0.5346 * fwhm_lorentz +
         std::sqrt(0.2166 * fwhm_lorentz * fwhm_lorentz + fwhm_gauss * fwhm_gauss);
}

// The Gaussian FWHM f_G that gives the Voigt FWHM f_V with Lorentzian FWHM f_L (the formula
// above solved for f_G); NaN when f_L alone is wider than f_V allows.
inline double olivero_longbothum_gauss_fwhm(double fwhm_voigt, double fwhm_lorentz) {
  return std::sqrt(std::pow(fwhm_voigt - 0.5346 * fwhm_lorentz, 2) -
                   0.2166 * fwhm_lorentz * fwhm_lorentz);
}

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_LINESHAPE_FWHM_H_
