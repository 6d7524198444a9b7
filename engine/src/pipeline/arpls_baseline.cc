// arPLS baseline (Baek, Park, Ahn, Choo, Analyst 140 (2015) 250) with an O(n) banded solver. See
// arpls_baseline.h for the method and how it replaces AsLS's asymmetry parameter p.
#include "pipeline/arpls_baseline.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace voigt::detail {

std::string ArplsOptions::validate() const {
  std::ostringstream msg;
  if (!(std::isfinite(lambda) && lambda > 0)) {
    msg << "ArplsOptions::lambda = " << lambda << "; must be finite and > 0";
  } else if (!(ratio > 0 && ratio < 1)) {
    msg << "ArplsOptions::ratio = " << ratio << "; must satisfy 0 < ratio < 1";
  } else if (max_iterations < 1) {
    msg << "ArplsOptions::max_iterations = " << max_iterations << "; must be >= 1";
  }
  return msg.str();
}

// Matching entries of A = L D L' (L unit lower, sub-diagonals l1, l2):
//   A(i, i)   = d_i + l1_{i-1}^2 d_{i-1} + l2_{i-2}^2 d_{i-2}
//   A(i+1, i) = l1_i d_i + l2_{i-1} d_{i-1} l1_{i-1}
//   A(i+2, i) = l2_i d_i
// solved for d_i, l1_i, l2_i in order of i. No pivoting: A is SPD, for which LDL' without pivoting
// is backward stable (Golub & Van Loan, Matrix Computations, 4th ed., section 4.3.5, banded
// LDL').
bool PentadiagonalLdlt::factor(int n, const double* a, const double* b, const double* c) {
  n_ = 0;
  const std::size_t size = static_cast<std::size_t>(std::max(n, 0));
  if (d_.size() < size) {
    d_.resize(size);
    l1_.resize(size);
    l2_.resize(size);
  }
  for (int i = 0; i < n; ++i) {
    double di = a[i];
    if (i >= 1) di -= l1_[i - 1] * l1_[i - 1] * d_[i - 1];
    if (i >= 2) di -= l2_[i - 2] * l2_[i - 2] * d_[i - 2];
    if (!(di > 0) || !std::isfinite(di)) return false;  // not SPD (or overflow)
    d_[i] = di;
    double bi = i + 1 < n ? b[i] : 0.0;
    if (i >= 1 && i + 1 < n) bi -= l2_[i - 1] * d_[i - 1] * l1_[i - 1];
    l1_[i] = bi / di;
    l2_[i] = i + 2 < n ? c[i] / di : 0.0;
  }
  n_ = n;
  return true;
}

void PentadiagonalLdlt::solve(const double* rhs, double* x) const {
  const int n = n_;
  // L u = rhs (forward), then v = D^-1 u, then L' x = v (backward); in place in x.
  for (int i = 0; i < n; ++i) {
    double u = rhs[i];
    if (i >= 1) u -= l1_[i - 1] * x[i - 1];
    if (i >= 2) u -= l2_[i - 2] * x[i - 2];
    x[i] = u;
  }
  for (int i = 0; i < n; ++i) x[i] /= d_[i];
  for (int i = n - 1; i >= 0; --i) {
    if (i + 1 < n) x[i] -= l1_[i] * x[i + 1];
    if (i + 2 < n) x[i] -= l2_[i] * x[i + 2];
  }
}

