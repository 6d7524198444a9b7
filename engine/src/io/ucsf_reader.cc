// Sparky UCSF reader (format of Goddard & Kneller's Sparky, ucsf.cc; field names as in nmrglue's
// sparky module). Everything is big-endian:
//   file header, 180 bytes: "UCSF NMR\0" at 0, number of axes at byte 10, number of data
//     components at 11 (1 = real), format version at 13 (2), owner and date after;
//   one 128-byte axis header per axis w1..wN: nucleus name (6 chars + int16 spectral shift)
//     at +0, int32 points at +8, int32 tile size at +16, float32 spectrometer MHz at +20,
//     float32 spectral width Hz at +24, float32 centre ppm at +28;
//   data: float32 tiles, tiles in row-major order (w1 slowest), each tile row-major (wN fastest),
//     edge tiles padded to full size.
// The centre ppm belongs to 0-based point N/2 (nmrglue's unit conversion; checked on
// test1.ucsf against test1.ft2), so ppm(i) = centre + (N/2 - i) * SW / (N * SF), which in
// NMRPipe's terms is orig_hz = centre * SF - SW/2 + SW/N.
//
// Roles of the axes (UCSF has no acquisition flag):
//   plane (3D only): an axis whose spectrometer frequency is <= 1 MHz (no nucleus resonates that
//     low: a counter axis such as test1.ucsf's w2 "1H", 4 points, SF 1, SW 4); if none or several,
//     the axis with the fewest points among them (series are short next to spectral axes);
//   x: of the two others, the higher spectrometer frequency (1H in a heteronuclear spectrum);
//     ties go to the later axis, where UCSF writers put the directly acquired dimension;
//   y: the remaining axis.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <sstream>
#include <string>

#include "io/byte_order.h"
#include "io/spectrum_checks.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

using detail::throw_spectrum_error;

constexpr std::size_t kFileHeaderBytes = 180;
constexpr std::size_t kAxisHeaderBytes = 128;
constexpr int kNucleusChars = 6;
constexpr int kMaxPointsPerAxis = 16777216;
constexpr double kCounterAxisMaxMhz = 1.0;

struct UcsfAxis {
  std::string nucleus;
  int size_pt = 0;
  int tile_pt = 0;
  double sf_mhz = 0;
  double sw_hz = 0;
  double center_ppm = 0;

  Axis to_axis() const {
    Axis a;
    a.size_pt = size_pt;
    a.sw_hz = sw_hz;
    a.obs_mhz = sf_mhz;
    a.orig_hz = center_ppm * sf_mhz - sw_hz / 2 + sw_hz / size_pt;
    a.label = nucleus;
    return a;
  }
};

UcsfAxis read_axis_header(const std::uint8_t* p, int index, const std::string& name) {
  UcsfAxis a;
  for (int i = 0; i < kNucleusChars && p[i] != 0; ++i) a.nucleus.push_back(static_cast<char>(p[i]));
  const std::int32_t size_pt = detail::load_i32_be(p + 8);
  const std::int32_t tile_pt = detail::load_i32_be(p + 16);
  if (size_pt < 1 || size_pt > kMaxPointsPerAxis || tile_pt < 1 || tile_pt > kMaxPointsPerAxis) {
    std::ostringstream msg;
    msg << "UCSF axis w" << index + 1 << " has " << size_pt << " points and tile size "
        << tile_pt << "; both must be between 1 and " << kMaxPointsPerAxis;
    throw_spectrum_error(name, msg.str());
  }
  a.size_pt = size_pt;
  a.tile_pt = tile_pt;
  a.sf_mhz = detail::load_f32_be(p + 20);
  a.sw_hz = detail::load_f32_be(p + 24);
  a.center_ppm = detail::load_f32_be(p + 28);
  return a;
}

