#include <gtest/gtest.h>

#include "voigt/result_io.h"
#include "voigt/series.h"
#include "voigt/series_io.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

// A small fitted series: 6 peaks, 3 planes (the engine's simulator, sequential executor).
const SeriesResults& SmallSeries() {
  static const SeriesResults results = [] {
    SeriesSimulationOptions o;
    o.spectrum.num_peaks = 6;
    o.spectrum.nx = 128;
    o.spectrum.ny = 64;
    o.delays_s = {0, 0.05, 0.1};
    const SimulatedSeries sim = simulate_series(o);
    auto executor = make_sequential_executor();
    return fit_series(sim.view(), sim.listed, sim.delays_s, FitOptions{}, SeriesOptions{}, *executor);
  }();
  return results;
}

TEST(SeriesTables, NamesAreTheCliFileSuffixesInOrder) {
  EXPECT_EQ(series_table_names(),
            (std::vector<std::string>{"shapes", "planes", "planes_wide", "rates", "intensities"}));
}

TEST(SeriesTables, EachNameGivesItsWriter) {
  const SeriesResults& r = SmallSeries();
  EXPECT_EQ(format_series_table(r, "shapes", {}), format_results_csv(r.shapes));
  EXPECT_EQ(format_series_table(r, "planes", {}), format_series_planes_csv(r));
  EXPECT_EQ(format_series_table(r, "planes_wide", {}), format_series_wide_csv(r));
  EXPECT_EQ(format_series_table(r, "rates", {}), format_series_rates_csv(r));
  EXPECT_EQ(format_series_table(r, "intensities", {"a.ft2", "b.ft2", "c.ft2"}),
            format_series_intensity_matrix(r, {"a.ft2", "b.ft2", "c.ft2"}));
}

TEST(SeriesTables, UnknownNameListsTheKnownOnes) {
  try {
    format_series_table(SmallSeries(), "rate", {});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "unknown series table 'rate'; one of shapes, planes, planes_wide, rates, intensities");
  }
}

}  // namespace
}  // namespace voigt
