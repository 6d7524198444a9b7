// `voigtfit series` end to end (native/series_command.cc): real files in, tables out.
#include "series_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "support/shared_data.h"

namespace voigt {
namespace {

namespace fs = std::filesystem;

class SeriesCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "voigt_series_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << std::strerror(errno);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::string Path(const std::string& name) const { return (fs::path(dir_) / name).string(); }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static int Lines(const std::string& text) {
    int n = 0;
    for (char c : text) n += c == '\n';
    return n;
  }
  std::string dir_;
};

TEST_F(SeriesCommand, ProteinLWritesEveryTable) {
  const std::string data = testing::shared_path("data/proteinL_pseudo3d");
  const std::string prefix = Path("proteinL");
  const int status = run_series_command({data + "/test1.ft2", data + "/test.tab", "--delays",
                                         data + "/vclist", "--delay-factor", "0.001", "-o",
                                         prefix, "--threads", "2", "--mc", "20", "--quiet"});
  EXPECT_EQ(status, 0);
  EXPECT_EQ(Lines(Read(prefix + ".shapes.csv")), 64);
  const std::string planes = Read(prefix + ".planes.csv");
  EXPECT_EQ(Lines(planes), 1 + 63 * 4);
  EXPECT_EQ(planes.substr(0, planes.find('\n')),
            "index,assignment,plane,delay,height,height_err,volume,volume_err,status");
  EXPECT_NE(planes.find("\n0,,3,0.15,"), std::string::npos);  // 150 counts x 1 ms
  EXPECT_EQ(Lines(Read(prefix + ".planes_wide.csv")), 64);
  EXPECT_EQ(Lines(Read(prefix + ".rates.csv")), 64);
  const std::string matrix = Read(prefix + ".intensities.csv");
  EXPECT_EQ(matrix.substr(0, matrix.find('\n')),
            "Assignment,Peak_Number,Position_X,Position_Y,plane_0,plane_1,plane_2,plane_3");
}

TEST_F(SeriesCommand, ForkPoolWritesTheSameTablesAsThreads) {
  // Pass 2's covariances travel through the fork pool's pipes inside TaskResult: the tables must
  // come out byte-identical.
  const std::string data = testing::shared_path("data/proteinL_pseudo3d");
  const std::vector<std::string> common = {data + "/test1.ft2", data + "/test.tab", "--delays",
                                           data + "/vclist", "--quiet", "--mc", "10"};
  std::vector<std::string> threads = common, processes = common;
  threads.insert(threads.end(), {"-o", Path("threads"), "--threads", "2"});
  processes.insert(processes.end(), {"-o", Path("processes"), "--processes", "2"});
  EXPECT_EQ(run_series_command(threads), 0);
  EXPECT_EQ(run_series_command(processes), 0);
  for (const char* suffix : {".planes.csv", ".rates.csv", ".planes_wide.csv"})
    EXPECT_EQ(Read(Path("threads") + suffix), Read(Path("processes") + suffix)) << suffix;
}

// --joint refits the shapes on all planes: other plane heights than the default, the same with
// threads and processes.
TEST_F(SeriesCommand, JointFlagTakesEffectAndIsDeterministic) {
  const std::string data = testing::shared_path("data/proteinL_pseudo3d");
  const std::vector<std::string> common = {data + "/test1.ft2", data + "/test.tab", "--delays",
                                           data + "/vclist", "--quiet"};
  std::vector<std::string> plain = common, threads = common, processes = common;
  plain.insert(plain.end(), {"-o", Path("plain"), "--threads", "2"});
  threads.insert(threads.end(), {"-o", Path("threads"), "--threads", "2", "--joint"});
  processes.insert(processes.end(), {"-o", Path("processes"), "--processes", "2", "--joint"});
  EXPECT_EQ(run_series_command(plain), 0);
  EXPECT_EQ(run_series_command(threads), 0);
  EXPECT_EQ(run_series_command(processes), 0);
  EXPECT_NE(Read(Path("threads") + ".planes.csv"), Read(Path("plain") + ".planes.csv"));
  for (const char* suffix : {".planes.csv", ".rates.csv"})
    EXPECT_EQ(Read(Path("threads") + suffix), Read(Path("processes") + suffix)) << suffix;
}

TEST_F(SeriesCommand, PlaneFilesAreStackedAndNameTheMatrixColumns) {
  const std::string data = testing::shared_path("data/deep_850MHz_planes");
  {
    std::ofstream(Path("peaks.csv")) << "Assignment,Position_X,Position_Y\nA1,8.588399,123.804874\n"
                                        "A2,8.601337,123.867233\n";
    std::ofstream(Path("vdlist")) << "10m\n30m\n60m\n";
  }
  const std::string prefix = Path("deep");
  const int status = run_series_command(
      {data + "/plane001.ft2", data + "/plane002.ft2", data + "/plane003.ft2", Path("peaks.csv"),
       "--delays", Path("vdlist"), "-o", prefix, "--quiet", "--threads", "1"});
  EXPECT_LE(status, 1);  // peaks added by missed-peak detection may lack a rate in 3 planes
  const std::string matrix = Read(prefix + ".intensities.csv");
  EXPECT_EQ(matrix.substr(0, matrix.find('\n')),
            "Assignment,Peak_Number,Position_X,Position_Y,plane001.ft2,plane002.ft2,plane003.ft2");
  EXPECT_NE(Read(prefix + ".planes.csv").find("\n0,A1,2,0.06,"), std::string::npos);
}

TEST_F(SeriesCommand, BadInputIsInvalidArgument) {
  const std::string data = testing::shared_path("data/proteinL_pseudo3d");
  {
    std::ofstream(Path("three")) << "1\n2\n3\n";
  }
  // Missing --delays, a delay count that is not the plane count, an unknown option, a reference
  // plane that does not exist.
  EXPECT_THROW(run_series_command({data + "/test1.ft2", data + "/test.tab"}),
               std::invalid_argument);
  try {
    run_series_command({data + "/test1.ft2", data + "/test.tab", "--delays", Path("three"), "-o",
                        Path("x"), "--quiet"});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("3 delays, but the series has 4 plane(s)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(run_series_command({data + "/test1.ft2", data + "/test.tab", "--delays",
                                   data + "/vclist", "--frobnicate", "1"}),
               std::invalid_argument);
  EXPECT_THROW(run_series_command({data + "/test1.ft2", data + "/test.tab", "--delays",
                                   data + "/vclist", "--reference", "4", "-o", Path("x"),
                                   "--quiet"}),
               std::invalid_argument);
}

// --columns reaches the series' peak-list reader: a bad value and a column the header lacks
// are both refused before any fitting, naming the flag.
TEST_F(SeriesCommand, ColumnsFlagIsReadAndBadValuesNameTheFlag) {
  const std::string data = testing::shared_path("data/proteinL_pseudo3d");
  {
    std::ofstream(Path("list.csv")) << "tag,a,b\nA,9.336,129.673\n";
  }
  for (const auto& [spec, expected] :
       {std::pair<std::string, std::string>{"tag,a", "--columns 'tag,a': expected NAME,X,Y"},
        std::pair<std::string, std::string>{"tag,a,c",
                                            "list.csv:1: --columns Y 'c' is not a column"}}) {
    try {
      run_series_command({data + "/test1.ft2", Path("list.csv"), "--delays", data + "/vclist",
                          "--columns", spec, "-o", Path("x"), "--quiet"});
      FAIL() << "no exception for " << spec;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace voigt
