// Input checks against the spectrum, with the messages the CLI prints (--plane, --reference,
// --delays): fit_series, the CLI and the page make them through these, so they say the same thing.
#include <cmath>
#include <stdexcept>
#include <string>

#include "voigt/input_checks.h"

namespace voigt {

void check_plane_index(const SpectrumSeries& spectrum, int plane, const std::string& flag) {
  if (plane >= 0 && plane < spectrum.num_planes) return;
  throw std::invalid_argument(flag + " " + std::to_string(plane) + ": the spectrum has " +
                              std::to_string(spectrum.num_planes) + " plane(s)");
}

void check_reference_plane(const SpectrumSeries& spectrum,
                           int reference_plane,
                           const std::string& flag) {
  if (reference_plane != kSumOfPlanes) check_plane_index(spectrum, reference_plane, flag);
}

void check_delay_count(const std::vector<double>& delays,
                       const SpectrumSeries& spectrum,
                       const std::string& name) {
  if (static_cast<int>(delays.size()) != spectrum.num_planes)
    throw std::invalid_argument(name + ": " + std::to_string(delays.size()) +
                                " delays, but the series has " +
                                std::to_string(spectrum.num_planes) + " plane(s)");
  for (std::size_t k = 0; k < delays.size(); ++k)
    if (!std::isfinite(delays[k]))
      throw std::invalid_argument(name + ": delay " + std::to_string(k) +
                                  " is not a finite number");
}

}  // namespace voigt
