// Series text: the delays file (Bruker vclist / vdlist) in, the series' result tables out (what
// `voigtfit series -o PREFIX` writes, also by table name for shells that offer them by name).
#ifndef VOIGT_PUBLIC_SERIES_IO_H_
#define VOIGT_PUBLIC_SERIES_IO_H_

#include <string>
#include <string_view>
#include <vector>

#include "voigt/series.h"

namespace voigt {

// A delays file (Bruker vclist or vdlist): one value per line; blank lines and lines starting
// with '#' are skipped. A vdlist value may end in a unit, s (seconds), m or ms (milliseconds),
// u or us (microseconds), and is then returned in seconds; every value is multiplied by `factor`
// (e.g. the loop duration for a vclist of counts). Throws std::invalid_argument
// "NAME:LINE: 'TEXT' is not a delay ..." for a bad row, "NAME: no delays" for an empty file, and
// "factor ... must be finite and > 0".
std::vector<double> parse_delays(std::string_view text, const std::string& name, double factor = 1);

// Output tables (text, '\n' line ends, numbers as in format_results_csv: shortest round trip,
// NaN "nan").
// Long: one line per peak and plane, peak-major:
//   index, assignment, plane (0-based), delay, height, height_err, volume, volume_err, status
std::string format_series_planes_csv(const SeriesResults& results);
// Wide: one line per peak: index, assignment, x_ppm, y_ppm, height_0..height_{P-1},
//   height_err_0.., volume_0.., volume_err_0.., status, message
std::string format_series_wide_csv(const SeriesResults& results);
// Rates: index, assignment, x_ppm, y_ppm, i0, i0_err, r, r_err, r_err_mc, offset, offset_err,
//   chi2_red, planes_used, status, message
std::string format_series_rates_csv(const SeriesResults& results);
// lunaNMR-style intensity matrix, peaks x spectra, pandas conventions (empty field for NaN):
//   Assignment, Peak_Number, Position_X, Position_Y, then one height column per plane named by
//   `spectrum_names` (one per plane; empty -> "plane_0", "plane_1", ...).
// Throws std::invalid_argument when `spectrum_names` is neither empty nor one per plane.
std::string format_series_intensity_matrix(const SeriesResults& results,
                                           const std::vector<std::string>& spectrum_names);

// The names of the tables `voigtfit series -o PREFIX` writes as PREFIX.NAME.csv, in its order:
// shapes, planes, planes_wide, rates, intensities.
const std::vector<std::string>& series_table_names();

// One table, as the CLI writes it: `plane_names` are the intensity matrix's column names (the
// plane files' names; empty for one pseudo-3D file: plane_0, plane_1, ...). Throws
// std::invalid_argument "unknown series table 'NAME'; one of shapes, planes, ...".
std::string format_series_table(const SeriesResults& results,
                                const std::string& table,
                                const std::vector<std::string>& plane_names);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_SERIES_IO_H_
