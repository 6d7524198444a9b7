// fit_decay(): the relaxation rate of one peak from its per-plane heights.
//
// Model: I(t) = I0 exp(-R t) [+ C], generalised least squares with the heights' covariance C
// (diagonal err_k^2 for independent errors): with C = L Lᵀ (Cholesky) the residuals are
// r = L^-1 (model(t) - I), minimised by the project's bounded Levenberg-Marquardt
// (fit/levenberg_marquardt.h) without bounds. fit_series passes the full covariance: the shared
// shapes make the planes' errors correlated (series/covariance.h), and ignoring that
// would mis-weight a common scale error as independent noise. The problem is solved in scaled units
// (intensities / max |I|, delays / max |t|) so that every parameter is O(1) whatever the
// spectrometer's intensity scale and the delay unit.
//
// Start: the weighted log-linear fit ln I = ln I0 - R t over the positive heights, with weights
// (I_k / err_k)^2 (var ln I = (err / I)^2 to first order, err_k^2 = C_kk); C starts at 0.
//
// Errors: covariance (JᵀJ)^-1 of the whitened residuals, not rescaled by chi2_red: the height
// errors are absolute (from the plane noise), so this is the standard error when they are right,
// and chi2_red reports whether they are (Press et al., "Numerical Recipes", 3rd ed., 15.4-15.5).
// Monte Carlo (optional): draws of the fitted curve plus correlated noise L z, z ~ N(0, 1), each
// refitted from the optimum; r_err_mc is the sample sd of R over the draws that converged
// (Numerical Recipes 15.6, "synthetic data sets"). Random numbers: SplitMix64 (Steele, Lea &
// Flood, OOPSLA 2014) and Box-Muller, the same on every platform, seeded per peak.
#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <string>

#include "fit/least_squares_problem.h"
#include "fit/levenberg_marquardt.h"
#include "simulate/random.h"
#include "voigt/decay_fit.h"
#include "voigt/series.h"

namespace voigt {
namespace {

// Whitened residuals L^-1 (model - y) of the scaled model a exp(-r tau) [+ c] and their Jacobian.
class DecayProblem : public detail::LeastSquaresProblem {
 public:
  DecayProblem(const Eigen::VectorXd& tau, const Eigen::VectorXd& y, const Eigen::MatrixXd& chol_l,
               bool offset)
      : tau_(tau), y_(y), l_(chol_l), params_(offset ? 3 : 2) {
    raw_jacobian_.resize(tau.size(), params_);
    raw_residual_.resize(tau.size());
  }
  void set_data(const Eigen::VectorXd& y) { y_ = y; }
  int num_params() const override { return params_; }
  int num_residuals() const override { return static_cast<int>(tau_.size()); }
  double cost(const Eigen::VectorXd& p) override {
    for (Eigen::Index k = 0; k < tau_.size(); ++k) {
      const double e = std::exp(-p[1] * tau_[k]);
      raw_residual_[k] = p[0] * e + (params_ == 3 ? p[2] : 0) - y_[k];
      raw_jacobian_(k, 0) = e;
      raw_jacobian_(k, 1) = -p[0] * tau_[k] * e;
      if (params_ == 3) raw_jacobian_(k, 2) = 1;
    }
    residual_ = l_.triangularView<Eigen::Lower>().solve(raw_residual_);
    jacobian_ = l_.triangularView<Eigen::Lower>().solve(raw_jacobian_);
    const double c = 0.5 * residual_.squaredNorm();
    return std::isfinite(c) ? c : INFINITY;
  }
  void normal_equations(Eigen::MatrixXd& jtj, Eigen::VectorXd& jtr) override {
    jtj.noalias() = jacobian_.transpose() * jacobian_;
    jtr.noalias() = jacobian_.transpose() * residual_;
  }
  double model(const Eigen::VectorXd& p, double tau) const {
    return p[0] * std::exp(-p[1] * tau) + (params_ == 3 ? p[2] : 0);
  }

