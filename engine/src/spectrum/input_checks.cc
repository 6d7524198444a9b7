// Input checks a shell makes before a run, with the messages the CLI prints (native/main.cc
// --plane, native/series_command.cc --delays), so that the page and the CLI say the same thing.
#include <stdexcept>
#include <string>

#include "voigt/input_checks.h"

namespace voigt {

void check_plane_index(const SpectrumSeries& spectrum, int plane, const std::string& flag) {
  if (plane >= 0 && plane < spectrum.num_planes) return;
  throw std::invalid_argument(flag + " " + std::to_string(plane) + ": the spectrum has " +
                              std::to_string(spectrum.num_planes) + " plane(s)");
}

void check_delay_count(const std::vector<double>& delays,
                       const SpectrumSeries& spectrum,
                       const std::string& name) {
  if (static_cast<int>(delays.size()) == spectrum.num_planes) return;
  throw std::invalid_argument(name + ": " + std::to_string(delays.size()) +
                              " delays, but the series has " +
                              std::to_string(spectrum.num_planes) + " plane(s)");
}

}  // namespace voigt
