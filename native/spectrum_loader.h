// Opening spectrum files for the CLI: map them and hand the bytes to the engine's readers.
#ifndef VOIGT_NATIVE_SPECTRUM_LOADER_H_
#define VOIGT_NATIVE_SPECTRUM_LOADER_H_

#include <string>
#include <vector>

#include "mapped_file.h"
#include "voigt/spectrum.h"

namespace voigt {

// A spectrum and the mappings its view may point into: keep them together. Moving is safe
// (neither the mappings nor `spectrum.storage` move in memory).
struct OpenSpectrum {
  std::vector<MappedFile> files;  // one mapping for a single file; empty after stacking
  LoadedSpectrum spectrum;
};

// One path: map it and read_spectrum (format from the content); a host-order, non-transposed
// NMRPipe file is viewed in place, never copied. Several paths: one plane file each, read and
// stacked in the given order into one series (copied; the mappings are then released).
// Throws std::invalid_argument naming the offending file.
OpenSpectrum open_spectrum(const std::vector<std::string>& paths);

// Throws std::invalid_argument when a file `open` still maps was written in place since it was
// opened (MappedFile::change_on_disk): results computed from it may mix old and new data, and
// the commands call this before writing them, so that they do not replace good outputs.
void check_unchanged(const OpenSpectrum& open);

}  // namespace voigt

#endif  // VOIGT_NATIVE_SPECTRUM_LOADER_H_
