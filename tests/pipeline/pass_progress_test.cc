// Progress over several passes reported as one run: fit_spectrum (two passes) and fit_series
// (fit_spectrum's passes, then the plane heights) count every task once, in order, and never
// count a peak back out.
#include <gtest/gtest.h>

#include <vector>

#include "voigt/fit.h"
#include "voigt/series.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

struct Seen {
  std::vector<Progress> calls;
  ProgressCallback callback() {
    return [this](const Progress& p) {
      calls.push_back(p);
      return ProgressAction::kContinue;
    };
  }
  // One call per task, tasks_done 1, 2, ... up to a fixed tasks_total; peaks_done never falls
  // and ends at `peaks`.
  void expect_one_run(int tasks_per_pass, int passes, int peaks) const {
    ASSERT_EQ(static_cast<int>(calls.size()), passes * tasks_per_pass);
    for (std::size_t i = 0; i < calls.size(); ++i) {
      EXPECT_EQ(calls[i].tasks_done, static_cast<int>(i) + 1) << "call " << i;
      EXPECT_EQ(calls[i].tasks_total, passes * tasks_per_pass) << "call " << i;
      if (i > 0) EXPECT_GE(calls[i].peaks_done, calls[i - 1].peaks_done) << "call " << i;
    }
    EXPECT_EQ(calls.back().peaks_done, peaks);
  }
};

SimulatedSeries small_series() {
  SeriesSimulationOptions so;
  so.spectrum.num_peaks = 20;
  so.spectrum.overlap = 0;
  so.spectrum.nx = 512;
  so.spectrum.ny = 128;
  so.spectrum.seed = 3;
  so.delays_s = {0, 0.05, 0.1, 0.15};
  return simulate_series(so);
}

TEST(PassProgress, FitSpectrumCountsBothPassesAsOneRun) {
  const SimulatedSeries sim = small_series();
  const Spectrum2D plane = sim.view().plane(0);
  const FitPlan fit_plan = plan(plane, sim.listed, FitOptions{});
  auto executor = make_sequential_executor();
  Seen seen;
  fit_spectrum(plane, sim.listed, FitOptions{}, *executor, seen.callback());
  seen.expect_one_run(static_cast<int>(fit_plan.tasks.size()), 2, 20);
}

TEST(PassProgress, FitSeriesCountsTheShapePassesAndThePlaneHeights) {
  const SimulatedSeries sim = small_series();
  auto executor = make_sequential_executor();
  const FitPlan fit_plan = plan(sim.view().plane(0), sim.listed, FitOptions{});
  Seen seen;
  fit_series(sim.view(),
             sim.listed,
             sim.delays_s,
             FitOptions{},
             SeriesOptions{},
             *executor,
             seen.callback());
  seen.expect_one_run(static_cast<int>(fit_plan.tasks.size()), 3, 20);
}

}  // namespace
}  // namespace voigt
