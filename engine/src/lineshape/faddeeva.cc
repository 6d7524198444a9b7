// The Faddeeva function w(z) = exp(-z^2) erfc(-iz) in the closed upper half-plane, its derivative,
// and the scaled complementary error function erfcx(x) = exp(x^2) erfc(x).
//
// Method, by region of z = x + iy (y >= 0), after S. G. Johnson's Faddeeva Package (MIT, 2012):
//
//  * |z| >= 8: the asymptotic series w ~ (i / sqrt(pi)) sum_k (2k-1)!! / (2^k z^(2k+1)), 19 terms
//    at |z| = 8 down to 4 beyond |z| = 200, plus exp(-z^2) below y = 1e-6 (see w_asymptotic).
//    No division per term, unlike the continued fraction, and a fit region's points are mostly
//    line tails. w'(z) comes from the same powers of 1 / z, where -2 z w + 2i / sqrt(pi) would
//    lose ~|z|^2 ulps to cancellation.
//  * |z| < 8, y <= 7: Algorithm 916 of M. R. Zaghloul and A. N. Ali, ACM TOMS 38, 15 (2011), a sum
//    of Gaussians exp(-(a n - x)^2) / (a^2 n^2 + y^2) with a = pi / sqrt(-log(eps / 2)), which
//    keeps full *relative* accuracy in Re w even where Re w ~ exp(-x^2) is many orders below |w|
//    (near the real axis, the Gaussian core of a Voigt line): rational approximations such as
//    Weideman's or Humlicek's are accurate only relative to |w| there. Its factors that depend on
//    y alone are tabulated once per line by FaddeevaLine (a profile on a grid has one y).
//  * |z| < 8, y > 7, and |z| >= 1e150: Laplace's continued fraction
//      w(z) = (i / sqrt(pi)) / (z - (1/2) / (z - 1 / (z - (3/2) / (z - ...))))
//    evaluated bottom-up with a depth fitted by Johnson (W. Gautschi, SIAM J. Numer. Anal. 7, 187
//    (1970); G. P. M. Poppe and C. M. J. Wijers, ACM TOMS 16, 38 (1990)); beyond |z| ~ 1e7 its
//    first level, scaled so that |z| up to the overflow threshold does not overflow.
//  * x = 0: w(iy) = erfcx(y), real.
//
// Accuracy: relative error of Re w, Im w and |w| below 1e-13 against scipy.special.wofz over
// x in [-1e7, 1e7], y in [0, 1e5] (shared/reference/faddeeva_w.csv; worst 5.5e-14, the table's own
// rounding of exp(-x^2)), and below 2e-14 against 450-digit mpmath values on both sides of every
// region boundary (tests/lineshape/faddeeva_boundary_table.h). Values that underflow to subnormal
// numbers carry only their absolute accuracy.

#include <array>
#include <cmath>
#include <complex>
#include <limits>

#include "lineshape/faddeeva.h"

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
// accurate (the tests go to x ~ 27). The error lo is exact by Dekker's product (Veltkamp's split
// of x into 26-bit halves), as std::fma would give it, without fma: WebAssembly and baseline
// x86-64 have no fma instruction, and their library fma is a slow software routine.
double exp_minus_square(double x) {
  const double hi = x * x;
  if (hi > 746) return 0;  // exp(-hi) is 0 in double; the split below could overflow
  const double c = 134217729.0 * x;  // 2^27 + 1
  const double x_hi = c - (c - x), x_lo = x - x_hi;
  const double lo = ((x_hi * x_hi - hi) + 2 * x_hi * x_lo) + x_lo * x_lo;
  return std::exp(-hi) * (1 - lo);
}

