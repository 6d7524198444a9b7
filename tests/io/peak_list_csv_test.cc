#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "support/shared_data.h"
#include "voigt/peak_list_io.h"

namespace voigt {
namespace {

PeakList ParseCsv(const std::string& text) {
  return parse_peak_list(text, "peaks.csv", PeakListFormat::kCsv, Axis{}, Axis{});
}

std::string ErrorOf(const std::string& text) {
  try {
    ParseCsv(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(PeakListCsv, LunaNmrColumnsAndHintsAreRead) {
  const std::string text =
      " assignment , POSITION_X,Position_Y ,Height,Linewidth_X,Linewidth_Y,Window_X,Window_Y\n"
      "A5-HN, 8.247, 120.45, 1523.4, 14.5, 19.0, 0.25, 2.5\n"
      "\"L6,HN \"\"b\"\"\",7.893,118.23,,,,,\n";
  const PeakList list = ParseCsv(text);
  EXPECT_EQ(list.format, PeakListFormat::kCsv);
  ASSERT_EQ(list.peaks.size(), 2u);
  const Peak& a = list.peaks[0];
  EXPECT_EQ(a.assignment, "A5-HN");
  EXPECT_DOUBLE_EQ(a.x_ppm, 8.247);
  EXPECT_DOUBLE_EQ(a.y_ppm, 120.45);
  EXPECT_DOUBLE_EQ(a.height_hint, 1523.4);
  EXPECT_DOUBLE_EQ(a.linewidth_x_hz_hint, 14.5);
  EXPECT_DOUBLE_EQ(a.linewidth_y_hz_hint, 19.0);
  EXPECT_DOUBLE_EQ(a.window_x_ppm, 0.25);
  EXPECT_DOUBLE_EQ(a.window_y_ppm, 2.5);
  EXPECT_EQ(a.source_line, 2);
  const Peak& b = list.peaks[1];
  EXPECT_EQ(b.assignment, "L6,HN \"b\"");  // quoted field with a comma and doubled quotes
  EXPECT_TRUE(std::isnan(b.height_hint));
  EXPECT_TRUE(std::isnan(b.window_x_ppm));
  EXPECT_EQ(b.source_line, 3);
}

TEST(PeakListCsv, MinimalLunaNmrListLoads) {
  // The example of lunaNMR's File Formats Guide.
  const PeakList list = ParseCsv("Assignment, Position_X, Position_Y\n1, 8, 110\n2, 9, 112\n");
  ASSERT_EQ(list.peaks.size(), 2u);
  EXPECT_EQ(list.peaks[1].assignment, "2");
  EXPECT_DOUBLE_EQ(list.peaks[1].y_ppm, 112);
}

TEST(PeakListCsv, SingleLinewidthIsAProtonHint) {
  const PeakList list = ParseCsv("Assignment,Position_X,Position_Y,Linewidth\nA,8,120,15\n");
  EXPECT_DOUBLE_EQ(list.peaks[0].linewidth_x_hz_hint, 15);
  EXPECT_TRUE(std::isnan(list.peaks[0].linewidth_y_hz_hint));
}

TEST(PeakListCsv, BomCrLfCommentsAndMultiLineFieldsKeepLineNumbers) {
  const std::string text =
      "\xEF\xBB\xBF# lunaNMR Analysis Results\r\n"
      "Assignment,Position_X,Position_Y\r\n"
      "\r\n"
      "\"two\nlines\",8.0,120.0\r\n"
      "B,8.1,abc\r\n";  // line 6: the quoted field spans lines 4 and 5
  EXPECT_EQ(ErrorOf(text), "peaks.csv:6: Position_Y 'abc' is not a number");
  const PeakList list = ParseCsv(text.substr(0, text.find("B,")));
  ASSERT_EQ(list.peaks.size(), 1u);
  EXPECT_EQ(list.peaks[0].assignment, "two\nlines");
  EXPECT_EQ(list.peaks[0].source_line, 4);
}

TEST(PeakListCsv, MalformedListsNameFileAndLine) {
  const std::string header = "Assignment,Position_X,Position_Y\n";
  std::string seven_lines = header;
  for (int i = 2; i <= 6; ++i) seven_lines += "P" + std::to_string(i) + ",8.0,120.0\n";
  EXPECT_EQ(ErrorOf(seven_lines + "P7,8.0,abc\n"), "peaks.csv:7: Position_Y 'abc' is not a number");
  EXPECT_EQ(ErrorOf("Assignment,Position_X\nA,8\n"), "peaks.csv:1: missing column Position_Y");
  EXPECT_EQ(ErrorOf("Position_X,Position_Y\n8,120\n"), "peaks.csv:1: missing column Assignment");
  EXPECT_EQ(ErrorOf(header), "peaks.csv: no peaks");
  EXPECT_EQ(ErrorOf(""), "peaks.csv: no peaks");
  EXPECT_EQ(ErrorOf(header + "A,NaN,120\n"), "peaks.csv:2: Position_X 'NaN' is not finite");
  EXPECT_EQ(ErrorOf(header + "A,-inf,120\n"), "peaks.csv:2: Position_X '-inf' is not finite");
  EXPECT_EQ(ErrorOf(header + "A,8.0.1,120\n"), "peaks.csv:2: Position_X '8.0.1' is not a number");
  EXPECT_EQ(ErrorOf(header + "A,,120\n"), "peaks.csv:2: Position_X is empty");
  EXPECT_EQ(ErrorOf(header + "A,8\n"),
            "peaks.csv:2: row has 2 fields; column Position_Y is field 3");
  EXPECT_EQ(ErrorOf(header + "\"A,8,120\n"), "peaks.csv:2: unterminated quoted field");
  EXPECT_EQ(ErrorOf("Assignment,Position_X,Position_Y,Window_X\nA,8,120,-0.1\n"),
            "peaks.csv:2: Window_X '-0.1' must be > 0 (ppm)");
  EXPECT_EQ(ErrorOf("Assignment,Position_X,Position_Y,Height\nA,8,120,high\n"),
            "peaks.csv:2: Height 'high' is not a number");
}

TEST(PeakListCsv, DeepDerivedLocalMaximaCsvReadsThroughPpmSuffixColumns) {
  const PeakList list = parse_peak_list(
      testing::read_text(
          testing::shared_path("data/deep_850MHz_planes/localmax_plane001_derived.csv")),
      "localmax.csv",
      PeakListFormat::kAuto,
      Axis{},
      Axis{});
  EXPECT_EQ(list.format, PeakListFormat::kCsv);
  ASSERT_EQ(list.peaks.size(), 12u);
  EXPECT_EQ(list.peaks[0].assignment, "1");  // the id column
  EXPECT_DOUBLE_EQ(list.peaks[0].x_ppm, 8.3248);
  EXPECT_DOUBLE_EQ(list.peaks[0].y_ppm, 123.3271);
  EXPECT_DOUBLE_EQ(list.peaks[0].height_hint, 1.365185e+08);  // height_plane001
}

}  // namespace
}  // namespace voigt
