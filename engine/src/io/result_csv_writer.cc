// The project's result CSV (the PeakResult fields, voigt/peak_result.h). Exact
// round-trip numbers and a fixed column order make the file a stable artefact: diffs between
// runs show real changes only, and parallel runs can be compared byte for byte. The columns are
// result_table()'s (voigt/result_table.h), which the Python module hands over as arrays.
#include <string>

#include "voigt/result_io.h"
#include "voigt/result_table.h"

namespace voigt {

std::string format_results_csv(const std::vector<PeakResult>& rows) {
  return format_table_csv(result_table(rows));
}

}  // namespace voigt