// |z| >= 8: the asymptotic series (A&S 7.1.23, DLMF 7.12.1)
//   w(z) ~ (i / sqrt(pi)) sum_k a_k / z^(2k+1),    a_k = (2k-1)!! / 2^k,
//   w'(z) ~ -(i / sqrt(pi)) sum_k (2k+1) a_k / z^(2k+2),
// with the number of terms by |z| (tiers below) so that the first omitted term is below 2^-53
// relative even for Re w near the real axis, where the omitted terms' share of Re w is ~2k+1
// times their share of |w| (checked against mpmath at 40 digits on each tier's inner circle, all
// arguments from 0 to pi/2). The terms' imaginary parts share one sign in the upper half-plane
// where Re w << |w| (small arg z), so Re w keeps its relative accuracy in floating point too.
// The series is cheaper than the continued fraction it replaces (no division per level), and line
// tails are most of a fit region's points.
//
// The series omits the exponentially small exp(-z^2), which carries all of Re w on the real axis
// (Re w(x) = exp(-x^2)). Across the real axis, a Stokes line, its multiplier falls smoothly from 1
// to 0 over Im z ~ 1 (M. V. Berry, Proc. R. Soc. Lond. A 422, 7 (1989)); with |z| >= 8 it matters
// only where Re w ~ y / (sqrt(pi) |z|^2) is below exp(-x^2) 2^53 |z|^2, that is y < 1e-6 (x > 7.9
// there: exp(-x^2) |z|^2 sqrt(pi) / y < 5e-20 beyond), and there the multiplier is 1 to 1e-6
// relative. So exp(-z^2), and -2z exp(-z^2) in w', are added in full below y = 1e-6 and not above.
constexpr double kAsymptoticMinAbsZ2 = 64;   // |z|^2
constexpr double kExpTermMaxY = 1e-6;        // Im z
constexpr double kExpTermMaxAbsX = 27.3;     // exp(-x^2) underflows to 0 beyond
constexpr double kAsymptoticMaxAbsZ = 1e150;  // |z|^2 stays finite

template <int N>
constexpr std::array<double, N> asymptotic_coefficients(bool derivative) {
  std::array<double, N> c{};
  double a = 1;  // (2k-1)!! / 2^k
  for (int k = 0; k < N; ++k) {
    c[k] = derivative ? (2 * k + 1) * a : a;
    a *= (2 * k + 1) / 2.0;
  }
  return c;
}

// sum_k c_k u^k in real arithmetic (std::complex products check for NaN, and neither that nor
// a scaling division is needed for these finite values), split as E(u^2) + u O(u^2): two Horner
// chains of half the length, which run side by side, halve the latency of one.
template <int N>
void horner(const std::array<double, N>& c, double ur, double ui, double& sr, double& si) {
  static_assert(N >= 2, "two chains");
  const double u2r = (ur - ui) * (ur + ui), u2i = 2 * ur * ui;
  constexpr int kEven = (N + 1) / 2, kOdd = N / 2;
  double er = c[2 * (kEven - 1)], ei = 0, odr = c[2 * (kOdd - 1) + 1], odi = 0;
  for (int j = kEven - 2; j >= 0; --j) {
    const double r = c[2 * j] + (u2r * er - u2i * ei);
    ei = u2r * ei + u2i * er;
    er = r;
  }
  for (int j = kOdd - 2; j >= 0; --j) {
    const double r = c[2 * j + 1] + (u2r * odr - u2i * odi);
    odi = u2r * odi + u2i * odr;
    odr = r;
  }
  sr = er + (ur * odr - ui * odi);
  si = ei + (ur * odi + ui * odr);
}

// The series with N terms at z = x + iy, |z| >= 8, y >= 0: w, and w' when dw is not null.
template <int N>
void w_asymptotic_terms(double x, double y, std::complex<double>& w, std::complex<double>* dw) {
  static constexpr std::array<double, N> kA = asymptotic_coefficients<N>(false);
  static constexpr std::array<double, N> kB = asymptotic_coefficients<N>(true);
  const double inv_abs_z2 = 1 / (x * x + y * y);
  const double vr = x * inv_abs_z2, vi = -y * inv_abs_z2;  // v = 1 / z
  const double ur = (vr - vi) * (vr + vi), ui = 2 * vr * vi;  // u = v^2
  double sr, si;
  horner<N>(kA, ur, ui, sr, si);
  w = {-kInvSqrtPi * (vr * si + vi * sr), kInvSqrtPi * (vr * sr - vi * si)};  // (i/sqrt(pi)) v s
  if (dw) {
    double tr, ti;
    horner<N>(kB, ur, ui, tr, ti);
    *dw = {kInvSqrtPi * (ur * ti + ui * tr), -kInvSqrtPi * (ur * tr - ui * ti)};  // -(i/sqrt(pi)) u t
  }
}

