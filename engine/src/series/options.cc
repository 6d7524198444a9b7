// SeriesOptions::validate and SeriesSummary::brief_report.
#include <sstream>

#include "voigt/series.h"

namespace voigt {

std::string SeriesOptions::validate() const {
  std::ostringstream m;
  if (reference_plane < kSumOfPlanes)
    m << "SeriesOptions::reference_plane = " << reference_plane
      << "; must be -1 (sum of planes) or a 0-based plane index";
  else if (monte_carlo_draws < 0 || monte_carlo_draws > 100000)
    m << "SeriesOptions::monte_carlo_draws = " << monte_carlo_draws << "; must be in [0, 100000]";
  else if (max_decay_iterations < 1)
    m << "SeriesOptions::max_decay_iterations = " << max_decay_iterations << "; must be >= 1";
  return m.str();
}

std::string SeriesSummary::brief_report() const {
  std::ostringstream s;
  s << shapes.brief_report() << "; series: " << num_planes << " planes, shapes from "
    << (reference_plane == kSumOfPlanes ? std::string("the sum of planes")
                                        : "plane " + std::to_string(reference_plane))
    << ", " << plane_values_ok << " plane heights";
  if (plane_values_failed > 0) s << " (" << plane_values_failed << " not solved)";
  s << ", rates " << rates_ok << " fitted";
  if (rates_failed > 0) s << ", " << rates_failed << " not";
  return s.str();
}

}  // namespace voigt
