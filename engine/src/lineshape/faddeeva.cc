// The Faddeeva function w(z) = exp(-z^2) erfc(-iz) in the closed upper half-plane, and the scaled
// complementary error function erfcx(x) = exp(x^2) erfc(x).
//
// Method, by region of z = x + iy (y >= 0), after S. G. Johnson's Faddeeva Package (MIT, 2012):
//
//  * Large |z| (y > 7, or x > 6 away from the real axis, or x > 28): Laplace's continued fraction
//      w(z) = (i / sqrt(pi)) / (z - (1/2) / (z - 1 / (z - (3/2) / (z - ...))))
//    evaluated bottom-up with a depth nu(x, y) fitted by Johnson to reach double precision
//    (W. Gautschi, SIAM J. Numer. Anal. 7, 187 (1970); G. P. M. Poppe and C. M. J. Wijers,
//    ACM TOMS 16, 38 (1990)). Beyond |z| ~ 4000 the first one or two levels suffice, written in
//    closed form and scaled so that |z| up to the overflow threshold does not overflow.
//  * Elsewhere: Algorithm 916 of M. R. Zaghloul and A. N. Ali, ACM TOMS 38, 15 (2011), a sum of
//    Gaussians exp(-(a n - x)^2) / (a^2 n^2 + y^2) with a = pi / sqrt(-log(eps / 2)), which keeps
//    full *relative* accuracy in Re w even where Re w ~ exp(-x^2) is many orders below |w| (near the
//    real axis, the Gaussian core of a Voigt line): rational approximations such as Weideman's or
//    Humlicek's are accurate only relative to |w| there.
//  * |z| >= 20 inside that region: the asymptotic series, seven terms, cheaper than the fraction.
//  * x = 0: w(iy) = erfcx(y), real.
//
// Accuracy: relative error of Re w, Im w and |w| below 1e-13 against scipy.special.wofz over
// x in [-1e7, 1e7], y in [0, 1e5] (tests/lineshape/faddeeva_test.cc, shared/reference/faddeeva_w.csv).
// Values that underflow to subnormal numbers carry only their absolute accuracy.

#include <array>
#include <cmath>
#include <complex>
#include <limits>

#include "voigt/lineshape.h"

