// The voigtfit CLI when its output cannot be written: a full disk (RLIMIT_FSIZE, so write(2)
// fails with EFBIG partway), an output directory that disappears during the fit, and one that is
// not writable from the start. In every case the exit status is non-zero, stderr names the file
// and the reason, a previous good output file is left whole, and no temporary file is left
// behind. Also a run cut short by Ctrl-C, which still writes its file whole. The binary is the
// one built next to this test (build/native/voigtfit); the test is skipped where it is absent.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

namespace fs = std::filesystem;

// build/native/voigtfit, found from this executable (build/tests/voigt_tests).
std::string cli_path() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) return "";
  const fs::path cli = self.parent_path().parent_path() / "native" / "voigtfit";
  return fs::exists(cli) ? cli.string() : "";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

class CliOutputFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    cli_ = cli_path();
    if (cli_.empty()) GTEST_SKIP() << "voigtfit binary not found next to the test executable";
    std::string pattern = (fs::temp_directory_path() / "voigt_cli_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << std::strerror(errno);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    if (!dir_.empty()) {
      fs::permissions(dir_, fs::perms::owner_all, ignored);
      fs::remove_all(dir_, ignored);
    }
  }

  // A simulated spectrum and its peak list in the test directory; returns {spectrum, list}.
  std::pair<std::string, std::string> write_inputs(int peaks, int nx, int ny) {
    SimulationOptions so;
    so.num_peaks = peaks;
    so.nx = nx;
    so.ny = ny;
    so.seed = 3;
    const SimulatedSpectrum sim = simulate_spectrum(so);
    SpectrumSeries s;
    s.data = sim.data.data();
    s.x = sim.x;
    s.y = sim.y;
    const std::vector<std::uint8_t> bytes = write_nmrpipe(s);
    const std::string spectrum = dir_ + "/in.ft2", list = dir_ + "/in.csv";
    write_file(spectrum, std::string(bytes.begin(), bytes.end()));
    std::ostringstream csv;
    csv.precision(10);
    csv << "Assignment,Position_X,Position_Y\n";
    for (const Peak& p : sim.listed.peaks)
      csv << p.assignment << "," << p.x_ppm << "," << p.y_ppm << "\n";
    write_file(list, csv.str());
    return {spectrum, list};
  }

  // Starts voigtfit with `args`, stdout and stderr to files in the test directory; in the child,
  // file writes are limited to `file_limit_bytes` (0: no limit) with SIGXFSZ ignored, so an
  // oversized write fails with EFBIG instead of killing the process.
  pid_t start(const std::vector<std::string>& args, rlim_t file_limit_bytes = 0) {
    const std::string out = dir_ + "/stdout.txt", err = dir_ + "/stderr.txt";
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0) ::_exit(120);
    if (file_limit_bytes > 0) {
      ::signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{file_limit_bytes, file_limit_bytes};
      if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(121);
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(cli_.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(cli_.c_str(), argv.data());
    ::_exit(122);
  }

  // Exit status of `pid` (-1 when it did not exit normally).
  static int wait_for(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
  }

  std::string stderr_text() const { return read_file(dir_ + "/stderr.txt"); }

  // Names in `dir` that look like write_file_atomically's temporaries ("NAME.tmp.PID.N").
  static std::vector<std::string> temporaries(const std::string& dir) {
    std::vector<std::string> found;
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(dir, ignored))
      if (entry.path().filename().string().find(".tmp.") != std::string::npos)
        found.push_back(entry.path().filename().string());
    return found;
  }

  std::string cli_, dir_;
};

// The disk fills while the results are written (a 4 KB file-size limit, the CSV is larger): the
// previous result file survives whole, the error names the file and the reason, exit status 2.
TEST_F(CliOutputFaults, FullDiskKeepsThePreviousOutputAndSaysWhy) {
  const auto [spectrum, list] = write_inputs(60, 512, 128);
  const std::string out = dir_ + "/out.csv";
  const std::string previous = "the previous, complete result\n";
  write_file(out, previous);
  const int status = wait_for(start({"fit", spectrum, list, "-o", out, "--quiet"}, 4096));
  ASSERT_NE(status, 120) << "redirection failed";
  ASSERT_NE(status, 121) << "setrlimit failed";
  EXPECT_EQ(status, 2) << stderr_text();
  EXPECT_NE(stderr_text().find("cannot write " + out), std::string::npos) << stderr_text();
  EXPECT_NE(stderr_text().find(std::strerror(EFBIG)), std::string::npos) << stderr_text();
  EXPECT_EQ(read_file(out), previous);
  EXPECT_EQ(temporaries(dir_), std::vector<std::string>{});
}

