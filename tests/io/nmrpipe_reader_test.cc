// NMRPipe reader and writer on the real spectra of shared/data (sizes and ppm ranges from its
// README, an independent source), on transposed and byte-swapped copies, and on damaged copies
// built in memory from the real files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/byte_order.h"
#include "io/nmrpipe_header.h"
#include "support/shared_data.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

using Bytes = std::vector<std::uint8_t>;

// README ranges are printed with 3 decimals.
constexpr double kReadmePpmTolerance = 5e-4;

Bytes load(const std::string& relative) {
  return testing::read_bytes(testing::shared_path(relative));
}

LoadedSpectrum read(const Bytes& bytes, const std::string& name) {
  return read_nmrpipe(bytes.data(), bytes.size(), name);
}

// The shared files are little-endian.
float header_value(const Bytes& bytes, int index) {
  return detail::load_f32(bytes.data() + 4 * index, !detail::host_is_little_endian());
}
void set_header(Bytes& bytes, int index, float value) {
  detail::store_f32(bytes.data() + 4 * index, value, !detail::host_is_little_endian());
}

// The same file written on a machine of the other byte order: every float swapped, text kept.
Bytes byte_swapped(const Bytes& bytes) {
  Bytes out = bytes;
  for (std::size_t word = 0; word < out.size() / 4; ++word) {
    if (word < detail::kPipeHeaderFloats && detail::is_text_location(static_cast<int>(word)))
      continue;
    std::swap(out[4 * word], out[4 * word + 3]);
    std::swap(out[4 * word + 1], out[4 * word + 2]);
  }
  return out;
}

void expect_same_axis(const Axis& a, const Axis& b) {
  EXPECT_EQ(a.size_pt, b.size_pt);
  EXPECT_EQ(a.sw_hz, b.sw_hz);
  EXPECT_EQ(a.obs_mhz, b.obs_mhz);
  EXPECT_EQ(a.orig_hz, b.orig_hz);
  EXPECT_EQ(a.label, b.label);
}

// Same grid, same axes, and every value bit-identical.
void expect_same_series(const SpectrumSeries& a, const SpectrumSeries& b) {
  expect_same_axis(a.x, b.x);
  expect_same_axis(a.y, b.y);
  ASSERT_EQ(a.num_planes, b.num_planes);
  const std::size_t n = a.plane_size() * static_cast<std::size_t>(a.num_planes);
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < n; ++i) mismatches += a.data[i] == b.data[i] ? 0 : 1;
  EXPECT_EQ(mismatches, 0u);
}

// Runs `read` and checks it throws std::invalid_argument whose message holds `name` and `part`.
template <typename Fn>
void expect_rejected(Fn&& fn, const std::string& name, const std::string& part) {
  try {
    fn();
    ADD_FAILURE() << "no exception; expected one mentioning '" << part << "'";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(name), std::string::npos) << message;
    EXPECT_NE(message.find(part), std::string::npos) << message;
  }
}

void expect_pipe_rejected(const Bytes& bytes, const std::string& part) {
  expect_rejected([&] { read(bytes, "test1.ft2"); }, "test1.ft2", part);
}

TEST(NmrPipeReader, ProteinLStreamHasReadmeSizesAndAxes) {
  const Bytes bytes = load("data/proteinL_pseudo3d/test1.ft2");
  const LoadedSpectrum s = read(bytes, "test1.ft2");
  EXPECT_EQ(s.format, "nmrpipe");
  EXPECT_EQ(s.view.x.size_pt, 546);
  EXPECT_EQ(s.view.y.size_pt, 256);
  EXPECT_EQ(s.view.num_planes, 4);
  EXPECT_EQ(s.view.x.label, "HN");
  EXPECT_EQ(s.view.y.label, "15N");
  EXPECT_EQ(s.view.plane_label, "ID");
  EXPECT_NEAR(s.view.x.first_ppm(), 10.498, kReadmePpmTolerance);
  EXPECT_NEAR(s.view.x.last_ppm(), 6.502, kReadmePpmTolerance);
  // The 15N axis lives in the F3 block (dimorder 2,3,1); F1 holds the 4 Hz "ID" axis.
  EXPECT_NEAR(s.view.y.first_ppm(), 130.538, kReadmePpmTolerance);
  EXPECT_NEAR(s.view.y.last_ppm(), 106.634, kReadmePpmTolerance);
  EXPECT_NEAR(s.view.y.obs_mhz, 81.1030, 1e-4);
  // README: plane maxima 9.1e7, 6.5e7, 4.6e7, 3.2e7 (a relaxation series decays).
  const double expected_max[4] = {9.1e7, 6.5e7, 4.6e7, 3.2e7};
  for (int k = 0; k < 4; ++k) {
    const Spectrum2D plane = s.view.plane(k);
    float max_value = plane.data[0];
    for (std::size_t i = 0; i < plane.num_points(); ++i)
      max_value = std::max(max_value, plane.data[i]);
    EXPECT_NEAR(max_value, expected_max[k], 0.06e7) << "plane " << k;
  }
}

