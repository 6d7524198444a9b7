#include <gtest/gtest.h>

#include <cstring>

#include "support/shared_data.h"
#include "voigt/owned_spectrum.h"
#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

using testing::read_bytes;
using testing::shared_path;

// The file's bytes in a float buffer, as the WebAssembly shell copies them into its heap.
std::vector<float> FloatBuffer(const std::vector<std::uint8_t>& bytes) {
  std::vector<float> buffer((bytes.size() + 3) / 4);
  std::memcpy(buffer.data(), bytes.data(), bytes.size());
  return buffer;
}

TEST(ReadSpectrumOwning, HostOrderNmrPipeIsReadInPlaceAndOwned) {
  const std::vector<std::uint8_t> bytes = read_bytes(shared_path("data/proteinL_pseudo3d/test1.ft2"));
  std::vector<float> buffer = FloatBuffer(bytes);
  const float* file_start = buffer.data();
  const LoadedSpectrum owned = read_spectrum_owning(std::move(buffer), bytes.size(), "test1.ft2");
  const LoadedSpectrum reference = read_spectrum(bytes.data(), bytes.size(), "test1.ft2");
  // No second copy: the view points into the file's bytes (after the 2048-byte header).
  EXPECT_EQ(owned.view.data, file_start + 512);
  EXPECT_EQ(owned.view.num_planes, 4);
  EXPECT_EQ(owned.view.x.size_pt, reference.view.x.size_pt);
  EXPECT_EQ(std::memcmp(owned.view.data, reference.view.data, 4 * owned.view.plane_size() * sizeof(float)), 0);
}

TEST(ReadSpectrumOwning, ConvertedSpectrumKeepsTheReadersStorage) {
  const std::vector<std::uint8_t> bytes = read_bytes(shared_path("data/proteinL_pseudo3d/test1.ucsf"));
  const LoadedSpectrum owned = read_spectrum_owning(FloatBuffer(bytes), bytes.size(), "test1.ucsf");
  // UCSF is big-endian and tiled: always converted, into the reader's own storage.
  EXPECT_EQ(owned.format, "ucsf");
  EXPECT_EQ(owned.view.data, owned.storage.data());
  EXPECT_EQ(owned.storage.size(), 4u * 546 * 256);
}

TEST(ReadSpectrumOwning, BadBytesThrowTheReadersMessage) {
  const std::string junk(4000, 'x');
  std::vector<float> buffer(1000);
  std::memcpy(buffer.data(), junk.data(), junk.size());
  EXPECT_THROW(read_spectrum_owning(buffer, junk.size(), "junk.ft2"), std::invalid_argument);
  EXPECT_THROW(read_spectrum_owning(buffer, junk.size() + 1, "junk.ft2"), std::logic_error);
}

TEST(HoldSimulation, SpectrumIsOnePlaneOverItsOwnData) {
  SimulationOptions o;
  o.num_peaks = 5;
  o.nx = 64;
  o.ny = 32;
  SimulatedSpectrum sim = simulate_spectrum(o);
  const std::vector<float> data = sim.data;
  const LoadedSpectrum held = hold_simulation(std::move(sim));
  EXPECT_EQ(held.format, "simulated");
  EXPECT_EQ(held.view.num_planes, 1);
  EXPECT_EQ(held.view.data, held.storage.data());
  EXPECT_EQ(held.storage, data);
  EXPECT_EQ(held.view.x.size_pt, 64);
}

TEST(HoldSimulation, SeriesKeepsEveryPlane) {
  SeriesSimulationOptions o;
  o.spectrum.num_peaks = 5;
  o.spectrum.nx = 64;
  o.spectrum.ny = 32;
  o.delays_s = {0, 0.1, 0.2};
  const LoadedSpectrum held = hold_simulation(simulate_series(o));
  EXPECT_EQ(held.view.num_planes, 3);
  EXPECT_EQ(held.view.plane_label, "delay");
  EXPECT_EQ(held.storage.size(), 3 * held.view.plane_size());
}

}  // namespace
}  // namespace voigt
