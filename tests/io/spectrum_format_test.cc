// Format detection from content and stacking of numbered plane files into one series.
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/shared_data.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes load(const std::string& relative) {
  return testing::read_bytes(testing::shared_path(relative));
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no std::invalid_argument)";
}

TEST(SpectrumFormat, DetectsNmrPipeAndUcsfFromContent) {
  const Bytes pipe = load("data/proteinL_pseudo3d/test1.ft2");
  const Bytes ucsf = load("data/proteinL_pseudo3d/test1.ucsf");
  // Names carry no hint: detection reads the bytes.
  EXPECT_EQ(read_spectrum(pipe.data(), pipe.size(), "a.dat").format, "nmrpipe");
  EXPECT_EQ(read_spectrum(ucsf.data(), ucsf.size(), "b.dat").format, "ucsf");
  // A big-endian NMRPipe file: FDFLTORDER reads as 2.345 only after swapping.
  Bytes swapped = pipe;
  for (std::size_t i = 0; i + 3 < swapped.size(); i += 4) {
    if (i / 4 >= 16 && i / 4 <= 23) continue;  // labels are raw text
    std::swap(swapped[i], swapped[i + 3]);
    std::swap(swapped[i + 1], swapped[i + 2]);
  }
  const LoadedSpectrum s = read_spectrum(swapped.data(), swapped.size(), "c.dat");
  EXPECT_EQ(s.format, "nmrpipe");
  EXPECT_EQ(s.view.x.size_pt, 546);
  EXPECT_EQ(s.view.x.label, "HN");
}

TEST(SpectrumFormat, UnknownOrEmptyBytesAreRejectedWithTheName) {
  const std::string text = "INDEX X_AXIS Y_AXIS\n1 2 3\n";
  const Bytes bytes(text.begin(), text.end());
  std::string message =
      error_of([&] { read_spectrum(bytes.data(), bytes.size(), "peaks.tab"); });
  EXPECT_NE(message.find("peaks.tab"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown spectrum format"), std::string::npos) << message;
  message = error_of([&] { read_spectrum(bytes.data(), 0, "empty.ft2"); });
  EXPECT_NE(message.find("empty.ft2: file is empty"), std::string::npos) << message;
}

TEST(SpectrumFormat, StacksDeepPlaneFilesIntoOneSeries) {
  std::vector<Bytes> files;
  std::vector<LoadedSpectrum> planes;
  for (const char* f : {"plane001.ft2", "plane002.ft2", "plane003.ft2"}) {
    files.push_back(load(std::string("data/deep_850MHz_planes/") + f));
    planes.push_back(read_spectrum(files.back().data(), files.back().size(), f));
  }
  std::vector<const float*> sources;
  for (const LoadedSpectrum& p : planes) sources.push_back(p.view.data);
  const LoadedSpectrum series = stack_planes(std::move(planes), "deep");
  EXPECT_EQ(series.view.num_planes, 3);
  EXPECT_EQ(series.view.x.size_pt, 230);
  EXPECT_EQ(series.view.y.size_pt, 220);
  EXPECT_NEAR(series.view.x.first_ppm(), 8.799, 5e-4);
  EXPECT_NEAR(series.view.y.last_ppm(), 121.802, 5e-4);
  EXPECT_EQ(series.view.plane_label, "vdlist");
  EXPECT_EQ(series.format, "nmrpipe");
  ASSERT_EQ(series.storage.size(), 3u * 230 * 220);
  EXPECT_EQ(series.view.data, series.storage.data());
  for (int k = 0; k < 3; ++k) {
    const Spectrum2D plane = series.view.plane(k);
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < plane.num_points(); ++i)
      mismatches += plane.data[i] == sources[k][i] ? 0 : 1;
    EXPECT_EQ(mismatches, 0u) << "plane " << k;
  }
}

TEST(SpectrumFormat, StackingPlanesOfDifferentGridsIsRejected) {
  const Bytes deep = load("data/deep_850MHz_planes/plane001.ft2");
  const Bytes protein = load("data/proteinL_pseudo3d/test1.ft2");
  std::vector<LoadedSpectrum> planes;
  planes.push_back(read_spectrum(deep.data(), deep.size(), "plane001.ft2"));
  planes.push_back(read_spectrum(protein.data(), protein.size(), "test1.ft2"));
  const std::string message = error_of([&] { stack_planes(std::move(planes), "my series"); });
  EXPECT_NE(message.find("my series"), std::string::npos) << message;
  EXPECT_NE(message.find("input 2"), std::string::npos) << message;
  EXPECT_NE(error_of([] { stack_planes({}, "none"); }).find("none"), std::string::npos);
}

}  // namespace
}  // namespace voigt
