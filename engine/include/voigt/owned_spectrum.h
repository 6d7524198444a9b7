// Spectra that own their bytes: a file's bytes read in place (one copy, never two) and simulated
// spectra moved into the same LoadedSpectrum, so that a shell (the WebAssembly bindings) holds
// every source alike. The non-owning views are in voigt/spectrum.h.
#ifndef VOIGT_PUBLIC_OWNED_SPECTRUM_H_
#define VOIGT_PUBLIC_OWNED_SPECTRUM_H_

#include <cstddef>
#include <string>
#include <vector>

#include "voigt/simulate.h"
#include "voigt/spectrum.h"

namespace voigt {

// read_spectrum() on `size_bytes` file bytes held in `buffer` (a float vector, so the bytes are
// 4-byte aligned and the reader can point into them instead of converting). The result owns the
// bytes: when the view points into them they become its `storage` (moving a vector keeps its
// buffer, so the view stays valid). One copy of the file, never two.
LoadedSpectrum read_spectrum_owning(std::vector<float> buffer,
                                    std::size_t size_bytes,
                                    const std::string& name);

// The simulated spectrum's data, moved into a LoadedSpectrum (format "simulated", 1 plane).
LoadedSpectrum hold_simulation(SimulatedSpectrum&& simulation);
// The simulated series' planes, moved into a LoadedSpectrum (format "simulated", plane label
// "delay").
LoadedSpectrum hold_simulation(SimulatedSeries&& simulation);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_OWNED_SPECTRUM_H_
