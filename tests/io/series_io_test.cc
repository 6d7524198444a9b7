// Series text (engine/src/io/series_io.cc): the delays file and the output tables.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "support/shared_data.h"
#include "voigt/series.h"
#include "voigt/series_io.h"

namespace voigt {
namespace {

TEST(ParseDelays, ReadsTheProteinLVclist) {
  const std::vector<double> d = parse_delays(
      testing::read_text(testing::shared_path("data/proteinL_pseudo3d/vclist")), "vclist");
  EXPECT_EQ(d, (std::vector<double>{2, 50, 100, 150}));
}

TEST(ParseDelays, FactorScalesCountsToSeconds) {
  const std::vector<double> d = parse_delays("2\n50\n", "vclist", 0.01);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_DOUBLE_EQ(d[0], 0.02);
  EXPECT_DOUBLE_EQ(d[1], 0.5);
}

TEST(ParseDelays, VdlistUnitsCommentsAndBlankLinesAreUnderstood) {
  const std::vector<double> d =
      parse_delays("# relaxation delays\r\n10m\r\n\r\n0.5s\n250u\n1e-3\n20ms\n3us\n0.1\n",
                   "vdlist");
  const std::vector<double> expected = {0.01, 0.5, 250e-6, 1e-3, 0.02, 3e-6, 0.1};
  ASSERT_EQ(d.size(), expected.size());
  for (std::size_t k = 0; k < d.size(); ++k) EXPECT_DOUBLE_EQ(d[k], expected[k]) << k;
}

TEST(ParseDelays, BadRowsAreRejectedWithFileAndLine) {
  try {
    parse_delays("0.1\n0.2\nabc\n", "vdlist");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("vdlist:3: 'abc' is not a delay"), std::string::npos)
        << e.what();
  }
  try {
    parse_delays("0.1\n5 parsecs\n", "vdlist");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("vdlist:2:"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_delays("0.1\n-0.2\n", "vdlist"), std::invalid_argument);
  EXPECT_THROW(parse_delays("0.1\nnan\n", "vdlist"), std::invalid_argument);
  EXPECT_THROW(parse_delays("\n# nothing\n", "vdlist"), std::invalid_argument);
  EXPECT_THROW(parse_delays("0.1\n", "vdlist", 0), std::invalid_argument);
}

// Two peaks (one fitted, one outside the spectrum) in two planes.
SeriesResults two_peaks() {
  SeriesResults r;
  r.delays = {0, 0.5};
  r.plane_noise = {1, 1};
  PeakResult a;
  a.index = 0;
  a.assignment = "G12N-H";
  a.x_ppm = 8.25;
  a.y_ppm = 120.5;
  a.status = PeakStatus::kOk;
  a.message = "";
  PeakResult b;
  b.index = 1;
  b.assignment = "far, away";
  b.x_ppm_in = 50;
  b.y_ppm_in = 300;
  b.status = PeakStatus::kOutside;
  b.message = "position outside the spectrum";
  r.shapes = {a, b};
  PlaneValue v0{100, 2, 400, 8, 1.0, PeakStatus::kOk, ""};
  PlaneValue v1{50, 2, 200, 8, 1.0, PeakStatus::kOk, ""};
  PlaneValue out;
  out.status = PeakStatus::kOutside;
  out.message = b.message;
  r.planes = {{v0, v1}, {out, out}};
  DecayFit f;
  f.i0 = 100, f.i0_err = 2, f.r = std::log(2.0) / 0.5, f.r_err = 0.1, f.chi2_red = 0.5;
  f.planes_used = 2, f.status = PeakStatus::kOk, f.message = "";
  DecayFit g;
  g.status = PeakStatus::kOutside;
  g.message = b.message;
  r.rates = {f, g};
  return r;
}

TEST(SeriesTables, LongTableHasOneRowPerPeakAndPlane) {
  EXPECT_EQ(format_series_planes_csv(two_peaks()),
            "index,assignment,plane,delay,height,height_err,volume,volume_err,status\n"
            "0,G12N-H,0,0,100,2,400,8,ok\n"
            "0,G12N-H,1,0.5,50,2,200,8,ok\n"
            "1,\"far, away\",0,0,nan,nan,nan,nan,outside\n"
            "1,\"far, away\",1,0.5,nan,nan,nan,nan,outside\n");
}

TEST(SeriesTables, WideTableGroupsPlanesByQuantity) {
  EXPECT_EQ(format_series_wide_csv(two_peaks()),
            "index,assignment,x_ppm,y_ppm,height_0,height_1,height_err_0,height_err_1,volume_0,"
            "volume_1,volume_err_0,volume_err_1,status,message\n"
            "0,G12N-H,8.25,120.5,100,50,2,2,400,200,8,8,ok,\n"
            "1,\"far, away\",50,300,nan,nan,nan,nan,nan,nan,nan,nan,outside,position outside the "
            "spectrum\n");
}

TEST(SeriesTables, RatesTable) {
  EXPECT_EQ(format_series_rates_csv(two_peaks()),
            "index,assignment,x_ppm,y_ppm,i0,i0_err,r,r_err,r_err_mc,offset,offset_err,chi2_red,"
            "planes_used,status,message\n"
            "0,G12N-H,8.25,120.5,100,2,1.3862943611198906,0.1,nan,nan,nan,0.5,2,ok,\n"
            "1,\"far, away\",50,300,nan,nan,nan,nan,nan,nan,nan,nan,0,outside,position outside "
            "the spectrum\n");
}

TEST(SeriesTables, IntensityMatrixIsPeaksBySpectraWithEmptyMissingValues) {
  EXPECT_EQ(format_series_intensity_matrix(two_peaks(), {"plane001.ft2", "plane002.ft2"}),
            "Assignment,Peak_Number,Position_X,Position_Y,plane001.ft2,plane002.ft2\n"
            "G12N-H,1,8.25,120.5,100,50\n"
            "\"far, away\",2,50,300,,\n");
  EXPECT_EQ(format_series_intensity_matrix(two_peaks(), {}).substr(0, 61),
            "Assignment,Peak_Number,Position_X,Position_Y,plane_0,plane_1\n");
  EXPECT_THROW(format_series_intensity_matrix(two_peaks(), {"one"}), std::invalid_argument);
}

}  // namespace
}  // namespace voigt