namespace voigt {
namespace {

constexpr double kInvSqrtPi = 0.56418958354775628694807945156;  // 1 / sqrt(pi)

// Algorithm 916 constants for double precision (relerr = DBL_EPSILON).
constexpr double kA = 0.518321480430085929872;   // a = pi / sqrt(-log(eps / 2))
constexpr double kC = 0.329973702884629072537;   // c = 2 a / pi
constexpr double kA2 = 0.268657157075235951582;  // a^2
constexpr double kRelErr = std::numeric_limits<double>::epsilon();
constexpr int kNumSeriesTerms = 52;  // exp(-a^2 n^2) underflows beyond n = 52

// exp(-a^2 n^2) for n = 1..52, computed once (thread-safe static initialisation; read-only after).
const std::array<double, kNumSeriesTerms>& exp_minus_a2_n2() {
  static const std::array<double, kNumSeriesTerms> table = [] {
    std::array<double, kNumSeriesTerms> t{};
    for (int n = 1; n <= kNumSeriesTerms; ++n) t[n - 1] = std::exp(-kA2 * n * n);
    return t;
  }();
  return table;
}

// sin(x) / x given sin(x), exact at 0.
double sinc(double x, double sin_x) { return std::abs(x) < 1e-4 ? 1 - x * x / 6 : sin_x / x; }

// sinh(x) for |x| < 1e-3 to double precision, avoiding exp(x) - exp(-x) cancellation.
double sinh_taylor(double x) { return x * (1 + (x * x) * (1.0 / 6 + (x * x) / 120)); }

// exp(-x^2) with the rounding error of x*x folded back in: exp(-(hi + lo)) = exp(-hi) (1 - lo).
// Plain exp(-x * x) loses up to x^2 ulps, which matters where Re w = exp(-x^2) must be relative-
// accurate (the tests go to x ~ 27).
double exp_minus_square(double x) {
  const double hi = x * x;
  const double lo = std::fma(x, x, -hi);
  return std::exp(-hi) * (1 - lo);
}

// |z| >= 20: the asymptotic series w = (i / sqrt(pi)) sum_k (2k-1)!! / (2^k z^(2k+1)), seven terms
// (the eighth is below 1e-15 relative at |z| = 20). In the upper half-plane its terms' imaginary
// parts share one sign where Re w << |w| (small arg z), so Re w keeps its relative accuracy. It
// replaces the continued fraction there, which needs up to ~20 complex divisions: line tails are
// most of a fit region's points.
constexpr double kAsymptoticMinAbsZ2 = 400;  // |z|^2

std::complex<double> w_asymptotic(std::complex<double> z) {
  const std::complex<double> inv_z = 1.0 / z;
  const std::complex<double> u = inv_z * inv_z;
  const std::complex<double> series =
      1.0 + u * (0.5 + u * (0.75 + u * (1.875 + u * (6.5625 + u * (29.53125 + u * 162.421875)))));
  return std::complex<double>(0, kInvSqrtPi) * inv_z * series;
}

// Continued fraction for |z| large, x = Re z (signed), y = Im z >= 0.
std::complex<double> w_continued_fraction(double x, double y) {
  const double ax = std::abs(x);
  if (ax + y > 4000) {
    if (ax + y > 1e7) {
      // One level: w = i / (sqrt(pi) z), written to avoid overflow of x^2 + y^2.
      if (ax > y) {
        const double y_over_x = y / x;
        const double denom = kInvSqrtPi / (x + y_over_x * y);
        return {denom * y_over_x, denom};
      }
      if (std::isinf(y)) return {0, 0};
      const double x_over_y = x / y;
      const double denom = kInvSqrtPi / (x_over_y * x + y);
      return {denom, denom * x_over_y};
    }
    // Two levels: w = (i / sqrt(pi)) z / (z^2 - 1/2).
    const double dr = x * x - y * y - 0.5, di = 2 * x * y;
    const double denom = kInvSqrtPi / (dr * dr + di * di);
    return {denom * (x * di - y * dr), denom * (x * dr + y * di)};
  }
  // Depth fitted by Johnson so that the truncated fraction reaches double precision.
  constexpr double c0 = 3.9, c1 = 11.398, c2 = 0.08254, c3 = 0.1421, c4 = 0.2023;
  double nu = std::floor(c0 + c1 / (c2 * ax + c3 * y + c4));
  double wr = x, wi = y;
  for (nu = 0.5 * (nu - 1); nu > 0.4; nu -= 0.5) {  // w <- z - nu / w
    const double denom = nu / (wr * wr + wi * wi);
    wr = x - wr * denom;
    wi = y + wi * denom;
  }
  const double denom = kInvSqrtPi / (wr * wr + wi * wi);  // w(z) = i / (sqrt(pi) w)
  return {denom * wi, denom * wr};
}

// Algorithm 916 for the region not covered by the continued fraction (|x| < 28, y <= 7).
std::complex<double> w_zaghloul_ali(double x_signed, double y) {
  const auto& expa2n2 = exp_minus_a2_n2();
  const double x = std::abs(x_signed);
  double sum1 = 0, sum2 = 0, sum3 = 0, sum4 = 0, sum5 = 0;
  double re = 0, im = 0;

  if (x < 10) {
    double prod2ax = 1, prodm2ax = 1;
    double expx2;
    if (x < 5e-4) {
      // Tiny x: exp(+-2ax) and sum5 - sum4 by Taylor series, avoiding their cancellation.
      const double x2 = x * x;
      expx2 = 1 - x2 * (1 - 0.5 * x2);
      const double ax2 = 2 * kA * x;
      const double exp2ax = 1 + ax2 * (1 + ax2 * (0.5 + ax2 / 6));
      const double expm2ax = 1 - ax2 * (1 - ax2 * (0.5 - ax2 / 6));
      for (int n = 1; n <= kNumSeriesTerms; ++n) {
        const double coef = expa2n2[n - 1] * expx2 / (kA2 * (n * n) + y * y);
        prod2ax *= exp2ax;
        prodm2ax *= expm2ax;
        sum1 += coef;
        sum2 += coef * prodm2ax;
        sum3 += coef * prod2ax;
        sum5 += coef * (2 * kA) * n * sinh_taylor((2 * kA) * n * x);  // holds sum5 - sum4
        if (coef * prod2ax < kRelErr * sum3) break;
      }
    } else {
      expx2 = exp_minus_square(x);
      const double exp2ax = std::exp((2 * kA) * x), expm2ax = 1 / exp2ax;
      for (int n = 1; n <= kNumSeriesTerms; ++n) {
        const double coef = expa2n2[n - 1] * expx2 / (kA2 * (n * n) + y * y);
        prod2ax *= exp2ax;
        prodm2ax *= expm2ax;
        sum1 += coef;
        sum2 += coef * prodm2ax;
        sum4 += (coef * prodm2ax) * (kA * n);
        sum3 += coef * prod2ax;
        sum5 += (coef * prod2ax) * (kA * n);
        if ((coef * prod2ax) * (kA * n) < kRelErr * sum5) break;  // sum5 decays slowest
      }
    }
    const double expx2_erfcx_y = expx2 * erfcx(y);
    if (y > 5) {
      // The imaginary parts of these terms cancel to double precision.
      const double sinxy = std::sin(x * y);
      re = (expx2_erfcx_y - kC * y * sum1) * std::cos(2 * x * y) +
           (kC * x * expx2) * sinxy * sinc(x * y, sinxy);
    } else {
      const double xs = x_signed;
      const double sinxy = std::sin(xs * y);
      const double sin2xy = std::sin(2 * xs * y), cos2xy = std::cos(2 * xs * y);
      const double coef1 = expx2_erfcx_y - kC * y * sum1;
      const double coef2 = kC * xs * expx2;
      re = coef1 * cos2xy + coef2 * sinxy * sinc(xs * y, sinxy);
      im = coef2 * sinc(2 * xs * y, sin2xy) - coef1 * sin2xy;
    }
  } else {
    // 10 <= x < 28 and y < 1e-10: only sum3 and sum5 contribute; sum around n0 = x / a in both
    // directions since the terms peak there.
    re = exp_minus_square(x);
    const double n0 = std::floor(x / kA + 0.5);
    const double dx = kA * n0 - x;
    sum3 = std::exp(-dx * dx) / (kA2 * (n0 * n0) + y * y);
    sum5 = kA * n0 * sum3;
    const double exp1 = std::exp(4 * kA * dx);
    double exp1dn = 1;
    int dn = 1;
    bool converged = false;
    for (; n0 - dn > 0; ++dn) {  // the n0 - dn and n0 + dn terms
      const double np = n0 + dn, nm = n0 - dn;
      double tp = std::exp(-(kA * dn + dx) * (kA * dn + dx));
      double tm = tp * (exp1dn *= exp1);  // exp(-(a dn - dx)^2) from tp without another exp
      tp /= (kA2 * (np * np) + y * y);
      tm /= (kA2 * (nm * nm) + y * y);
      sum3 += tp + tm;
      sum5 += kA * (np * tp + nm * tm);
      if (kA * (np * tp + nm * tm) < kRelErr * sum5) {
        converged = true;
        break;
      }
    }
    while (!converged) {  // n0 + dn terms only, once n0 - dn <= 0
      const double np = n0 + dn++;
      const double tp = std::exp(-(kA * dn + dx) * (kA * dn + dx)) / (kA2 * (np * np) + y * y);
      sum3 += tp;
      sum5 += kA * np * tp;
      converged = kA * np * tp < kRelErr * sum5;
    }
  }
  return {re + (0.5 * kC) * y * (sum2 + sum3),
          im + (0.5 * kC) * std::copysign(sum5 - sum4, x_signed)};
}

}  // namespace

double erfcx(double x) {
  if (std::isnan(x)) return x;
  if (x < 0) {
    // erfcx(-x) = 2 exp(x^2) - erfcx(x); overflows to +inf below x ~ -26.6, as it should.
    if (x < -26.7) return std::numeric_limits<double>::infinity();
    return 2 / exp_minus_square(x) - erfcx(-x);
  }
  // erfc(x) keeps full relative accuracy up to x = 7 (erfc(7) ~ 4e-23); beyond, the continued
  // fraction of w(ix) = erfcx(x) converges in a dozen levels.
  if (x <= 7) return std::erfc(x) / exp_minus_square(x);
  if (std::isinf(x)) return 0;
  return w_continued_fraction(0, x).real();
}

std::complex<double> faddeeva_w(std::complex<double> z) {
  const double x = z.real(), y = z.imag();
  if (std::isnan(x) || std::isnan(y)) return {NAN, NAN};
  if (y < 0) {
    // Reflection w(z) = 2 exp(-z^2) - w(-z); may overflow, as w itself does in the lower plane.
    const std::complex<double> zz = -z;
    return 2.0 * std::exp(-z * z) - faddeeva_w(zz);
  }
  if (x == 0) return {erfcx(y), x};  // keeps the sign of a zero x in Im w
  const double ax = std::abs(x);
  if (y > 7 || (ax > 6 && (y > 0.1 || (ax > 8 && y > 1e-10) || ax > 28))) {
    // The series lacks Re w's exp(-x^2) term, negligible once y > 1e-100 or x > 28 (underflow).
    if (x * x + y * y >= kAsymptoticMinAbsZ2 && y < 1e300 && ax < 1e150) return w_asymptotic(z);
    return w_continued_fraction(x, y);
  }
  return w_zaghloul_ali(x, y);
}

}  // namespace voigt
