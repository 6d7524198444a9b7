// MappedFile (RAII mmap) and open_spectrum (mapping + format detection + plane stacking).
#include "mapped_file.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "spectrum_loader.h"
#include "support/shared_data.h"

namespace voigt {
namespace {

// A file under the test temp dir, removed when the test ends.
class TempFile {
 public:
  TempFile(const std::string& tag, const std::string& contents)
      : path_(::testing::TempDir() + "voigt_" + tag + "_" + std::to_string(::getpid())) {
    std::ofstream out(path_, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no std::invalid_argument)";
}

TEST(MappedFile, MapsTheWholeFile) {
  const std::string contents = "voigtfit\0mapped\nbytes";
  const TempFile file("map", contents);
  const MappedFile mapped = MappedFile::open(file.path());
  ASSERT_EQ(mapped.size(), contents.size());
  EXPECT_EQ(std::memcmp(mapped.data(), contents.data(), contents.size()), 0);
  EXPECT_EQ(mapped.path(), file.path());
}

TEST(MappedFile, MovedFromObjectIsEmpty) {
  const TempFile file("move", "0123456789");
  MappedFile a = MappedFile::open(file.path());
  const std::uint8_t* data = a.data();
  MappedFile b(std::move(a));
  EXPECT_EQ(a.data(), nullptr);
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(b.data(), data);
  MappedFile c;
  c = std::move(b);
  EXPECT_EQ(b.data(), nullptr);
  EXPECT_EQ(b.size(), 0u);
  EXPECT_EQ(c.data(), data);
  EXPECT_EQ(c.size(), 10u);
  EXPECT_EQ(c.data()[9], '9');
}

TEST(MappedFile, MissingFileErrorNamesPathAndReason) {
  const std::string path = ::testing::TempDir() + "voigt_no_such_file.ft2";
  const std::string message = error_of([&] { MappedFile::open(path); });
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find(std::strerror(ENOENT)), std::string::npos) << message;
}

TEST(MappedFile, EmptyFileOrDirectoryIsRejected) {
  const TempFile file("empty", "");
  std::string message = error_of([&] { MappedFile::open(file.path()); });
  EXPECT_NE(message.find(file.path() + ": is empty"), std::string::npos) << message;
  message = error_of([] { MappedFile::open(::testing::TempDir()); });
  EXPECT_NE(message.find("not a regular file"), std::string::npos) << message;
}

TEST(SpectrumLoader, SingleNmrPipeFileIsViewedInPlace) {
  OpenSpectrum open = open_spectrum({testing::shared_path("data/proteinL_pseudo3d/test1.ft2")});
  ASSERT_EQ(open.files.size(), 1u);
  EXPECT_TRUE(open.spectrum.storage.empty());
  EXPECT_EQ(reinterpret_cast<const std::uint8_t*>(open.spectrum.view.data),
            open.files[0].data() + 2048);
  EXPECT_EQ(open.spectrum.view.num_planes, 4);
  // Moving keeps the view valid: the mapping does not move.
  const OpenSpectrum moved = std::move(open);
  EXPECT_EQ(reinterpret_cast<const std::uint8_t*>(moved.spectrum.view.data),
            moved.files[0].data() + 2048);
}

TEST(SpectrumLoader, UcsfFileIsDetected) {
  const OpenSpectrum open =
      open_spectrum({testing::shared_path("data/proteinL_pseudo3d/test1.ucsf")});
  EXPECT_EQ(open.spectrum.format, "ucsf");
  EXPECT_EQ(open.spectrum.view.num_planes, 4);
}

TEST(SpectrumLoader, PlaneFilesAreStackedInOrder) {
  std::vector<std::string> paths;
  for (const char* f : {"plane001.ft2", "plane002.ft2", "plane003.ft2"})
    paths.push_back(testing::shared_path(std::string("data/deep_850MHz_planes/") + f));
  const OpenSpectrum open = open_spectrum(paths);
  EXPECT_TRUE(open.files.empty());
  EXPECT_EQ(open.spectrum.view.num_planes, 3);
  EXPECT_EQ(open.spectrum.view.x.size_pt, 230);
  // Plane 2 is plane003.ft2's data.
  const std::vector<std::uint8_t> third = testing::read_bytes(paths[2]);
  EXPECT_EQ(std::memcmp(open.spectrum.view.plane(2).data, third.data() + 2048, 230 * 220 * 4), 0);
}

TEST(SpectrumLoader, ErrorsNameTheFile) {
  const std::string missing = ::testing::TempDir() + "voigt_missing_plane.ft2";
  const std::string message = error_of([&] {
    open_spectrum({testing::shared_path("data/deep_850MHz_planes/plane001.ft2"), missing});
  });
  EXPECT_NE(message.find(missing), std::string::npos) << message;
  const TempFile junk("junk", "not a spectrum at all");
  const std::string junk_message = error_of([&] { open_spectrum({junk.path()}); });
  EXPECT_NE(junk_message.find(junk.path()), std::string::npos) << junk_message;
  EXPECT_NE(error_of([] { open_spectrum({}); }), "(no std::invalid_argument)");
}

// Written in place (same inode): reported with the path. Replaced by a rename or deleted: not a
// change, the mapping keeps the old file whole.
TEST(MappedFile, ChangeOnDiskIsAnInPlaceWrite) {
  const TempFile file("change", "0123456789");
  const MappedFile mapped = MappedFile::open(file.path());
  EXPECT_EQ(mapped.change_on_disk(), "");
  {
    std::ofstream out(file.path(), std::ios::binary | std::ios::app);
    out << "more";
  }
  const std::string change = mapped.change_on_disk();
  EXPECT_NE(change.find(file.path() + ": changed on disk"), std::string::npos) << change;
  EXPECT_NE(change.find("10 -> 14 bytes"), std::string::npos) << change;

  const TempFile other("replacement", "abc");
  const MappedFile replaced = MappedFile::open(file.path());
  ASSERT_EQ(std::rename(other.path().c_str(), file.path().c_str()), 0);
  EXPECT_EQ(replaced.change_on_disk(), "");
  std::remove(file.path().c_str());
  EXPECT_EQ(replaced.change_on_disk(), "");
}

// The same byte count rewritten: the modification time tells (set explicitly, since two writes
// within one clock tick can share a time).
TEST(MappedFile, SameSizeRewriteIsAChange) {
  const TempFile file("rewrite", "0123456789");
  const MappedFile mapped = MappedFile::open(file.path());
  {
    std::ofstream out(file.path(), std::ios::binary | std::ios::in);
    out << "X";
  }
  const struct timespec times[2] = {{0, UTIME_OMIT}, {12345, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, file.path().c_str(), times, 0), 0);
  EXPECT_NE(mapped.change_on_disk().find("modification time"), std::string::npos);
}

TEST(MappedFile, CheckUnchangedThrowsNamingTheSpectrum) {
  const std::string source = testing::shared_path("data/proteinL_pseudo3d/test1.ft2");
  std::ifstream in(source, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  const TempFile copy("spectrum", bytes);
  const OpenSpectrum open = open_spectrum({copy.path()});
  EXPECT_NO_THROW(check_unchanged(open));
  ASSERT_EQ(::truncate(copy.path().c_str(), 4096), 0);
  const std::string error = error_of([&] { check_unchanged(open); });
  EXPECT_NE(error.find(copy.path()), std::string::npos) << error;
  EXPECT_NE(error.find("not written"), std::string::npos) << error;
}

// Reading a page a truncation removed: the installed handler's message and status 2, not a bare
// "Bus error".
TEST(MappedFileDeathTest, TruncatedWhileMappedExitsWithAMessage) {
  const TempFile file("truncate", std::string(3 * 65536, 'v'));
  EXPECT_EXIT(
      {
        install_bus_error_message();
        const MappedFile mapped = MappedFile::open(file.path());
        if (::truncate(file.path().c_str(), 0) != 0) std::_Exit(9);
        volatile std::uint8_t last = mapped.data()[mapped.size() - 1];
        (void)last;
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(2), "truncated or changed on disk during the run");
}

}  // namespace
}  // namespace voigt
