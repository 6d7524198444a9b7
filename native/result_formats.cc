#include "result_formats.h"

#include "command_args.h"
#include "voigt/result_io.h"

namespace voigt {

void check_result_format(const std::string& format) {
  for (const char* known : {"csv", "lunanmr", "nef", "tab", "sparky"})
    if (format == known) return;
  throw UsageError("--format must be csv, lunanmr, nef, tab or sparky");
}

std::string format_result_table(const std::string& format, const std::vector<PeakResult>& rows,
                                const Axis& x, const Axis& y) {
  if (format == "lunanmr") return format_results_lunanmr(rows);
  if (format == "nef") return format_results_nef(rows, x, y);
  if (format == "tab") return format_results_nmrpipe_tab(rows, x, y);
  if (format == "sparky") return format_results_sparky(rows);
  return format_results_csv(rows);
}

}  // namespace voigt
