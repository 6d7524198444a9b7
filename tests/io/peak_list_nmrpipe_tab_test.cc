#include <gtest/gtest.h>

#include "support/protein_l.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/shared_data.h"
#include "voigt/peak_list_io.h"

namespace voigt {
namespace {

// Protein L axes from shared/data/README.md (X = 1H, Y = 15N of test1.ft2).
using testing::ProteinLX;
using testing::ProteinLY;

PeakList ParseTab(const std::string& text, const std::string& name = "peaks.tab") {
  return parse_peak_list(text, name, PeakListFormat::kNmrPipeTab, ProteinLX(), ProteinLY());
}

// The message of the std::invalid_argument that parsing `text` throws ("" if none).
std::string ErrorOf(const std::string& text,
                    const Axis& x = ProteinLX(),
                    const Axis& y = ProteinLY()) {
  try {
    parse_peak_list(text, "bad.tab", PeakListFormat::kNmrPipeTab, x, y);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// `text` with the named VARS columns removed from the VARS line and from every row.
std::string DropColumns(const std::string& text, const std::vector<std::string>& drop) {
  std::istringstream in(text);
  std::ostringstream out;
  std::string line;
  std::vector<bool> keep;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::vector<std::string> tokens;
    for (std::string w; words >> w;) tokens.push_back(w);
    if (!tokens.empty() && tokens[0] == "VARS") {
      keep.assign(tokens.size() - 1, true);
      for (size_t i = 1; i < tokens.size(); ++i)
        keep[i - 1] = std::find(drop.begin(), drop.end(), tokens[i]) == drop.end();
      out << "VARS";
      for (size_t i = 1; i < tokens.size(); ++i)
        if (keep[i - 1]) out << ' ' << tokens[i];
      out << '\n';
    } else if (!keep.empty() && tokens.size() == keep.size() && tokens[0] != "FORMAT") {
      for (size_t i = 0; i < tokens.size(); ++i)
        if (keep[i]) out << ' ' << tokens[i];
      out << '\n';
    } else {
      out << line << '\n';
    }
  }
  return out.str();
}

TEST(PeakListNmrPipeTab, ProteinLListLoadsAllPeaksInItsPpmRange) {
  const std::string text =
      testing::read_text(testing::shared_path("data/proteinL_pseudo3d/test.tab"));
  const PeakList list = ParseTab(text, "test.tab");
  ASSERT_EQ(list.peaks.size(), 63u);
  EXPECT_EQ(list.format, PeakListFormat::kNmrPipeTab);
  double x_min = INFINITY, x_max = -INFINITY, y_min = INFINITY, y_max = -INFINITY;
  for (const Peak& p : list.peaks) {
    x_min = std::min(x_min, p.x_ppm);
    x_max = std::max(x_max, p.x_ppm);
    y_min = std::min(y_min, p.y_ppm);
    y_max = std::max(y_max, p.y_ppm);
    EXPECT_EQ(p.assignment, "") << "ASS None means unassigned";
  }
  // README: 1H 7.259-10.381 ppm, 15N 107.823-129.673 ppm (X_PPM/Y_PPM are read as written).
  EXPECT_DOUBLE_EQ(x_min, 7.259);
  EXPECT_DOUBLE_EQ(x_max, 10.381);
  EXPECT_DOUBLE_EQ(y_min, 107.823);
  EXPECT_DOUBLE_EQ(y_max, 129.673);
  // First row: line 7 (VARS, FORMAT, blank, NULLVALUE, NULLSTRING, blank come first).
  const Peak& first = list.peaks.front();
  EXPECT_EQ(first.source_line, 7);
  EXPECT_DOUBLE_EQ(first.x_ppm, 9.336);
  EXPECT_DOUBLE_EQ(first.height_hint, 2.564241e+07);
  EXPECT_DOUBLE_EQ(first.linewidth_x_hz_hint, 16.937);
  EXPECT_DOUBLE_EQ(first.linewidth_y_hz_hint, 20.268);
  EXPECT_TRUE(std::isnan(first.window_x_ppm));
}

TEST(PeakListNmrPipeTab, ThreePeakClusterSubsetLoads) {
  const PeakList list =
      ParseTab(testing::read_text(testing::shared_path("data/proteinL_pseudo3d/test_pipe.tab")));
  ASSERT_EQ(list.peaks.size(), 3u);
  EXPECT_DOUBLE_EQ(list.peaks[0].x_ppm, 8.137);
  EXPECT_DOUBLE_EQ(list.peaks[2].y_ppm, 120.425);
}

TEST(PeakListNmrPipeTab, NlinLsOutputWithRemarksLoads) {
  const PeakList list =
      ParseTab(testing::read_text(testing::shared_path("data/proteinL_pseudo3d/nlin.tab")));
  ASSERT_EQ(list.peaks.size(), 63u);
  EXPECT_DOUBLE_EQ(list.peaks[0].y_ppm, 129.670);
}

TEST(PeakListNmrPipeTab, OneBasedPointPositionsConvertWhenPpmColumnsAreAbsent) {
  const std::string text =
      testing::read_text(testing::shared_path("data/proteinL_pseudo3d/test.tab"));
  const PeakList with_ppm = ParseTab(text);
  const std::string points_only = DropColumns(text, {"X_PPM", "Y_PPM", "XW_HZ", "YW_HZ"});
  ASSERT_EQ(points_only.find("X_PPM"), std::string::npos);
  const PeakList from_points = ParseTab(points_only);
  ASSERT_EQ(from_points.peaks.size(), with_ppm.peaks.size());
  // Both are printed with 3 decimals: X_PPM to 5e-4 ppm, X_AXIS to 5e-4 point.
  const double tolerance_x = 5e-4 + 5e-4 * ProteinLX().ppm_per_pt();
  const double tolerance_y = 5e-4 + 5e-4 * ProteinLY().ppm_per_pt();
  for (size_t i = 0; i < with_ppm.peaks.size(); ++i) {
    EXPECT_NEAR(from_points.peaks[i].x_ppm, with_ppm.peaks[i].x_ppm, tolerance_x) << i;
    EXPECT_NEAR(from_points.peaks[i].y_ppm, with_ppm.peaks[i].y_ppm, tolerance_y) << i;
  }
  // README: X_AXIS 159.453 is 1-based, i.e. 0-based point 158.453.
  EXPECT_DOUBLE_EQ(from_points.peaks[0].x_ppm, ProteinLX().ppm_at(159.453 - 1));
  EXPECT_DOUBLE_EQ(from_points.peaks[0].y_ppm, ProteinLY().ppm_at(10.230 - 1));
  // Widths in points (XW 2.886) become Hz with the axis' Hz per point: close to XW_HZ 16.937.
  EXPECT_NEAR(from_points.peaks[0].linewidth_x_hz_hint, 2.886 * ProteinLX().hz_per_pt(), 1e-9);
  EXPECT_NEAR(from_points.peaks[0].linewidth_x_hz_hint, 16.937, 0.01);
}

TEST(PeakListNmrPipeTab, PointPositionsWithoutAnAxisAreRejected) {
  const std::string text =
      "VARS INDEX X_AXIS Y_AXIS HEIGHT\nFORMAT %5d %9.3f %9.3f %+e\n1 159.453 10.230 +1e7\n";
  const std::string message = ErrorOf(text, Axis{}, Axis{});
  EXPECT_NE(message.find("bad.tab:1: "), std::string::npos) << message;
  EXPECT_NE(message.find("X_AXIS"), std::string::npos) << message;
  EXPECT_NE(message.find("size_pt"), std::string::npos) << message;
}

TEST(PeakListNmrPipeTab, NullValuesAndNullStringMeanNoHint) {
  const std::string text =
      "VARS INDEX X_PPM Y_PPM XW_HZ HEIGHT ASS\n"
      "NULLVALUE -666\nNULLSTRING *\n"
      "1 8.1 120.2 -666 -666 *\n"
      "2 8.2 121.0 15.5 +3.0e+06 G12N-H\n";
  const PeakList list = ParseTab(text);
  ASSERT_EQ(list.peaks.size(), 2u);
  EXPECT_EQ(list.peaks[0].assignment, "");
  EXPECT_TRUE(std::isnan(list.peaks[0].linewidth_x_hz_hint));
  EXPECT_TRUE(std::isnan(list.peaks[0].height_hint));
  EXPECT_EQ(list.peaks[1].assignment, "G12N-H");
  EXPECT_DOUBLE_EQ(list.peaks[1].linewidth_x_hz_hint, 15.5);
  EXPECT_DOUBLE_EQ(list.peaks[1].height_hint, 3.0e6);
  EXPECT_EQ(list.peaks[1].source_line, 5);
}

TEST(PeakListNmrPipeTab, MalformedTablesNameFileAndLine) {
  const std::string vars = "VARS INDEX X_PPM Y_PPM\nFORMAT %5d %8.3f %8.3f\n";
  EXPECT_EQ(ErrorOf(vars + "1 abc 120.0\n"), "bad.tab:3: X_PPM 'abc' is not a number");
  EXPECT_EQ(ErrorOf(vars + "1 8.0 nan\n"), "bad.tab:3: Y_PPM 'nan' is not finite");
  EXPECT_EQ(ErrorOf(vars + "1 8.0 inf\n"), "bad.tab:3: Y_PPM 'inf' is not finite");
  EXPECT_EQ(ErrorOf(vars + "1 8.0 120.0\n2 8.0\n"),
            "bad.tab:4: row has 2 fields; VARS (line 1) names 3");
  EXPECT_EQ(ErrorOf(vars), "bad.tab: no peaks");
  EXPECT_EQ(ErrorOf("VARS INDEX Y_PPM\n1 120\n"), "bad.tab:1: missing column X_PPM (or X_AXIS)");
  EXPECT_NE(ErrorOf("1 8.0 120.0\n").find("bad.tab:1: row before the VARS line"),
            std::string::npos);
  EXPECT_EQ(ErrorOf("VARS INDEX X_PPM Y_PPM\nNULLVALUE -666\n1 -666 120\n"),
            "bad.tab:3: X_PPM is the NULLVALUE -666");
}

}  // namespace
}  // namespace voigt
