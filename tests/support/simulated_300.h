// The 300-peak simulated spectrum the executor tests share (a crowded set where threads and processes
// could disagree if any result depended on the order tasks finish in).
#ifndef VOIGT_TESTS_SUPPORT_SIMULATED_300_H_
#define VOIGT_TESTS_SUPPORT_SIMULATED_300_H_

#include "voigt/fit.h"
#include "voigt/simulate.h"

namespace voigt::testing {

// Built once per test process.
inline const SimulatedSpectrum& spectrum300() {
  static const SimulatedSpectrum sim = [] {
    SimulationOptions so;
    so.num_peaks = 300;
    so.seed = 11;
    so.nx = 2048;
    so.ny = 512;
    return simulate_spectrum(so);
  }();
  return sim;
}

inline Spectrum2D plane300() {
  const SimulatedSpectrum& sim = spectrum300();
  return Spectrum2D{sim.data.data(), sim.x, sim.y};
}

// Default options on the given executor, with an optional progress callback.
inline FitResults fit300(Executor& executor, const ProgressCallback& progress = {}) {
  return fit_spectrum(plane300(), spectrum300().listed, FitOptions{}, executor, progress);
}

}  // namespace voigt::testing

#endif  // VOIGT_TESTS_SUPPORT_SIMULATED_300_H_
