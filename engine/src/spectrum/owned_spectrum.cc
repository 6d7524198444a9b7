// Spectra that own their data: a file's bytes read in place (one copy, never two) and simulated
// spectra moved into the same LoadedSpectrum shape, so a shell holds every source alike.
#include <stdexcept>
#include <utility>

#include "voigt/owned_spectrum.h"
#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

namespace voigt {

LoadedSpectrum read_spectrum_owning(std::vector<float> buffer,
                                    std::size_t size_bytes,
                                    const std::string& name) {
  if (size_bytes > buffer.size() * sizeof(float))
    throw std::logic_error("read_spectrum_owning: " + std::to_string(size_bytes) +
                           " bytes do not fit the buffer");
  LoadedSpectrum spectrum =
      read_spectrum(reinterpret_cast<const std::uint8_t*>(buffer.data()), size_bytes, name);
  // The reader converted into its own storage: the file's bytes are no longer needed. Otherwise
  // the view points into `buffer`, which moves (buffer and all) into storage.
  if (spectrum.storage.empty()) spectrum.storage = std::move(buffer);
  return spectrum;
}

LoadedSpectrum hold_simulation(SimulatedSpectrum&& simulation) {
  LoadedSpectrum s;
  s.storage = std::move(simulation.data);
  s.view = SpectrumSeries{s.storage.data(), simulation.x, simulation.y, 1, ""};
  s.format = "simulated";
  return s;
}

LoadedSpectrum hold_simulation(SimulatedSeries&& simulation) {
  LoadedSpectrum s;
  s.storage = std::move(simulation.data);
  s.view = SpectrumSeries{s.storage.data(), simulation.x, simulation.y, simulation.num_planes,
                          "delay"};
  s.format = "simulated";
  return s;
}

}  // namespace voigt