// The 180-byte file header: returns the number of axes (2 or 3) once the magic, the sizes, the
// component count and the version are known to be readable.
int read_file_header(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  if (bytes == nullptr || size == 0) throw_spectrum_error(name, "file is empty");
  if (size < 8 || std::memcmp(bytes, "UCSF NMR", 8) != 0)
    throw_spectrum_error(name, "not a Sparky UCSF file: it does not start with \"UCSF NMR\"");
  if (size < kFileHeaderBytes) {
    throw_spectrum_error(name,
                         "truncated: " + std::to_string(size) +
                             " bytes, shorter than the 180-byte UCSF header");
  }
  const int num_axes = bytes[10];
  const int components = bytes[11];
  const int version = bytes[13];
  if (num_axes != 2 && num_axes != 3) {
    throw_spectrum_error(name,
                         "UCSF file with " + std::to_string(num_axes) +
                             " axes; only 2D spectra and 3D (pseudo-3D series) are read");
  }
  if (components != 1) {
    throw_spectrum_error(name,
                         "UCSF data have " + std::to_string(components) +
                             " components (complex); the spectrum must be Fourier-transformed "
                             "first and hold real values only");
  }
  if (version != 2) {
    throw_spectrum_error(name,
                         "UCSF format version " + std::to_string(version) +
                             "; only version 2 is supported");
  }
  const std::size_t data_offset = kFileHeaderBytes + kAxisHeaderBytes * num_axes;
  if (size < data_offset) {
    throw_spectrum_error(name,
                         "truncated: " + std::to_string(size) + " bytes, shorter than the " +
                             std::to_string(data_offset) + "-byte UCSF header of " +
                             std::to_string(num_axes) + " axes");
  }
  return num_axes;
}

// The file's axes, always three: a 2D file gets a leading virtual axis of one point (the single
// plane), so the rest of the reader works in 3D. `first` is the index of the file's w1.
struct UcsfAxes {
  UcsfAxis axis[3];
  int num_axes = 2;
  int first = 1;
  int x = -1, y = -1, plane = 0;  // roles, as indices into axis[]
};

UcsfAxes read_axes(const std::uint8_t* bytes, int num_axes, const std::string& name) {
  UcsfAxes a;
  a.num_axes = num_axes;
  a.first = 3 - num_axes;
  a.axis[0].size_pt = a.axis[0].tile_pt = 1;
  for (int i = 0; i < num_axes; ++i) {
    a.axis[a.first + i] =
        read_axis_header(bytes + kFileHeaderBytes + kAxisHeaderBytes * i, i, name);
  }
  return a;
}

// The roles of the axes, by the rules in this file's opening comment.
void choose_roles(UcsfAxes* a) {
  const UcsfAxis* axes = a->axis;
  int kp = 0;
  if (a->num_axes == 3) {
    int counters = 0;
    for (int k = 0; k < 3; ++k) counters += axes[k].sf_mhz <= kCounterAxisMaxMhz ? 1 : 0;
    bool chosen = false;
    for (int k = 0; k < 3; ++k) {
      const bool eligible = counters == 0 || axes[k].sf_mhz <= kCounterAxisMaxMhz;
      if (eligible && (!chosen || axes[k].size_pt < axes[kp].size_pt)) {
        kp = k;
        chosen = true;
      }
    }
  }
  int others[2];
  for (int k = 0, n = 0; k < 3; ++k)
    if (k != kp) others[n++] = k;
  a->plane = kp;
  a->x = axes[others[0]].sf_mhz > axes[others[1]].sf_mhz ? others[0] : others[1];
  a->y = others[0] + others[1] - a->x;
}

// Tiles along each axis, once the file is known to hold every one of them. The data size (every
// axis padded up to whole tiles) is compared with what the file holds one factor at a time:
// three axes of up to 2^24 points (and tiles) would overflow std::size_t, and a wrapped product
// passes the size check and then indexes an empty storage.
void count_tiles(const UcsfAxes& a,
                 std::size_t data_bytes,
                 const std::string& name,
                 std::size_t tiles[3]) {
  const std::size_t available_values = data_bytes / 4;
  std::size_t padded_values = 1;
  double needed_bytes = 4;  // for the message only; exact below 2^53
  bool fits = true;
  for (int k = 0; k < 3; ++k) {
    tiles[k] = (static_cast<std::size_t>(a.axis[k].size_pt) + a.axis[k].tile_pt - 1) /
               static_cast<std::size_t>(a.axis[k].tile_pt);
    const std::size_t padded_axis = tiles[k] * static_cast<std::size_t>(a.axis[k].tile_pt);
    needed_bytes *= static_cast<double>(padded_axis);
    if (fits && padded_axis <= available_values / padded_values)
      padded_values *= padded_axis;
    else
      fits = false;
  }
  if (fits) return;
  std::ostringstream msg;
  msg << "truncated: the axis headers need " << std::fixed << std::setprecision(0) << needed_bytes
      << " data bytes (tiled " << a.axis[a.first].size_pt;
  for (int k = a.first + 1; k < 3; ++k) msg << " x " << a.axis[k].size_pt;
  msg << " points) but the file holds " << data_bytes;
  throw_spectrum_error(name, msg.str());
}

