// The series tables by the names `voigtfit series -o PREFIX` gives its files (PREFIX.NAME.csv),
// so that a shell can offer "the CLI's rates.csv" without knowing which writer makes it.
#include <stdexcept>

#include "voigt/result_io.h"
#include "voigt/series.h"
#include "voigt/series_io.h"

namespace voigt {

const std::vector<std::string>& series_table_names() {
  static const std::vector<std::string> kNames = {"shapes", "planes", "planes_wide", "rates",
                                                  "intensities"};
  return kNames;
}

std::string format_series_table(const SeriesResults& results,
                                const std::string& table,
                                const std::vector<std::string>& plane_names) {
  if (table == "shapes") return format_results_csv(results.shapes);
  if (table == "planes") return format_series_planes_csv(results);
  if (table == "planes_wide") return format_series_wide_csv(results);
  if (table == "rates") return format_series_rates_csv(results);
  if (table == "intensities") return format_series_intensity_matrix(results, plane_names);
  std::string names;
  for (const std::string& n : series_table_names()) names += (names.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown series table '" + table + "'; one of " + names);
}

}  // namespace voigt
