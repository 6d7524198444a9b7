// Fit results as an NMRPipe peak table (.tab) with the columns nlinLS writes for its fits, so
// NMRDraw overlays the fitted peaks and nlinLS/pipe2tab users read our numbers where they read
// theirs (compare shared/data/proteinL_pseudo3d/nlin.tab):
//   INDEX            1-based row number (the input list's order; added peaks follow)
//   X_AXIS Y_AXIS    fitted position in 1-based points (NMRPipe's convention: point 1 = first)
//   DX DY            position uncertainty in points
//   X_PPM Y_PPM      fitted position in ppm
//   X_HZ Y_HZ        position in Hz (ppm x spectrometer MHz), as nlinLS gives it
//   XW YW            FWHM in points;  XW_HZ YW_HZ  FWHM in Hz
//   X1 X3 Y1 Y3      the points the peak spans at half height (floor and ceiling of centre
//                    -/+ half the FWHM), as pkFindROI's bounds
//   HEIGHT DHEIGHT   fitted height and its uncertainty
//   VOL DVOL         volume (intensity x points^2) and its uncertainty
//   ASS              assignment ("None" when there is none, as nlinLS and peakipy write)
//   CLUSTID MEMCNT   1-based cluster number and the number of peaks fitted together
// A row that was not fitted keeps its input position and has NMRPipe's NULLVALUE (-666) in every
// fitted column; a REMARK line per such row gives its status and message.
// Precision: points 4 decimals, ppm 6, Hz 4, uncertainties 4 significant digits, heights and
// volumes 7; each number is the shortest text of the rounded value (locale-independent).
#include <cmath>
#include <stdexcept>
#include <string>

#include "io/aligned_columns.h"
#include "io/text_table.h"
#include "voigt/result_io.h"

namespace voigt {
namespace {

constexpr const char* kNull = "-666";

std::string or_null(double v, std::string text) { return std::isfinite(v) ? text : kNull; }

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n') c = ' ';
  return s;
}

// The DATA line nlinLS and pkFindROI write for an axis: label, point range, ppm range.
std::string data_line(const char* axis_name, const Axis& a) {
  return std::string("DATA ") + axis_name + " " + (a.label.empty() ? "?" : a.label) + " 1 " +
         std::to_string(a.size_pt) + " " + detail::format_rounded(a.first_ppm(), 3) + "ppm " +
         detail::format_rounded(a.last_ppm(), 3) + "ppm\n";
}

// The columns of one axis for a row: position in points and ppm, uncertainty, Hz, widths, span.
struct AxisColumns {
  std::string pt, dpt, ppm, hz, w_pt, w_hz, lo, hi;
};

AxisColumns axis_columns(double ppm, double ppm_err, double fwhm_hz, bool fitted, const Axis& a) {
  const double pt = a.pt_at(ppm) + 1;  // 1-based
  const double w_pt = fwhm_hz / a.hz_per_pt();
  AxisColumns c;
  c.pt = detail::format_rounded(pt, 4);
  c.ppm = detail::format_rounded(ppm, 6);
  c.hz = detail::format_rounded(ppm * a.obs_mhz, 4);
  c.dpt = or_null(ppm_err, detail::format_significant(ppm_err / a.ppm_per_pt(), 4));
  c.w_pt = or_null(w_pt, detail::format_rounded(w_pt, 4));
  c.w_hz = or_null(fwhm_hz, detail::format_rounded(fwhm_hz, 4));
  const bool span = fitted && std::isfinite(w_pt) && std::fabs(pt) < 1e9 && w_pt < 1e9;
  c.lo = span ? std::to_string(static_cast<long long>(std::floor(pt - w_pt / 2))) : kNull;
  c.hi = span ? std::to_string(static_cast<long long>(std::ceil(pt + w_pt / 2))) : kNull;
  return c;
}

}  // namespace

std::string format_results_nmrpipe_tab(const std::vector<PeakResult>& rows,
                                       const Axis& x,
                                       const Axis& y) {
  for (const auto& [axis, axis_name] : {std::pair{&x, "x"}, std::pair{&y, "y"}}) {
    const std::string why = axis->validate(axis_name);
    if (!why.empty())
      throw std::invalid_argument("format_results_nmrpipe_tab needs the spectrum's axes: " + why);
  }
  std::string out = "REMARK voigtfit: Voigt lineshape fit, one row per listed peak in list order\n";
  std::vector<std::vector<std::string>> table;
  for (const PeakResult& r : rows) {
    const bool fitted = std::isfinite(r.x_ppm) && std::isfinite(r.y_ppm);
    if (r.status != PeakStatus::kOk && r.status != PeakStatus::kAdded)
      out += "REMARK INDEX " + std::to_string(r.index + 1) + " not fitted: " +
             to_string(r.status) + (r.message.empty() ? "" : ": " + one_line(r.message)) + "\n";
    const AxisColumns cx =
        axis_columns(fitted ? r.x_ppm : r.x_ppm_in, r.x_ppm_err, r.fwhm_x_hz, fitted, x);
    const AxisColumns cy =
        axis_columns(fitted ? r.y_ppm : r.y_ppm_in, r.y_ppm_err, r.fwhm_y_hz, fitted, y);
    table.push_back({std::to_string(r.index + 1), cx.pt, cy.pt, cx.dpt, cy.dpt, cx.ppm, cy.ppm,
                     cx.hz, cy.hz, cx.w_pt, cy.w_pt, cx.w_hz, cy.w_hz, cx.lo, cx.hi, cy.lo, cy.hi,
                     or_null(r.height, detail::format_significant(r.height, 7)),
                     or_null(r.height_err, detail::format_significant(r.height_err, 4)),
                     or_null(r.volume, detail::format_significant(r.volume, 7)),
                     or_null(r.volume_err, detail::format_significant(r.volume_err, 4)),
                     detail::whitespace_free_field(r.assignment, "None"),
                     r.cluster >= 0 ? std::to_string(r.cluster + 1) : kNull,
                     std::to_string(r.cluster_size)});
  }
  out += "\n" + data_line("X_AXIS", x) + data_line("Y_AXIS", y) + "\n";
  out +=
      "VARS   INDEX X_AXIS Y_AXIS DX DY X_PPM Y_PPM X_HZ Y_HZ XW YW XW_HZ YW_HZ X1 X3 Y1 Y3 "
      "HEIGHT DHEIGHT VOL DVOL ASS CLUSTID MEMCNT\n"
      "FORMAT %5d %9.4f %9.4f %6.4f %6.4f %10.6f %10.6f %10.4f %10.4f %7.4f %7.4f %8.4f %8.4f "
      "%4d %4d %4d %4d %+e %+e %+e %+e %s %4d %4d\n\n"
      "NULLVALUE -666\nNULLSTRING *\n\n";
  return out + detail::aligned_columns(table, 0, 1, true);
}

}  // namespace voigt