// Axes, plane count and label of the series, each axis checked.
void describe_series(const UcsfAxes& a, const std::string& name, SpectrumSeries* s) {
  s->x = a.axis[a.x].to_axis();
  s->y = a.axis[a.y].to_axis();
  s->num_planes = a.axis[a.plane].size_pt;
  s->plane_label = a.num_axes == 3 ? a.axis[a.plane].nucleus : std::string();
  detail::check_axis(s->x, "x", "UCSF axis w" + std::to_string(a.x - a.first + 1), name);
  detail::check_axis(s->y, "y", "UCSF axis w" + std::to_string(a.y - a.first + 1), name);
}

// One tile, at tile index (i0, i1, i2), into storage; `out_stride[k]` is where file axis k steps
// in our plane-major, y-row, x-fastest storage. Padding beyond an axis' points is skipped.
void copy_tile(const std::uint8_t* tile,
               const UcsfAxes& a,
               const std::size_t index[3],
               const std::size_t out_stride[3],
               float* storage) {
  const std::size_t t0 = a.axis[0].tile_pt, t1 = a.axis[1].tile_pt, t2 = a.axis[2].tile_pt;
  const std::size_t i0 = index[0], i1 = index[1], i2 = index[2];
  for (std::size_t j0 = 0; j0 < t0; ++j0) {
    const std::size_t c0 = i0 * t0 + j0;
    if (c0 >= static_cast<std::size_t>(a.axis[0].size_pt)) break;  // padding
    for (std::size_t j1 = 0; j1 < t1; ++j1) {
      const std::size_t c1 = i1 * t1 + j1;
      if (c1 >= static_cast<std::size_t>(a.axis[1].size_pt)) break;
      const std::uint8_t* row = tile + 4 * (j0 * t1 + j1) * t2;
      const std::size_t base = c0 * out_stride[0] + c1 * out_stride[1];
      const std::size_t c2_end =
          std::min(t2, static_cast<std::size_t>(a.axis[2].size_pt) - i2 * t2);
      for (std::size_t j2 = 0; j2 < c2_end; ++j2)
        storage[base + (i2 * t2 + j2) * out_stride[2]] = detail::load_f32_be(row + 4 * j2);
    }
  }
}

// Every tile, in file order (row-major over tiles, w1 slowest), into storage.
void untile(const std::uint8_t* data,
            const UcsfAxes& a,
            const std::size_t tiles[3],
            LoadedSpectrum* out) {
  const SpectrumSeries& s = out->view;
  std::size_t out_stride[3];
  out_stride[a.x] = 1;
  out_stride[a.y] = static_cast<std::size_t>(s.x.size_pt);
  out_stride[a.plane] = s.plane_size();
  out->storage.resize(s.plane_size() * static_cast<std::size_t>(s.num_planes));
  const std::size_t tile_bytes = 4 * static_cast<std::size_t>(a.axis[0].tile_pt) *
                                 static_cast<std::size_t>(a.axis[1].tile_pt) *
                                 static_cast<std::size_t>(a.axis[2].tile_pt);
  const std::uint8_t* tile = data;
  std::size_t index[3];
  for (index[0] = 0; index[0] < tiles[0]; ++index[0])
    for (index[1] = 0; index[1] < tiles[1]; ++index[1])
      for (index[2] = 0; index[2] < tiles[2]; ++index[2], tile += tile_bytes)
        copy_tile(tile, a, index, out_stride, out->storage.data());
}

}  // namespace

LoadedSpectrum read_ucsf(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  const int num_axes = read_file_header(bytes, size, name);
  const std::size_t data_offset = kFileHeaderBytes + kAxisHeaderBytes * num_axes;
  UcsfAxes axes = read_axes(bytes, num_axes, name);
  choose_roles(&axes);
  std::size_t tiles[3];
  count_tiles(axes, size - data_offset, name, tiles);

  LoadedSpectrum out;
  out.format = "ucsf";
  describe_series(axes, name, &out.view);
  untile(bytes + data_offset, axes, tiles, &out);
  out.view.data = out.storage.data();
  detail::check_finite(out.view, name);
  return out;
}

}  // namespace voigt