namespace {

// Below this many (finite) points a second-difference smoother cannot separate a peak from the
// baseline (D has n - 2 rows); the caller gets the mean instead.
constexpr int kMinPoints = 5;
// exp() argument above which the logistic weight is 0 to double precision (exp(-709) ~ 1e-308):
// avoids overflow to inf and the errno it sets.
constexpr double kMaxExpArgument = 700;

void fill_with_mean(const double* signal, int n, double* baseline) {
  double sum = 0;
  int count = 0;
  for (int i = 0; i < n; ++i)
    if (std::isfinite(signal[i])) {
      sum += signal[i];
      ++count;
    }
  const double mean = count > 0 ? sum / count : std::numeric_limits<double>::quiet_NaN();
  std::fill(baseline, baseline + std::max(n, 0), mean);
}

template <typename T>
void grow(std::vector<T>& v, std::size_t size) {
  if (v.size() < size) v.resize(size);
}

// The number of finite samples; *scale = their largest magnitude, the size of "zero" for the
// residual spread.
int count_finite(const double* signal, int n, double* scale) {
  int num_finite = 0;
  *scale = 0;
  for (int i = 0; i < n; ++i)
    if (std::isfinite(signal[i])) {
      ++num_finite;
      *scale = std::max(*scale, std::fabs(signal[i]));
    }
  return num_finite;
}

// lambda D'D, accumulated row by row of D (each row k holds [1 -2 1] at columns k..k+2). The
// bands are the same every iteration; only W on the diagonal changes.
void fill_penalty_bands(double lambda, int n, double* pdiag, double* off1, double* off2) {
  const double row[3] = {1.0, -2.0, 1.0};
  std::fill(pdiag, pdiag + n, 0.0);
  std::fill(off1, off1 + n, 0.0);
  std::fill(off2, off2 + n, 0.0);
  for (int k = 0; k + 2 < n; ++k) {
    for (int a = 0; a < 3; ++a) pdiag[k + a] += lambda * row[a] * row[a];
    for (int a = 0; a < 2; ++a) off1[k + a] += lambda * row[a] * row[a + 1];
    off2[k] += lambda * row[0] * row[2];
  }
}

// Step 3: mean m and standard deviation s (population, as the paper's reference code) of the
// negative residuals d = y - z: below a good baseline there is only noise. False when they
// carry no noise information, which ends the iteration.
bool negative_residual_spread(const double* signal,
                              const double* baseline,
                              int n,
                              double scale,
                              double* m,
                              double* s) {
  int num_negative = 0;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const double d = signal[i] - baseline[i];
    if (d < 0) {  // false for NaN
      ++num_negative;
      sum += d;
    }
  }
  if (num_negative < 2) return false;  // nothing below the baseline to measure noise from
  *m = sum / num_negative;
  double sum_squares = 0;
  for (int i = 0; i < n; ++i) {
    const double d = signal[i] - baseline[i];
    if (d < 0) sum_squares += (d - *m) * (d - *m);
  }
  *s = std::sqrt(sum_squares / num_negative);
  // A spread at rounding level (constant or exactly smooth input, where z = y) carries no
  // noise information, and s -> 0 would turn the logistic into 0/0.
  return *s > 1e-12 * scale;
}

// Step 4: w_i = logistic(d_i; m, s) = 1 / (1 + exp(2 (d_i - (2 s - m)) / s)), paper eq. 8.
// Step 5: true (converged) when |w_old - w_new| / |w_old| < ratio.
bool update_weights(const double* signal,
                    const double* baseline,
                    int n,
                    double m,
                    double s,
                    double ratio,
                    double* w) {
  const double offset = 2 * s - m;
  double change_squared = 0, old_squared = 0;
  for (int i = 0; i < n; ++i) {
    double w_new = 0;
    if (std::isfinite(signal[i])) {
      const double argument = 2 * (signal[i] - baseline[i] - offset) / s;
      w_new = argument > kMaxExpArgument ? 0.0 : 1.0 / (1.0 + std::exp(argument));
    }
    change_squared += (w[i] - w_new) * (w[i] - w_new);
    old_squared += w[i] * w[i];
    w[i] = w_new;
  }
  return std::sqrt(change_squared) < ratio * std::sqrt(old_squared);
}

}  // namespace

void arpls_baseline(const double* signal,
                    int n,
                    const ArplsOptions& options,
                    double* baseline,
                    ArplsScratch& scratch) {
  const std::string problem = options.validate();
  if (!problem.empty()) throw std::invalid_argument(problem);
  scratch.iterations = 0;
  if (n <= 0) return;

  double scale = 0;
  if (count_finite(signal, n, &scale) < kMinPoints) {
    fill_with_mean(signal, n, baseline);
    return;
  }

  const std::size_t size = static_cast<std::size_t>(n);
  grow(scratch.weights, size);
  grow(scratch.diag, size);
  grow(scratch.penalty_diag, size);
  grow(scratch.off1, size);
  grow(scratch.off2, size);
  grow(scratch.rhs, size);
  double* w = scratch.weights.data();
  double* diag = scratch.diag.data();
  double* pdiag = scratch.penalty_diag.data();
  double* rhs = scratch.rhs.data();
  fill_penalty_bands(options.lambda, n, pdiag, scratch.off1.data(), scratch.off2.data());

  // Table 1 step 1: w = 1 (0 for samples that are not numbers, so they never pull the fit).
  for (int i = 0; i < n; ++i) w[i] = std::isfinite(signal[i]) ? 1.0 : 0.0;

  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    // Step 2: (W + lambda D'D) z = W y.
    for (int i = 0; i < n; ++i) {
      diag[i] = w[i] + pdiag[i];
      rhs[i] = w[i] > 0 ? w[i] * signal[i] : 0.0;
    }
    if (!scratch.ldlt.factor(n, diag, scratch.off1.data(), scratch.off2.data())) {
      // Weights too sparse to pin down a line: keep the previous z (none yet: the mean).
      if (iteration == 1) fill_with_mean(signal, n, baseline);
      return;
    }
    scratch.ldlt.solve(rhs, baseline);
    scratch.iterations = iteration;
    double m = 0, s = 0;
    if (!negative_residual_spread(signal, baseline, n, scale, &m, &s)) return;
    if (update_weights(signal, baseline, n, m, s, options.ratio, w)) return;
  }
}

}  // namespace voigt::detail
