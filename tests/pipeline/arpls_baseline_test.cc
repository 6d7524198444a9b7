#include "pipeline/arpls_baseline.h"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace voigt::detail {
namespace {

// Uniform [0, 1) and standard normal (Box-Muller) from a fixed-seed mt19937_64: independent of
// the standard library's distribution implementations.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double gaussian() {
    const double kTwoPi = 6.283185307179586;
    const double u1 = 1.0 - uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * uniform());
  }

 private:
  std::mt19937_64 engine_;
};

TEST(ArplsOptions, DefaultsAreValid) { EXPECT_EQ(ArplsOptions().validate(), ""); }

TEST(ArplsOptions, InvalidFieldsAreNamed) {
  ArplsOptions o;
  o.lambda = -1;
  EXPECT_NE(o.validate().find("ArplsOptions::lambda = -1"), std::string::npos) << o.validate();
  o = ArplsOptions();
  o.ratio = 0;
  EXPECT_NE(o.validate().find("ratio"), std::string::npos);
  o = ArplsOptions();
  o.max_iterations = 0;
  EXPECT_NE(o.validate().find("max_iterations"), std::string::npos);
  ArplsScratch scratch;
  std::vector<double> y(10, 1.0), z(10);
  EXPECT_THROW(arpls_baseline(y.data(), 10, o, z.data(), scratch), std::invalid_argument);
}

// The banded LDL' against Eigen's dense LDL' on a random SPD pentadiagonal system. The matrix is
// diagonally dominant (diagonal >= 4 > sum of |off-diagonals|), so its condition number is below
// ~10 and 1e-10 is far above rounding, far below any indexing mistake.
TEST(PentadiagonalLdlt, MatchesDenseSolveOnRandomSpdSystem) {
  constexpr double kEpsilon = 1e-10;
  const int n = 200;
  Random rng(7);
  std::vector<double> a(n), b(n - 1), c(n - 2), rhs(n), x(n);
  for (double& v : b) v = 2 * rng.uniform() - 1;
  for (double& v : c) v = 2 * rng.uniform() - 1;
  for (double& v : a) v = 4 + rng.uniform();
  for (double& v : rhs) v = 2 * rng.uniform() - 1;
  Eigen::MatrixXd dense = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    dense(i, i) = a[i];
    if (i + 1 < n) dense(i, i + 1) = dense(i + 1, i) = b[i];
    if (i + 2 < n) dense(i, i + 2) = dense(i + 2, i) = c[i];
  }
  const Eigen::VectorXd expected =
      dense.ldlt().solve(Eigen::Map<const Eigen::VectorXd>(rhs.data(), n));

  PentadiagonalLdlt ldlt;
  ASSERT_TRUE(ldlt.factor(n, a.data(), b.data(), c.data()));
  ldlt.solve(rhs.data(), x.data());
  for (int i = 0; i < n; ++i) EXPECT_NEAR(x[i], expected[i], kEpsilon) << i;

  // In place (rhs and x the same array) gives the same numbers.
  std::vector<double> in_place = rhs;
  ldlt.solve(in_place.data(), in_place.data());
  for (int i = 0; i < n; ++i) EXPECT_EQ(in_place[i], x[i]);
}

TEST(PentadiagonalLdlt, IndefiniteMatrixIsReported) {
  const std::vector<double> a = {1, 1, 1, 1, 1}, b = {2, 2, 2, 2}, c = {0, 0, 0};
  PentadiagonalLdlt ldlt;
  EXPECT_FALSE(ldlt.factor(5, a.data(), b.data(), c.data()));
}

double Lorentzian(double x, double center, double hwhm) {
  const double t = (x - center) / hwhm;
  return 1.0 / (1.0 + t * t);
}

struct Peak {
  double center_pt, height, hwhm_pt;
};

// Build from the truth: a slow baseline (offset + ramp + quadratic + a sine of period 1500
// points) plus Lorentzian lines and unit Gaussian noise.
struct Trace {
  std::vector<double> signal, baseline;
  std::vector<Peak> peaks;
};

Trace MakeTrace(int n, std::uint64_t seed) {
  Trace t;
  t.peaks = {{250, 300, 3}, {610, 1000, 4}, {980, 200, 2.5}, {1400, 600, 3}, {1760, 450, 5}};
  Random rng(seed);
  t.signal.resize(n);
  t.baseline.resize(n);
  for (int i = 0; i < n; ++i) {
    const double u = static_cast<double>(i) / n;
    t.baseline[i] = 40 + 25 * u - 30 * u * u + 15 * std::sin(2 * M_PI * i / 1500.0);
    double y = t.baseline[i] + rng.gaussian();
    for (const Peak& p : t.peaks) y += p.height * Lorentzian(i, p.center_pt, p.hwhm_pt);
    t.signal[i] = y;
  }
  return t;
}

