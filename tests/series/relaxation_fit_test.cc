// fit_decay / fit_decay_correlated (engine/src/series/relaxation_fit.cc): exact recovery,
// honest errors over many noisy decays, Monte Carlo, the offset model, and failures.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "voigt/decay_fit.h"
#include "voigt/series.h"

namespace voigt {
namespace {

// Gaussian deviates independent of the code under test (a different generator: xorshift64*).
class Normals {
 public:
  explicit Normals(std::uint64_t seed) : state_(seed | 1) {}
  double next() {
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  double uniform() {
    state_ ^= state_ >> 12, state_ ^= state_ << 25, state_ ^= state_ >> 27;
    return ((state_ * 0x2545F4914F6CDD1DULL) >> 11) * 0x1.0p-53 + 0x1.0p-54;
  }
  std::uint64_t state_;
};

const std::vector<double> kDelays = {0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18};

std::vector<double> decay(double i0, double r, double offset = 0) {
  std::vector<double> h;
  for (double t : kDelays) h.push_back(i0 * std::exp(-r * t) + offset);
  return h;
}

TEST(FitDecay, RecoversExactDecay) {
  const std::vector<double> h = decay(2.5e7, 8.0);
  const DecayFit f = fit_decay(kDelays, h, std::vector<double>(h.size(), 1e4), SeriesOptions{});
  ASSERT_EQ(f.status, PeakStatus::kOk) << f.message;
  EXPECT_NEAR(f.r, 8.0, 1e-9);
  EXPECT_NEAR(f.i0 / 2.5e7, 1, 1e-11);
  EXPECT_LT(f.chi2_red, 1e-12);
  EXPECT_EQ(f.planes_used, 10);
  EXPECT_TRUE(std::isnan(f.offset));
  EXPECT_TRUE(std::isnan(f.r_err_mc));  // no draws asked for
}

TEST(FitDecay, StandardErrorMatchesTheScatterOfRepeatedFits) {
  // 2000 noisy copies of one decay: the sd of the fitted R must match the reported r_err, and
  // |R - truth| <= 2 r_err for ~95.4 % of them (binomial sd 0.5 %).
  const double truth = 12.0, sd = 0.02;
  const std::vector<double> clean = decay(1.0, truth);
  const std::vector<double> errors(clean.size(), sd);
  Normals normal(7);
  double sum = 0, sum_sq = 0, reported = 0;
  int within = 0;
  const int trials = 2000;
  for (int n = 0; n < trials; ++n) {
    std::vector<double> h = clean;
    for (double& v : h) v += sd * normal.next();
    const DecayFit f = fit_decay(kDelays, h, errors, SeriesOptions{});
    ASSERT_EQ(f.status, PeakStatus::kOk) << f.message;
    sum += f.r, sum_sq += f.r * f.r, reported += f.r_err;
    within += std::abs(f.r - truth) <= 2 * f.r_err;
  }
  const double mean = sum / trials;
  const double scatter = std::sqrt(sum_sq / trials - mean * mean);
  std::printf("R scatter %.4f, mean reported error %.4f, within 2 sd %.1f %%\n", scatter,
              reported / trials, 100.0 * within / trials);
  EXPECT_NEAR(reported / trials / scatter, 1, 0.06);
  EXPECT_NEAR(within / double(trials), 0.954, 0.015);
}

TEST(FitDecay, MonteCarloErrorAgreesWithCovarianceAndIsDeterministic) {
  std::vector<double> h = decay(1.0, 5.0);
  Normals normal(3);
  for (double& v : h) v += 0.01 * normal.next();
  const std::vector<double> errors(h.size(), 0.01);
  SeriesOptions options;
  options.monte_carlo_draws = 2000;
  options.monte_carlo_seed = 42;
  const DecayFit a = fit_decay(kDelays, h, errors, options, 17);
  const DecayFit b = fit_decay(kDelays, h, errors, options, 17);
  const DecayFit other_stream = fit_decay(kDelays, h, errors, options, 18);
  ASSERT_EQ(a.status, PeakStatus::kOk) << a.message;
  EXPECT_EQ(a.r_err_mc, b.r_err_mc);  // same seed and stream: the same draws, bit for bit
  EXPECT_NE(a.r_err_mc, other_stream.r_err_mc);
  // Two estimates of one sd: 2000 draws give the MC one ~1.6 % relative scatter.
  EXPECT_NEAR(a.r_err_mc / a.r_err, 1, 0.06);
}

TEST(FitDecay, OffsetModelRecoversTheOffset) {
  const std::vector<double> h = decay(100.0, 10.0, 7.0);
  SeriesOptions options;
  options.fit_offset = true;
  const DecayFit f = fit_decay(kDelays, h, std::vector<double>(h.size(), 0.1), options);
  ASSERT_EQ(f.status, PeakStatus::kOk) << f.message;
  EXPECT_NEAR(f.r, 10.0, 1e-7);
  EXPECT_NEAR(f.offset, 7.0, 1e-6);
  EXPECT_GT(f.offset_err, 0);
}

TEST(FitDecay, UnusablePlanesAreSkippedAndTooFewFail) {
  std::vector<double> h = decay(1.0, 3.0);
  std::vector<double> e(h.size(), 0.01);
  h[2] = NAN;
  e[5] = 0;  // an error that is not > 0: plane left out
  const DecayFit f = fit_decay(kDelays, h, e, SeriesOptions{});
  ASSERT_EQ(f.status, PeakStatus::kOk) << f.message;
  EXPECT_EQ(f.planes_used, 8);
  EXPECT_NEAR(f.r, 3.0, 1e-9);

  const DecayFit one = fit_decay({0.1}, {1.0}, {0.1}, SeriesOptions{});
  EXPECT_EQ(one.status, PeakStatus::kFailed);
  EXPECT_NE(one.message.find("needs 2"), std::string::npos) << one.message;
  const DecayFit same = fit_decay({0.1, 0.1, 0.1}, {1.0, 0.9, 1.1}, {0.1, 0.1, 0.1},
                                  SeriesOptions{});
  EXPECT_EQ(same.status, PeakStatus::kFailed);
  EXPECT_EQ(same.message, "all delays are equal");
  EXPECT_EQ(fit_decay({}, {}, {}, SeriesOptions{}).message, "no delays given");
}

TEST(FitDecayCorrelated, CommonScaleErrorMovesI0NotR) {
  // A covariance with a large fully correlated scale term (a shape error shared by all planes,
  // proportional to the heights) on top of independent noise: R's error is that of the noise
  // alone, I0's grows.
  const std::vector<double> h = decay(1.0, 6.0);
  const std::size_t n = h.size();
  const double sd = 0.01, scale_sd = 0.05;
  std::vector<double> independent(n * n, 0.0), correlated(n * n, 0.0);
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t l = 0; l < n; ++l) {
      const double noise = k == l ? sd * sd : 0;
      independent[k * n + l] = noise;
      correlated[k * n + l] = noise + scale_sd * scale_sd * h[k] * h[l];
    }
  const DecayFit a = fit_decay_correlated(kDelays, h, independent, SeriesOptions{});
  const DecayFit b = fit_decay_correlated(kDelays, h, correlated, SeriesOptions{});
  ASSERT_EQ(a.status, PeakStatus::kOk) << a.message;
  ASSERT_EQ(b.status, PeakStatus::kOk) << b.message;
  EXPECT_NEAR(b.r_err / a.r_err, 1, 1e-6);
  EXPECT_GT(b.i0_err, 4 * a.i0_err);
  // A covariance that is not positive definite is refused, not silently used.
  std::vector<double> bad = independent;
  bad[0] = -1;
  EXPECT_EQ(fit_decay_correlated(kDelays, h, bad, SeriesOptions{}).planes_used, 9);
  bad = independent;
  bad[1] = bad[n] = 1;  // |correlation| > 1
  EXPECT_EQ(fit_decay_correlated(kDelays, h, bad, SeriesOptions{}).status, PeakStatus::kFailed);
}

TEST(SeriesOptions, DefaultsAreValidAndBadValuesAreNamed) {
  EXPECT_EQ(SeriesOptions{}.validate(), "");
  SeriesOptions o;
  o.reference_plane = -2;
  EXPECT_NE(o.validate().find("SeriesOptions::reference_plane = -2"), std::string::npos);
  o = SeriesOptions{};
  o.monte_carlo_draws = -1;
  EXPECT_NE(o.validate().find("SeriesOptions::monte_carlo_draws = -1"), std::string::npos);
  o = SeriesOptions{};
  o.max_decay_iterations = 0;
  EXPECT_NE(o.validate().find("SeriesOptions::max_decay_iterations = 0"), std::string::npos);
}

}  // namespace
}  // namespace voigt
