// The Faddeeva function with its derivative, and along one horizontal line Im z = y, for callers
// that evaluate many points of a line: a Voigt profile on a grid has z = (x + i gamma) / (sigma
// sqrt 2), one y for every grid point. See faddeeva.cc for the method and accuracy.
#ifndef VOIGT_INTERNAL_LINESHAPE_FADDEEVA_H_
#define VOIGT_INTERNAL_LINESHAPE_FADDEEVA_H_

#include <array>
#include <complex>

#include "voigt/lineshape.h"

namespace voigt::detail {

// w'(z) = -2 z w(z) + 2i / sqrt(pi), given w = w(z); for |z| >= 8 in the upper half-plane from
// the differentiated asymptotic series instead, where the two terms cancel to ~|z|^2 ulps.
std::complex<double> faddeeva_w_derivative(std::complex<double> z, std::complex<double> w);

// w(z) and w'(z) from one evaluation; equal, bit for bit, to faddeeva_w and faddeeva_w_derivative.
void faddeeva_w_and_derivative(std::complex<double> z,
                               std::complex<double>& w,
                               std::complex<double>& dw);

// w(x + iy) for fixed y: the factors of the Zaghloul-Ali sum that depend on y alone (52 quotients
// and erfcx(y)) are computed once, at construction, instead of at every point. Results are equal,
// bit for bit, to faddeeva_w and faddeeva_w_and_derivative at (x, y), for any y (a negative or NaN
// y falls back to them).
class FaddeevaLine {
 public:
  static constexpr int kNumTerms = 52;  // exp(-a^2 n^2) underflows beyond n = 52

  explicit FaddeevaLine(double y);
  double y() const { return y_; }
  std::complex<double> w(double x) const;
  void w_and_derivative(double x, std::complex<double>& w, std::complex<double>& dw) const;
  // exp(-a^2 n^2) / (a^2 n^2 + y^2) for n = 1..52 at index n - 1; filled only where the sum is used.
  double term(int n) const { return terms_[n - 1]; }
  double erfcx_y() const { return erfcx_y_; }

 private:
  double y_;
  bool tabulated_ = false;  // y in [0, 7], where points can fall in the Zaghloul-Ali region
  double erfcx_y_ = 0;
  std::array<double, kNumTerms> terms_{};
};

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_LINESHAPE_FADDEEVA_H_
