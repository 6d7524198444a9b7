// NMRPipe reader: a 2048-byte header of 512 float32 followed by float32 data, X fastest, then Y,
// then Z (planes of a pseudo-3D stream). Layout and indices: NMRPipe's fdatap.h (Delaglio et al.,
// J. Biomol. NMR 6, 277 (1995)); see io/nmrpipe_header.h.
//
// Which stored dimension is which. FDDIMORDER gives the dimension code stored as X, Y and Z.
// Code 2 (F2) is always the directly acquired dimension (fdatap.h: "the directly-acquired
// dimension was always t2"), so it becomes our x wherever it is stored. Of the two others, the
// series (plane) axis is the one never Fourier-transformed (its FTFLAG is 0: a vclist/vdlist or
// "ID" counter), the other is y. Examples from shared/data:
//   test1.ft2     dimorder (2,3,1): X = F2 1H, Y = F3 15N, Z = F1 ID   -> viewed in place
//   test_tp.ft2   dimorder (1,3,2): X = F1 ID, Y = F3 15N, Z = F2 1H   -> reordered copy
//   test_tp2.ft2  dimorder (3,1,2): X = F3 15N, Y = F1 ID, Z = F2 1H   -> reordered copy
// FDTRANSPOSED is not needed: FDDIMORDER already describes the stored order.
//
// Planes come from the file length, not from FDF3SIZE: one plane of a multi-file series keeps
// the header of the whole series (the DEEP planeNNN.ft2 files say FDF3SIZE = 6, hold one plane).
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>

#include "io/byte_order.h"
#include "io/nmrpipe_header.h"
#include "io/spectrum_checks.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

using detail::PipeDimBlock;
using detail::throw_spectrum_error;

// NMRPipe's MAX_NMR_SIZE: no dimension may hold more points.
constexpr long kMaxPointsPerDim = 16777216;

class PipeHeader {
 public:
  PipeHeader(const std::uint8_t* bytes, bool swap, const std::string& name)
      : bytes_(bytes), swap_(swap), name_(name) {}

  float value(int index) const { return detail::load_f32(bytes_ + 4 * index, swap_); }

  // A header float that must hold a whole number (a size, a flag, a dimension code).
  long whole(int index, const char* field) const {
    const float v = value(index);
    if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) > 1e9f) {
      std::ostringstream msg;
      msg << "NMRPipe header " << field << " (float " << index << ") = " << v
          << "; must be a whole number";
      throw_spectrum_error(name_, msg.str());
    }
    return static_cast<long>(v);
  }

  // A point count in 1..MAX_NMR_SIZE.
  long count(int index, const char* field) const {
    const long n = whole(index, field);
    if (n < 1 || n > kMaxPointsPerDim) {
      std::ostringstream msg;
      msg << "NMRPipe header " << field << " (float " << index << ") = " << n
          << "; must be between 1 and " << kMaxPointsPerDim;
      throw_spectrum_error(name_, msg.str());
    }
    return n;
  }

  // Up to 8 characters stored as raw bytes (never byte-swapped, see is_text_location).
  std::string label(int index) const {
    const char* text = reinterpret_cast<const char*>(bytes_ + 4 * index);
    std::string s;
    for (int i = 0; i < detail::kLabelBytes && text[i] != '\0'; ++i) s.push_back(text[i]);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  }

 private:
  const std::uint8_t* bytes_;
  bool swap_;
  const std::string& name_;
};

std::string block_name(const PipeDimBlock& b) { return "F" + std::to_string(b.code); }

[[noreturn]] void throw_not_transformed(const std::string& name,
                                        const PipeDimBlock& block,
                                        const std::string& what) {
  throw_spectrum_error(name,
                       "the " + block_name(block) + " dimension " + what +
                           "; the spectrum must be Fourier-transformed first, with imaginary "
                           "parts deleted (NMRPipe: nmrPipe -fn FT ... -di)");
}

