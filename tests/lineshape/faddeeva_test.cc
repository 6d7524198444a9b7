#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <complex>
#include <cstring>
#include <string>

#include "lineshape/faddeeva.h"
#include "lineshape/faddeeva_boundary_table.h"
#include "support/shared_data.h"
#include "voigt/lineshape.h"

namespace voigt {
namespace {

// The acceptance bound; SciPy's wofz, which made the table, is itself good to ~1e-13.
constexpr double kTolerance = 1e-10;

// Where the reference is subnormal (or underflowed to 0) it carries no relative precision.
double relative_error(double got, double want) {
  if (std::abs(want) < DBL_MIN) return std::abs(got - want) < DBL_MIN ? 0 : INFINITY;
  return std::abs(got - want) / std::abs(want);
}

TEST(Faddeeva, MatchesScipyReferenceTableEverywhere) {
  const auto table = testing::read_csv(testing::shared_path("reference/faddeeva_w.csv"));
  ASSERT_GT(table.rows.size(), 3000u);
  double worst_re = 0, worst_im = 0, worst_abs = 0;
  std::string worst_at;
  for (const auto& row : table.rows) {
    const double x = testing::to_double(row[0]), y = testing::to_double(row[1]);
    const std::complex<double> want(testing::to_double(row[2]), testing::to_double(row[3]));
    const std::complex<double> got = faddeeva_w({x, y});
    const double err_re = relative_error(got.real(), want.real());
    const double err_im = std::abs(got.imag() - want.imag()) / std::abs(want);
    const double err_abs = relative_error(std::abs(got), std::abs(want));
    if (err_re > worst_re) worst_at = "x=" + row[0] + " y=" + row[1];
    worst_re = std::max(worst_re, err_re);
    worst_im = std::max(worst_im, err_im);
    worst_abs = std::max(worst_abs, err_abs);
    ASSERT_LE(err_re, kTolerance) << "Re w at x=" << x << " y=" << y << ": " << got.real()
                                  << " vs " << want.real();
    ASSERT_LE(err_im, kTolerance) << "Im w at x=" << x << " y=" << y;
    ASSERT_LE(err_abs, kTolerance) << "|w| at x=" << x << " y=" << y;
  }
  std::printf("faddeeva: max rel err Re %.2e (at %s), Im/|w| %.2e, |w| %.2e over %zu rows\n",
              worst_re, worst_at.c_str(), worst_im, worst_abs, table.rows.size());
}

// Against 450-digit values, where SciPy's own ~1e-13 does not blur the comparison. w: relative
// error of Re w, Im w and |w| (worst measured 1.6e-14, the Zaghloul-Ali sum just inside |z| = 8;
// the series keeps 1e-15). w': relative to |w'|, looser because inside |z| = 8 it comes from
// -2 z w + 2i / sqrt(pi), which multiplies w's error by |2 z w / w'| ~ 2 |z|^2 (~130 at |z| = 8;
// worst measured 2.0e-12).
TEST(Faddeeva, MatchesHighPrecisionValuesAcrossRegionBoundaries) {
  constexpr double kEpsilon = 3e-14;
  constexpr double kEpsilonDerivative = 4e-12;
  double worst_w = 0, worst_dw = 0;
  for (const auto& row : voigt::testing::kFaddeevaBoundaryTable) {
    const std::complex<double> z(row.x, row.y), want(row.re_w, row.im_w);
    const std::complex<double> want_dw(row.re_dw, row.im_dw);
    const std::complex<double> got = faddeeva_w(z);
    const double err = std::max({relative_error(got.real(), want.real()),
                                 std::abs(got.imag() - want.imag()) / std::abs(want),
                                 relative_error(std::abs(got), std::abs(want))});
    EXPECT_LE(err, kEpsilon) << "w at x=" << row.x << " y=" << row.y << ": " << got << " vs "
                             << want;
    std::complex<double> w, dw;
    detail::faddeeva_w_and_derivative(z, w, dw);
    const double err_dw = std::abs(dw - want_dw) / std::abs(want_dw);
    EXPECT_LE(err_dw, kEpsilonDerivative) << "w' at x=" << row.x << " y=" << row.y;
    worst_w = std::max(worst_w, err);
    worst_dw = std::max(worst_dw, err_dw);
  }
  std::printf("faddeeva boundaries: max rel err w %.2e, w' %.2e\n", worst_w, worst_dw);
}

// FaddeevaLine tabulates what faddeeva_w computes per point; the bits must not differ, on every
// branch: the tiny-x sum, the sum, the fraction, each series tier, the axes, y > 7, y < 0, NaN.
TEST(FaddeevaLine, EqualsPointwiseEvaluationBitForBit) {
  for (double y : {0.0, 1e-300, 1e-12, 0.9e-6, 1.1e-6, 0.05, 0.1, 0.3, 1.0, 3.0, 5.0, 6.99, 7.0,
                   7.5, 30.0, 1e4, -0.5, double{NAN}}) {
    const detail::FaddeevaLine line(y);
    for (double x = -300; x <= 300; x += x > -30 && x < 30 ? 0.0371 : 3.7) {
      for (double at : {x, 0.0, -0.0, 1e-5, 5.1e-4, 8.0, -8.0}) {
        const std::complex<double> want = faddeeva_w({at, y}), got = line.w(at);
        std::complex<double> w, dw;
        line.w_and_derivative(at, w, dw);
        std::complex<double> want_w, want_dw;
        detail::faddeeva_w_and_derivative({at, y}, want_w, want_dw);
        const auto same = [](std::complex<double> a, std::complex<double> b) {
          return std::memcmp(&a, &b, sizeof a) == 0;
        };
        ASSERT_TRUE(same(got, want)) << "x=" << at << " y=" << y << ": " << got << " vs " << want;
        ASSERT_TRUE(same(w, want)) << "x=" << at << " y=" << y;
        ASSERT_TRUE(same(want_w, want)) << "x=" << at << " y=" << y;
        ASSERT_TRUE(same(dw, want_dw)) << "x=" << at << " y=" << y;
        ASSERT_TRUE(same(want_dw, detail::faddeeva_w_derivative({at, y}, want)))
            << "x=" << at << " y=" << y;
      }
    }
  }
}

TEST(Faddeeva, RealAxisRealPartIsExactGaussian) {
  for (double x : {0.0, 0.3, 1.7, 5.5, 9.99, 12.0, 20.0, 26.0}) {
    EXPECT_NEAR(faddeeva_w({x, 0}).real() / std::exp(-x * x), 1.0, 1e-13) << x;
  }
}

TEST(Faddeeva, ImaginaryAxisIsErfcx) {
  // erfcx(y) = exp(y^2) erfc(y); at y = 1 it is 0.42758357615580700442 (DLMF 7.2.3 tables).
  EXPECT_NEAR(faddeeva_w({0, 1}).real(), 0.42758357615580700442, 1e-15);
  EXPECT_EQ(faddeeva_w({0, 1}).imag(), 0.0);
  for (double y : {0.5, 3.0, 6.9, 7.1, 30.0, 1e3}) {
    EXPECT_NEAR(erfcx(y) / faddeeva_w({0, y}).real(), 1.0, 1e-14) << y;
  }
}

TEST(Faddeeva, ContinuesAcrossEveryRegionBoundary) {
  // Points on both sides of each branch boundary (as in the Faddeeva Package's own test block).
  const std::complex<double> pairs[][2] = {
      {{6.0 - 1e-9, 0.11}, {6.0 + 1e-9, 0.11}},   {{8.0 - 1e-9, 1.01e-10}, {8.0 + 1e-9, 1.01e-10}},
      {{10.0 - 1e-9, 1e-11}, {10.0 + 1e-9, 1e-11}}, {{28.0 - 1e-9, 0}, {28.0 + 1e-9, 0}},
      {{2.0, 7.0 - 1e-9}, {2.0, 7.0 + 1e-9}},       {{1.0, 5.0 - 1e-9}, {1.0, 5.0 + 1e-9}},
      {{5e-4 - 1e-12, 1.0}, {5e-4 + 1e-12, 1.0}},  {{3000.0, 1000.0 - 1e-6}, {3000.0, 1000.0 + 1e-6}},
      {{12.0, 16.0 - 1e-9}, {12.0, 16.0 + 1e-9}},   {{20.0 - 1e-9, 1e-3}, {20.0 + 1e-9, 1e-3}},
  };
  for (const auto& p : pairs) {
    const auto a = faddeeva_w(p[0]), b = faddeeva_w(p[1]);
    EXPECT_LE(std::abs(a - b) / std::abs(a), 1e-8) << p[0] << " vs " << p[1];
  }
}

TEST(Faddeeva, SpecialValues) {
  EXPECT_TRUE(std::isnan(faddeeva_w({NAN, 1}).real()));
  EXPECT_TRUE(std::isnan(faddeeva_w({1, NAN}).imag()));
  EXPECT_EQ(faddeeva_w({0, INFINITY}).real(), 0.0);
  const auto far = faddeeva_w({1e300, 1e300});
  EXPECT_TRUE(std::isfinite(far.real()) && std::isfinite(far.imag()));
  EXPECT_EQ(faddeeva_w({0, 0}), std::complex<double>(1, 0));
}

TEST(Faddeeva, LowerHalfPlaneUsesReflection) {
  const std::complex<double> z(0.7, -0.4);
  const auto want = 2.0 * std::exp(-z * z) - faddeeva_w(-z);
  EXPECT_LE(std::abs(faddeeva_w(z) - want), 1e-15);
}

}  // namespace
}  // namespace voigt