// Requires x^2 + y^2 >= 64, y >= 0 and |z| < 1e150.
void w_asymptotic(double x, double y, std::complex<double>& w, std::complex<double>* dw) {
  const double abs_z2 = x * x + y * y;
  // Terms per tier: the fewest whose first omitted term is below 2^-53 of Re w at the inner radius.
  if (abs_z2 < 144) {
    w_asymptotic_terms<19>(x, y, w, dw);  // 8 <= |z| < 12
  } else if (abs_z2 < 400) {
    w_asymptotic_terms<12>(x, y, w, dw);  // 12 <= |z| < 20
  } else if (abs_z2 < 1600) {
    w_asymptotic_terms<8>(x, y, w, dw);  // 20 <= |z| < 40
  } else if (abs_z2 < 40000) {
    w_asymptotic_terms<6>(x, y, w, dw);  // 40 <= |z| < 200
  } else {
    w_asymptotic_terms<4>(x, y, w, dw);  // |z| >= 200
  }
  const double ax = std::abs(x);
  if (y < kExpTermMaxY && ax < kExpTermMaxAbsX) {
    // exp(-z^2) = exp(y^2 - x^2) (cos 2xy - i sin 2xy); exp(y^2) = 1 + y^2 to 1e-24 here.
    const double e = exp_minus_square(x) * (1 + y * y);
    const double er = e * std::cos(2 * x * y), ei = -e * std::sin(2 * x * y);
    w += std::complex<double>(er, ei);
    if (dw) *dw -= 2.0 * std::complex<double>(x * er - y * ei, x * ei + y * er);  // -2 z exp(-z^2)
  }
}