 private:
  Eigen::VectorXd tau_, y_;
  Eigen::MatrixXd l_;
  int params_;
  Eigen::MatrixXd raw_jacobian_, jacobian_;
  Eigen::VectorXd raw_residual_, residual_;
};

// Weighted log-linear start; false when fewer than two positive heights at distinct delays.
bool log_linear_start(const Eigen::VectorXd& tau, const Eigen::VectorXd& y,
                      const Eigen::VectorXd& err, double* a, double* r) {
  double s = 0, st = 0, stt = 0, sl = 0, stl = 0;
  for (Eigen::Index k = 0; k < tau.size(); ++k) {
    if (!(y[k] > 0)) continue;
    const double w = (y[k] / err[k]) * (y[k] / err[k]), l = std::log(y[k]);
    s += w, st += w * tau[k], stt += w * tau[k] * tau[k], sl += w * l, stl += w * tau[k] * l;
  }
  const double det = s * stt - st * st;
  if (!(det > 1e-12 * s * stt)) return false;
  *r = -(s * stl - st * sl) / det;
  *a = std::exp((sl * stt - st * stl) / det);
  return std::isfinite(*a) && std::isfinite(*r);
}

DecayFit failed(std::string message, int planes_used) {
  DecayFit f;
  f.planes_used = planes_used;
  f.status = PeakStatus::kFailed;
  f.message = std::move(message);
  return f;
}

// The planes a fit can use (finite height, delay and variance > 0), in scaled units: heights and
// covariance over max |I|, delays over max |t|, so that every parameter is O(1).
struct ScaledPlanes {
  Eigen::VectorXd tau, y, err;  // delays, heights, standard errors
  Eigen::MatrixXd covariance;
  double height_scale = 1, delay_scale = 1;
  int size() const { return static_cast<int>(tau.size()); }
};

ScaledPlanes usable_planes_scaled(const std::vector<double>& delays,
                                  const std::vector<double>& heights,
                                  const std::vector<double>& covariance) {
  const std::size_t planes = heights.size();
  std::vector<int> used;
  double max_height = 0, max_delay = 0;
  for (std::size_t k = 0; k < planes; ++k) {
    const double variance = covariance[k * planes + k];
    if (!std::isfinite(heights[k]) || !(variance > 0) || !std::isfinite(variance) ||
        !std::isfinite(delays[k]))
      continue;
    used.push_back(static_cast<int>(k));
    max_height = std::max(max_height, std::abs(heights[k]));
    max_delay = std::max(max_delay, std::abs(delays[k]));
  }
  ScaledPlanes s;
  const int n = static_cast<int>(used.size());
  s.height_scale = max_height > 0 ? max_height : 1;
  s.delay_scale = max_delay > 0 ? max_delay : 1;
  s.tau.resize(n), s.y.resize(n), s.err.resize(n), s.covariance.resize(n, n);
  for (int i = 0; i < n; ++i) {
    s.tau[i] = delays[used[i]] / s.delay_scale;
    s.y[i] = heights[used[i]] / s.height_scale;
    for (int j = 0; j < n; ++j)
      s.covariance(i, j) =
          covariance[used[i] * planes + used[j]] / (s.height_scale * s.height_scale);
    s.err[i] = std::sqrt(s.covariance(i, i));
  }
  return s;
}

// L with C = L Lᵀ, whitening the residuals; false when C is not positive definite.
bool whitening_factor(Eigen::MatrixXd c, Eigen::MatrixXd* chol_l) {
  // A covariance whose shared (shape) part dwarfs the noise part can lose its positive
  // definiteness to rounding; a jitter of 1e-12 of its largest variance restores it without
  // changing any error that matters. A truly indefinite matrix still fails.
  c = 0.5 * (c + c.transpose());
  Eigen::LLT<Eigen::MatrixXd> llt(c);
  if (llt.info() != Eigen::Success) {
    c.diagonal().array() += 1e-12 * c.diagonal().maxCoeff();
    llt.compute(c);
  }
  if (llt.info() != Eigen::Success) return false;
  *chol_l = llt.matrixL();
  return true;
}

// The log-linear start, or a flat one when the heights give none.
Eigen::VectorXd decay_start(const ScaledPlanes& s, int num_params) {
  Eigen::VectorXd p = Eigen::VectorXd::Zero(num_params);
  if (!log_linear_start(s.tau, s.y, s.err, &p[0], &p[1])) {
    p[0] = s.y[0] != 0 ? s.y[0] : 1;  // a decay into noise: start flat and let the fit decide
    p[1] = 0;
  }
  return p;
}

// The unbounded solver every decay fit (the optimum and each Monte Carlo draw) runs.
class DecaySolver {
 public:
  DecaySolver(const SeriesOptions& options, int num_params)
      : lower_(Eigen::VectorXd::Constant(num_params, -INFINITY)),
        upper_(Eigen::VectorXd::Constant(num_params, INFINITY)) {
    options_.max_iterations = options.max_decay_iterations;
    // The region fits' stop: far below any statistical error, yet far above rounding, so that
    // every build (native, WebAssembly) stops at the same iteration.
    options_.function_tolerance = 1e-10;
    options_.parameter_tolerance = 1e-9;
  }
  detail::SolverSummary solve(DecayProblem& problem, Eigen::VectorXd& p) const {
    return detail::solve_levenberg_marquardt(problem, p, lower_, upper_, options_);
  }

