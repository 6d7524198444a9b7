// What a series costs: fit_series on 10 planes x 600 peaks of a 4096 x 1024 simulated HSQC
// (shared shapes from the sum of planes, per-plane heights, rates) against fit_spectrum on one of
// its planes, at 1 and 2 threads. The targets: series / one plane < 3 at equal threads,
// and the 2-thread speedup of each. Compare the two benchmarks' times on one machine:
//   ./voigt_bench --benchmark_filter='Series|OnePlane'
// Each run checks its result after the loop (every peak fitted; for the series, R within 2
// standard errors of the truth for most peaks) so that broken code cannot look fast.
#include <benchmark/benchmark.h>

#include <cstdio>

#include <cmath>

#include "voigt/fit.h"
#include "voigt/series.h"
#include "voigt/simulate.h"

namespace {

using namespace voigt;

const SimulatedSeries& benchmark_series() {
  static const SimulatedSeries series = [] {
    SeriesSimulationOptions options;
    options.spectrum.num_peaks = 600;
    options.spectrum.nx = 4096;
    options.spectrum.ny = 1024;
    options.spectrum.seed = 1;
    return simulate_series(options);  // 10 planes, delays 0 .. 0.18 s
  }();
  return series;
}

// fit_spectrum on plane 0: the cost a series is measured against.
void BM_FitOnePlane(benchmark::State& state) {
  const SimulatedSeries& sim = benchmark_series();
  auto executor = make_thread_pool_executor(static_cast<int>(state.range(0)));
  FitResults fit;
  for (auto _ : state) {
    fit = fit_spectrum(sim.view().plane(0), sim.listed, FitOptions{}, *executor);
    benchmark::DoNotOptimize(fit.rows.data());
  }
  if (!fit.summary.all_fitted()) state.SkipWithError("some peaks were not fitted");
  state.counters["threads"] = static_cast<double>(executor->threads_used());
  state.counters["clusters"] = fit.summary.tasks;
}
BENCHMARK(BM_FitOnePlane)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// fit_series on all 10 planes: noise, reference fit, plane heights and rates; the second
// argument 1 for the joint fit of all planes (SeriesOptions::joint_fit).
void BM_FitSeries(benchmark::State& state) {
  const SimulatedSeries& sim = benchmark_series();
  auto executor = make_thread_pool_executor(static_cast<int>(state.range(0)));
  SeriesOptions options;
  options.joint_fit = state.range(1) != 0;
  SeriesResults fit;
  for (auto _ : state) {
    fit = fit_series(sim.view(), sim.listed, sim.delays_s, FitOptions{}, options, *executor);
    benchmark::DoNotOptimize(fit.rates.data());
  }
  int within = 0;
  for (std::size_t i = 0; i < sim.listed.peaks.size(); ++i) {
    const DecayFit& f = fit.rates[i];
    within += f.status == PeakStatus::kOk && std::abs(f.r - sim.rates_per_s[i]) <= 2 * f.r_err;
  }
  const double coverage = within / static_cast<double>(sim.listed.peaks.size());
  // A crowded spectrum may leave a peak or two without plane heights (a shape on top of
  // another); the benchmark asks that the rates, overall, be right.
  if (coverage < 0.5) {
    std::fprintf(stderr, "%s; rate coverage %.2f\n", fit.summary.brief_report().c_str(), coverage);
    state.SkipWithError("series fit failed");
  }
  state.counters["threads"] = static_cast<double>(executor->threads_used());
  state.counters["clusters"] = fit.summary.shapes.tasks;
  state.counters["R_within_2sd"] = coverage;
}
BENCHMARK(BM_FitSeries)
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({1, 1})
    ->Args({2, 1})
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
