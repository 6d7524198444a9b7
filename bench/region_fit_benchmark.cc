// One fit of a synthetic region (32 x 24 points, the size of a 1H-15N HSQC peak window), for
// an isolated peak and a 3-peak overlapped cluster, with each solver. Each fit starts from the
// same perturbed guess; the result is checked after the loop so a broken solver cannot look fast.
#include <benchmark/benchmark.h>

#include "fit/lbfgsb_solver.h"
#include "fit/levenberg_marquardt.h"
#include "fit/region_problem.h"
#include "../tests/fit/synthetic_region.h"

namespace {

using namespace voigt::detail;

template <typename Solve>
void fit_region(benchmark::State& state, Solve solve) {
  const int num_peaks = static_cast<int>(state.range(0));
  const voigt::Shape shape = voigt::Shape::kVoigt;
  const Eigen::VectorXd truth = voigt::testing::true_cluster(shape, num_peaks, true);
  RegionModel model(shape, num_peaks, BaselineModel::kConstant, 32, 24);
  Eigen::MatrixXd data;
  model.set_params(truth);
  model.evaluate(data);
  voigt::testing::NormalDeviates noise(1);
  for (Eigen::Index i = 0; i < data.size(); ++i) data(i) += 0.01 * noise.normal();
  RegionProblem problem(model, data);
  Eigen::VectorXd start = truth, lower = truth, upper = truth, p;
  for (int k = 0; k < num_peaks; ++k) {
    double* s = start.data() + 7 * k;
    s[0] *= 0.8, s[1] += 0.4, s[2] -= 0.4;
    for (int m = 3; m < 7; ++m) s[m] *= 1.3;
    lower.segment(7 * k, 7) << 0, truth[7 * k + 1] - 3, truth[7 * k + 2] - 3, 0.05, 0.05, 0.05, 0.05;
    upper.segment(7 * k, 7) << INFINITY, truth[7 * k + 1] + 3, truth[7 * k + 2] + 3, 10, 10, 10, 10;
  }
  start[start.size() - 1] = 0;
  lower[lower.size() - 1] = -INFINITY;
  upper[upper.size() - 1] = INFINITY;
  SolverSummary summary;
  for (auto _ : state) {
    p = start;
    summary = solve(problem, p, lower, upper, SolverOptions{});
    benchmark::DoNotOptimize(p.data());
  }
  if (!summary.usable() || std::abs(p[1] - truth[1]) > 0.05) state.SkipWithError("fit failed");
  state.counters["iterations"] = summary.iterations;
}

void BM_FitRegionLevenbergMarquardt(benchmark::State& state) {
  fit_region(state, solve_levenberg_marquardt);
}
BENCHMARK(BM_FitRegionLevenbergMarquardt)->Arg(1)->Arg(3)->Unit(benchmark::kMicrosecond);

void BM_FitRegionLbfgsb(benchmark::State& state) { fit_region(state, solve_lbfgsb); }
BENCHMARK(BM_FitRegionLbfgsb)->Arg(1)->Arg(3)->Unit(benchmark::kMicrosecond);

}  // namespace
