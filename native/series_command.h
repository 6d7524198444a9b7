// `voigtfit series`: a pseudo-3D series (one file, or one file per plane), a peak list and a
// delays file in; per-plane heights, rates and a lunaNMR-style intensity matrix out.
#ifndef VOIGT_NATIVE_SERIES_COMMAND_H_
#define VOIGT_NATIVE_SERIES_COMMAND_H_

#include <string>
#include <vector>

namespace voigt {

// Runs `voigtfit series ARGS...` (`args`: the words after "series"). Writes PREFIX.NAME.csv for
// each NAME of series_table_names() (format_series_table), in its order:
//   shapes       the reference fit, one row per peak (format_results_csv)
//   planes       one row per peak and plane (format_series_planes_csv)
//   planes_wide  one row per peak (format_series_wide_csv)
//   rates        one row per peak (format_series_rates_csv)
//   intensities  lunaNMR-style peaks x spectra heights
// each atomically, and a one-line summary on stderr (unless --quiet).
// Returns 0 when every peak has its plane heights and rate, 1 when some do not (their rows say
// why). Throws UsageError for bad usage, std::invalid_argument for unreadable input (both exit
// status 2).
int run_series_command(const std::vector<std::string>& args);

}  // namespace voigt

#endif  // VOIGT_NATIVE_SERIES_COMMAND_H_
