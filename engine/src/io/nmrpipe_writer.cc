// NMRPipe writer: what `voigtfit simulate` saves, so it must be a file NMRPipe, nmrglue and our
// reader all accept. Little-endian, real, frequency domain, dimension order (2,1,3,4), NMRPipe's
// default: X = F2 (direct, x), Y = F1 (indirect, y); a series becomes a single-file 3D stream
// (FDPIPEFLAG = 1, as test1.ft2) whose Z = F3 is an untransformed "ID" axis of num_planes points
// (SW = num_planes Hz, OBS = 1 MHz, like test1.ft2's dummy axis), which tells readers it is the
// series axis. Header fields follow NMRPipe's fdatap.h (io/nmrpipe_header.h).
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "io/byte_order.h"
#include "io/nmrpipe_header.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

using detail::PipeDimBlock;

class HeaderWriter {
 public:
  explicit HeaderWriter(std::uint8_t* bytes) : bytes_(bytes) {}
  void set(int index, double value) {
    detail::store_f32(bytes_ + 4 * index, static_cast<float>(value), swap_);
  }
  // Raw characters, never swapped (NMRPipe's isHdrStr); longer labels are cut to 8.
  void set_label(int index, const std::string& label) {
    char text[detail::kLabelBytes] = {};
    std::memcpy(text, label.data(), std::min<std::size_t>(label.size(), detail::kLabelBytes));
    std::memcpy(bytes_ + 4 * index, text, detail::kLabelBytes);
  }
  void set_axis(const PipeDimBlock& b, const Axis& axis, int size_pt, bool transformed) {
    set_label(b.label, axis.label);
    set(b.sw_hz, axis.sw_hz);
    set(b.obs_mhz, axis.obs_mhz);
    set(b.orig_hz, axis.orig_hz);
    // Carrier = ppm at the 0-frequency point CENTER (1-based size/2 + 1), as nmrglue writes it.
    set(b.car_ppm, axis.ppm_at(size_pt / 2));
    set(b.center_pt, size_pt / 2 + 1);
    set(b.ft_flag, transformed ? 1 : 0);
    set(b.quad_flag, detail::kQuadReal);
    set(b.apod_pt, size_pt);
    set(b.ft_size_pt, transformed ? size_pt : 0);
    set(b.td_size_pt, size_pt);
  }

 private:
  std::uint8_t* bytes_;
  const bool swap_ = !detail::host_is_little_endian();
};

[[noreturn]] void throw_bad_series(const std::string& what) {
  throw std::invalid_argument("write_nmrpipe: " + what);
}

}  // namespace

std::vector<std::uint8_t> write_nmrpipe(const SpectrumSeries& spectrum) {
  const SpectrumSeries& s = spectrum;
  if (s.data == nullptr) throw_bad_series("SpectrumSeries::data is null");
  if (s.num_planes < 1)
    throw_bad_series("num_planes = " + std::to_string(s.num_planes) + "; must be >= 1");
  for (const auto& [axis, role] : {std::pair<const Axis*, const char*>{&s.x, "x"},
                                   std::pair<const Axis*, const char*>{&s.y, "y"}}) {
    const std::string problem = axis->validate(role);
    if (!problem.empty()) throw_bad_series(problem);
  }
  const bool series = s.num_planes > 1;
  const std::size_t num_values = s.plane_size() * static_cast<std::size_t>(s.num_planes);
  std::vector<std::uint8_t> bytes(detail::kPipeHeaderBytes + 4 * num_values, 0);
  HeaderWriter h(bytes.data());

  h.set(detail::kFdMagic, 0);
  h.set(detail::kFdFltFormat, detail::kFdIeeeFormatValue);
  h.set(detail::kFdFltOrder, detail::kFdFltOrderValue);
  h.set(detail::kFdDimCount, series ? 3 : 2);
  const int dim_order[4] = {2, 1, 3, 4};
  for (int k = 0; k < 4; ++k) h.set(detail::kFdDimOrder + k, dim_order[k]);
  h.set(detail::kFdSize, s.x.size_pt);
  h.set(detail::kFdRealSize, s.x.size_pt);
  h.set(detail::kFdSpecNum, s.y.size_pt);
  h.set(detail::kFdF3Size, s.num_planes);
  h.set(detail::kFdF4Size, 1);
  h.set(detail::kFdQuadFlag, detail::kQuadReal);
  h.set(detail::kFdTransposed, 0);
  h.set(detail::kFdPipeFlag, series ? 1 : 0);
  h.set(detail::kFdFileCount, 1);
  h.set(detail::kFdSliceCount, static_cast<double>(s.y.size_pt) * s.num_planes);

  h.set_axis(detail::kPipeF2, s.x, s.x.size_pt, true);
  h.set_axis(detail::kPipeF1, s.y, s.y.size_pt, true);
  Axis plane_axis;
  plane_axis.label = s.plane_label.empty() ? "ID" : s.plane_label;
  plane_axis.sw_hz = s.num_planes;
  plane_axis.obs_mhz = 1;
  plane_axis.orig_hz = 0;
  plane_axis.size_pt = s.num_planes;
  h.set_axis(detail::kPipeF3, plane_axis, s.num_planes, false);
  h.set(detail::kPipeF4.quad_flag, detail::kQuadReal);

  const bool swap = !detail::host_is_little_endian();
  float lo = s.data[0], hi = s.data[0];  // axes were validated: at least 2 x 2 values
  std::uint8_t* out = bytes.data() + detail::kPipeHeaderBytes;
  for (std::size_t i = 0; i < num_values; ++i) {
    const float v = s.data[i];
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    detail::store_f32(out + 4 * i, v, swap);
  }
  h.set(detail::kFdMax, hi);
  h.set(detail::kFdMin, lo);
  h.set(detail::kFdDispMax, hi);
  h.set(detail::kFdDispMin, lo);
  h.set(detail::kFdScaleFlag, 1);
  return bytes;
}

}  // namespace voigt