TEST(NmrPipeReader, ViewPointsIntoCallerBytesWithoutCopy) {
  const Bytes bytes = load("data/proteinL_pseudo3d/test1.ft2");
  const LoadedSpectrum s = read(bytes, "test1.ft2");
  EXPECT_TRUE(s.storage.empty());
  EXPECT_EQ(reinterpret_cast<const std::uint8_t*>(s.view.data), bytes.data() + 2048);
  float first;
  std::memcpy(&first, bytes.data() + 2048, 4);
  EXPECT_EQ(s.view.data[0], first);
}

TEST(NmrPipeReader, DeepPlaneHoldsOnePlaneAlthoughHeaderSaysSix) {
  for (const char* file : {"plane001.ft2", "plane002.ft2", "plane003.ft2"}) {
    const Bytes bytes = load(std::string("data/deep_850MHz_planes/") + file);
    ASSERT_EQ(header_value(bytes, detail::kFdF3Size), 6.0f);
    const LoadedSpectrum s = read(bytes, file);
    EXPECT_EQ(s.view.num_planes, 1) << file;
    EXPECT_EQ(s.view.x.size_pt, 230);
    EXPECT_EQ(s.view.y.size_pt, 220);
    EXPECT_EQ(s.view.x.label, "1H");
    EXPECT_EQ(s.view.y.label, "15N");
    EXPECT_EQ(s.view.plane_label, "vdlist");
    EXPECT_NEAR(s.view.x.first_ppm(), 8.799, kReadmePpmTolerance);
    EXPECT_NEAR(s.view.x.last_ppm(), 7.902, kReadmePpmTolerance);
    EXPECT_NEAR(s.view.y.first_ppm(), 126.507, kReadmePpmTolerance);
    EXPECT_NEAR(s.view.y.last_ppm(), 121.802, kReadmePpmTolerance);
    EXPECT_TRUE(s.storage.empty());
  }
}

TEST(NmrPipeReader, TransposedFilesEqualTheStreamPointForPoint) {
  const Bytes stream_bytes = load("data/proteinL_pseudo3d/test1.ft2");
  const LoadedSpectrum stream = read(stream_bytes, "test1.ft2");
  // test_tp: X = ID, Y = 15N, Z = 1H; test_tp2: X = 15N, Y = ID, Z = 1H (FDTRANSPOSED = 1).
  for (const char* file : {"test_tp.ft2", "test_tp2.ft2"}) {
    SCOPED_TRACE(file);
    const Bytes bytes = load(std::string("data/proteinL_pseudo3d/") + file);
    const LoadedSpectrum s = read(bytes, file);
    EXPECT_FALSE(s.storage.empty());  // reordered, so necessarily copied
    EXPECT_EQ(s.view.plane_label, "ID");
    expect_same_series(s.view, stream.view);
  }
}

TEST(NmrPipeReader, ByteSwappedCopyReadsIdentically) {
  const Bytes bytes = load("data/proteinL_pseudo3d/test1.ft2");
  const LoadedSpectrum native = read(bytes, "test1.ft2");
  for (const char* file : {"test1.ft2", "test_tp2.ft2"}) {
    SCOPED_TRACE(file);
    const Bytes swapped = byte_swapped(load(std::string("data/proteinL_pseudo3d/") + file));
    const LoadedSpectrum s = read(swapped, "swapped.ft2");
    EXPECT_FALSE(s.storage.empty());
    expect_same_series(s.view, native.view);
  }
}

TEST(NmrPipeReader, UnalignedBytesAreCopiedNotMisread) {
  const Bytes bytes = load("data/proteinL_pseudo3d/test1.ft2");
  Bytes shifted(bytes.size() + 1);
  std::memcpy(shifted.data() + 1, bytes.data(), bytes.size());
  const LoadedSpectrum aligned = read(bytes, "test1.ft2");
  const LoadedSpectrum s = read_nmrpipe(shifted.data() + 1, bytes.size(), "test1.ft2");
  EXPECT_FALSE(s.storage.empty());
  expect_same_series(s.view, aligned.view);
}

