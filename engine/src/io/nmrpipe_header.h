// The NMRPipe header layout: 512 float32 values (2048 bytes) in front of the data, indices as in
// NMRPipe's fdatap.h (the same names nmrglue's pipe module uses). Shared by the reader and the
// writer so that both agree on every location.
//
// Each spectral dimension has its own parameter block, named by NMRPipe's historical dimension
// code: F2 = 2 (the directly acquired dimension, whatever its storage position), F1 = 1,
// F3 = 3, F4 = 4. FDDIMORDER (indices 24..27) says which code is stored as X (fastest), Y, Z
// and A; transposing data reorders FDDIMORDER, never the blocks.
#ifndef VOIGT_INTERNAL_IO_NMRPIPE_HEADER_H_
#define VOIGT_INTERNAL_IO_NMRPIPE_HEADER_H_

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "io/byte_order.h"

namespace voigt::detail {

constexpr int kPipeHeaderFloats = 512;
constexpr std::size_t kPipeHeaderBytes = 2048;

// General locations (float indices).
constexpr int kFdMagic = 0;         // zero in valid files
constexpr int kFdFltFormat = 1;     // 0xEEEEEEEE as a float value: IEEE floats
constexpr int kFdFltOrder = 2;      // 2.345 read in the file's byte order
constexpr int kFdDimCount = 9;      // number of dimensions of the complete data
constexpr int kFdDimOrder = 24;     // 24..27: dimension code stored as X, Y, Z, A
constexpr int kFdPipeFlag = 57;     // nonzero for a single-file 3D/4D stream
constexpr int kFdRealSize = 97;     // valid time-domain points (obsolete)
constexpr int kFdSize = 99;         // X points (complex points when X is complex)
constexpr int kFdQuadFlag = 106;    // 0 complex, 1 real (whole data)
constexpr int kFdSpecNum = 219;     // Y points: number of 1D X vectors per plane
constexpr int kFdTransposed = 221;  // informative only: FDDIMORDER already says the order
constexpr int kFdMax = 247;
constexpr int kFdMin = 248;
constexpr int kFdScaleFlag = 250;   // 1 when FDMAX/FDMIN are valid
constexpr int kFdDispMax = 251;
constexpr int kFdDispMin = 252;
constexpr int kFd2dPhase = 256;
constexpr int kFdFileCount = 442;   // files in the complete data (multi-file plane series)
constexpr int kFdSliceCount = 443;  // 1D vectors in the stream

constexpr float kFdFltOrderValue = 2.345f;
constexpr float kFdIeeeFormatValue = 4008636160.0f;  // float(0xEEEEEEEE), as NMRPipe writes it

// Quadrature codes (FDQUADFLAG and per-dimension NDQUADFLAG).
constexpr int kQuadComplex = 0;
constexpr int kQuadReal = 1;

// Text is stored as raw bytes inside the float array: NMRPipe's isHdrStr() skips these
// locations when it swaps a header, so they read the same in either byte order.
constexpr int kLabelBytes = 8;
constexpr bool is_text_location(int index) {
  return (index >= 16 && index <= 23) ||    // F2, F1, F3, F4 labels
         (index >= 286 && index <= 293) ||  // source file and user names
         (index >= 297 && index <= 351) ||  // title and comment
         (index >= 464 && index <= 471);    // operator name
}

// One dimension's parameter block; the size of a dimension comes from its storage position
// (FDSIZE, FDSPECNUM, FDF3SIZE, FDF4SIZE), not from its block.
struct PipeDimBlock {
  int code;       // 1..4, as in FDDIMORDER
  int label;      // first of two floats holding 8 characters
  int sw_hz;
  int obs_mhz;
  int orig_hz;
  int car_ppm;
  int center_pt;  // 1-based point of zero frequency
  int ft_flag;    // 1 frequency domain, 0 time domain
  int quad_flag;  // kQuadComplex or kQuadReal
  int apod_pt;
  int ft_size_pt;
  int td_size_pt;
};

constexpr PipeDimBlock kPipeF1{1, 18, 229, 218, 249, 67, 80, 222, 55, 428, 98, 387};
constexpr PipeDimBlock kPipeF2{2, 16, 100, 119, 101, 66, 79, 220, 56, 95, 96, 386};
constexpr PipeDimBlock kPipeF3{3, 20, 11, 10, 12, 68, 81, 13, 51, 50, 200, 388};
constexpr PipeDimBlock kPipeF4{4, 22, 29, 28, 30, 69, 82, 31, 54, 53, 201, 389};

// Sizes by storage position beyond X and Y.
constexpr int kFdF3Size = 15;  // Z points (planes in a pseudo-3D stream)
constexpr int kFdF4Size = 32;  // A points

// The block of dimension code 1..4; nullptr for any other code.
inline const PipeDimBlock* pipe_dim_block(int code) {
  switch (code) {
    case 1: return &kPipeF1;
    case 2: return &kPipeF2;
    case 3: return &kPipeF3;
    case 4: return &kPipeF4;
    default: return nullptr;
  }
}

// True when `bytes` start like an NMRPipe file: FDFLTORDER (float 2) is 2.345 read in host order
// (then *swap = false) or reversed (*swap = true). NMRPipe writes in the host's order, so this
// float is how readers learn the file's byte order.
inline bool pipe_byte_order(const std::uint8_t* bytes, std::size_t size, bool* swap) {
  if (size < std::size_t{4} * (kFdFltOrder + 1)) return false;
  for (bool s : {false, true}) {
    if (std::fabs(load_f32(bytes + 4 * kFdFltOrder, s) - kFdFltOrderValue) < 1e-4f) {
      *swap = s;
      return true;
    }
  }
  return false;
}

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_IO_NMRPIPE_HEADER_H_