// Complex data would also disagree with the sizes (NMRPipe counts complex points), so these
// flags are checked before the file length to give the real reason.
void check_real_frequency_domain(const PipeHeader& h,
                                 const PipeDimBlock& block,
                                 const std::string& name) {
  if (h.whole(block.quad_flag, "NDQUADFLAG") == detail::kQuadComplex)
    throw_not_transformed(name,
                          block,
                          "holds complex data (FD" + block_name(block) + "QUADFLAG = 0)");
  if (h.whole(block.ft_flag, "NDFTFLAG") == 0)
    throw_not_transformed(name,
                          block,
                          "is in the time domain (FD" + block_name(block) + "FTFLAG = 0)");
}

Axis read_axis(const PipeHeader& h, const PipeDimBlock& block, long size_pt) {
  Axis a;
  a.size_pt = static_cast<int>(size_pt);
  a.sw_hz = h.value(block.sw_hz);
  a.obs_mhz = h.value(block.obs_mhz);
  a.orig_hz = h.value(block.orig_hz);
  a.label = h.label(block.label);
  return a;
}

// The file's byte order from FDFLTORDER, after the checks that must come first (empty, not
// NMRPipe, shorter than the header).
bool byte_order_or_throw(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  if (bytes == nullptr || size == 0) throw_spectrum_error(name, "file is empty");
  bool swap = false;
  if (!detail::pipe_byte_order(bytes, size, &swap)) {
    std::ostringstream msg;
    msg << "not an NMRPipe file: FDFLTORDER (float 2) must be 2.345 in either byte order";
    if (size >= 12) msg << ", found " << detail::load_f32(bytes + 8, false);
    throw_spectrum_error(name, msg.str());
  }
  if (size < detail::kPipeHeaderBytes) {
    throw_spectrum_error(name,
                         "truncated: " + std::to_string(size) +
                             " bytes, shorter than the 2048-byte NMRPipe header");
  }
  return swap;
}

// Stored dimensions we read: 2 (a plane) or 3 (a stream of planes).
int stored_dimensions(const PipeHeader& h, const std::string& name) {
  // FDDIMCOUNT 0 appears in headers written by some converters; it means a plain 2D file.
  long dim_count = h.whole(detail::kFdDimCount, "FDDIMCOUNT");
  if (dim_count == 0) dim_count = 2;
  if (dim_count == 1)
    throw_spectrum_error(name, "is a 1D spectrum (FDDIMCOUNT = 1); a 2D spectrum is needed");
  if (dim_count < 0 || dim_count > 4) {
    throw_spectrum_error(name,
                         "FDDIMCOUNT = " + std::to_string(dim_count) + "; must be 2, 3 or 4");
  }
  if (dim_count == 4 && h.whole(detail::kFdF4Size, "FDF4SIZE") > 1)
    throw_spectrum_error(name, "is a 4D spectrum; only 2D spectra and pseudo-3D series are read");
  return dim_count >= 3 ? 3 : 2;
}

// Where the file puts each dimension: storage position k = 0 (X), 1 (Y), 2 (Z) holds the
// dimension of code codes[k], whose parameters are in blocks[k]; size_pt[k] points are stored
// along it. x, y and plane are the storage positions of our axes.
struct PipeLayout {
  int stored_dims = 2;
  long codes[3] = {0, 0, 0};
  const PipeDimBlock* blocks[3] = {nullptr, nullptr, nullptr};
  long size_pt[3] = {1, 1, 1};
  long claimed_planes = 1;  // FDF3SIZE: what the header says Z holds
  int x = -1, y = -1, plane = 2;
};

// FDDIMORDER: codes stored as X, Y, Z; all zero (never set) means NMRPipe's default (2,1,3).
void read_dim_order(const PipeHeader& h, const std::string& name, PipeLayout* l) {
  for (int k = 0; k < 3; ++k) {
    static const char* const kField[3] = {"FDDIMORDER1", "FDDIMORDER2", "FDDIMORDER3"};
    l->codes[k] = h.whole(detail::kFdDimOrder + k, kField[k]);
  }
  if (l->codes[0] == 0 && l->codes[1] == 0 && l->codes[2] == 0) {
    l->codes[0] = 2;
    l->codes[1] = 1;
    l->codes[2] = 3;
  }
  for (int k = 0; k < 3; ++k) {
    l->blocks[k] = detail::pipe_dim_block(static_cast<int>(l->codes[k]));
    bool repeated = false;
    for (int j = 0; j < k; ++j) repeated = repeated || l->codes[j] == l->codes[k];
    if (l->blocks[k] == nullptr || repeated) {
      std::ostringstream msg;
      msg << "FDDIMORDER = (" << l->codes[0] << ", " << l->codes[1] << ", " << l->codes[2]
          << "); must list distinct dimension codes 1..4";
      throw_spectrum_error(name, msg.str());
    }
  }
}

