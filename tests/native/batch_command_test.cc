// `voigtfit batch` end to end on simulated spectra: the same bytes as the single commands,
// skipping what is done, running again what changed, shards, failures that stay in their job,
// and a batch killed midway that leaves no partial output.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli.h"

namespace voigt {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

class BatchCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "voigt_batch_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << std::strerror(errno);
    dir_ = pattern;
    out_ = dir_ / "out";
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  // `count` simulated 2D spectra s0, s1, ... of `peaks` peaks, and one series "ser" when
  // `series`; the manifest m.csv lists them (relative paths).
  void Simulate(int count, int peaks, bool series) {
    std::string manifest = "name,spectrum,peaks,delays\n";
    for (int i = 0; i < count; ++i) {
      const std::string name = "s" + std::to_string(i);
      ASSERT_EQ(Cli({"simulate", (dir_ / name).string(), "--peaks", std::to_string(peaks),
                     "--seed", std::to_string(10 + i), "--nx", "512", "--ny", "128"}),
                0);
      manifest += name + "," + name + ".ft2," + name + ".peaks.csv,\n";
    }
    if (series) {
      ASSERT_EQ(Cli({"simulate", (dir_ / "ser").string(), "--series", "--peaks", "20", "--seed",
                     "3", "--nx", "256", "--ny", "64"}),
                0);
      manifest += "ser,ser.ft2,ser.peaks.csv,ser.delays\n";
    }
    Write(dir_ / "m.csv", manifest);
  }
  // run_cli(words), quiet where the command can be.
  static int Cli(std::vector<std::string> words) {
    if (words[0] != "simulate") words.push_back("--quiet");
    return run_cli(words);
  }
  int Batch(std::vector<std::string> extra = {}) {
    std::vector<std::string> words = {"batch", (dir_ / "m.csv").string(), "-o", out_.string(),
                                      "--threads", "1"};
    words.insert(words.end(), extra.begin(), extra.end());
    return Cli(words);
  }
  // NAME.done.json of every job, by name.
  std::map<std::string, std::string> DoneRecords() const {
    std::map<std::string, std::string> records;
    for (const auto& e : fs::directory_iterator(out_)) {
      const std::string f = e.path().filename().string();
      const std::size_t at = f.find(".done.json");
      if (at != std::string::npos) records[f.substr(0, at)] = Read(e.path());
    }
    return records;
  }
  // Names of jobs with some NAME.* file in OUTDIR.
  std::set<std::string> JobsWithFiles() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(out_)) {
      const std::string f = e.path().filename().string();
      if (f[0] != '.') names.insert(f.substr(0, f.find('.')));
    }
    return names;
  }
  fs::path dir_, out_;
};

TEST_F(BatchCommand, JobsWriteTheBytesOfTheSingleCommands) {
  Simulate(2, 30, true);
  // A Gaussian shape leaves a few peaks of these Voigt spectra unfitted (exit status 1) alike.
  ASSERT_NE(Batch({"--shape", "gauss"}), 2);
  ASSERT_NE(Cli({"fit", (dir_ / "s1.ft2").string(), (dir_ / "s1.peaks.csv").string(), "-o",
                 (dir_ / "s1.csv").string(), "--shape", "gauss"}),
            2);
  EXPECT_EQ(Read(out_ / "s1.csv"), Read(dir_ / "s1.csv"));
  ASSERT_NE(Cli({"series", (dir_ / "ser.ft2").string(), (dir_ / "ser.peaks.csv").string(),
                 "--delays", (dir_ / "ser.delays").string(), "-o", (dir_ / "ser").string(),
                 "--shape", "gauss", "--threads", "2"}),
            2);
  for (const char* table : {"shapes", "planes", "planes_wide", "rates", "intensities"})
    EXPECT_EQ(Read(out_ / ("ser." + std::string(table) + ".csv")),
              Read(dir_ / ("ser." + std::string(table) + ".csv")))
        << table;
  const std::string done = Read(out_ / "s1.done.json");
  EXPECT_NE(done.find("\"options\": [\"--shape\", \"gauss\"]"), std::string::npos);
  EXPECT_NE(done.find("{\"path\": \"s1.ft2\", \"size\": " +
                      std::to_string(fs::file_size(dir_ / "s1.ft2"))),
            std::string::npos);
}