TEST(ArplsBaseline, RecoversSmoothBaselineUnderLorentzianPeaks) {
  // Away from peaks the baseline is a smoothed average of noise of sd 1: within 1 sd of the truth
  // in practice; 3 sd ("a few noise sd") is the promise. Under a peak the baseline error must stay
  // below 1 % of the height so that the corrected height is preserved to 1 %.
  constexpr double kNoiseSd = 1.0;
  constexpr double kBaselineTolSd = 3.0;
  constexpr double kHeightRelTol = 0.01;
  const int n = 2048;
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const Trace t = MakeTrace(n, seed);
    std::vector<double> z(n);
    ArplsScratch scratch;
    arpls_baseline(t.signal.data(), n, ArplsOptions(), z.data(), scratch);
    EXPECT_GE(scratch.iterations, 2);
    EXPECT_LE(scratch.iterations, ArplsOptions().max_iterations);
    double worst_sd = 0;
    for (int i = 0; i < n; ++i) {
      bool near_peak = false;
      // Within hwhm * sqrt(height / sd) of a centre the Lorentzian tail itself exceeds 1 noise sd
      // (126 points for the 1000-high line): there the baseline cannot be told from the line.
      for (const Peak& p : t.peaks)
        near_peak |= std::fabs(i - p.center_pt) < p.hwhm_pt * std::sqrt(p.height / kNoiseSd);
      if (!near_peak) worst_sd = std::max(worst_sd, std::fabs(z[i] - t.baseline[i]) / kNoiseSd);
    }
    EXPECT_LT(worst_sd, kBaselineTolSd) << "seed " << seed;
    for (const Peak& p : t.peaks) {
      const int c = static_cast<int>(p.center_pt);
      // Corrected height minus true height = true baseline - estimated baseline (noise cancels).
      EXPECT_LT(std::fabs(z[c] - t.baseline[c]), kHeightRelTol * p.height)
          << "seed " << seed << " peak at " << p.center_pt;
    }
  }
}

TEST(ArplsBaseline, SecondCallDoesNotAllocate) {
  const int n = 1500;
  const Trace a = MakeTrace(n, 4), b = MakeTrace(n, 5);
  std::vector<double> z(n);
  ArplsScratch scratch;
  arpls_baseline(a.signal.data(), n, ArplsOptions(), z.data(), scratch);
  const std::vector<const std::vector<double>*> vectors = {&scratch.weights,
                                                           &scratch.diag,
                                                           &scratch.penalty_diag,
                                                           &scratch.off1,
                                                           &scratch.off2,
                                                           &scratch.rhs};
  std::vector<std::size_t> capacities;
  std::vector<const double*> buffers;
  for (const auto* v : vectors) {
    capacities.push_back(v->capacity());
    buffers.push_back(v->data());
  }
  const std::size_t ldlt_capacity = scratch.ldlt.capacity();
  // Same length, then a shorter trace: neither may grow or move a buffer.
  arpls_baseline(b.signal.data(), n, ArplsOptions(), z.data(), scratch);
  arpls_baseline(b.signal.data(), n / 2, ArplsOptions(), z.data(), scratch);
  for (std::size_t k = 0; k < vectors.size(); ++k) {
    EXPECT_EQ(vectors[k]->capacity(), capacities[k]) << k;
    EXPECT_EQ(vectors[k]->data(), buffers[k]) << k;
  }
  EXPECT_EQ(scratch.ldlt.capacity(), ldlt_capacity);
}

TEST(ArplsBaseline, ConstantAndLinearInputsAreTheirOwnBaseline) {
  // Constants and lines are in the null space of D: z = y exactly up to rounding of the solve
  // (condition ~ lambda * 16 -> relative error ~1e-9 at most).
  constexpr double kEpsilonLoose = 1e-6;
  const int n = 400;
  std::vector<double> y(n, 7.25), z(n);
  ArplsScratch scratch;
  arpls_baseline(y.data(), n, ArplsOptions(), z.data(), scratch);
  for (int i = 0; i < n; ++i) EXPECT_NEAR(z[i], 7.25, kEpsilonLoose * 7.25);
  for (int i = 0; i < n; ++i) y[i] = -3.0 + 0.01 * i;
  arpls_baseline(y.data(), n, ArplsOptions(), z.data(), scratch);
  for (int i = 0; i < n; ++i) EXPECT_NEAR(z[i], y[i], kEpsilonLoose * 4);
  std::fill(y.begin(), y.end(), 0.0);
  arpls_baseline(y.data(), n, ArplsOptions(), z.data(), scratch);
  for (int i = 0; i < n; ++i) EXPECT_EQ(z[i], 0.0);
}

TEST(ArplsBaseline, ShortTracesGetTheirMean) {
  ArplsScratch scratch;
  const std::vector<double> y = {1, 2, 6, 3};
  std::vector<double> z(4);
  arpls_baseline(y.data(), 4, ArplsOptions(), z.data(), scratch);
  for (double v : z) EXPECT_DOUBLE_EQ(v, 3.0);
  arpls_baseline(y.data(), 0, ArplsOptions(), z.data(), scratch);  // no-op, no crash
}

TEST(ArplsBaseline, NonFiniteSamplesAreInterpolatedOver) {
  const int n = 2048;
  Trace t = MakeTrace(n, 6);
  const std::vector<int> holes = {10, 800, 801, 802, 1300, 2047};
  for (int i : holes) t.signal[i] = std::numeric_limits<double>::quiet_NaN();
  t.signal[500] = std::numeric_limits<double>::infinity();
  std::vector<double> z(n);
  ArplsScratch scratch;
  arpls_baseline(t.signal.data(), n, ArplsOptions(), z.data(), scratch);
  for (int i = 0; i < n; ++i) ASSERT_TRUE(std::isfinite(z[i])) << i;
  for (int i : holes) EXPECT_NEAR(z[i], t.baseline[i], 3.0) << i;

  std::vector<double> all_nan(50, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> z_nan(50);
  arpls_baseline(all_nan.data(), 50, ArplsOptions(), z_nan.data(), scratch);
  EXPECT_TRUE(std::isnan(z_nan[0]));
}

}  // namespace
}  // namespace voigt::detail
