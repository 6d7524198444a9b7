#include <gtest/gtest.h>

#include "support/protein_l.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "support/shared_data.h"
#include "voigt/peak_list_io.h"

namespace voigt {
namespace {

using testing::ProteinLX;
using testing::ProteinLY;

PeakList ParseSparky(const std::string& text,
                     const Axis& x = ProteinLX(),
                     const Axis& y = ProteinLY()) {
  return parse_peak_list(text, "peaks.list", PeakListFormat::kSparky, x, y);
}

std::string ErrorOf(const std::string& text) {
  try {
    ParseSparky(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(PeakListSparky, ProteinLListAgreesWithNmrPipeTable) {
  const PeakList sparky = parse_peak_list(
      testing::read_text(testing::shared_path("data/proteinL_pseudo3d/peaks.sparky")),
      "peaks.sparky",
      PeakListFormat::kAuto,
      ProteinLX(),
      ProteinLY());
  const PeakList tab =
      parse_peak_list(testing::read_text(testing::shared_path("data/proteinL_pseudo3d/test.tab")),
                      "test.tab",
                      PeakListFormat::kAuto,
                      ProteinLX(),
                      ProteinLY());
  EXPECT_EQ(sparky.format, PeakListFormat::kSparky);
  ASSERT_EQ(sparky.peaks.size(), 63u);
  ASSERT_EQ(tab.peaks.size(), 63u);
  for (size_t i = 0; i < 63; ++i) {
    // w2 is 1H (x), w1 is 15N (y); both lists print 3 decimals.
    EXPECT_NEAR(sparky.peaks[i].x_ppm, tab.peaks[i].x_ppm, 1e-3) << i;
    EXPECT_NEAR(sparky.peaks[i].y_ppm, tab.peaks[i].y_ppm, 1e-3) << i;
    // The "lw (hz)" columns are point widths: never taken as Hz hints.
    EXPECT_TRUE(std::isnan(sparky.peaks[i].linewidth_x_hz_hint)) << i;
  }
  EXPECT_EQ(sparky.peaks[0].assignment, "");  // "None"
  EXPECT_EQ(sparky.peaks[1].assignment, "None_dummy_1");
  EXPECT_EQ(sparky.peaks[0].source_line, 3);  // header, blank line, first row
}

TEST(PeakListSparky, W2IsProtonByDefaultAndAxesCanOverrule) {
  const std::string usual = "Assignment w1 w2\n\n  G12N-H  120.1  8.5\n  ?-?  118.0  7.9\n";
  const PeakList a = ParseSparky(usual);
  EXPECT_DOUBLE_EQ(a.peaks[0].x_ppm, 8.5);
  EXPECT_DOUBLE_EQ(a.peaks[0].y_ppm, 120.1);
  EXPECT_EQ(a.peaks[0].assignment, "G12N-H");
  EXPECT_EQ(a.peaks[1].assignment, "");
  // The same list with w1 = 1H: the spectrum's axes show the columns are the other way round.
  const std::string swapped = "Assignment\tw1\tw2\n\tG12H-N\t8.5\t120.1\n";
  const PeakList b = ParseSparky(swapped);
  EXPECT_DOUBLE_EQ(b.peaks[0].x_ppm, 8.5);
  EXPECT_DOUBLE_EQ(b.peaks[0].y_ppm, 120.1);
  // Without axes the format's own convention (w2 = x) stands.
  const PeakList c = ParseSparky(swapped, Axis{}, Axis{});
  EXPECT_DOUBLE_EQ(c.peaks[0].x_ppm, 120.1);
}

TEST(PeakListSparky, MalformedListsNameFileAndLine) {
  EXPECT_EQ(ErrorOf("Assignment w1 w2\n\nA 120.0 abc\n"), "peaks.list:3: w2 'abc' is not a number");
  EXPECT_EQ(ErrorOf("Assignment w1 w2\nA 120.0\n"),
            "peaks.list:2: row has 2 fields; expected at least 3 (Assignment w1 w2)");
  EXPECT_EQ(ErrorOf("Assignment w1 w2\n\n"), "peaks.list: no peaks");
  EXPECT_EQ(ErrorOf("Assignment w1 w2 w3\nA 1 2 3\n"),
            "peaks.list:1: a 3D Sparky list (w1..w3); a 2D fit needs w1 and w2 only");
  EXPECT_EQ(ErrorOf("Assignment w1\nA 1\n"), "peaks.list:1: missing column w2");
  EXPECT_EQ(ErrorOf("A 120.0 8.0\n"),
            "peaks.list:1: expected a Sparky header starting with 'Assignment', found 'A'");
}

}  // namespace
}  // namespace voigt