TEST_F(BatchCommand, SkipsWhatIsDoneAndRerunsWhatChanged) {
  Simulate(3, 20, false);
  ASSERT_EQ(Batch(), 0);
  const auto first = DoneRecords();
  ASSERT_EQ(first.size(), 3u);
  // Again, and with other threads (the results do not depend on them): nothing runs.
  ASSERT_EQ(Batch({"--threads", "2"}), 0);
  EXPECT_EQ(DoneRecords(), first);
  // A changed input reruns its job only (same size: the content hash tells).
  std::string peaks = Read(dir_ / "s1.peaks.csv");
  peaks.replace(peaks.find("P1,"), 3, "Q1,");
  Write(dir_ / "s1.peaks.csv", peaks);
  ASSERT_EQ(Batch(), 0);
  auto now = DoneRecords();
  EXPECT_EQ(now["s0"], first.at("s0"));
  EXPECT_NE(now["s1"], first.at("s1"));
  EXPECT_EQ(now["s2"], first.at("s2"));
  EXPECT_NE(Read(out_ / "s1.csv").find(",Q1,"), std::string::npos);
  // A changed option reruns every job.
  const auto before = DoneRecords();
  ASSERT_EQ(Batch({"--single-pass"}), 0);
  now = DoneRecords();
  for (const auto& [name, record] : before) EXPECT_NE(now[name], record) << name;
}

TEST_F(BatchCommand, ShardsTogetherMergeAsOneRun) {
  Simulate(4, 20, true);
  ASSERT_EQ(Batch(), 0);
  ASSERT_EQ(Cli({"merge", out_.string(), "-o", (dir_ / "whole.csv").string()}), 0);
  fs::remove_all(out_);
  for (const char* shard : {"1/3", "0/3", "2/3"}) ASSERT_EQ(Batch({"--shard", shard}), 0);
  ASSERT_EQ(Cli({"merge", out_.string(), "-o", (dir_ / "sharded.csv").string()}), 0);
  EXPECT_EQ(Read(dir_ / "sharded.csv"), Read(dir_ / "whole.csv"));
  EXPECT_EQ(Read(dir_ / "sharded.rates.csv"), Read(dir_ / "whole.rates.csv"));
  // The merged table: the job's name, then each row of its table.
  const std::string merged = Read(dir_ / "whole.csv");
  const std::string s2 = Read(out_ / "s2.csv");
  const std::string first_row = s2.substr(s2.find('\n') + 1, s2.find('\n', s2.find('\n') + 1) - s2.find('\n'));
  EXPECT_NE(merged.find("\ns2," + first_row), std::string::npos);
  EXPECT_EQ(merged.substr(0, 10), "job,index,");
}

TEST_F(BatchCommand, AFailedJobStaysInItsRow) {
  Simulate(3, 20, false);
  Write(dir_ / "s1.ft2", "not a spectrum");
  EXPECT_EQ(Batch(), 1);
  EXPECT_TRUE(fs::exists(out_ / "s0.csv"));
  EXPECT_TRUE(fs::exists(out_ / "s2.csv"));
  EXPECT_FALSE(fs::exists(out_ / "s1.csv"));
  EXPECT_EQ(Cli({"merge", out_.string(), "-o", (dir_ / "c.csv").string()}), 1);
  const std::string status = Read(dir_ / "c.status.csv");
  EXPECT_NE(status.find("s0,done,fit,\n"), std::string::npos);
  EXPECT_NE(status.find("s1,failed,fit,\"voigtfit: "), std::string::npos) << status;
  EXPECT_NE(status.find("s1.ft2"), std::string::npos) << status;  // the reason names the file
  // Repaired, it runs again (a failure to read is no result to keep); the others stay.
  const auto before = DoneRecords();
  ASSERT_EQ(Cli({"simulate", (dir_ / "s1").string(), "--peaks", "20", "--seed", "11", "--nx",
                 "512", "--ny", "128"}),
            0);
  EXPECT_EQ(Batch(), 0);
  EXPECT_EQ(DoneRecords()["s0"], before.at("s0"));
  EXPECT_NE(DoneRecords()["s1"], before.at("s1"));
}

TEST_F(BatchCommand, AKilledBatchLeavesNoPartialOutputAndResumes) {
  Simulate(6, 100, false);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::freopen("/dev/null", "w", stderr);
    ::_exit(Batch());
  }
  // Kill it once the first job is done, while a later one fits.
  while (!fs::exists(out_ / "s0.done.json")) {
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, WNOHANG), 0) << "the batch ended before the kill";
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the job's child dies with it

  // Every job with files in OUTDIR is a done one, with all its outputs.
  const auto killed = DoneRecords();
  ASSERT_GE(killed.size(), 1u);
  ASSERT_LT(killed.size(), 6u) << "every job finished before the kill";
  std::set<std::string> done;
  for (const auto& [name, record] : killed) done.insert(name);
  EXPECT_EQ(JobsWithFiles(), done);
  for (const std::string& name : done) EXPECT_TRUE(fs::exists(out_ / (name + ".csv")));

  ASSERT_NE(Batch(), 2);
  const auto resumed = DoneRecords();
  EXPECT_EQ(resumed.size(), 6u);
  for (const auto& [name, record] : killed) EXPECT_EQ(resumed.at(name), record) << name;
}

}  // namespace
}  // namespace voigt