// x is wherever F2 (directly acquired) is stored; then the stored sizes.
void find_direct_dimension(const PipeHeader& h, const std::string& name, PipeLayout* l) {
  for (int k = 0; k < l->stored_dims; ++k)
    if (l->codes[k] == 2) l->x = k;
  if (l->x < 0) {
    throw_spectrum_error(name,
                         "FDDIMORDER stores no F2 (directly acquired) dimension in its first " +
                             std::to_string(l->stored_dims) + " positions");
  }
  l->size_pt[0] = h.count(detail::kFdSize, "FDSIZE");
  l->size_pt[1] = h.count(detail::kFdSpecNum, "FDSPECNUM");
  // FDF3SIZE is the size of the dimension stored as Z (planes of the stream).
  l->claimed_planes = l->stored_dims == 3 ? h.count(detail::kFdF3Size, "FDF3SIZE") : 1;
  l->size_pt[2] = l->claimed_planes;
}

// Of the two dimensions other than x, the series is the untransformed one; y is the other.
void find_plane_dimension(const PipeHeader& h, const std::string& name, PipeLayout* l) {
  if (l->stored_dims == 3) {
    int candidates[2];
    int n = 0;
    for (int k = 0; k < 3; ++k)
      if (k != l->x) candidates[n++] = k;
    const bool ft0 = h.whole(l->blocks[candidates[0]]->ft_flag, "NDFTFLAG") != 0;
    const bool ft1 = h.whole(l->blocks[candidates[1]]->ft_flag, "NDFTFLAG") != 0;
    if (ft0 != ft1) {
      l->plane = ft0 ? candidates[1] : candidates[0];  // the series axis is the untransformed one
    } else if (l->x != 2) {
      l->plane = 2;  // a true 3D (or an unflagged series) in stream order: planes along Z
    } else {
      // Transposed with no flag to tell: the shorter axis is the likelier series.
      l->plane = l->size_pt[candidates[0]] <= l->size_pt[candidates[1]] ? candidates[0]
                                                                         : candidates[1];
    }
  } else if (l->x == 2) {
    throw_spectrum_error(name, "FDDIMORDER stores the F2 dimension as Z in a 2D file");
  }
  l->y = 3 - l->x - l->plane;
}

// Real, frequency-domain data in x and y, and a real series axis.
void check_real_spectrum(const PipeHeader& h, const PipeLayout& l, const std::string& name) {
  if (h.whole(detail::kFdQuadFlag, "FDQUADFLAG") == detail::kQuadComplex) {
    throw_spectrum_error(name,
                         "holds complex data (FDQUADFLAG = 0); the spectrum must be "
                         "Fourier-transformed first, with imaginary parts deleted "
                         "(NMRPipe: nmrPipe -fn FT ... -di)");
  }
  check_real_frequency_domain(h, *l.blocks[l.x], name);
  check_real_frequency_domain(h, *l.blocks[l.y], name);
  if (l.stored_dims == 3 && l.claimed_planes > 1 &&
      h.whole(l.blocks[l.plane]->quad_flag, "NDQUADFLAG") == detail::kQuadComplex) {
    throw_spectrum_error(name,
                         "the series dimension " + block_name(*l.blocks[l.plane]) +
                             " is complex (interleaved real/imaginary planes); it must be real");
  }
}

