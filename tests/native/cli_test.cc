// The voigtfit command line on bad input: exit status 2 and a message naming the file or line,
// or exit status 1 with the affected rows saying why; never a crash, never a partial file.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/shared_data.h"
#include "voigt/fit_options.h"
#include "voigt/peak_list_io.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

struct CliRun {
  int status = -1;
  std::string output;  // stdout and stderr together
};

std::string cli_path() {
  char self[4096] = {0};
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::string dir(self, n > 0 ? n : 0);
  dir = dir.substr(0, dir.rfind('/'));
  return dir + "/../native/voigtfit";
}

CliRun voigtfit(const std::string& args) {
  CliRun run;
  FILE* pipe = ::popen((cli_path() + " " + args + " 2>&1").c_str(), "r");
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  const int raw = ::pclose(pipe);
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return run;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/voigtfit-cli-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    plane_ = testing::shared_path("data/deep_850MHz_planes/plane001.ft2");
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  std::string write(const std::string& name, const std::string& content) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  std::string peaks(const std::string& rows) {
    return write("peaks.csv", "Assignment,Position_X,Position_Y\n" + rows);
  }
  std::string dir_, plane_;
};

TEST_F(CliTest, MissingSpectrumIsExitTwoNamingThePath) {
  const CliRun r = voigtfit("fit " + dir_ + "/nope.ft2 " + peaks("A,8.32,123.3\n"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("nope.ft2"), std::string::npos) << r.output;
}

TEST_F(CliTest, TruncatedAndGarbageSpectraAreExitTwo) {
  const auto bytes = testing::read_bytes(plane_);
  const std::string truncated = write("cut.ft2", std::string(bytes.begin(), bytes.begin() + 50000));
  const std::string garbage = write("junk.ft2", std::string(4096, 'x'));
  for (const std::string& path : {truncated, garbage}) {
    const CliRun r = voigtfit("fit " + path + " " + peaks("A,8.32,123.3\n"));
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find(path.substr(path.rfind('/') + 1)), std::string::npos) << r.output;
  }
}

TEST_F(CliTest, NanInSpectrumIsExitTwo) {
  auto bytes = testing::read_bytes(plane_);
  const float nan = NAN;
  std::memcpy(bytes.data() + 2048 + 4 * 1000, &nan, 4);
  const std::string path = write("nan.ft2", std::string(bytes.begin(), bytes.end()));
  const CliRun r = voigtfit("fit " + path + " " + peaks("A,8.32,123.3\n"));
  EXPECT_EQ(r.status, 2) << r.output;
}

TEST_F(CliTest, EmptyPeakListIsExitTwo) {
  const CliRun r = voigtfit("fit " + plane_ + " " + peaks(""));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("no peaks"), std::string::npos) << r.output;
}

TEST_F(CliTest, MalformedRowNamesFileAndLine) {
  const CliRun r = voigtfit("fit " + plane_ + " " + peaks("A,8.32,123.3\nB,8.47,abc\n"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("peaks.csv:3"), std::string::npos) << r.output;
}

TEST_F(CliTest, PeakOutsideTheSpectrumKeepsItsRowAndTheOthersAreFitted) {
  const std::string out = dir_ + "/out.csv";
  const CliRun r = voigtfit("fit " + plane_ + " " + peaks("A,8.3248,123.3271\nB,5.0,100.0\nC,8.4697,122.1454\n") +
                         " -o " + out + " --quiet");
  EXPECT_EQ(r.status, 1) << r.output;
  const std::string csv = testing::read_text(out);
  EXPECT_NE(csv.find(",outside,"), std::string::npos);
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // header
  int ok = 0;
  while (std::getline(lines, line)) ok += line.find(",ok,") != std::string::npos;
  EXPECT_EQ(ok, 2);
}

TEST_F(CliTest, DuplicatePeakIsFittedOnceAndTheRepeatSaysSo) {
  const std::string out = dir_ + "/out.csv";
  const CliRun r = voigtfit("fit " + plane_ + " " + peaks("A,8.3248,123.3271\nB,8.3248,123.3271\n") +
                         " -o " + out + " --quiet");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(testing::read_text(out).find("duplicate of peak 0"), std::string::npos);
}

TEST_F(CliTest, UnwritableOutputFailsBeforeFittingAndKeepsNoPartialFile) {
  const CliRun r = voigtfit("fit " + plane_ + " " + peaks("A,8.3248,123.3271\n") + " -o " + dir_ +
                         "/missing-dir/out.csv");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("cannot write"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("fitted"), std::string::npos) << "fitting ran: " << r.output;
}

TEST_F(CliTest, ThreadsAndProcessesGiveTheSameFile) {
  const std::string list = peaks("A,8.3248,123.3271\nB,8.4697,122.1454\nC,8.3366,122.1024\n"
                                 "D,8.4775,124.7022\nE,8.6655,125.1964\n");
  std::string first;
  for (const char* flags : {"--threads 1", "--threads 2", "--processes 2"}) {
    const std::string out = dir_ + "/run.csv";
    const CliRun r = voigtfit("fit " + plane_ + " " + list + " -o " + out + " --quiet " + flags);
    EXPECT_EQ(r.status, 0) << r.output;
    const std::string csv = testing::read_text(out);
    if (first.empty()) first = csv;
    EXPECT_EQ(csv, first) << flags;
  }
}

TEST_F(CliTest, UnknownFlagValueIsUsageError) {
  const CliRun r = voigtfit("fit " + plane_ + " " + peaks("A,8.32,123.3\n") + " --shape cubic");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("voigt, pvoigt, gauss or lorentz"), std::string::npos) << r.output;
}

