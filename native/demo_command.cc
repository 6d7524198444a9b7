// `voigtfit demo`: simulate an HSQC, fit it, and compare the fit with the truth.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "command.h"
#include "command_options.h"
#include "engine_run.h"
#include "progress_bar.h"
#include "voigt/fit.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

constexpr const char* kUsage =
    "  voigtfit demo [--peaks N] [--seed S] [--threads N | --processes N]\n";

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * (v.size() - 1))];
}

// Position errors (Hz) and relative volume errors of the fitted peaks against the truth.
struct TruthErrors {
  std::vector<double> dx_hz, dy_hz, dv;
  int within_5_percent = 0;
};

TruthErrors errors_against_truth(const SimulatedSpectrum& sim, const FitResults& fit) {
  TruthErrors e;
  for (std::size_t k = 0; k < sim.listed.peaks.size(); ++k) {
    const PeakResult& t = sim.truth[k];
    const PeakResult& r = fit.rows[k];
    if (r.status != PeakStatus::kOk) continue;
    e.dx_hz.push_back(std::abs(r.x_ppm - t.x_ppm) * sim.x.obs_mhz);
    e.dy_hz.push_back(std::abs(r.y_ppm - t.y_ppm) * sim.y.obs_mhz);
    e.dv.push_back(std::abs(r.volume / t.volume - 1));
    e.within_5_percent += e.dv.back() <= 0.05;
  }
  return e;
}

int run_demo(const Args& a) {
  SimulationOptions defaults;
  defaults.seed = 7;
  const SimulationOptions so = simulation_options_from(a, defaults);
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D plane{sim.data.data(), sim.x, sim.y};
  std::printf("demo: simulated %d-peak 1H-15N HSQC, %d x %d points, seed %llu\n",
              so.num_peaks,
              so.nx,
              so.ny,
              static_cast<unsigned long long>(so.seed));
  EngineRun run(executor_options_from(a));
  FitResults fit = run([&](Executor& executor) {
    return fit_spectrum(
        plane, sim.listed, FitOptions{}, executor, progress_bar(!a.has("--quiet"), so.num_peaks));
  });
  run.stamp(fit.summary);
  const double seconds = fit.summary.wall_time_s;
  const TruthErrors e = errors_against_truth(sim, fit);
  std::printf("%s\n", fit.summary.brief_report().c_str());
  std::printf("position error vs truth: median %.3f Hz (1H), %.3f Hz (15N)\n",
              percentile(e.dx_hz, 0.5),
              percentile(e.dy_hz, 0.5));
  std::printf(
      "volume error vs truth: median %.2f %%, 90th percentile %.2f %%; within 5 %%: %.1f %%\n",
      100 * percentile(e.dv, 0.5),
      100 * percentile(e.dv, 0.9),
      100.0 * e.within_5_percent / so.num_peaks);
  std::printf("time: %.3f s (%.0f peaks/s)\n", seconds, so.num_peaks / seconds);
  return fit.summary.all_fitted() ? 0 : 1;
}

}  // namespace

Command demo_command() {
  return {"demo", kUsage, Flags{{"--quiet"}, {"--peaks", "--seed"}} + executor_flags(), &run_demo};
}

}  // namespace voigt