bool in_asymptotic_region(double x, double y) {
  return x * x + y * y >= kAsymptoticMinAbsZ2 && y < kAsymptoticMaxAbsZ &&
         std::abs(x) < kAsymptoticMaxAbsZ;
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

// Algorithm 916 for the region left by the series and the continued fraction (|z| < 8, y <= 7). Terms supplies exp(-a^2 n^2) / (a^2 n^2 + y^2) (term(n)) and
// erfcx(y), the factors that depend on y alone: computed here per point, or tabulated once per
// line by FaddeevaLine, by the same expression, so both give the same bits.
template <typename Terms>
std::complex<double> w_zaghloul_ali(double x_signed, double y, const Terms& terms) {
  const double x = std::abs(x_signed);
  double sum1 = 0, sum2 = 0, sum3 = 0, sum4 = 0, sum5 = 0;
  double re = 0, im = 0;
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
      const double coef = terms.term(n) * expx2;
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
      const double coef = terms.term(n) * expx2;
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
  const double expx2_erfcx_y = expx2 * terms.erfcx_y();
  // sin 2xy and cos 2xy from one sincos(xy) by the double-angle formulas: 2 sin cos keeps the
  // relative accuracy; (cos - sin)(cos + sin) only the absolute one near the zeros of cos 2xy,
  // which costs Re w nothing measurable (tests/lineshape/faddeeva_boundary_table.h samples them).
  if (y > 5) {
    // The imaginary parts of these terms cancel to double precision.
    const double sinxy = std::sin(x * y), cosxy = std::cos(x * y);
    const double cos2xy = (cosxy - sinxy) * (cosxy + sinxy);
    re = (expx2_erfcx_y - kC * y * sum1) * cos2xy + (kC * x * expx2) * sinxy * sinc(x * y, sinxy);
  } else {
    const double xs = x_signed;
    const double sinxy = std::sin(xs * y), cosxy = std::cos(xs * y);
    const double sin2xy = 2 * sinxy * cosxy, cos2xy = (cosxy - sinxy) * (cosxy + sinxy);
    const double coef1 = expx2_erfcx_y - kC * y * sum1;
    const double coef2 = kC * xs * expx2;
    re = coef1 * cos2xy + coef2 * sinxy * sinc(xs * y, sinxy);
    im = coef2 * sinc(2 * xs * y, sin2xy) - coef1 * sin2xy;
  }
  return {re + (0.5 * kC) * y * (sum2 + sum3),
          im + (0.5 * kC) * std::copysign(sum5 - sum4, x_signed)};
}

// exp(-a^2 n^2) / (a^2 n^2 + y^2) and erfcx(y) computed where needed, for one point.
struct PointTerms {
  double y;
  double term(int n) const { return exp_minus_a2_n2()[n - 1] / (kA2 * (n * n) + y * y); }
  double erfcx_y() const { return erfcx(y); }
};

// w(x + iy) for x != 0, 0 <= y, neither NaN.
template <typename Terms>
std::complex<double> w_upper(double x, double y, const Terms& terms) {
  if (x * x + y * y >= kAsymptoticMinAbsZ2) {
    if (in_asymptotic_region(x, y)) {
      std::complex<double> w;
      w_asymptotic(x, y, w, nullptr);
      return w;
    }
    return w_continued_fraction(x, y);  // |z| >= 1e150: closed forms that cannot overflow
  }
  // |z| < 8. Johnson also gives 6 < |x|, 0.1 < y to the fraction, but there its truncation at his
  // depth leaves 1.3e-13 in Re w (at x = 6, y = 0.1; the error of Re w oscillates with the depth
  // and has not settled below 5e-14 by 38 levels), while the sum keeps 2e-14 up to |z| = 8.
  if (y > 7) return w_continued_fraction(x, y);
  return w_zaghloul_ali(x, y, terms);
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
  return w_upper(x, y, PointTerms{y});
}

namespace detail {

std::complex<double> faddeeva_w_derivative(std::complex<double> z, std::complex<double> w) {
  if (z.imag() >= 0 && in_asymptotic_region(z.real(), z.imag())) {
    std::complex<double> series_w, dw;
    w_asymptotic(z.real(), z.imag(), series_w, &dw);
    return dw;
  }
  // -2 z w + 2i / sqrt(pi) in real arithmetic (std::complex's product tests for NaN).
  const double x = z.real(), y = z.imag();
  return {-2 * (x * w.real() - y * w.imag()), 2 * kInvSqrtPi - 2 * (x * w.imag() + y * w.real())};
}

void faddeeva_w_and_derivative(std::complex<double> z,
                               std::complex<double>& w,
                               std::complex<double>& dw) {
  // The branch faddeeva_w takes for these z, with w' from the same powers of 1 / z.
  if (z.real() != 0 && z.imag() >= 0 && in_asymptotic_region(z.real(), z.imag())) {
    w_asymptotic(z.real(), z.imag(), w, &dw);
    return;
  }
  w = faddeeva_w(z);
  dw = faddeeva_w_derivative(z, w);
}

FaddeevaLine::FaddeevaLine(double y) : y_(y), tabulated_(y >= 0 && y <= 7) {
  // Above y = 7 every point goes to the series or the fraction, which need no table.
  if (!tabulated_) return;
  const PointTerms point{y};
  erfcx_y_ = point.erfcx_y();
  for (int n = 1; n <= kNumTerms; ++n) terms_[n - 1] = point.term(n);
}

std::complex<double> FaddeevaLine::w(double x) const {
  if (!tabulated_ || std::isnan(x)) return faddeeva_w({x, y_});
  if (x == 0) return {erfcx_y_, x};
  return w_upper(x, y_, *this);
}

void FaddeevaLine::w_and_derivative(double x,
                                    std::complex<double>& w,
                                    std::complex<double>& dw) const {
  if (!tabulated_ || std::isnan(x)) return faddeeva_w_and_derivative({x, y_}, w, dw);
  if (x != 0 && in_asymptotic_region(x, y_)) return w_asymptotic(x, y_, w, &dw);
  w = x == 0 ? std::complex<double>(erfcx_y_, x) : w_upper(x, y_, *this);
  dw = faddeeva_w_derivative({x, y_}, w);
}

}  // namespace detail
}  // namespace voigt
