// Baseline of a 1D trace (a row or column of a spectrum) by arPLS: asymmetrically reweighted
// penalized least squares smoothing. S.-J. Baek, A. Park, Y.-J. Ahn, J. Choo, "Baseline correction
// using asymmetrically reweighted penalized least squares smoothing", Analyst 140 (2015) 250-257.
//
// Each iteration solves the Whittaker smoother (Eilers, Anal. Chem. 75 (2003) 3631)
//   (W + lambda D'D) z = W y,     D = second-difference matrix ((n-2) x n, rows [1 -2 1])
// with a banded LDL' factorization (the matrix is symmetric pentadiagonal: O(n) per iteration),
// then reweights every point from the residual d = y - z (paper, eq. 8 and Table 1 step 4):
//   w_i = 1 / (1 + exp(2 (d_i - (2 s - m)) / s)),   m, s = mean, standard deviation of d_i < 0.
//
// arPLS instead of AsLS's p: AsLS (Eilers & Boelens 2005) gives every point above the baseline the
// same small weight p (commonly 0.001) and every point below 1 - p, which drags the baseline under
// the noise. arPLS estimates the noise from the negative residuals (only noise lies below a good
// baseline) and gives weight ~1 to both sides of the noise band and weight -> 0 to signal: the
// weight falls below 0.001 ("p = 0.001 equivalent") where d > 2 s - m + (s / 2) ln 999, about
// 2 s - m + 3.45 s, i.e. some 4-5 noise sd above the baseline. There is no p to choose; lambda
// keeps its meaning (larger = stiffer; the smoother passes periods longer than ~2 pi lambda^(1/4)
// points: ~200 points at the default 1e6).
#ifndef VOIGT_INTERNAL_PIPELINE_ARPLS_BASELINE_H_
#define VOIGT_INTERNAL_PIPELINE_ARPLS_BASELINE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace voigt::detail {

struct ArplsOptions {
  // Smoothness penalty lambda (> 0, dimensionless, scales with (points)^4): the baseline passes
  // variations slower than ~2 pi lambda^(1/4) points. 1e6 follows the paper's examples (1e5-1e7
  // for traces of ~1000 points) and keeps NMR lines (widths of a few points) out of the baseline.
  double lambda = 1e6;
  // Stop when |w_old - w_new|_2 / |w_old|_2 < ratio (paper, Table 1 step 5). In (0, 1); 1e-6
  // settles the weights well beyond what the baseline's precision needs.
  double ratio = 1e-6;
  // Upper bound on reweighting iterations (>= 1). Typical traces converge in 5-20; 50 bounds the
  // cost of traces whose weights oscillate between two patterns.
  int max_iterations = 50;

  // "" when valid, else a message naming the field: "ArplsOptions::lambda = -1; must be > 0".
  std::string validate() const;
};

// LDL' factorization of a symmetric positive definite pentadiagonal matrix A, given its diagonal
// a (n), first super-diagonal b (n-1: b_i = A(i, i+1)) and second super-diagonal c (n-2). L is unit
// lower triangular with two sub-diagonals. O(n) time; storage grows only, never shrinks.
class PentadiagonalLdlt {
 public:
  // Factors A. False when a pivot is not > 0 or not finite (A is not numerically SPD); the
  // factorization is then unusable.
  bool factor(int n, const double* a, const double* b, const double* c);
  // Solves A x = rhs with the last successful factorization; rhs and x may be the same array.
  void solve(const double* rhs, double* x) const;
  std::size_t capacity() const { return d_.capacity(); }

 private:
  int n_ = 0;
  std::vector<double> d_;   // pivots D
  std::vector<double> l1_;  // L(i+1, i)
  std::vector<double> l2_;  // L(i+2, i)
};

// Work arrays for arpls_baseline. Sized by the first call of a given length; later calls of the
// same or a smaller length do not allocate.
struct ArplsScratch {
  std::vector<double> weights;       // w, current
  std::vector<double> diag;          // diagonal of W + lambda D'D
  std::vector<double> penalty_diag;  // diagonal of lambda D'D
  std::vector<double> off1;          // first super-diagonal of lambda D'D
  std::vector<double> off2;          // second super-diagonal of lambda D'D
  std::vector<double> rhs;           // W y
  PentadiagonalLdlt ldlt;
  int iterations = 0;                // diagnostic: solves done by the last call
};

// Writes the arPLS baseline of signal[0..n) to baseline[0..n) (arrays may not overlap).
// Special cases, checked first:
//  * n < 5: too few points to tell a peak from a baseline; baseline = mean of the finite samples.
//  * Non-finite samples get weight 0 throughout (the smoother interpolates across them); with
//    fewer than 5 finite samples the baseline is their mean, NaN when there is none.
//  * A factorization failure (weights so sparse the system is singular) keeps the previous
//    iterate's baseline.
// Throws std::invalid_argument when options.validate() is not "".
void arpls_baseline(const double* signal,
                    int n,
                    const ArplsOptions& options,
                    double* baseline,
                    ArplsScratch& scratch);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_ARPLS_BASELINE_H_