TEST(NmrPipeReader, EmptyOrTruncatedFilesAreRejectedWithTheirName) {
  const Bytes bytes = load("data/proteinL_pseudo3d/test1.ft2");
  expect_rejected([&] { read_nmrpipe(bytes.data(), 0, "test1.ft2"); }, "test1.ft2", "empty");
  expect_pipe_rejected(Bytes(bytes.begin(), bytes.begin() + 1000), "truncated");
  expect_pipe_rejected(Bytes(bytes.begin(), bytes.end() - 100), "truncated");
  // Fewer planes than FDF3SIZE is a partial series only when Z is the series axis; in
  // test_tp.ft2 Z is the 1H axis, so a missing plane is damage.
  const Bytes tp = load("data/proteinL_pseudo3d/test_tp.ft2");
  expect_rejected([&] { read(Bytes(tp.begin(), tp.end() - 4 * 256 * 4), "test_tp.ft2"); },
                  "test_tp.ft2",
                  "truncated");
  // ... while in test1.ft2 (Z = ID) whole missing planes are allowed, as in DEEP's files.
  const LoadedSpectrum two = read(Bytes(bytes.begin(), bytes.end() - 2 * 546 * 256 * 4), "t");
  EXPECT_EQ(two.view.num_planes, 2);
}

TEST(NmrPipeReader, WrongMagicIsRejected) {
  Bytes bytes = load("data/proteinL_pseudo3d/test1.ft2");
  set_header(bytes, detail::kFdFltOrder, 1.0f);
  expect_pipe_rejected(bytes, "FDFLTORDER");
}

TEST(NmrPipeReader, SizesBeyondTheDataAreRejected) {
  const Bytes original = load("data/proteinL_pseudo3d/test1.ft2");
  Bytes bytes = original;
  set_header(bytes, detail::kFdSize, 1000);  // X claims more points than present
  expect_pipe_rejected(bytes, "truncated");
  bytes = original;
  set_header(bytes, detail::kFdF3Size, 3);  // the data hold a 4th plane the header denies
  expect_pipe_rejected(bytes, "holds 4 planes");
  bytes = original;
  set_header(bytes, detail::kFdSpecNum, 0);
  expect_pipe_rejected(bytes, "FDSPECNUM");
}

TEST(NmrPipeReader, NonFiniteValueIsReportedWithItsPosition) {
  const Bytes original = load("data/proteinL_pseudo3d/test1.ft2");
  for (float bad : {std::numeric_limits<float>::quiet_NaN(),
                    std::numeric_limits<float>::infinity()}) {
    Bytes bytes = original;
    const std::size_t index = (2 * 256 + 3) * 546 + 7;  // x 7, y 3, plane 2
    detail::store_f32(bytes.data() + 2048 + 4 * index, bad, !detail::host_is_little_endian());
    expect_pipe_rejected(bytes, "x_pt 7, y_pt 3, plane 2");
  }
  // The same point seen through the transposed file: reported in x/y/plane terms too.
  Bytes tp = load("data/proteinL_pseudo3d/test_tp.ft2");
  const std::size_t tp_index = (7 * 256 + 3) * 4 + 2;  // stored (ID 2, 15N 3, 1H 7)
  detail::store_f32(tp.data() + 2048 + 4 * tp_index,
                    std::numeric_limits<float>::quiet_NaN(),
                    !detail::host_is_little_endian());
  expect_rejected([&] { read(tp, "test_tp.ft2"); }, "test_tp.ft2", "x_pt 7, y_pt 3, plane 2");
}

TEST(NmrPipeReader, ComplexOrTimeDomainDataAskForFourierTransform) {
  const Bytes original = load("data/proteinL_pseudo3d/test1.ft2");
  for (int index : {detail::kFdQuadFlag,
                    detail::kPipeF2.quad_flag,
                    detail::kPipeF3.quad_flag,  // the 15N (y) dimension of test1.ft2
                    detail::kPipeF2.ft_flag,
                    detail::kPipeF3.ft_flag}) {
    SCOPED_TRACE(index);
    Bytes bytes = original;
    set_header(bytes, index, 0);
    expect_pipe_rejected(bytes, "must be Fourier-transformed first");
  }
}

