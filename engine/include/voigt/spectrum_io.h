// Reading and writing spectrum files from and to byte spans. The engine never opens files: the
// native shell maps them (native/mapped_file.h), the WebAssembly build copies them into its heap.
// Every reader returns x = the direct (1H) dimension, y = the indirect one, and the series axis
// as planes, whatever order the file stores them in. Bad input throws std::invalid_argument
// whose message starts with `name` ("test1.ft2: ...").
#ifndef VOIGT_PUBLIC_SPECTRUM_IO_H_
#define VOIGT_PUBLIC_SPECTRUM_IO_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "voigt/spectrum.h"

namespace voigt {

// NMRPipe 2D file or pseudo-3D stream, either byte order, any FDDIMORDER (transposed data are
// reordered into storage); the view points into `bytes` when they are host-order, X = 1H,
// Y = indirect, Z = series, and 4-byte aligned. Planes come from the file length, not FDF3SIZE.
LoadedSpectrum read_nmrpipe(const std::uint8_t* bytes, std::size_t size, const std::string& name);

// Sparky UCSF 2D or 3D (read as a series of 2D planes), big-endian and tiled: always copied.
LoadedSpectrum read_ucsf(const std::uint8_t* bytes, std::size_t size, const std::string& name);

// Either of the above, chosen from the content: "UCSF NMR" magic, or NMRPipe's FDFLTORDER 2.345.
LoadedSpectrum read_spectrum(const std::uint8_t* bytes, std::size_t size, const std::string& name);

// One series from several files (plane001.ft2, plane002.ft2, ...) in the given order, copied
// into storage; every input must have the same grid and axes.
LoadedSpectrum stack_planes(std::vector<LoadedSpectrum> planes, const std::string& name);

// A little-endian NMRPipe file: 2D (num_planes == 1) or a pseudo-3D stream with the series as Z.
std::vector<std::uint8_t> write_nmrpipe(const SpectrumSeries& spectrum);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_SPECTRUM_IO_H_
