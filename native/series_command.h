// `voigtfit series`: a pseudo-3D series (one file, or one file per plane), a peak list and a
// delays file in; per-plane heights, rates and a lunaNMR-style intensity matrix out.
#ifndef VOIGT_NATIVE_SERIES_COMMAND_H_
#define VOIGT_NATIVE_SERIES_COMMAND_H_

#include <string>
#include <vector>

namespace voigt {

// The usage lines of the series command (for the CLI's help text).
const char* series_usage();

// Runs `voigtfit series ARGS...` (`args`: the words after "series"). Writes
//   PREFIX.shapes.csv       the reference fit, one row per peak (format_results_csv)
//   PREFIX.planes.csv       one row per peak and plane (format_series_planes_csv)
//   PREFIX.planes_wide.csv  one row per peak (format_series_wide_csv)
//   PREFIX.rates.csv        one row per peak (format_series_rates_csv)
//   PREFIX.intensities.csv  lunaNMR-style peaks x spectra heights
// each atomically, and a one-line summary on stderr (unless --quiet).
// Returns 0 when every peak has its plane heights and rate, 1 when some do not (their rows say
// why). Throws std::invalid_argument for bad usage or unreadable input (exit status 2).
int run_series_command(const std::vector<std::string>& args);

}  // namespace voigt

#endif  // VOIGT_NATIVE_SERIES_COMMAND_H_
