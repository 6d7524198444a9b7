// Lineshape kernels: how many Faddeeva evaluations per second, by region of the plane.
#include <benchmark/benchmark.h>

#include <complex>
#include <vector>

#include "lineshape/profile.h"
#include "voigt/lineshape.h"

namespace {

// Points spread over a Voigt line's fitting window (|x| < 8 widths, y ~ gamma / sigma), where the
// Zaghloul-Ali series does the work; "tail" points exercise the continued fraction.
std::vector<std::complex<double>> sample_points(double x_max, double y) {
  std::vector<std::complex<double>> z;
  for (int i = 0; i < 1024; ++i) z.emplace_back(-x_max + 2 * x_max * i / 1023.0, y);
  return z;
}

void BM_FaddeevaCore(benchmark::State& state) {
  const auto z = sample_points(6, 0.6);
  double sum = 0;
  for (auto _ : state) {
    for (const auto& v : z) sum += voigt::faddeeva_w(v).real();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * z.size());
}
BENCHMARK(BM_FaddeevaCore);

void BM_FaddeevaTail(benchmark::State& state) {
  const auto z = sample_points(60, 2.0);
  double sum = 0;
  for (auto _ : state) {
    for (const auto& v : z) sum += voigt::faddeeva_w(v).real();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * z.size());
}
BENCHMARK(BM_FaddeevaTail);

// A normalised Voigt profile with all four partials: what the region model pays per axis point.
void BM_NormalisedVoigtWithPartials(benchmark::State& state) {
  const voigt::detail::NormalisedProfile v(voigt::Shape::kVoigt, {1.2, 0.8, 0});
  double sum = 0;
  for (auto _ : state) {
    for (int i = 0; i < 1024; ++i) {
      const auto p = v(-8 + 16 * i / 1023.0);
      sum += p.value + p.d_x + p.d_sigma + p.d_gamma;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * 1024);
}
BENCHMARK(BM_NormalisedVoigtWithPartials);

// One peak's profile on one axis of a fit region, as RegionModel::set_params evaluates it: every
// grid point of a 400-point region, sigma = 2 points, centre off the grid, so most points lie in
// the tails (|z| up to ~70). Arg: gamma / sigma in percent (0: the Gaussian limit, y = 0 exactly).
void BM_NormalisedVoigtOnFitGrid(benchmark::State& state) {
  constexpr int kNumPoints = 400;
  constexpr double kSigma = 2.0, kCentre = 193.37;
  const double gamma = kSigma * state.range(0) / 100.0;
  double sum = 0;
  for (auto _ : state) {
    const voigt::detail::NormalisedProfile v(voigt::Shape::kVoigt, {kSigma, gamma, 0});
    for (int i = 0; i < kNumPoints; ++i) {
      const auto p = v(i - kCentre);
      sum += p.value + p.d_x + p.d_sigma + p.d_gamma;
    }
    benchmark::DoNotOptimize(sum);
  }
  // The normalised profile is 1 at its centre, so each pass sums to more than 1: a kernel that
  // returned zeros or NaN would fail here instead of looking fast.
  if (!(sum > state.iterations())) state.SkipWithError("profile sum is wrong");
  state.SetItemsProcessed(state.iterations() * kNumPoints);
}
BENCHMARK(BM_NormalisedVoigtOnFitGrid)->Arg(0)->Arg(10)->Arg(60)->Arg(200);

}  // namespace