// The whitespace-separated fields of every data row of an NMRPipe .tab and the index of each
// VARS name, read here without the engine's parser.
struct TabRows {
  std::map<std::string, std::size_t> column;
  std::vector<std::vector<std::string>> rows;
};

TabRows read_tab(const std::string& text) {
  TabRows tab;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string w; words >> w;) fields.push_back(w);
    if (fields.empty() || fields[0] == "FORMAT" || fields[0] == "NULLVALUE" ||
        fields[0] == "NULLSTRING")
      continue;
    if (fields[0] == "VARS") {
      for (std::size_t i = 1; i < fields.size(); ++i) tab.column[fields[i]] = i - 1;
      continue;
    }
    tab.rows.push_back(fields);
  }
  return tab;
}

// A user's everyday CSV (res, hn_ppm, n_ppm) of protein L's peaks is read without flags and
// fitted to the same rows as the .tab with the same positions and names.
TEST_F(CliTest, EverydayCsvOfProteinLGivesTheRowsOfItsTab) {
  const std::string dir = testing::shared_path("data/proteinL_pseudo3d");
  const TabRows tab = read_tab(testing::read_text(dir + "/test.tab"));
  ASSERT_EQ(tab.rows.size(), 63u);
  std::string csv = "res, hn_ppm, n_ppm\n";
  std::string same_tab = "VARS INDEX X_PPM Y_PPM ASS\nFORMAT %5d %8.3f %8.3f %s\n\n";
  for (const std::vector<std::string>& row : tab.rows) {
    const std::string name = "R" + row[tab.column.at("INDEX")];
    const std::string& x = row[tab.column.at("X_PPM")];
    const std::string& y = row[tab.column.at("Y_PPM")];
    csv += name + ", " + x + ", " + y + "\n";
    same_tab += row[tab.column.at("INDEX")] + " " + x + " " + y + " " + name + "\n";
  }
  const std::string spectrum = dir + "/test1.ft2";
  const CliRun from_csv = voigtfit("fit " + spectrum + " " + write("list.csv", csv) + " -o " +
                                   dir_ + "/csv.out --quiet --threads 1");
  const CliRun from_tab = voigtfit("fit " + spectrum + " " + write("list.tab", same_tab) +
                                   " -o " + dir_ + "/tab.out --quiet --threads 1");
  EXPECT_EQ(from_csv.status, 0) << from_csv.output;
  EXPECT_EQ(from_tab.status, 0) << from_tab.output;
  const std::string rows = testing::read_text(dir_ + "/csv.out");
  EXPECT_EQ(rows, testing::read_text(dir_ + "/tab.out"));
  EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 64);  // header and 63 rows
  EXPECT_NE(rows.find("\n0,R1,"), std::string::npos) << rows.substr(0, 400);
}