TEST(NmrPipeReader, ZeroSpectralWidthOrFrequencyIsRejected) {
  const Bytes original = load("data/proteinL_pseudo3d/test1.ft2");
  Bytes bytes = original;
  set_header(bytes, detail::kPipeF2.sw_hz, 0);
  expect_pipe_rejected(bytes, "sw_hz");
  bytes = original;
  set_header(bytes, detail::kPipeF3.obs_mhz, 0);  // y's OBS: the F3 block, not F1
  expect_pipe_rejected(bytes, "obs_mhz");
}

TEST(NmrPipeReader, OneDimensionalAndFourDimensionalFilesAreRejected) {
  const Bytes original = load("data/proteinL_pseudo3d/test1.ft2");
  Bytes bytes = original;
  set_header(bytes, detail::kFdDimCount, 1);
  expect_pipe_rejected(bytes, "1D");
  bytes = original;
  set_header(bytes, detail::kFdDimCount, 4);
  set_header(bytes, detail::kFdF4Size, 2);
  expect_pipe_rejected(bytes, "4D");
}

TEST(NmrPipeWriter, PseudoThreeDRoundTripIsExact) {
  const Bytes bytes = load("data/proteinL_pseudo3d/test1.ft2");
  const LoadedSpectrum original = read(bytes, "test1.ft2");
  const Bytes written = write_nmrpipe(original.view);
  ASSERT_EQ(written.size(), bytes.size());
  const LoadedSpectrum back = read(written, "written.ft2");
  // Axes went through float32 once already, so they come back bit-identical.
  expect_same_series(back.view, original.view);
  EXPECT_EQ(back.view.plane_label, "ID");
  EXPECT_TRUE(back.storage.empty());  // little-endian, X = 1H: viewed in place
  // Writing what was read gives the same bytes: nothing drifts through a cycle.
  EXPECT_EQ(write_nmrpipe(back.view), written);
}

TEST(NmrPipeWriter, HeaderIsStandardNmrPipe) {
  const Bytes bytes = load("data/proteinL_pseudo3d/test1.ft2");
  const Bytes w = write_nmrpipe(read(bytes, "test1.ft2").view);
  EXPECT_EQ(header_value(w, detail::kFdFltOrder), 2.345f);
  EXPECT_EQ(std::memcmp(w.data() + 4, bytes.data() + 4, 4), 0);  // FDFLTFORMAT as NMRPipe's
  EXPECT_EQ(header_value(w, detail::kFdDimCount), 3);
  EXPECT_EQ(header_value(w, detail::kFdDimOrder + 0), 2);
  EXPECT_EQ(header_value(w, detail::kFdDimOrder + 1), 1);
  EXPECT_EQ(header_value(w, detail::kFdDimOrder + 2), 3);
  EXPECT_EQ(header_value(w, detail::kFdPipeFlag), 1);
  EXPECT_EQ(header_value(w, detail::kFdSize), 546);
  EXPECT_EQ(header_value(w, detail::kFdSpecNum), 256);
  EXPECT_EQ(header_value(w, detail::kFdF3Size), 4);
  EXPECT_EQ(header_value(w, detail::kFdQuadFlag), 1);
  EXPECT_EQ(header_value(w, detail::kPipeF2.ft_flag), 1);
  EXPECT_EQ(header_value(w, detail::kPipeF1.ft_flag), 1);
  EXPECT_EQ(header_value(w, detail::kPipeF2.quad_flag), 1);
  EXPECT_EQ(header_value(w, detail::kPipeF1.quad_flag), 1);
  EXPECT_EQ(header_value(w, detail::kPipeF1.sw_hz), header_value(bytes, detail::kPipeF3.sw_hz));
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(w.data() + 4 * 18)), "15N");
  EXPECT_FLOAT_EQ(header_value(w, detail::kFdMax), 90563568.0f);  // test1.ft2's own FDMAX
}

TEST(NmrPipeWriter, TwoDimensionalRoundTripIsExact) {
  const Bytes bytes = load("data/deep_850MHz_planes/plane001.ft2");
  const LoadedSpectrum original = read(bytes, "plane001.ft2");
  const Bytes written = write_nmrpipe(original.view);
  EXPECT_EQ(header_value(written, detail::kFdDimCount), 2);
  EXPECT_EQ(header_value(written, detail::kFdPipeFlag), 0);
  const LoadedSpectrum back = read(written, "written.ft2");
  expect_same_series(back.view, original.view);
}

TEST(NmrPipeWriter, SeriesWithoutDataIsRejected) {
  SpectrumSeries empty;
  EXPECT_THROW(write_nmrpipe(empty), std::invalid_argument);
}

}  // namespace
}  // namespace voigt
