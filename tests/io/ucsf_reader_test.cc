// Sparky UCSF reader: test1.ucsf (big-endian, tiled, 3D with a dummy plane axis) against
// test1.ft2, and damaged copies built in memory.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/shared_data.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kAxisHeader0 = 180;  // w1's 128-byte header; w2, w3 follow

Bytes load(const std::string& relative) {
  return testing::read_bytes(testing::shared_path(relative));
}

void put_be32(Bytes& bytes, std::size_t offset, std::uint32_t v) {
  bytes[offset] = static_cast<std::uint8_t>(v >> 24);
  bytes[offset + 1] = static_cast<std::uint8_t>(v >> 16);
  bytes[offset + 2] = static_cast<std::uint8_t>(v >> 8);
  bytes[offset + 3] = static_cast<std::uint8_t>(v);
}
void put_be_float(Bytes& bytes, std::size_t offset, float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, 4);
  put_be32(bytes, offset, bits);
}

void expect_ucsf_rejected(const Bytes& bytes, const std::string& part) {
  try {
    read_ucsf(bytes.data(), bytes.size(), "test1.ucsf");
    ADD_FAILURE() << "no exception; expected one mentioning '" << part << "'";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("test1.ucsf"), std::string::npos) << message;
    EXPECT_NE(message.find(part), std::string::npos) << message;
  }
}

TEST(UcsfReader, ProteinLEqualsTheNmrPipeStreamPointForPoint) {
  const Bytes ucsf_bytes = load("data/proteinL_pseudo3d/test1.ucsf");
  const Bytes pipe_bytes = load("data/proteinL_pseudo3d/test1.ft2");
  const LoadedSpectrum u = read_ucsf(ucsf_bytes.data(), ucsf_bytes.size(), "test1.ucsf");
  const LoadedSpectrum p = read_nmrpipe(pipe_bytes.data(), pipe_bytes.size(), "test1.ft2");
  EXPECT_EQ(u.format, "ucsf");
  // w3 (1H, 800 MHz) is x, w1 (15N) is y, w2 (4 points at "1 MHz") is the plane axis.
  ASSERT_EQ(u.view.x.size_pt, 546);
  ASSERT_EQ(u.view.y.size_pt, 256);
  ASSERT_EQ(u.view.num_planes, 4);
  EXPECT_EQ(u.view.x.label, "1H");
  EXPECT_EQ(u.view.y.label, "15N");
  for (const auto& [ua, pa] : {std::pair<const Axis*, const Axis*>{&u.view.x, &p.view.x},
                               std::pair<const Axis*, const Axis*>{&u.view.y, &p.view.y}}) {
    // UCSF keeps the centre ppm (float32) instead of the last point's Hz: the grids agree to a
    // small fraction of a point, well inside the required one point.
    const double one_point_ppm = pa->ppm_per_pt();
    EXPECT_NEAR(ua->first_ppm(), pa->first_ppm(), 0.01 * one_point_ppm);
    EXPECT_NEAR(ua->last_ppm(), pa->last_ppm(), 0.01 * one_point_ppm);
    EXPECT_NEAR(ua->sw_hz, pa->sw_hz, 1e-3);
    EXPECT_NEAR(ua->obs_mhz, pa->obs_mhz, 1e-4);
  }
  const std::size_t n = p.view.plane_size() * 4;
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < n; ++i) mismatches += u.view.data[i] == p.view.data[i] ? 0 : 1;
  EXPECT_EQ(mismatches, 0u);
}

TEST(UcsfReader, EmptyOrTruncatedFilesAreRejected) {
  const Bytes bytes = load("data/proteinL_pseudo3d/test1.ucsf");
  expect_ucsf_rejected(Bytes(), "empty");
  expect_ucsf_rejected(Bytes(bytes.begin(), bytes.begin() + 100), "truncated");
  expect_ucsf_rejected(Bytes(bytes.begin(), bytes.begin() + 300), "truncated");
  expect_ucsf_rejected(Bytes(bytes.begin(), bytes.end() - 4), "truncated");
}

TEST(UcsfReader, WrongMagicVersionComponentsOrAxesAreRejected) {
  const Bytes original = load("data/proteinL_pseudo3d/test1.ucsf");
  Bytes bytes = original;
  bytes[0] = 'X';
  expect_ucsf_rejected(bytes, "UCSF NMR");
  bytes = original;
  bytes[13] = 3;  // format version
  expect_ucsf_rejected(bytes, "version 3");
  bytes = original;
  bytes[11] = 2;  // two components: complex data
  expect_ucsf_rejected(bytes, "Fourier-transformed");
  bytes = original;
  bytes[10] = 4;
  expect_ucsf_rejected(bytes, "4 axes");
}

TEST(UcsfReader, ZeroSpectralWidthIsRejected) {
  Bytes bytes = load("data/proteinL_pseudo3d/test1.ucsf");
  put_be_float(bytes, kAxisHeader0 + 2 * 128 + 24, 0.0f);  // w3 (1H) SW
  expect_ucsf_rejected(bytes, "sw_hz");
}

TEST(UcsfReader, NonFiniteValueIsReportedWithItsPosition) {
  Bytes bytes = load("data/proteinL_pseudo3d/test1.ucsf");
  // Point x 100 (w3), y 50 (w1), plane 2 (w2) in tiles of 32 x 1 x 68; 8 x 4 x 9 tiles.
  const std::size_t tile = (1 * 4 + 2) * 9 + 1;   // tile (50/32, 2/1, 100/68)
  const std::size_t within = (18 * 1 + 0) * 68 + 32;  // (50%32, 0, 100%68)
  const std::size_t offset = 180 + 3 * 128 + 4 * (tile * 32 * 68 + within);
  put_be_float(bytes, offset, std::numeric_limits<float>::quiet_NaN());
  expect_ucsf_rejected(bytes, "x_pt 100, y_pt 50, plane 2");
}

}  // namespace
}  // namespace voigt
