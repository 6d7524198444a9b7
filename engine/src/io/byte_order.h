// Loading and storing 4-byte words in a chosen byte order. Spectrum files are read from byte
// spans (mmap or the WebAssembly heap) that need not be aligned, so every access goes through
// memcpy, which compilers turn into one load plus a byte swap when one is needed.
#ifndef VOIGT_INTERNAL_IO_BYTE_ORDER_H_
#define VOIGT_INTERNAL_IO_BYTE_ORDER_H_

#include <cstdint>
#include <cstring>

namespace voigt::detail {

// Runtime test rather than C++20 std::endian; compilers fold it to a constant.
inline bool host_is_little_endian() {
  const std::uint32_t one = 1;
  unsigned char first_byte = 0;
  std::memcpy(&first_byte, &one, 1);
  return first_byte == 1;
}

inline std::uint32_t byte_swap32(std::uint32_t v) {
  return (v >> 24) | ((v >> 8) & 0x0000FF00u) | ((v << 8) & 0x00FF0000u) | (v << 24);
}

// The float32 at `p`, whose bytes are in host order, or reversed when `swap`.
inline float load_f32(const std::uint8_t* p, bool swap) {
  std::uint32_t bits;
  std::memcpy(&bits, p, 4);
  if (swap) bits = byte_swap32(bits);
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

inline void store_f32(std::uint8_t* p, float value, bool swap) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, 4);
  if (swap) bits = byte_swap32(bits);
  std::memcpy(p, &bits, 4);
}

// Big-endian values (Sparky UCSF stores everything big-endian).
inline float load_f32_be(const std::uint8_t* p) { return load_f32(p, host_is_little_endian()); }
inline std::int32_t load_i32_be(const std::uint8_t* p) {
  return static_cast<std::int32_t>((std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
                                   (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]});
}

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_IO_BYTE_ORDER_H_
