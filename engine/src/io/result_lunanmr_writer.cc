// A lunaNMR-compatible result CSV, so users of that program can switch without rework.
// lunaNMR is Python/pandas: booleans are "True"/"False" and a missing number is an empty field
// (pandas' to_csv default), which pandas' read_csv turns back into NaN.
#include <cmath>
#include <string>

#include "io/text_table.h"
#include "voigt/result_io.h"

namespace voigt {
namespace {

// Title case as lunaNMR writes its quality classes; "" when R² is NaN (peak not fitted).
const char* lunanmr_quality(double r2) {
  switch (quality_from_r2(r2)) {
    case Quality::kExcellent:
      return "Excellent";
    case Quality::kGood:
      return "Good";
    case Quality::kFair:
      return "Fair";
    case Quality::kPoor:
      return "Poor";
    case Quality::kNone:
      return "";
  }
  return "";
}

std::string number(double v) { return std::isfinite(v) ? detail::format_double(v) : ""; }

}  // namespace

std::string format_results_lunanmr(const std::vector<PeakResult>& rows) {
  std::string out =
      "Assignment,Peak_Number,Position_X,Position_Y,Height,Volume,SNR,Quality,Detected,"
      "R_Squared,Sigma,Gamma,Fit_Success\n";
  for (const PeakResult& r : rows) {
    const bool fitted = r.status == PeakStatus::kOk || r.status == PeakStatus::kAdded;
    // A row that was not fitted keeps its input position, so the file still reads as a list.
    const double x_ppm = std::isfinite(r.x_ppm) ? r.x_ppm : r.x_ppm_in;
    const double y_ppm = std::isfinite(r.y_ppm) ? r.y_ppm : r.y_ppm_in;
    out += detail::csv_field(r.assignment);
    out += ',' + std::to_string(r.index + 1);
    for (double v : {x_ppm, y_ppm, r.height, r.volume, r.snr}) out += ',' + number(v);
    out += ',';
    out += lunanmr_quality(r.r2);
    out += r.status == PeakStatus::kAdded ? ",True" : ",False";
    for (double v : {r.r2, r.sigma_x_hz, r.gamma_x_hz}) out += ',' + number(v);
    out += fitted ? ",True\n" : ",False\n";
  }
  return out;
}

}  // namespace voigt