// The same with a JSON file as well: neither output may be left partial.
TEST_F(CliOutputFaults, FullDiskLeavesNoPartialCsvOrJson) {
  const auto [spectrum, list] = write_inputs(60, 512, 128);
  const std::string csv = dir_ + "/out.csv", json = dir_ + "/out.json";
  write_file(csv, "old csv\n");
  write_file(json, "{\"old\": true}\n");
  const int status =
      wait_for(start({"fit", spectrum, list, "-o", csv, "--json", json, "--quiet"}, 4096));
  EXPECT_EQ(status, 2) << stderr_text();
  EXPECT_EQ(read_file(csv), "old csv\n");
  EXPECT_EQ(read_file(json), "{\"old\": true}\n");
  EXPECT_EQ(temporaries(dir_), std::vector<std::string>{});
}

// The output directory is removed while the fit runs (it existed when the run started, so the
// up-front check passed): the run ends with exit status 2 and an error naming the file.
TEST_F(CliOutputFaults, OutputDirectoryRemovedDuringTheRunIsReported) {
  const auto [spectrum, list] = write_inputs(400, 2048, 512);
  const std::string sub = dir_ + "/results";
  ASSERT_TRUE(fs::create_directory(sub));
  const std::string out = sub + "/out.csv";
  const pid_t pid = start({"fit", spectrum, list, "-o", out, "--threads", "1", "--quiet"});
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  int status = 0;
  if (::waitpid(pid, &status, WNOHANG) == pid) GTEST_SKIP() << "the fit ended within 150 ms";
  fs::remove_all(sub);
  status = wait_for(pid);
  EXPECT_EQ(status, 2) << stderr_text();
  EXPECT_NE(stderr_text().find("cannot write " + out), std::string::npos) << stderr_text();
  EXPECT_FALSE(fs::exists(sub));
}

// Ctrl-C during the fit cancels it: the clusters already fitted keep their rows, the others say
// `cancelled`, the file is written whole and the exit status is 1.
TEST_F(CliOutputFaults, CtrlCWritesTheFinishedRowsAndExitsOne) {
  const auto [spectrum, list] = write_inputs(400, 2048, 512);
  const std::string out = dir_ + "/out.csv";
  const pid_t pid =
      start({"fit", spectrum, list, "-o", out, "--threads", "1", "--single-pass", "--quiet"});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int status = 0;
  if (::waitpid(pid, &status, WNOHANG) == pid) GTEST_SKIP() << "the fit ended within 300 ms";
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  EXPECT_EQ(wait_for(pid), 1) << stderr_text();
  std::istringstream rows(read_file(out));
  std::string row;
  int lines = 0, cancelled = 0;
  while (std::getline(rows, row)) {
    ++lines;
    cancelled += row.find(",cancelled,") != std::string::npos;
  }
  EXPECT_GE(lines, 1 + 400);  // the header and every listed peak
  EXPECT_GT(cancelled, 0);
  EXPECT_EQ(temporaries(dir_), std::vector<std::string>{});
}

// A directory without write permission fails before any fitting (check_writable), exit 2.
// Permission bits do not bind root, so the test is skipped there.
TEST_F(CliOutputFaults, UnwritableDirectoryFailsBeforeFitting) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: directory permissions are not enforced";
  const auto [spectrum, list] = write_inputs(20, 256, 64);
  const std::string sub = dir_ + "/locked";
  ASSERT_TRUE(fs::create_directory(sub));
  fs::permissions(sub, fs::perms::owner_read | fs::perms::owner_exec);
  const std::string out = sub + "/out.csv";
  EXPECT_EQ(wait_for(start({"fit", spectrum, list, "-o", out, "--quiet"})), 2);
  EXPECT_NE(stderr_text().find("not writable"), std::string::npos) << stderr_text();
}

}  // namespace
}  // namespace voigt
