// Non-owning views of spectra (owning ones: voigt/owned_spectrum.h). The engine never owns spectral data: native maps files, the
// WebAssembly build holds one heap copy, and every task reads the same memory.
#ifndef VOIGT_PUBLIC_SPECTRUM_H_
#define VOIGT_PUBLIC_SPECTRUM_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "voigt/axis.h"

namespace voigt {

// One 2D plane: ny rows of nx floats, x (direct dimension, 1H) fastest.
struct Spectrum2D {
  const float* data = nullptr;
  Axis x;
  Axis y;
  float at(int x_pt, int y_pt) const {
    return data[static_cast<std::ptrdiff_t>(y_pt) * x.size_pt + x_pt];
  }
  std::size_t num_points() const {
    return static_cast<std::size_t>(x.size_pt) * static_cast<std::size_t>(y.size_pt);
  }
};

// A pseudo-3D series: num_planes consecutive planes of the same grid. A 2D spectrum is a
// series of one plane.
struct SpectrumSeries {
  const float* data = nullptr;
  Axis x;
  Axis y;
  int num_planes = 1;
  std::string plane_label;  // the series axis' label in the file ("ID", "vdlist"), may be empty

  Spectrum2D plane(int k) const {
    return Spectrum2D{data + static_cast<std::ptrdiff_t>(k) * x.size_pt * y.size_pt, x, y};
  }
  std::size_t plane_size() const {
    return static_cast<std::size_t>(x.size_pt) * static_cast<std::size_t>(y.size_pt);
  }
};

// A spectrum read from bytes. `view.data` points into the caller's bytes when they hold
// native-order float32 in x-fastest order (the common NMRPipe case, so a memory-mapped file is
// never copied); otherwise the reader converts once into `storage` and the view points there.
// Move-only: a copy would leave `view.data` pointing into the other object's storage.
struct LoadedSpectrum {
  SpectrumSeries view;
  std::vector<float> storage;
  std::string format;  // "nmrpipe" or "ucsf"

  LoadedSpectrum() = default;
  LoadedSpectrum(LoadedSpectrum&&) = default;
  LoadedSpectrum& operator=(LoadedSpectrum&&) = default;
  LoadedSpectrum(const LoadedSpectrum&) = delete;
  LoadedSpectrum& operator=(const LoadedSpectrum&) = delete;
};

}  // namespace voigt

#endif  // VOIGT_PUBLIC_SPECTRUM_H_
