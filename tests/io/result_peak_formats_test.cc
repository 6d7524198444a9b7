// The fitted lists in the field's formats (NEF, NMRPipe .tab, Sparky .list) read back through
// our own readers: a simulated spectrum is fitted, written, parsed, and each row must come back
// with its position (to the printed precision), name and height.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/star.h"
#include "voigt/executor.h"
#include "voigt/fit.h"
#include "voigt/peak_list_io.h"
#include "voigt/result_io.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

// Printed precisions of the .tab and Sparky writers: ppm to 6 decimals, points and Hz to 4,
// heights to 7 significant digits. Half a unit of the last digit, plus rounding slack.
constexpr double kPpmPrinted = 0.5e-6 + 1e-12;
constexpr double kPtPrinted = 0.5e-4 + 1e-12;
constexpr double kHzPrinted = 0.5e-4 + 1e-9;
constexpr double kRelative7 = 0.5e-6 + 1e-12;

struct Fitted {
  SimulatedSpectrum sim;
  std::vector<PeakResult> rows;
};

// Twelve simulated peaks, named in every way a list names them, fitted; then one row as a
// failed fit leaves it (input position, NaN numbers), and one peak the fit added.
const Fitted& FittedRows() {
  static const Fitted fitted = [] {
    SimulationOptions so;
    so.num_peaks = 12;
    so.nx = 512;
    so.ny = 128;
    so.seed = 3;
    Fitted f{simulate_spectrum(so), {}};
    const char* names[] = {"A.12.GLY.H;A.12.GLY.N", "G13N-H", "", "res 14",
                           "A.15.ALA.H;A.15.ALA.N|B.15.ALA.H;B.15.ALA.N", "A.16.SER.H;"};
    for (std::size_t i = 0; i < f.sim.listed.peaks.size(); ++i)
      f.sim.listed.peaks[i].assignment = names[i % 6];
    const Spectrum2D plane{f.sim.data.data(), f.sim.x, f.sim.y};
    auto executor = make_sequential_executor();
    FitOptions options;
    options.detect_missed_peaks = false;
    f.rows = fit_spectrum(plane, f.sim.listed, options, *executor).rows;
    PeakResult failed;
    failed.index = static_cast<int>(f.rows.size());
    failed.assignment = "T99N-H";
    failed.x_ppm_in = 8.1;
    failed.y_ppm_in = 117.5;
    failed.status = PeakStatus::kFailed;
    failed.message = "solver failed:\nline two";
    f.rows.push_back(failed);
    PeakResult added = f.rows[0];
    added.index = failed.index + 1;
    added.assignment = "";
    added.status = PeakStatus::kAdded;
    added.x_ppm_in = added.y_ppm_in = NAN;
    f.rows.push_back(added);
    return f;
  }();
  return fitted;
}

double X(const PeakResult& r) { return std::isfinite(r.x_ppm) ? r.x_ppm : r.x_ppm_in; }
double Y(const PeakResult& r) { return std::isfinite(r.y_ppm) ? r.y_ppm : r.y_ppm_in; }

TEST(ResultNef, ReadsBackExactlyWithEveryAssignment) {
  const Fitted& f = FittedRows();
  ASSERT_EQ(f.rows[0].status, PeakStatus::kOk);
  const std::string text = format_results_nef(f.rows, f.sim.x, f.sim.y);
  ASSERT_EQ(detect_peak_list_format(text, "r.nef"), PeakListFormat::kNef);
  const PeakList back = parse_peak_list(text, "r.nef", PeakListFormat::kAuto, f.sim.x, f.sim.y);
  ASSERT_EQ(back.peaks.size(), f.rows.size());  // the ambiguous peak's two rows are one peak
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    const PeakResult& r = f.rows[i];
    EXPECT_EQ(back.peaks[i].x_ppm, X(r)) << i;  // shortest round-trip text: exact
    EXPECT_EQ(back.peaks[i].y_ppm, Y(r)) << i;
    EXPECT_EQ(back.peaks[i].assignment, r.assignment) << i;
    if (std::isfinite(r.height))
      EXPECT_EQ(back.peaks[i].height_hint, r.height) << i;
    else
      EXPECT_TRUE(std::isnan(back.peaks[i].height_hint)) << i;
  }
}

