#include "atomic_file.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace voigt {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed with everything in it afterwards.
class AtomicFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "voigt_atomic_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << std::strerror(errno);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  std::string Path(const std::string& name) const { return (fs::path(dir_) / name).string(); }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static void Write(const std::string& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
  }

  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_))
      names.push_back(entry.path().filename().string());
    return names;
  }

  std::string dir_;
};

TEST_F(AtomicFile, CreatesANewFile) {
  write_file_atomically(Path("out.csv"), "a,b\n1,2\n");
  EXPECT_EQ(Read(Path("out.csv")), "a,b\n1,2\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.csv"});
}

TEST_F(AtomicFile, ReplacesAnExistingFileAndKeepsItsPermissions) {
  Write(Path("out.csv"), "old content that is longer than the new one\n");
  ASSERT_EQ(::chmod(Path("out.csv").c_str(), 0640), 0);
  write_file_atomically(Path("out.csv"), "new\n");
  EXPECT_EQ(Read(Path("out.csv")), "new\n");
  struct stat st {};
  ASSERT_EQ(::stat(Path("out.csv").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.csv"});
}

TEST_F(AtomicFile, EmptyContentGivesAnEmptyFile) {
  Write(Path("out.json"), "old");
  write_file_atomically(Path("out.json"), "");
  EXPECT_EQ(Read(Path("out.json")), "");
}

TEST_F(AtomicFile, MissingDirectoryThrowsNamingThePath) {
  const std::string path = Path("missing/out.csv");
  try {
    write_file_atomically(path, "x");
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot write " + path + ": " + std::strerror(ENOENT));
  }
  EXPECT_TRUE(Entries().empty());
}

TEST_F(AtomicFile, TargetThatIsADirectoryFailsAndLeavesNoTemporary) {
  fs::create_directory(Path("out.csv"));
  EXPECT_THROW(write_file_atomically(Path("out.csv"), "x"), std::runtime_error);
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.csv"});
  EXPECT_TRUE(fs::is_directory(Path("out.csv")));
}

// The disk "fills" midway: a child process limits its file size (RLIMIT_FSIZE) and ignores
// SIGXFSZ, so write(2) fails with EFBIG after a partial write. The old file must survive whole
// and the temporary must be gone. A child, because the limit would hurt the rest of the suite.
TEST_F(AtomicFile, FailedWriteKeepsTheOldFileAndLeavesNoTemporary) {
  const std::string path = Path("out.csv");
  const std::string old_content = "the previous, complete result\n";
  Write(path, old_content);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0) << std::strerror(errno);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4096, 4096};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(10);
    int code = 11;  // no exception: the limit did not bite
    try {
      write_file_atomically(path, std::string(1 << 20, 'x'));
    } catch (const std::runtime_error& e) {
      const std::string expected = "cannot write " + path + ": " + std::strerror(EFBIG);
      code = e.what() == expected ? 0 : 12;
    } catch (...) {
      code = 13;
    }
    ::_exit(code);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "child died with signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0) << "10: setrlimit failed, 11: no error, 12: wrong message";
  EXPECT_EQ(Read(path), old_content);
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.csv"});
}

// Readers never see a mixture: concurrent writers of one target each replace it whole.
TEST_F(AtomicFile, ConcurrentWritersEachReplaceTheFileWhole) {
  const std::string path = Path("out.csv");
  constexpr int kWriters = 4, kRounds = 10;
  constexpr size_t kSize = 64 * 1024;
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriters; ++t)
    threads.emplace_back([&path, t] {
      for (int r = 0; r < kRounds; ++r)
        write_file_atomically(path, std::string(kSize, static_cast<char>('a' + t)));
    });
  for (std::thread& th : threads) th.join();
  const std::string content = Read(path);
  ASSERT_EQ(content.size(), kSize);
  EXPECT_EQ(content.find_first_not_of(content[0]), std::string::npos);
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.csv"});
}

TEST_F(AtomicFile, CheckWritableAcceptsAFileInAnExistingDirectory) {
  EXPECT_NO_THROW(check_writable(Path("new.csv")));
  Write(Path("old.csv"), "x");
  EXPECT_NO_THROW(check_writable(Path("old.csv")));
  EXPECT_TRUE(fs::exists(Path("old.csv")));  // checking writes nothing
  EXPECT_FALSE(fs::exists(Path("new.csv")));
}

TEST_F(AtomicFile, CheckWritableRejectsWhatCannotBeWritten) {
  auto message = [](const std::string& path) {
    try {
      check_writable(path);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string missing = Path("missing/out.csv");
  EXPECT_EQ(message(missing),
            "cannot write " + missing + ": directory " + Path("missing") + " does not exist");
  EXPECT_EQ(message(dir_), "cannot write " + dir_ + ": it is a directory");
  Write(Path("file"), "x");
  EXPECT_EQ(message(Path("file/out.csv")),
            "cannot write " + Path("file/out.csv") + ": " + Path("file") + " is not a directory");
  EXPECT_EQ(message(""), "cannot write '': the path is empty");
}

}  // namespace
}  // namespace voigt