 private:
  Eigen::VectorXd lower_, upper_;
  detail::SolverOptions options_;
};

// I0, R [, C], chi2_red and the standard errors at the optimum p, in the caller's units.
void fill_estimates(DecayProblem& problem,
                    const Eigen::VectorXd& p,
                    const ScaledPlanes& s,
                    bool fit_offset,
                    DecayFit& fit) {
  const int n = s.size(), num_params = static_cast<int>(p.size());
  // Also leaves the residual and Jacobian at p, which normal_equations below reads.
  const double cost = problem.cost(p);
  fit.i0 = p[0] * s.height_scale;
  fit.r = p[1] / s.delay_scale;
  if (fit_offset) fit.offset = p[2] * s.height_scale;
  fit.chi2_red = n > num_params ? 2 * cost / (n - num_params) : NAN;

  Eigen::MatrixXd jtj(num_params, num_params);
  Eigen::VectorXd jtr(num_params);
  problem.normal_equations(jtj, jtr);
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(jtj);
  if (ldlt.info() == Eigen::Success && (ldlt.vectorD().array() > 0).all()) {
    const Eigen::MatrixXd parameter_covariance =
        ldlt.solve(Eigen::MatrixXd::Identity(num_params, num_params));
    auto sd = [&](int i) { return std::sqrt(std::max(0.0, parameter_covariance(i, i))); };
    fit.i0_err = sd(0) * s.height_scale;
    fit.r_err = sd(1) / s.delay_scale;
    if (fit_offset) fit.offset_err = sd(2) * s.height_scale;
  } else {
    fit.message = "covariance is singular: errors not computed";
  }
}

// r_err_mc from refits of the fitted curve plus correlated noise L z; a note in the message
// when too few draws converge.
void add_monte_carlo_error(DecayProblem& problem,
                           const DecaySolver& solver,
                           const Eigen::VectorXd& p,
                           const Eigen::MatrixXd& chol_l,
                           const ScaledPlanes& s,
                           const SeriesOptions& options,
                           std::uint64_t stream,
                           DecayFit& fit) {
  const int n = s.size();
  // Per-peak stream: the seed and the stream number through SplitMix64's mixer.
  detail::Random seeder(options.monte_carlo_seed ^ (stream * 0xD1B54A32D192ED03ULL));
  detail::Random rng(seeder.next());
  Eigen::VectorXd curve(n), draw(n), z(n), q(p.size());
  for (int i = 0; i < n; ++i) curve[i] = problem.model(p, s.tau[i]);
  double mean = 0, squares = 0;  // Welford's running mean and sum of squared deviations
  int converged = 0;
  for (int d = 0; d < options.monte_carlo_draws; ++d) {
    for (int i = 0; i < n; ++i) z[i] = rng.normal();
    draw = curve + chol_l * z;
    problem.set_data(draw);
    q = p;
    if (!solver.solve(problem, q).usable()) continue;
    ++converged;
    const double delta = q[1] - mean;
    mean += delta / converged;
    squares += delta * (q[1] - mean);
  }
  // Half the draws at least, so that a few lucky convergences of an unidentifiable decay do
  // not pass for an error estimate.
  if (converged >= 2 && 2 * converged >= options.monte_carlo_draws) {
    fit.r_err_mc = std::sqrt(squares / (converged - 1)) / s.delay_scale;
  } else {
    if (!fit.message.empty()) fit.message += "; ";
    fit.message += "Monte Carlo: " + std::to_string(converged) + " of " +
                   std::to_string(options.monte_carlo_draws) + " draws converged";
  }
}

}  // namespace

DecayFit fit_decay(const std::vector<double>& delays,
                   const std::vector<double>& heights,
                   const std::vector<double>& height_errors,
                   const SeriesOptions& options,
                   std::uint64_t stream) {
  if (height_errors.size() != heights.size())
    return failed("delays, heights and errors differ in length", 0);
  const std::size_t n = heights.size();
  std::vector<double> covariance(n * n, 0.0);
  for (std::size_t k = 0; k < n; ++k)
    covariance[k * n + k] = std::isfinite(height_errors[k]) && height_errors[k] > 0
                                ? height_errors[k] * height_errors[k]
                                : NAN;
  return fit_decay_correlated(delays, heights, covariance, options, stream);
}

DecayFit fit_decay_correlated(const std::vector<double>& delays,
                              const std::vector<double>& heights,
                              const std::vector<double>& covariance,
                              const SeriesOptions& options,
                              std::uint64_t stream) {
  if (delays.empty()) return failed("no delays given", 0);
  const std::size_t planes = heights.size();
  if (delays.size() != planes || covariance.size() != planes * planes)
    return failed("delays, heights and covariance differ in size", 0);
  const ScaledPlanes s = usable_planes_scaled(delays, heights, covariance);
  const int n = s.size();
  const int num_params = options.fit_offset ? 3 : 2;
  if (n < num_params)
    return failed(std::to_string(n) + " plane(s) with a height and error; the model needs " +
                      std::to_string(num_params),
                  n);
  if (s.tau.maxCoeff() - s.tau.minCoeff() <= 0) return failed("all delays are equal", n);
  if (!s.covariance.allFinite()) return failed("the height covariance is not finite", n);
  Eigen::MatrixXd chol_l;
  if (!whitening_factor(s.covariance, &chol_l))
    return failed("the height covariance is not positive definite", n);

  Eigen::VectorXd p = decay_start(s, num_params);
  const DecaySolver solver(options, num_params);
  DecayProblem problem(s.tau, s.y, chol_l, options.fit_offset);
  const detail::SolverSummary summary = solver.solve(problem, p);
  if (!summary.usable()) return failed("decay fit failed: " + summary.message, n);

  DecayFit fit;
  fit.planes_used = n;
  fit.iterations = summary.iterations;
  fit.status = PeakStatus::kOk;
  fit.message = summary.termination == detail::Termination::kMaxIterations
                    ? "iteration limit reached"
                    : "";
  fill_estimates(problem, p, s, options.fit_offset, fit);
  if (options.monte_carlo_draws > 0)
    add_monte_carlo_error(problem, solver, p, chol_l, s, options, stream, fit);
  return fit;
}

}  // namespace voigt
