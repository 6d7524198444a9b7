// Every executor and worker count gives byte-identical CSV and JSON on real data.
#include <gtest/gtest.h>

#include "fork_pool_executor.h"
#include "support/shared_data.h"
#include "voigt/fit.h"
#include "voigt/peak_list_io.h"
#include "voigt/result_io.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

TEST(Determinism, ProteinLOutputsAreByteIdenticalForEveryExecutor) {
  const auto bytes = testing::read_bytes(testing::shared_path("data/proteinL_pseudo3d/test1.ft2"));
  const LoadedSpectrum spectrum = read_spectrum(bytes.data(), bytes.size(), "test1.ft2");
  const Spectrum2D plane = spectrum.view.plane(0);
  const PeakList peaks = parse_peak_list(
      testing::read_text(testing::shared_path("data/proteinL_pseudo3d/test.tab")), "test.tab",
      PeakListFormat::kAuto, plane.x, plane.y);
  auto run = [&](Executor& executor) {
    const FitResults r = fit_spectrum(plane, peaks, FitOptions{}, executor);
    return format_results_csv(r.rows) + format_results_json(r.rows, &r.slices);
  };
  const std::string reference = run(*make_sequential_executor());
  for (int threads : {1, 2, 3, 8})
    EXPECT_EQ(run(*make_thread_pool_executor(threads)), reference) << threads << " threads";
  for (int processes : {2, 3})
    EXPECT_EQ(run(*make_fork_pool_executor(processes, 300)), reference) << processes << " processes";
}

}  // namespace
}  // namespace voigt
