// Fits a small simulated spectrum through the installed public API only (<voigt/voigtfit.h>)
// and checks the fit against the simulation's truth: every listed peak fitted, and the median
// 1H position error below a tenth of a point. Exit status 0 when it holds.
#include <voigt/voigtfit.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <vector>

int main() {
  voigt::SimulationOptions sim_options;
  sim_options.num_peaks = 20;
  sim_options.seed = 3;
  const voigt::SimulatedSpectrum sim = voigt::simulate_spectrum(sim_options);
  const voigt::Spectrum2D plane{sim.data.data(), sim.x, sim.y};

  const auto executor = voigt::make_thread_pool_executor(2);
  const voigt::FitResults fit = voigt::fit_spectrum(plane, sim.listed, voigt::FitOptions{}, *executor);

  std::vector<double> errors_pt;
  for (const voigt::PeakResult& row : fit.rows)
    if (row.index < static_cast<int>(sim.truth.size()) && row.status == voigt::PeakStatus::kOk)
      errors_pt.push_back(std::abs(row.x_ppm - sim.truth[row.index].x_ppm) / sim.x.ppm_per_pt());
  std::sort(errors_pt.begin(), errors_pt.end());
  const double median_pt = errors_pt.empty() ? NAN : errors_pt[errors_pt.size() / 2];
  std::cout << fit.summary.brief_report() << "\nmedian 1H position error " << median_pt << " point\n";
  const bool ok = fit.summary.all_fitted() && static_cast<int>(errors_pt.size()) >= sim_options.num_peaks &&
                  median_pt < 0.1;
  std::cout << (ok ? "consumer: ok" : "consumer: FAILED") << "\n";
  return ok ? 0 : 1;
}
