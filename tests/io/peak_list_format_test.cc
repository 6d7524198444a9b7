#include <gtest/gtest.h>

#include "support/protein_l.h"

#include <stdexcept>
#include <string>

#include "support/shared_data.h"
#include "voigt/peak_list_io.h"

namespace voigt {
namespace {

using testing::ProteinLX;
using testing::ProteinLY;

std::string ProteinL(const std::string& file) {
  return testing::read_text(testing::shared_path("data/proteinL_pseudo3d/" + file));
}

TEST(PeakListFormat, EachProteinLListIsDetectedFromItsContent) {
  EXPECT_EQ(detect_peak_list_format(ProteinL("test.tab"), "test.tab"), PeakListFormat::kNmrPipeTab);
  EXPECT_EQ(detect_peak_list_format(ProteinL("nlin.tab"), "nlin.tab"), PeakListFormat::kNmrPipeTab);
  EXPECT_EQ(detect_peak_list_format(ProteinL("peaks.a2"), "peaks.a2"), PeakListFormat::kCcpnA2);
  EXPECT_EQ(detect_peak_list_format(ProteinL("peaks.sparky"), "peaks.sparky"),
            PeakListFormat::kSparky);
  EXPECT_EQ(
      detect_peak_list_format("# comment\n\"Assignment\",\"Position_X\",\"Position_Y\"\n", "p.csv"),
      PeakListFormat::kCsv);
}

TEST(PeakListFormat, AllFourProteinLListsGiveTheSamePeaks) {
  const Axis x = ProteinLX(), y = ProteinLY();
  const PeakList tab =
      parse_peak_list(ProteinL("test.tab"), "test.tab", PeakListFormat::kAuto, x, y);
  const PeakList nlin =
      parse_peak_list(ProteinL("nlin.tab"), "nlin.tab", PeakListFormat::kAuto, x, y);
  const PeakList a2 =
      parse_peak_list(ProteinL("peaks.a2"), "peaks.a2", PeakListFormat::kAuto, x, y);
  const PeakList sparky =
      parse_peak_list(ProteinL("peaks.sparky"), "peaks.sparky", PeakListFormat::kAuto, x, y);
  ASSERT_EQ(tab.peaks.size(), 63u);
  ASSERT_EQ(nlin.peaks.size(), 63u);
  ASSERT_EQ(a2.peaks.size(), 63u);
  ASSERT_EQ(sparky.peaks.size(), 63u);
  // peaks.sparky was written from test.tab: equal to the 3-decimal rounding of both texts.
  constexpr double kRounding = 1e-3;
  // peaks.a2 (CCPN's own interpolation) and nlin.tab (nlinLS-fitted centres) differ from
  // test.tab by up to 0.17 point (0.0013 ppm 1H, 0.014 ppm 15N): a quarter point bounds both.
  const double quarter_x = 0.25 * x.ppm_per_pt(), quarter_y = 0.25 * y.ppm_per_pt();
  for (size_t i = 0; i < 63; ++i) {
    EXPECT_NEAR(sparky.peaks[i].x_ppm, tab.peaks[i].x_ppm, kRounding) << i;
    EXPECT_NEAR(sparky.peaks[i].y_ppm, tab.peaks[i].y_ppm, kRounding) << i;
    EXPECT_NEAR(a2.peaks[i].x_ppm, tab.peaks[i].x_ppm, quarter_x) << i;
    EXPECT_NEAR(a2.peaks[i].y_ppm, tab.peaks[i].y_ppm, quarter_y) << i;
    EXPECT_NEAR(nlin.peaks[i].x_ppm, tab.peaks[i].x_ppm, quarter_x) << i;
    EXPECT_NEAR(nlin.peaks[i].y_ppm, tab.peaks[i].y_ppm, quarter_y) << i;
  }
}

TEST(PeakListFormat, UnknownContentListsTheAcceptedFormats) {
  try {
    parse_peak_list("\nhello world\n1 2 3\n", "odd.txt", PeakListFormat::kAuto, Axis{}, Axis{});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("odd.txt:2: unknown peak list format", 0), 0u) << message;
    for (const char* format : {"CSV", "NMRPipe .tab", "Sparky", "CCPN"})
      EXPECT_NE(message.find(format), std::string::npos) << message;
  }
  EXPECT_THROW(detect_peak_list_format(" \n\n", "empty.txt"), std::invalid_argument);
}

TEST(PeakListFormat, ExplicitFormatOverridesDetection) {
  try {
    parse_peak_list(ProteinL("peaks.sparky"), "peaks.sparky", PeakListFormat::kCsv, Axis{}, Axis{});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "peaks.sparky:1: missing column Position_X");
  }
}

TEST(PeakListFormat, FlagNamesRoundTrip) {
  for (PeakListFormat f : {PeakListFormat::kAuto,
                           PeakListFormat::kCsv,
                           PeakListFormat::kNmrPipeTab,
                           PeakListFormat::kSparky,
                           PeakListFormat::kCcpnA2})
    EXPECT_EQ(peak_list_format_from_name(to_string(f)), f);
  EXPECT_EQ(peak_list_format_from_name("TAB"), PeakListFormat::kNmrPipeTab);
  EXPECT_STREQ(to_string(PeakListFormat::kCcpnA2), "a2");
  try {
    peak_list_format_from_name("xml");
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown peak list format 'xml'; expected auto, csv, tab, sparky, a2 or nef");
  }
}

}  // namespace
}  // namespace voigt
