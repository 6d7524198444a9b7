// `voigtfit merge` of a simulated titration: chemical-shift perturbations against the known
// shifts. Each titration point is the same simulated spectrum with its ppm axes moved by a
// known (dH, dN), so every peak moved by exactly that much; the peak list is the reference's.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli.h"
#include "voigt/csv.h"
#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

namespace fs = std::filesystem;

struct Point {
  const char* name;
  double concentration, dh_ppm, dn_ppm;
};

void WriteShifted(const SimulatedSpectrum& sim, const Point& p, const fs::path& path) {
  SpectrumSeries view;
  view.data = sim.data.data();
  view.x = sim.x;
  view.y = sim.y;
  view.x.orig_hz += p.dh_ppm * view.x.obs_mhz;  // every ppm of the axis moves by dh
  view.y.orig_hz += p.dn_ppm * view.y.obs_mhz;
  const std::vector<std::uint8_t> bytes = write_nmrpipe(view);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

class CampaignMerge : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "voigt_merge_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << std::strerror(errno);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  fs::path dir_;
};

TEST_F(CampaignMerge, CspMatchesTheKnownShifts) {
  SimulationOptions options;
  options.num_peaks = 40;
  options.nx = 512;
  options.ny = 128;
  options.overlap = 0;
  options.seed = 21;
  const SimulatedSpectrum sim = simulate_spectrum(options);
  {
    std::ofstream list(dir_ / "ref.csv");
    list.precision(10);
    list << "Assignment,Position_X,Position_Y\n";
    for (const Peak& p : sim.listed.peaks) list << p.assignment << "," << p.x_ppm << "," << p.y_ppm << "\n";
  }
  // Listed in an order other than concentration: the reference is the lowest, wherever it is.
  const std::vector<Point> points = {{"t2", 2.0, 0.010, 0.08}, {"t0", 0.0, 0, 0},
                                     {"t1", 1.0, 0.005, 0.04}, {"u0", 0.0, 0, 0},
                                     {"u1", 5.0, -0.006, 0.10}};
  std::string manifest = "name,spectrum,peaks,group,concentration\n";
  for (const Point& p : points) {
    WriteShifted(sim, p, dir_ / (std::string(p.name) + ".ft2"));
    manifest += std::string(p.name) + "," + p.name + ".ft2,ref.csv," + p.name[0] + "," +
                std::to_string(p.concentration) + "\n";
  }
  std::ofstream(dir_ / "m.csv") << manifest;
  const std::string out = (dir_ / "out").string();
  ASSERT_NE(run_cli({"batch", (dir_ / "m.csv").string(), "-o", out, "--threads", "1", "--quiet"}),
            2);
  const double alpha = 0.2;
  ASSERT_NE(run_cli({"merge", out, "-o", out + "/c.csv", "--csp-alpha", "0.2", "--quiet"}), 2);

  std::ifstream in(out + "/c.csp.csv");
  std::stringstream text;
  text << in.rdbuf();
  const std::vector<CsvRecord> rows = split_csv(text.str(), "c.csp.csv");
  ASSERT_EQ(rows.front().fields,
            (std::vector<std::string>{"group", "concentration", "job", "index", "assignment",
                                      "dx_ppm", "dy_ppm", "csp_ppm", "status"}));
  ASSERT_EQ(rows.size(), 1 + points.size() * sim.listed.peaks.size());
  std::vector<double> errors;
  int ok = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string>& f = rows[r].fields;
    const Point& p = *std::find_if(points.begin(), points.end(),
                                   [&](const Point& q) { return f[2] == q.name; });
    if (f[8] != "ok") continue;
    ++ok;
    const double truth = std::sqrt(p.dh_ppm * p.dh_ppm + alpha * alpha * p.dn_ppm * p.dn_ppm);
    errors.push_back(std::abs(std::stod(f[7]) - truth));
    EXPECT_NEAR(std::stod(f[5]), p.dh_ppm, 0.003) << f[2] << " " << f[4];
  }
  EXPECT_GE(ok, static_cast<int>(0.9 * (rows.size() - 1)));
  std::sort(errors.begin(), errors.end());
  // Median 1H position error of these fits is well under 0.5 Hz (0.0006 ppm at 800 MHz).
  EXPECT_LT(errors[errors.size() / 2], 0.0006);
  EXPECT_LT(errors[errors.size() * 9 / 10], 0.003);
  // The reference rows are zero by construction; the others are not.
  EXPECT_NE(text.str().find("t,0,t0,0,"), std::string::npos);
}

}  // namespace
}  // namespace voigt
