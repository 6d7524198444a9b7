// CSV peak lists whose header names the ppm columns in an everyday way ("res, hn_ppm, n_ppm",
// "1H, 15N", "w1, w2", ...), and the explicit --columns NAME,X,Y mapping.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/protein_l.h"
#include "support/shared_data.h"
#include "voigt/peak_list_io.h"

namespace voigt {
namespace {

PeakList Parse(const std::string& text, const PeakListReadOptions& options = {}) {
  return parse_peak_list(text, "peaks.csv", options, Axis{}, Axis{});
}

PeakListReadOptions Mapping(const std::string& spec) {
  PeakListReadOptions options;
  options.columns = peak_list_columns_from_text(spec);
  return options;
}

std::string ErrorOf(const std::string& text, const PeakListReadOptions& options = {}) {
  try {
    Parse(text, options);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::string SpecErrorOf(const std::string& spec) {
  try {
    peak_list_columns_from_text(spec);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// A header and which of its fields is the name, x (1H) and y (15N/13C) column.
struct HeaderCase {
  std::vector<std::string> header;
  int name, x, y;  // field index; name -1 = none
};

// One row holding G12 in the name column, 8.25 in the x column and 118.5 in the y column.
std::string ListOf(const HeaderCase& c) {
  std::string header, row;
  for (int i = 0; i < static_cast<int>(c.header.size()); ++i) {
    header += (i ? "," : "") + c.header[i];
    row += i ? "," : "";
    row += i == c.name ? "G12" : i == c.x ? "8.25" : i == c.y ? "118.5" : "7";
  }
  return header + "\n" + row + "\n";
}

TEST(PeakListCsvColumns, EveryCommonHeaderIsReadTheRightWayRound) {
  const HeaderCase cases[] = {
      {{"res", "hn_ppm", "n_ppm"}, 0, 1, 2},
      {{"Residue", "H_ppm", "N_ppm"}, 0, 1, 2},
      {{"RES", "HN_PPM", "N_PPM"}, 0, 1, 2},
      {{"name", "1H", "15N"}, 0, 1, 2},
      {{"label", "H1", "N15"}, 0, 1, 2},
      {{"assignment", "HN", "15N_ppm"}, 0, 1, 2},
      {{"peak", "x_ppm", "y_ppm"}, 0, 1, 2},
      {{"N_ppm", "H_ppm", "res"}, 2, 1, 0},  // y first: the nucleus decides
      {{"res", "w1", "w2"}, 0, 2, 1},        // Sparky: w1 is the indirect one
      {{"res", "w2", "w1"}, 0, 1, 2},
      {{"Assignment", "F1", "F2"}, 0, 2, 1},  // Bruker: F1 is the indirect one
      {{"res", "13C", "1H"}, 0, 2, 1},        // 13C is y
      {{"res", "C13_ppm", "H"}, 0, 2, 1},
      {{"res", "H ppm", "N ppm"}, 0, 1, 2},  // separators: space, '-', '_'
      {{"res", "H-ppm", "N-ppm"}, 0, 1, 2},
      {{"res", "1H (ppm)", "15N (ppm)"}, 0, 1, 2},
      {{"res", "x_1H_ppm", "y-15N"}, 0, 1, 2},  // words that agree
      {{"res", "H_ppm", "N_ppm", "height", "H_hz", "X_AXIS"}, 0, 1, 2},
      {{"H_ppm", "N_ppm"}, -1, 0, 1},  // no name column
      {{"id", "H_ppm", "N_ppm"}, 0, 1, 2},
  };
  for (const HeaderCase& c : cases) {
    const std::string text = ListOf(c);
    SCOPED_TRACE(text);
    EXPECT_EQ(detect_peak_list_format(text, "peaks.csv"), PeakListFormat::kCsv);
    const PeakList list = Parse(text);
    ASSERT_EQ(list.peaks.size(), 1u);
    EXPECT_EQ(list.format, PeakListFormat::kCsv);
    EXPECT_DOUBLE_EQ(list.peaks[0].x_ppm, 8.25);
    EXPECT_DOUBLE_EQ(list.peaks[0].y_ppm, 118.5);
    EXPECT_EQ(list.peaks[0].assignment, c.name >= 0 ? "G12" : "");
    EXPECT_EQ(list.peaks[0].source_line, 2);
  }
}

TEST(PeakListCsvColumns, HintsAreReadWhateverNamesThePositions) {
  const PeakList list = Parse("res,H_ppm,N_ppm,Height,Linewidth_X\nA,8,120,5e6,14\n");
  EXPECT_DOUBLE_EQ(list.peaks[0].height_hint, 5e6);
  EXPECT_DOUBLE_EQ(list.peaks[0].linewidth_x_hz_hint, 14);
}

TEST(PeakListCsvColumns, LunaNmrHeaderKeepsPriorityAndItsMessages) {
  const PeakList list = Parse("Assignment,Position_X,Position_Y,H_ppm,N_ppm\nA,8.1,121,9.9,99\n");
  EXPECT_DOUBLE_EQ(list.peaks[0].x_ppm, 8.1);
  EXPECT_DOUBLE_EQ(list.peaks[0].y_ppm, 121);
  EXPECT_EQ(ErrorOf("Assignment,Position_X,N_ppm\nA,8,120\n"),
            "peaks.csv:1: missing column Position_Y");
}

TEST(PeakListCsvColumns, AmbiguousOrMissingColumnsNameTheFileAndTheColumnsFound) {
  EXPECT_EQ(ErrorOf("res,H_ppm,HN_ppm,N_ppm\nA,8,8,120\n"),
            "peaks.csv:1: ambiguous CSV header: columns 'H_ppm' and 'HN_ppm' could each be x "
            "(direct, 1H ppm); give --columns NAME,X,Y (columns: res, H_ppm, HN_ppm, N_ppm)");
  EXPECT_EQ(ErrorOf("res,H,N,C\nA,8,120,50\n"),
            "peaks.csv:1: ambiguous CSV header: columns 'N' and 'C' could each be y (indirect, "
            "15N/13C ppm); give --columns NAME,X,Y (columns: res, H, N, C)");
  EXPECT_EQ(ErrorOf("res,hn_ppm,intensity\nA,8,1e6\n"),
            "peaks.csv:1: no y (indirect, 15N/13C ppm) column in the CSV header (name it e.g. "
            "N_ppm or 15N); give --columns NAME,X,Y (columns: res, hn_ppm, intensity)");
  EXPECT_EQ(ErrorOf("res,w1,w2,w3\nA,120,8,170\n"),
            "peaks.csv:1: column 'w3' names a third dimension; a 2D fit reads two ppm columns; "
            "give --columns NAME,X,Y (columns: res, w1, w2, w3)");
  // Points and Hz are not ppm: nothing is recognised, and detection still sends a comma
  // header to the CSV reader so that the message lists the columns.
  const std::string points = "res,X_AXIS,Y_AXIS,H_hz\nA,100,20,3\n";
  EXPECT_EQ(detect_peak_list_format(points, "peaks.csv"), PeakListFormat::kCsv);
  const std::string message = ErrorOf(points);
  EXPECT_EQ(message.rfind("peaks.csv:1: no ppm columns recognised in the CSV header", 0), 0u)
      << message;
  EXPECT_NE(message.find("(columns: res, X_AXIS, Y_AXIS, H_hz)"), std::string::npos) << message;
  EXPECT_NE(message.find("--columns NAME,X,Y"), std::string::npos) << message;
}

TEST(PeakListCsvColumns, ExplicitColumnsByNameOrNumber) {
  const std::string text = "id, shift a ,shift_b,Height\nP1,119.5,8.5,3e5\n";
  for (const char* spec : {"id,shift_b,SHIFT A", "1,3,2", " id , 3 , shift a "}) {
    SCOPED_TRACE(spec);
    const PeakList list = Parse(text, Mapping(spec));
    ASSERT_EQ(list.peaks.size(), 1u);
    EXPECT_EQ(list.peaks[0].assignment, "P1");
    EXPECT_DOUBLE_EQ(list.peaks[0].x_ppm, 8.5);
    EXPECT_DOUBLE_EQ(list.peaks[0].y_ppm, 119.5);
    EXPECT_DOUBLE_EQ(list.peaks[0].height_hint, 3e5);
  }
  for (const char* spec : {"-,3,2", ",3,2"}) {
    const PeakList list = Parse(text, Mapping(spec));
    EXPECT_EQ(list.peaks[0].assignment, "") << spec;
    EXPECT_DOUBLE_EQ(list.peaks[0].x_ppm, 8.5) << spec;
  }
  // The mapping overrides a header the reader would read otherwise.
  const PeakList swapped = Parse("Assignment,Position_X,Position_Y\nA,8,120\n",
                                 Mapping("Assignment,Position_Y,Position_X"));
  EXPECT_DOUBLE_EQ(swapped.peaks[0].x_ppm, 120);
  EXPECT_DOUBLE_EQ(swapped.peaks[0].y_ppm, 8);
}

TEST(PeakListCsvColumns, BadColumnsNameTheFlag) {
  EXPECT_EQ(SpecErrorOf("res,hn"),
            "--columns 'res,hn': expected NAME,X,Y (three comma-separated fields), found 2");
  EXPECT_EQ(SpecErrorOf("a,b,c,d"),
            "--columns 'a,b,c,d': expected NAME,X,Y (three comma-separated fields), found 4");
  EXPECT_EQ(SpecErrorOf("res,-,n"),
            "--columns 'res,-,n': X and Y must each name a column (a header name or a 1-based "
            "number); only NAME may be empty or '-'");
  EXPECT_EQ(SpecErrorOf("1,0,2"), "--columns '1,0,2': column numbers start at 1");
  const std::string text = "res,hn_ppm,n_ppm\nA,8,120\n";
  EXPECT_EQ(ErrorOf(text, Mapping("res,hx,n_ppm")),
            "peaks.csv:1: --columns X 'hx' is not a column of the header (res, hn_ppm, n_ppm)");
  EXPECT_EQ(ErrorOf(text, Mapping("res,2,7")),
            "peaks.csv:1: --columns Y 7: the header has 3 columns (res, hn_ppm, n_ppm)");
  EXPECT_EQ(ErrorOf(text, Mapping("res,2,99999999999")),
            "peaks.csv:1: --columns Y 99999999999: the header has 3 columns (res, hn_ppm, "
            "n_ppm)");
  EXPECT_EQ(ErrorOf(text, Mapping("nom,2,3")),
            "peaks.csv:1: --columns NAME 'nom' is not a column of the header (res, hn_ppm, "
            "n_ppm)");
  EXPECT_EQ(ErrorOf(text, Mapping("res,hn_ppm,2")),
            "peaks.csv:1: --columns X and Y are both column 'hn_ppm'");
  PeakListReadOptions tab = Mapping("res,2,3");
  tab.format = PeakListFormat::kNmrPipeTab;
  EXPECT_EQ(tab.validate(),
            "PeakListReadOptions::columns applies to CSV lists only, but format is tab "
            "(--columns with --peaks-format tab)");
  EXPECT_EQ(ErrorOf(text, tab), tab.validate());
  PeakListReadOptions half;
  half.columns.x = "hn_ppm";
  EXPECT_EQ(half.validate(),
            "PeakListReadOptions::columns must name both x and y (--columns NAME,X,Y)");
}

// Protein L's list as the everyday CSV a user would write: the same peaks, in the same order.
TEST(PeakListCsvColumns, ProteinLResHnNListEqualsItsTab) {
  const Axis x = testing::ProteinLX(), y = testing::ProteinLY();
  const PeakList tab =
      parse_peak_list(testing::read_text(testing::shared_path("data/proteinL_pseudo3d/test.tab")),
                      "test.tab",
                      PeakListFormat::kAuto,
                      x,
                      y);
  std::ostringstream csv;
  csv.precision(17);
  csv << "res, hn_ppm, n_ppm\n";
  for (std::size_t i = 0; i < tab.peaks.size(); ++i)
    csv << "R" << i + 1 << ", " << tab.peaks[i].x_ppm << ", " << tab.peaks[i].y_ppm << "\n";
  const PeakList list = parse_peak_list(csv.str(), "proteinL.csv", PeakListFormat::kAuto, x, y);
  ASSERT_EQ(tab.peaks.size(), 63u);
  ASSERT_EQ(list.peaks.size(), tab.peaks.size());
  for (std::size_t i = 0; i < tab.peaks.size(); ++i) {
    EXPECT_EQ(list.peaks[i].assignment, "R" + std::to_string(i + 1));
    EXPECT_EQ(list.peaks[i].x_ppm, tab.peaks[i].x_ppm) << i;
    EXPECT_EQ(list.peaks[i].y_ppm, tab.peaks[i].y_ppm) << i;
  }
}

}  // namespace
}  // namespace voigt