// The file length decides how many planes are present (whole planes only); sets size_pt[2].
void count_present_planes(std::size_t size, const std::string& name, PipeLayout* l) {
  const long nx = l->size_pt[0], ny = l->size_pt[1], claimed_z = l->claimed_planes;
  const std::size_t plane_bytes =
      static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny) * 4;
  const std::size_t data_bytes = size - detail::kPipeHeaderBytes;
  if (data_bytes < plane_bytes || data_bytes % plane_bytes != 0) {
    std::ostringstream msg;
    msg << "truncated or wrong size: " << data_bytes << " data bytes after the header is not a "
        << "whole number of " << nx << " x " << ny << " float32 planes (" << plane_bytes
        << " bytes each)";
    throw_spectrum_error(name, msg.str());
  }
  const long present_z = static_cast<long>(data_bytes / plane_bytes);
  if (present_z > claimed_z) {
    std::ostringstream msg;
    msg << "holds " << present_z << " planes of " << nx << " x " << ny
        << " points but its header (FDF3SIZE, FDDIMCOUNT) allows " << claimed_z;
    throw_spectrum_error(name, msg.str());
  }
  if (present_z < claimed_z && l->plane != 2) {
    // Z is a spectral axis here (a transposed file): a partial one is a damaged file.
    std::ostringstream msg;
    msg << "truncated: FDF3SIZE = " << claimed_z << " but the file holds " << present_z
        << " planes of " << nx << " x " << ny << " points";
    throw_spectrum_error(name, msg.str());
  }
  l->size_pt[2] = present_z;
}

// Axes, plane count and label of the series, each axis checked.
void describe_series(const PipeHeader& h,
                     const PipeLayout& l,
                     const std::string& name,
                     SpectrumSeries* s) {
  s->x = read_axis(h, *l.blocks[l.x], l.size_pt[l.x]);
  s->y = read_axis(h, *l.blocks[l.y], l.size_pt[l.y]);
  s->num_planes = static_cast<int>(l.size_pt[l.plane]);
  s->plane_label = l.stored_dims == 3 ? h.label(l.blocks[l.plane]->label) : std::string();
  detail::check_axis(s->x, "x", "NMRPipe " + block_name(*l.blocks[l.x]) + " block", name);
  detail::check_axis(s->y, "y", "NMRPipe " + block_name(*l.blocks[l.y]) + " block", name);
}

// Host-order floats in our layout are used in place (a mapped file is never copied); anything
// else (the other byte order, a transposed order, a misaligned buffer) is copied into storage.
void view_or_convert(const std::uint8_t* data, bool swap, const PipeLayout& l, LoadedSpectrum* out) {
  SpectrumSeries& s = out->view;
  const bool aligned = reinterpret_cast<std::uintptr_t>(data) % alignof(float) == 0;
  if (!swap && l.x == 0 && l.y == 1 && aligned) {
    s.data = reinterpret_cast<const float*>(data);
    return;
  }
  const std::size_t stride[3] = {1,
                                 static_cast<std::size_t>(l.size_pt[0]),
                                 static_cast<std::size_t>(l.size_pt[0] * l.size_pt[1])};
  const std::size_t nx = static_cast<std::size_t>(s.x.size_pt);
  const std::size_t ny = static_cast<std::size_t>(s.y.size_pt);
  const std::size_t np = static_cast<std::size_t>(s.num_planes);
  out->storage.resize(nx * ny * np);
  float* dst = out->storage.data();
  for (std::size_t p = 0; p < np; ++p) {
    for (std::size_t y = 0; y < ny; ++y) {
      const std::size_t row = p * stride[l.plane] + y * stride[l.y];
      for (std::size_t x = 0; x < nx; ++x)
        *dst++ = detail::load_f32(data + 4 * (row + x * stride[l.x]), swap);
    }
  }
  s.data = out->storage.data();
}

}  // namespace

LoadedSpectrum read_nmrpipe(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  const bool swap = byte_order_or_throw(bytes, size, name);
  const PipeHeader h(bytes, swap, name);
  PipeLayout layout;
  layout.stored_dims = stored_dimensions(h, name);
  read_dim_order(h, name, &layout);
  find_direct_dimension(h, name, &layout);
  find_plane_dimension(h, name, &layout);
  check_real_spectrum(h, layout, name);
  count_present_planes(size, name, &layout);

  LoadedSpectrum out;
  out.format = "nmrpipe";
  describe_series(h, layout, name, &out.view);
  view_or_convert(bytes + detail::kPipeHeaderBytes, swap, layout, &out);
  detail::check_finite(out.view, name);
  return out;
}

}  // namespace voigt
