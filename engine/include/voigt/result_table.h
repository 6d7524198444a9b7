// Result tables as typed columns: the columns format_results_csv, format_series_planes_csv and
// format_series_rates_csv write, with the same names in the same order (those writers format
// these tables), for shells that hand columns over as values rather than text (the Python
// module's NumPy arrays, one per column).
#ifndef VOIGT_PUBLIC_RESULT_TABLE_H_
#define VOIGT_PUBLIC_RESULT_TABLE_H_

#include <string>
#include <vector>

#include "voigt/peak_result.h"
#include "voigt/series.h"

namespace voigt {

// One column; only the vector of its kind is filled, one entry per row.
struct ResultColumn {
  enum class Kind { kInteger, kNumber, kText };
  std::string name;
  Kind kind = Kind::kNumber;
  std::vector<long long> integers;
  std::vector<double> numbers;     // NaN where a number was not computed
  std::vector<std::string> texts;  // enums as their to_string() names
};
using ResultTable = std::vector<ResultColumn>;

// The PeakResult fields in declaration order (voigt/peak_result.h): one row per result row.
ResultTable result_table(const std::vector<PeakResult>& rows);
// One row per peak and plane, peak-major: index, assignment, plane, delay, height, height_err,
// volume, volume_err, status.
ResultTable series_planes_table(const SeriesResults& results);
// One row per peak: index, assignment, x_ppm, y_ppm (fitted, else listed), i0, i0_err, r, r_err,
// r_err_mc, offset, offset_err, chi2_red, planes_used, status, message.
ResultTable series_rates_table(const SeriesResults& results);

// The table as CSV: a header of the names, then one line per row ('\n' line ends); numbers as
// the shortest text that reads back to the identical double ("nan", "inf"), text fields quoted
// per RFC 4180 when they hold ',', '"' or a line break.
std::string format_table_csv(const ResultTable& table);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_RESULT_TABLE_H_
