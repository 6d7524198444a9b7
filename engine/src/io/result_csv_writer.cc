// The project's result CSV (the PeakResult fields, voigt/peak_result.h). Exact
// round-trip numbers and a fixed column order make the file a stable artefact: diffs between
// runs show real changes only, and parallel runs can be compared byte for byte.
#include <string>

#include "io/text_table.h"
#include "voigt/result_io.h"

namespace voigt {

std::string format_results_csv(const std::vector<PeakResult>& rows) {
  std::string out =
      "index,assignment,x_ppm_in,y_ppm_in,x_ppm_start,y_ppm_start,x_ppm,y_ppm,height,volume,fwhm_x_hz,fwhm_y_hz,"
      "sigma_x_hz,gamma_x_hz,sigma_y_hz,gamma_y_hz,eta_x,eta_y,x_ppm_err,y_ppm_err,height_err,"
      "volume_err,r2,snr,chi2_red,quality,cluster,cluster_size,iterations,status,flags,"
      "message\n";
  for (const PeakResult& r : rows) {
    auto num = [&out](double v) {
      out += detail::format_double(v);
      out += ',';
    };
    auto integer = [&out](int v) {
      out += std::to_string(v);
      out += ',';
    };
    auto text = [&out](const std::string& s) {
      out += detail::csv_field(s);
      out += ',';
    };
    integer(r.index);
    text(r.assignment);
    for (double v :
         {r.x_ppm_in,  r.y_ppm_in,  r.x_ppm_start, r.y_ppm_start, r.x_ppm,      r.y_ppm,      r.height,     r.volume,
          r.fwhm_x_hz, r.fwhm_y_hz, r.sigma_x_hz, r.gamma_x_hz, r.sigma_y_hz, r.gamma_y_hz,
          r.eta_x,     r.eta_y,     r.x_ppm_err,  r.y_ppm_err,  r.height_err, r.volume_err,
          r.r2,        r.snr,       r.chi2_red})
      num(v);
    text(to_string(r.quality));
    integer(r.cluster);
    integer(r.cluster_size);
    integer(r.iterations);
    text(to_string(r.status));
    text(r.flags);
    out += detail::csv_field(r.message);
    out += '\n';
  }
  return out;
}

}  // namespace voigt
