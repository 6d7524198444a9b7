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

PeakList ParseA2(const std::string& text,
                 const Axis& x = ProteinLX(),
                 const Axis& y = ProteinLY()) {
  return parse_peak_list(text, "peaks.a2", PeakListFormat::kCcpnA2, x, y);
}

std::string ErrorOf(const std::string& text) {
  try {
    ParseA2(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(PeakListCcpn, ProteinLExportAgreesWithNmrPipeTable) {
  const PeakList a2 =
      parse_peak_list(testing::read_text(testing::shared_path("data/proteinL_pseudo3d/peaks.a2")),
                      "peaks.a2",
                      PeakListFormat::kAuto,
                      ProteinLX(),
                      ProteinLY());
  const PeakList tab =
      parse_peak_list(testing::read_text(testing::shared_path("data/proteinL_pseudo3d/test.tab")),
                      "test.tab",
                      PeakListFormat::kAuto,
                      ProteinLX(),
                      ProteinLY());
  EXPECT_EQ(a2.format, PeakListFormat::kCcpnA2);
  ASSERT_EQ(a2.peaks.size(), 63u);
  // CCPN interpolated the maxima itself: its centres differ from test.tab's by up to 0.17
  // point (0.0013 ppm 1H, 0.014 ppm 15N), so agreement is checked to a quarter of a point.
  const double quarter_x = 0.25 * ProteinLX().ppm_per_pt();  // 0.0018 ppm
  const double quarter_y = 0.25 * ProteinLY().ppm_per_pt();  // 0.023 ppm
  for (size_t i = 0; i < 63; ++i) {
    EXPECT_NEAR(a2.peaks[i].x_ppm, tab.peaks[i].x_ppm, quarter_x) << i;
    EXPECT_NEAR(a2.peaks[i].y_ppm, tab.peaks[i].y_ppm, quarter_y) << i;
  }
  const Peak& first = a2.peaks[0];
  EXPECT_DOUBLE_EQ(first.x_ppm, 9.33585);
  EXPECT_DOUBLE_EQ(first.y_ppm, 129.67323);
  EXPECT_EQ(first.assignment, "{23}H[45]-{23}N[46]");  // Assign F3 is the series dimension
  EXPECT_DOUBLE_EQ(first.height_hint, 3.91116e+07);
  EXPECT_DOUBLE_EQ(first.linewidth_x_hz_hint, 15.34578);
  EXPECT_DOUBLE_EQ(first.linewidth_y_hz_hint, 19.24590);
  EXPECT_EQ(first.source_line, 2);
}

TEST(PeakListCcpn, NucleusNamedInHeaderDecidesX) {
  const std::string text =
      "Number\tPosition F1 (15N ppm)\tPosition F2 (1H ppm)\tAssign F1\tAssign F2\t"
      "Line Width F1 (Hz)\tLine Width F2 (Hz)\n"
      "1\t120.5\t8.2\tG12N\tG12H\t20\t15\n";
  // The header is trusted even when no axes are known.
  const PeakList list = ParseA2(text, Axis{}, Axis{});
  ASSERT_EQ(list.peaks.size(), 1u);
  EXPECT_DOUBLE_EQ(list.peaks[0].x_ppm, 8.2);
  EXPECT_DOUBLE_EQ(list.peaks[0].y_ppm, 120.5);
  EXPECT_DOUBLE_EQ(list.peaks[0].linewidth_x_hz_hint, 15);
  EXPECT_DOUBLE_EQ(list.peaks[0].linewidth_y_hz_hint, 20);
  EXPECT_EQ(list.peaks[0].assignment, "G12N-G12H");
}

TEST(PeakListCcpn, WithoutNucleiTheAxesDecideX) {
  const std::string text = "Number\tPosition F1\tPosition F2\n1\t120.5\t8.2\n";
  EXPECT_DOUBLE_EQ(ParseA2(text).peaks[0].x_ppm, 8.2);
  EXPECT_DOUBLE_EQ(ParseA2(text, Axis{}, Axis{}).peaks[0].x_ppm, 120.5);  // default: F1 = x
}

TEST(PeakListCcpn, MalformedExportsNameFileAndLine) {
  const std::string header = "Number\tPosition F1\tPosition F2\tHeight\n";
  EXPECT_EQ(ErrorOf(header + "1\t8.0\tx\t1\n"), "peaks.a2:2: Position F2 'x' is not a number");
  EXPECT_EQ(ErrorOf(header + "1\t8.0\t120\tabc\n"), "peaks.a2:2: Height 'abc' is not a number");
  EXPECT_EQ(ErrorOf(header + "1\t8.0\t120\tNone\n\n2\t8.0\n"),
            "peaks.a2:4: row has 2 tab-separated fields; expected at least 4");
  EXPECT_EQ(ErrorOf(header), "peaks.a2: no peaks");
  EXPECT_EQ(ErrorOf("Number\tPosition F1\n1\t8.0\n"),
            "peaks.a2:1: missing a second Position F<k> column");
}

}  // namespace
}  // namespace voigt
