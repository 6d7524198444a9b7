// What a file holds, from its content: every spectrum and list of shared/data is classified as
// what the readers accept, whatever its name, and damaged or foreign files are unknown.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/shared_data.h"
#include "voigt/input_kind.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

InputKind kind_of(const std::vector<std::uint8_t>& bytes) { return classify_input(bytes.data(), bytes.size()); }
InputKind kind_of(const std::string& text) {
  return classify_input(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}
InputKind kind_of_file(const std::string& relative) {
  return kind_of(testing::read_bytes(testing::shared_path(relative)));
}

TEST(InputKind, SpectraOfEveryFormatAndByteOrder) {
  for (const char* f : {"data/proteinL_pseudo3d/test1.ft2", "data/proteinL_pseudo3d/test_tp.ft2",
                        "data/proteinL_pseudo3d/test1.ucsf", "data/deep_850MHz_planes/plane001.ft2"})
    EXPECT_EQ(kind_of_file(f), InputKind::kSpectrum) << f;
  // The same bytes the NMRPipe writer makes (little-endian) are a spectrum too.
  const std::vector<std::uint8_t> bytes = testing::read_bytes(testing::shared_path("data/proteinL_pseudo3d/test1.ft2"));
  const LoadedSpectrum s = read_spectrum(bytes.data(), bytes.size(), "test1.ft2");  // a view into `bytes`
  EXPECT_EQ(kind_of(write_nmrpipe(s.view)), InputKind::kSpectrum);
}

TEST(InputKind, PeakListsOfEveryFormat) {
  for (const char* f : {"data/proteinL_pseudo3d/test.tab", "data/proteinL_pseudo3d/nlin.tab",
                        "data/proteinL_pseudo3d/peaks.a2", "data/proteinL_pseudo3d/peaks.sparky",
                        "data/deep_850MHz_planes/localmax_plane001_derived.csv"})
    EXPECT_EQ(kind_of_file(f), InputKind::kPeakList) << f;
  EXPECT_EQ(kind_of(std::string("res,hn_ppm,n_ppm\nA1,8.1,120.2\n")), InputKind::kPeakList);
}

TEST(InputKind, DelayListsAreNotPeakLists) {
  EXPECT_EQ(kind_of_file("data/proteinL_pseudo3d/vclist"), InputKind::kDelays);
  EXPECT_EQ(kind_of(std::string("10m\n30m\n60m\n")), InputKind::kDelays);
  EXPECT_EQ(kind_of(std::string("0.01\n0.05\n")), InputKind::kDelays);
}

TEST(InputKind, ForeignAndDamagedFilesAreUnknown) {
  EXPECT_EQ(kind_of(std::string("")), InputKind::kUnknown);
  EXPECT_EQ(kind_of(std::string("this is not an NMRPipe file\n")), InputKind::kUnknown);
  std::vector<std::uint8_t> binary(4096, 0);
  binary[7] = 1;
  EXPECT_EQ(kind_of(binary), InputKind::kUnknown);
  std::vector<std::uint8_t> spectrum = testing::read_bytes(testing::shared_path("data/proteinL_pseudo3d/test1.ft2"));
  // A truncated spectrum still says what it is (its reader then reports the truncation, which
  // helps more than "unknown"); cut before the identifying header field it is nothing.
  spectrum.resize(20);
  EXPECT_EQ(kind_of(spectrum), InputKind::kSpectrum);
  spectrum.resize(8);
  EXPECT_EQ(kind_of(spectrum), InputKind::kUnknown);
  EXPECT_STREQ(to_string(InputKind::kPeakList), "peaks");
}

}  // namespace
}  // namespace voigt