TEST_F(CliTest, ColumnsFlagMapsAnyCsvAndBadValuesNameTheFlag) {
  const std::string list = write("odd.csv", "tag,a,b\nA,123.3271,8.3248\n");
  const std::string out = dir_ + "/odd.out";
  const CliRun unmapped = voigtfit("fit " + plane_ + " " + list + " -o " + out + " --quiet");
  EXPECT_EQ(unmapped.status, 2);
  EXPECT_NE(unmapped.output.find("odd.csv:1: no ppm columns recognised"), std::string::npos)
      << unmapped.output;
  const CliRun mapped =
      voigtfit("fit " + plane_ + " " + list + " --columns tag,b,a -o " + out + " --quiet");
  EXPECT_EQ(mapped.status, 0) << mapped.output;
  EXPECT_NE(testing::read_text(out).find("\n0,A,8.3248,123.3271,"), std::string::npos)
      << testing::read_text(out);
  for (const char* bad : {"tag,b", "tag,b,nope", "tag,b,9"}) {
    const CliRun r = voigtfit("fit " + plane_ + " " + list + " --columns " + bad + " --quiet");
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_NE(r.output.find("--columns"), std::string::npos) << r.output;
  }
}

// Bad usage of any command: exit status 2, the message, then that command's usage text only.
TEST_F(CliTest, SeriesUsageErrorsPrintTheSeriesUsageAndExitTwo) {
  const std::string data = testing::shared_path("data/proteinL_pseudo3d");
  const std::string spectrum = data + "/test1.ft2", list = data + "/test.tab";
  for (const std::string& args : {"series " + spectrum, "series " + spectrum + " " + list,
                                  "series " + spectrum + " " + list + " --delays " + data +
                                      "/vclist --frobnicate 1"}) {
    const CliRun r = voigtfit(args);
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_EQ(r.output.rfind("voigtfit: ", 0), 0u) << r.output;
    EXPECT_NE(r.output.find("\nusage:\n  voigtfit series SPECTRUM"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("voigtfit fit SPECTRUM"), std::string::npos) << r.output;
  }
  EXPECT_NE(voigtfit("series " + spectrum + " " + list).output.find("--delays"), std::string::npos);
}

// A value that is not a number or not one of the names is refused before any file is read, and
// the message names the flag; a value the engine refuses gets the engine's message, then the flag.
TEST_F(CliTest, BadFlagValueNamesTheFlagForFitAndSeries) {
  const std::string data = testing::shared_path("data/proteinL_pseudo3d");
  const std::string fit = "fit " + plane_ + " " + peaks("A,8.32,123.3\n");
  const std::string series =
      "series " + data + "/test1.ft2 " + data + "/test.tab --delays " + data + "/vclist";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {fit + " --window-x wide", "--window-x 'wide' is not a number"},
      {fit + " --plane 1.5", "--plane '1.5' is not an integer"},
      {fit + " --solver newton",
       "voigtfit: solver 'newton': must be lm or lbfgsb\n  set by --solver newton\n"},
      {fit + " --threads two", "--threads 'two' is not a number"},
      {fit + " --peaks-format xml", "'xml'; expected auto, csv, tab, sparky, a2 or nef\n  set by --peaks-format xml\n"},
      {fit + " --plane 3", "--plane 3: the spectrum has 1 plane(s)"},
      {fit + " --window-y -1",
       "voigtfit: FitOptions::window_y_ppm = -1; must be > 0\n  set by --window-y -1\n"},
      {series + " --mc many", "--mc 'many' is not a number"},
      {series + " --baseline tilted", "voigtfit: baseline 'tilted'"},
      {series + " --baseline tilted", "\n  set by --baseline tilted\n"},
      {series + " --mc-seed -3", "--mc-seed '-3' is not an integer >= 0"},
      {series + " --reference 4", "--reference 4: the spectrum has 4 plane(s)"},
      {series + " --mc 200000",
       "voigtfit: SeriesOptions::monte_carlo_draws = 200000; must be in [0, 100000]\n"
       "  set by --mc 200000\n"},
      {series + " --threads 2 --processes 2", "--threads and --processes exclude each other"},
  };
  for (const auto& [args, message] : cases) {
    const CliRun r = voigtfit(args + " -o " + dir_ + "/out");
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_NE(r.output.find(message), std::string::npos) << args << "\n" << r.output;
    EXPECT_NE(r.output.find("usage:\n  voigtfit " + args.substr(0, args.find(' '))),
              std::string::npos)
        << r.output;
  }
}

