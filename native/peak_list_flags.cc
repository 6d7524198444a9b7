#include "peak_list_flags.h"

#include "voigt/peak_list_io.h"

namespace voigt {

Flags peak_list_flags() { return {{}, {"--peaks-format", "--columns"}}; }

PeakList read_peak_list_from_flags(const Args& a,
                                   const std::string& path,
                                   const Axis& x,
                                   const Axis& y) {
  PeakListReadOptions options;
  options.format = a.choice("--peaks-format", options.format, &peak_list_format_from_name);
  // The engine's message already names --columns.
  as_usage_error([&] {
    if (a.has("--columns")) options.columns = peak_list_columns_from_text(a.get("--columns", ""));
  });
  return parse_peak_list(read_text_file(path), path, options, x, y);
}

}  // namespace voigt
