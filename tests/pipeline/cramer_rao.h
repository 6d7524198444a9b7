// The efficiency limit for simulated accuracy tests: the Cramér-Rao bound on each listed peak's
// volume, from the Fisher information JᵀJ / noise² of its cluster region at the true parameters
// (every true peak whose centre lies in the region, listed or not, constant-free model), gives
// the best achievable probability of a volume within 5 %; its mean over the listed peaks is the
// fraction an efficient estimator reaches.
#ifndef VOIGT_TESTS_PIPELINE_CRAMER_RAO_H_
#define VOIGT_TESTS_PIPELINE_CRAMER_RAO_H_

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

#include "fit/region_model.h"
#include "lineshape/profile.h"
#include "voigt/fit.h"
#include "voigt/simulate.h"

namespace voigt::testing {

// Mean over the listed peaks the plan's tasks hold of P(|volume error| <= 5 %) at the bound;
// `counted` receives how many peaks it averaged.
inline double cramer_rao_volume_fraction(const SimulatedSpectrum& sim, double noise_sd,
                                         int num_listed, const FitPlan& fit_plan, int* counted) {
  double expected_fraction = 0;
  *counted = 0;
  for (const FitTask& task : fit_plan.tasks) {
    const int nx = task.x_end_pt - task.x_begin_pt, ny = task.y_end_pt - task.y_begin_pt;
    std::vector<int> members;
    for (std::size_t k = 0; k < sim.truth.size(); ++k) {
      const double x = sim.x.pt_at(sim.truth[k].x_ppm) - task.x_begin_pt;
      const double y = sim.y.pt_at(sim.truth[k].y_ppm) - task.y_begin_pt;
      if (x >= 0 && x <= nx - 1 && y >= 0 && y <= ny - 1) members.push_back(static_cast<int>(k));
    }
    detail::RegionModel model(Shape::kVoigt, static_cast<int>(members.size()),
                              detail::BaselineModel::kNone, nx, ny);
    Eigen::VectorXd p(model.num_params());
    for (std::size_t m = 0; m < members.size(); ++m) {
      const PeakResult& t = sim.truth[members[m]];
      p.segment(7 * m, 7) << t.height, sim.x.pt_at(t.x_ppm) - task.x_begin_pt,
          sim.y.pt_at(t.y_ppm) - task.y_begin_pt, t.sigma_x_hz / sim.x.hz_per_pt(),
          t.gamma_x_hz / sim.x.hz_per_pt(), t.sigma_y_hz / sim.y.hz_per_pt(),
          t.gamma_y_hz / sim.y.hz_per_pt();
    }
    model.set_params(p);
    Eigen::MatrixXd j;
    model.jacobian(j);
    const Eigen::MatrixXd covariance =
        (j.transpose() * j).ldlt().solve(Eigen::MatrixXd::Identity(p.size(), p.size())) *
        (noise_sd * noise_sd);
    for (std::size_t m = 0; m < members.size(); ++m) {
      const int k = members[m];
      if (k >= num_listed || std::find(task.peaks.begin(), task.peaks.end(), k) == task.peaks.end())
        continue;  // unlisted, or a neighbour: counted in its own task
      // Volume = H A_x A_y; its gradient by the same formula as the fit's error propagation.
      const double* q = p.data() + 7 * m;
      const detail::NormalisedProfile vx(Shape::kVoigt, {q[3], q[4], 0}), vy(Shape::kVoigt, {q[5], q[6], 0});
      const double volume = q[0] * vx.area() * vy.area();
      Eigen::VectorXd g = Eigen::VectorXd::Zero(p.size());
      g[7 * m] = vx.area() * vy.area();
      g[7 * m + 3] = -volume * vx.centre().d_sigma * vx.area();
      g[7 * m + 4] = -volume * vx.centre().d_gamma * vx.area();
      g[7 * m + 5] = -volume * vy.centre().d_sigma * vy.area();
      g[7 * m + 6] = -volume * vy.centre().d_gamma * vy.area();
      const double sd = std::sqrt(g.dot(covariance * g));
      expected_fraction += std::erf(0.05 * volume / (sd * std::sqrt(2.0)));
      ++*counted;
    }
  }
  return *counted ? expected_fraction / *counted : NAN;
}

}  // namespace voigt::testing

#endif  // VOIGT_TESTS_PIPELINE_CRAMER_RAO_H_