// The page shows the engine's messages as they are; the CLI's first line of stderr must be the
// same text (the flag that set the value follows on the next line).
TEST_F(CliTest, EngineMessagesAreTheFirstLineOfStderr) {
  const std::string fit = "fit " + plane_ + " " + peaks("A,8.32,123.3\n");
  std::string shape_message;
  try {
    shape_from_string("sinc");
  } catch (const std::invalid_argument& e) {
    shape_message = e.what();
  }
  FitOptions narrow;
  narrow.window_x_ppm = -0.2;
  for (const auto& [flags, message] : std::vector<std::pair<std::string, std::string>>{
           {"--shape sinc", shape_message}, {"--window-x -0.2", narrow.validate()}}) {
    ASSERT_FALSE(message.empty());
    const CliRun r = voigtfit(fit + " " + flags);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.output.substr(0, r.output.find('\n')), "voigtfit: " + message) << r.output;
  }
}

TEST_F(CliTest, UnknownCommandListsTheCommands) {
  for (const char* command : {"frobnicate", "fitt"}) {
    const CliRun r = voigtfit(command);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.output.find(std::string("unknown command '") + command +
                            "'; commands: fit, series, pick, batch, merge, info, simulate, demo"),
              std::string::npos)
        << r.output;
  }
}

TEST_F(CliTest, UnknownOptionIsUsageErrorForEveryCommand) {
  for (const char* command : {"fit", "series", "info", "simulate", "demo"}) {
    const CliRun r = voigtfit(std::string(command) + " --frobnicate 1");
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_NE(r.output.find("unknown option '--frobnicate'"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(std::string("usage:\n  voigtfit ") + command), std::string::npos)
        << r.output;
  }
}

TEST_F(CliTest, HelpPrintsTheUsageAndExitsZero) {
  const CliRun all = voigtfit("--help");
  EXPECT_EQ(all.status, 0);
  for (const char* command : {"fit", "series", "info", "simulate", "demo"})
    EXPECT_NE(all.output.find(std::string("\n  voigtfit ") + command + " "), std::string::npos)
        << command;
  const CliRun fit = voigtfit("fit --help");
  EXPECT_EQ(fit.status, 0);
  EXPECT_EQ(fit.output.rfind("usage:\n  voigtfit fit SPECTRUM PEAKS", 0), 0u) << fit.output;
  EXPECT_EQ(fit.output.find("voigtfit series"), std::string::npos) << fit.output;
}

// `voigtfit pick` on the real protein L spectrum: every peak of its list is picked, and each
// output format (by extension) reads back through our own readers as the same list.
TEST_F(CliTest, PickWritesEveryListFormatAndFindsEveryListedPeak) {
  const std::string spectrum = testing::shared_path("data/proteinL_pseudo3d/test1.ft2");
  const std::vector<std::uint8_t> bytes = testing::read_bytes(spectrum);
  const LoadedSpectrum loaded = read_spectrum(bytes.data(), bytes.size(), spectrum);
  const Axis &x = loaded.view.x, &y = loaded.view.y;
  std::vector<PeakList> lists;
  for (const char* ext : {".tab", ".list", ".nef", ".csv"}) {
    const std::string out = dir_ + "/picked" + ext;
    const CliRun run = voigtfit("pick " + spectrum + " -o " + out + " --quiet");
    ASSERT_EQ(run.status, 0) << run.output;
    lists.push_back(parse_peak_list(testing::read_text(out), out, PeakListFormat::kAuto, x, y));
  }
  const PeakList& first = lists.front();
  for (const PeakList& list : lists) {
    ASSERT_EQ(list.peaks.size(), first.peaks.size());
    for (std::size_t k = 0; k < list.peaks.size(); ++k) {
      EXPECT_EQ(list.peaks[k].assignment, first.peaks[k].assignment);
      EXPECT_NEAR(list.peaks[k].x_ppm, first.peaks[k].x_ppm, 1e-5);  // the formats' printed precision
      EXPECT_NEAR(list.peaks[k].y_ppm, first.peaks[k].y_ppm, 1e-5);
    }
  }
  const std::string tab = testing::shared_path("data/proteinL_pseudo3d/test.tab");
  const PeakList listed = parse_peak_list(testing::read_text(tab), tab, PeakListFormat::kAuto, x, y);
  for (const Peak& p : listed.peaks) {
    const bool found = std::any_of(first.peaks.begin(), first.peaks.end(), [&](const Peak& q) {
      return std::fabs(q.x_ppm - p.x_ppm) < 0.02 && std::fabs(q.y_ppm - p.y_ppm) < 0.2;
    });
    EXPECT_TRUE(found) << p.assignment;
  }
  const CliRun bad = voigtfit("pick " + spectrum + " --threshold 0");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.output.find("set by --threshold"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("voigtfit pick SPECTRUM"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace voigt
