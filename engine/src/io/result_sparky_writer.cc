// Fit results as a Sparky peak list (.list), the layout of Sparky's "lt" command:
//        Assignment          w1         w2  Data Height      Volume  lw1 (hz)  lw2 (hz)
//
//            G12N-H  120.123456   8.456123     35123460   225000000   20.2000   15.1000
// w1 is the indirect (15N/13C, y) and w2 the direct (1H, x) dimension, as Sparky orders a 2D
// spectrum's axes. Line widths are the fitted FWHM in Hz, which is what the header says (some
// exporters write points under that header; this file never does).
//
// Precision: ppm to 6 decimals (1e-6 ppm is 0.0008 Hz at 800 MHz, far below any fit's error),
// heights and volumes to 7 significant digits, widths to 4 decimals of a Hz.
// Every row appears, in input order. A row that was not fitted keeps its input position (so the
// file still reads as a peak list) and has "nan" heights, volume and widths: Sparky lists have
// no null value or comment, and a made-up number would read as a measurement.
#include <cmath>
#include <string>

#include "io/aligned_columns.h"
#include "io/text_table.h"
#include "voigt/result_io.h"

namespace voigt {

std::string format_results_sparky(const std::vector<PeakResult>& rows) {
  std::vector<std::vector<std::string>> table;
  table.push_back(
      {"Assignment", "w1", "w2", "Data Height", "Volume", "lw1 (hz)", "lw2 (hz)"});
  for (const PeakResult& r : rows) {
    const double x_ppm = std::isfinite(r.x_ppm) ? r.x_ppm : r.x_ppm_in;
    const double y_ppm = std::isfinite(r.y_ppm) ? r.y_ppm : r.y_ppm_in;
    // Sparky splits rows on blanks; "?-?" is its "unassigned".
    table.push_back({detail::whitespace_free_field(r.assignment, "?-?"),
                     detail::format_rounded(y_ppm, 6),
                     detail::format_rounded(x_ppm, 6),
                     detail::format_significant(r.height, 7),
                     detail::format_significant(r.volume, 7),
                     detail::format_rounded(r.fwhm_y_hz, 4),
                     detail::format_rounded(r.fwhm_x_hz, 4)});
  }
  std::string text = detail::aligned_columns(table, 0, 2, true);
  text.insert(text.find('\n') + 1, "\n");  // Sparky puts a blank line under the header
  return text;
}

}  // namespace voigt
