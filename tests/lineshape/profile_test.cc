#include "lineshape/profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

namespace voigt::detail {
namespace {

// Central differences have truncation error ~h^2 f''' and rounding ~eps f / h; h = 1e-5 x scale
// balances them near 1e-10, well inside the 1e-6 relative criterion.
constexpr double kRelativeTolerance = 1e-6;

double central_difference(const std::function<double(double)>& f, double at, double scale) {
  const double h = 1e-5 * scale;
  return (f(at + h) - f(at - h)) / (2 * h);
}

// Compares an analytic partial with central differences, relative to the derivative's own
// magnitude scale (value / width) so that zero crossings do not demand infinite relative accuracy.
void expect_partial(double analytic, double numeric, double scale, const char* what, Shape shape,
                    double x) {
  EXPECT_NEAR(analytic, numeric, kRelativeTolerance * (std::abs(numeric) + 1e-3 * scale))
      << what << " shape=" << static_cast<int>(shape) << " x=" << x;
}

struct Case {
  Shape shape;
  ProfileWidths widths;
};

const Case kCases[] = {
    {Shape::kVoigt, {1.0, 0.5, 0}},       {Shape::kVoigt, {0.4, 2.0, 0}},
    {Shape::kVoigt, {2.0, 1e-3, 0}},      {Shape::kVoigt, {1e-3, 1.5, 0}},
    {Shape::kGaussian, {1.3, 0, 0}},      {Shape::kLorentzian, {0, 0.7, 0}},
    {Shape::kPseudoVoigt, {1.1, 0.9, 0.35}},
};

template <typename Evaluate>
void check_all_partials(const Case& c, Evaluate evaluate) {
  for (double x : {-12.0, -3.1, -0.7, 0.0, 0.45, 2.2, 6.0, 40.0}) {
    const ProfileValue p = evaluate(c.widths, x);
    const double scale = std::abs(evaluate(c.widths, 0).value);
    auto with = [&](auto modify) {
      return [&, modify](double v) {
        ProfileWidths w = c.widths;
        modify(w, v);
        return evaluate(w, x).value;
      };
    };
    expect_partial(p.d_x, central_difference([&](double v) { return evaluate(c.widths, v).value; },
                                             x, 1.0),
                   scale, "d_x", c.shape, x);
    if (c.widths.sigma > 0)
      expect_partial(p.d_sigma,
                     central_difference(with([](ProfileWidths& w, double v) { w.sigma = v; }),
                                        c.widths.sigma, c.widths.sigma),
                     scale / c.widths.sigma, "d_sigma", c.shape, x);
    if (c.widths.gamma > 0)
      expect_partial(p.d_gamma,
                     central_difference(with([](ProfileWidths& w, double v) { w.gamma = v; }),
                                        c.widths.gamma, c.widths.gamma),
                     scale / c.widths.gamma, "d_gamma", c.shape, x);
    if (c.shape == Shape::kPseudoVoigt)
      expect_partial(p.d_eta,
                     central_difference(with([](ProfileWidths& w, double v) { w.eta = v; }),
                                        c.widths.eta, 0.1),
                     scale, "d_eta", c.shape, x);
  }
}

TEST(Profile, AreaPartialsMatchCentralDifferences) {
  for (const Case& c : kCases) {
    check_all_partials(c, [&](const ProfileWidths& w, double x) {
      return area_profile(c.shape, x, w);
    });
  }
}

TEST(Profile, NormalisedPartialsMatchCentralDifferences) {
  for (const Case& c : kCases) {
    check_all_partials(c, [&](const ProfileWidths& w, double x) {
      return NormalisedProfile(c.shape, w)(x);
    });
  }
}

// NormalisedProfile evaluates w along one line with its y-only factors tabulated; that must be a
// saving, not an approximation: the same bits as area_profile and the quotient rule per point.
TEST(Profile, NormalisedVoigtEqualsPointwiseQuotientBitForBit) {
  for (const ProfileWidths& widths : {ProfileWidths{2.0, 1.2, 0}, ProfileWidths{2.5, 0, 0},
                                      ProfileWidths{0.3, 4.0, 0}, ProfileWidths{1.0, 1e-9, 0}}) {
    const NormalisedProfile v(Shape::kVoigt, widths);
    const ProfileValue c = area_profile(Shape::kVoigt, 0, widths);
    for (double x = -250; x <= 250; x += 0.173) {
      const ProfileValue p = area_profile(Shape::kVoigt, x, widths), n = v(x);
      const double inv_v0 = 1 / c.value;
      ASSERT_EQ(n.value, p.value * inv_v0) << x;
      ASSERT_EQ(n.d_x, p.d_x * inv_v0) << x;
      ASSERT_EQ(n.d_sigma, (p.d_sigma - n.value * c.d_sigma) * inv_v0) << x;
      ASSERT_EQ(n.d_gamma, (p.d_gamma - n.value * c.d_gamma) * inv_v0) << x;
    }
  }
}

TEST(Profile, NormalisedProfileIsOneAtCentre) {
  for (const Case& c : kCases) EXPECT_DOUBLE_EQ(NormalisedProfile(c.shape, c.widths)(0).value, 1);
}

TEST(Profile, VoigtReducesToItsLimits) {
  const ProfileValue lorentz = area_profile(Shape::kLorentzian, 0.8, {0, 1.2, 0});
  const ProfileValue tiny_sigma = area_profile(Shape::kVoigt, 0.8, {1e-7, 1.2, 0});
  EXPECT_NEAR(tiny_sigma.value / lorentz.value, 1, 1e-12);
  EXPECT_NEAR(tiny_sigma.d_gamma / lorentz.d_gamma, 1, 1e-9);
  const ProfileValue gauss = area_profile(Shape::kGaussian, 0.8, {1.2, 0, 0});
  const ProfileValue tiny_gamma = area_profile(Shape::kVoigt, 0.8, {1.2, 1e-9, 0});
  EXPECT_NEAR(tiny_gamma.value / gauss.value, 1, 1e-8);
  EXPECT_NEAR(tiny_gamma.d_sigma / gauss.d_sigma, 1, 1e-7);
}

TEST(Profile, DerivativeOfFaddeevaIsContinuousAtAsymptoticSwitch) {
  for (double angle : {0.0, 0.3, 1.0, 1.5}) {
    const std::complex<double> inside = std::polar(8.0 - 1e-12, angle);
    const std::complex<double> outside = std::polar(8.0 + 1e-12, angle);
    const auto a = faddeeva_w_derivative(inside, faddeeva_w(inside));
    const auto b = faddeeva_w_derivative(outside, faddeeva_w(outside));
    // Both sides agree to the ~|z|^2 ulps that the direct formula keeps at the switch.
    EXPECT_LE(std::abs(a - b) / std::abs(a), 1e-12) << angle;
  }
}

}  // namespace
}  // namespace voigt::detail