TEST(ResultNef, HasTheMandatorySaveFramesAndTheAssignedResidues) {
  const Fitted& f = FittedRows();
  const detail::StarDataBlock b =
      detail::parse_star(format_results_nef(f.rows, f.sim.x, f.sim.y), "r.nef");
  EXPECT_EQ(b.name.rfind("nef_", 0), 0u);
  ASSERT_EQ(b.frames.size(), 3u);
  EXPECT_EQ(b.frames[0].item("_nef_nmr_meta_data.format_version")->text, "1.1");
  const detail::StarLoop* seq = b.frames[1].loop("_nef_sequence");
  ASSERT_NE(seq, nullptr);
  // Residues named by NEF-form labels, in order of appearance: A 12, A 15, B 15, A 16.
  ASSERT_EQ(seq->num_rows(), 4u);
  EXPECT_EQ(seq->at(2, 1).text, "B");
  EXPECT_EQ(seq->at(3, 3).text, "SER");
  const detail::StarLoop* dims = b.frames[2].loop("_nef_spectrum_dimension");
  EXPECT_EQ(dims->at(0, 2).text, "1H");
  EXPECT_EQ(dims->at(1, 2).text, "15N");
  const detail::StarLoop* peaks = b.frames[2].loop("_nef_peak");
  const int status = peaks->column("_nef_peak.voigtfit_status");
  const int height = peaks->column("_nef_peak.height");
  const std::size_t last = peaks->num_rows() - 2;  // the failed row
  EXPECT_EQ(peaks->at(last, status).text, "failed");
  EXPECT_TRUE(peaks->at(last, height).is_null());
}

TEST(ResultNmrPipeTab, ReadsBackToThePrintedPrecisionInPpmAndPoints) {
  const Fitted& f = FittedRows();
  const std::string text = format_results_nmrpipe_tab(f.rows, f.sim.x, f.sim.y);
  EXPECT_NE(text.find("REMARK INDEX 13 not fitted: failed: solver failed: line two\n"),
            std::string::npos);
  const PeakList back = parse_peak_list(text, "r.tab", PeakListFormat::kAuto, f.sim.x, f.sim.y);
  ASSERT_EQ(back.format, PeakListFormat::kNmrPipeTab);
  ASSERT_EQ(back.peaks.size(), f.rows.size());
  // The same table with its ppm columns hidden: the reader then takes X_AXIS/Y_AXIS (points).
  std::string points_only = text;
  points_only.replace(points_only.find(" X_PPM Y_PPM "), 13, " XPPM_ YPPM_ ");
  const PeakList by_points =
      parse_peak_list(points_only, "r.tab", PeakListFormat::kAuto, f.sim.x, f.sim.y);
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    const PeakResult& r = f.rows[i];
    const Peak& p = back.peaks[i];
    EXPECT_NEAR(p.x_ppm, X(r), kPpmPrinted) << i;
    EXPECT_NEAR(p.y_ppm, Y(r), kPpmPrinted) << i;
    EXPECT_NEAR(by_points.peaks[i].x_ppm, X(r), kPtPrinted * f.sim.x.ppm_per_pt()) << i;
    EXPECT_NEAR(by_points.peaks[i].y_ppm, Y(r), kPtPrinted * f.sim.y.ppm_per_pt()) << i;
    std::string name = r.assignment;
    for (char& c : name) c = c == ' ' ? '_' : c;
    EXPECT_EQ(p.assignment, name) << i;
    if (r.status == PeakStatus::kFailed) {
      EXPECT_TRUE(std::isnan(p.height_hint));  // NULLVALUE
      EXPECT_TRUE(std::isnan(p.linewidth_x_hz_hint));
      continue;
    }
    EXPECT_NEAR(p.height_hint, r.height, kRelative7 * std::fabs(r.height)) << i;
    EXPECT_NEAR(p.linewidth_x_hz_hint, r.fwhm_x_hz, kHzPrinted) << i;
    EXPECT_NEAR(p.linewidth_y_hz_hint, r.fwhm_y_hz, kHzPrinted) << i;
  }
}

TEST(ResultNmrPipeTab, NeedsTheSpectrumsAxes) {
  EXPECT_THROW(format_results_nmrpipe_tab(FittedRows().rows, Axis{}, Axis{}),
               std::invalid_argument);
}

TEST(ResultSparky, ReadsBackWithW1AsTheIndirectDimension) {
  const Fitted& f = FittedRows();
  const std::string text = format_results_sparky(f.rows);
  EXPECT_EQ(text.substr(0, text.find('\n')).find("Assignment"), text.find_first_not_of(' '));
  // Read without axes, so the file's own w1/w2 order alone decides.
  const PeakList back = parse_peak_list(text, "r.list", PeakListFormat::kAuto, Axis{}, Axis{});
  ASSERT_EQ(back.format, PeakListFormat::kSparky);
  ASSERT_EQ(back.peaks.size(), f.rows.size());
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    const PeakResult& r = f.rows[i];
    EXPECT_NEAR(back.peaks[i].x_ppm, X(r), kPpmPrinted) << i;
    EXPECT_NEAR(back.peaks[i].y_ppm, Y(r), kPpmPrinted) << i;
    std::string name = r.assignment;
    for (char& c : name) c = c == ' ' ? '_' : c;
    EXPECT_EQ(back.peaks[i].assignment, name) << i;
  }
}

}  // namespace
}  // namespace voigt
