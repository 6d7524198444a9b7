// Writing fit results as text: the project's CSV and JSON, a lunaNMR-compatible CSV, and the
// field's peak-list formats (NEF, NMRPipe .tab, Sparky .list), so a fitted list goes back into
// the program the input list came from.
// Writers return the whole text (the shells own files: see native/atomic_file.h). Output is a
// pure function of the rows: the same rows give the same bytes on every run, thread count and
// platform, because numbers are written with std::to_chars (shortest text that reads back to
// the identical double, independent of the C locale).
#ifndef VOIGT_PUBLIC_RESULT_IO_H_
#define VOIGT_PUBLIC_RESULT_IO_H_

#include <string>
#include <vector>

#include "voigt/axis.h"
#include "voigt/peak_result.h"

namespace voigt {

// One header line, then one line per row ('\n' line ends), columns in PeakResult order:
//   index, assignment, x_ppm_in, y_ppm_in, x_ppm_start, y_ppm_start, x_ppm, y_ppm, height, volume, fwhm_x_hz, fwhm_y_hz,
//   sigma_x_hz, gamma_x_hz, sigma_y_hz, gamma_y_hz, eta_x, eta_y, x_ppm_err, y_ppm_err,
//   height_err, volume_err, r2, snr, chi2_red, quality, cluster, cluster_size, iterations,
//   status, flags, message
// Numbers round-trip exactly; NaN is "nan", infinities "inf"/"-inf". quality and status are
// the to_string() names. Text fields are quoted per RFC 4180 when they hold ',', '"' or a
// line break.
std::string format_results_csv(const std::vector<PeakResult>& rows);

// {"peaks": [ {one object per row, the CSV columns as keys, in the same order}, ... ]}
// NaN and infinities are null (JSON has no such numbers). When `slices` is given it must have
// one entry per row; a non-empty entry adds
//   "slices": {"x": {"ppm": [...], "data": [...], "fit": [...], "residual": [...]}, "y": {...}}
// (residual = data - fit; an axis whose ppm vector is empty is left out). Strings are escaped
// per RFC 8259; bytes that are not valid UTF-8 become U+FFFD so the output always parses.
// Throws std::logic_error when `slices` and `rows` differ in length or a slice's ppm, data and
// fit vectors differ in length.
std::string format_results_json(const std::vector<PeakResult>& rows,
                                const std::vector<PeakSlices>* slices);

// A CSV that lunaNMR users can load in place of that program's results:
//   Assignment, Peak_Number, Position_X, Position_Y, Height, Volume, SNR, Quality, Detected,
//   R_Squared, Sigma, Gamma, Fit_Success
// Peak_Number: index + 1. Position_X/Y: the fitted ppm, or the input ppm when the peak was
// not fitted (so the file still works as a peak list). Quality: from R² with lunaNMR's classes
// (>= 0.9 Excellent, >= 0.8 Good, >= 0.7 Fair, else Poor; empty when R² is NaN). Detected:
// True for peaks the fit added (status added), else False. Sigma, Gamma: the x (1H) Gaussian
// standard deviation and Lorentzian HWHM, in Hz. Fit_Success: True for status ok or added.
// Booleans are written True/False and missing numbers as empty fields, as pandas writes them.
std::string format_results_lunanmr(const std::vector<PeakResult>& rows);

// The rows as a NEF 1.1 file (NMR Exchange Format: CcpNmr Analysis 3, CYANA, XPLOR-NIH, ARIA):
// data_nef_voigtfit with save frames nef_nmr_meta_data, nef_molecular_system and one 2D
// nef_nmr_spectrum_voigtfit whose _nef_peak loop has the fitted positions (ppm; dimension 1 =
// x, 1H; 2 = y), heights, volumes and their uncertainties, and the assignments: those a NEF
// list gave (nef_peak_list.cc) in the chain/sequence/residue/atom columns, any other label in
// the program column voigtfit_label; voigtfit_status gives each row's status. A row not fitted
// keeps its input position with null ('.') fitted values. The axes fill the dimension loop
// (frequency, width, first point; '.' when an axis is unknown, size_pt = 0).
std::string format_results_nef(const std::vector<PeakResult>& rows, const Axis& x, const Axis& y);

// The rows as an NMRPipe .tab with nlinLS's columns (INDEX X_AXIS Y_AXIS DX DY X_PPM Y_PPM X_HZ
// Y_HZ XW YW XW_HZ YW_HZ X1 X3 Y1 Y3 HEIGHT DHEIGHT VOL DVOL ASS CLUSTID MEMCNT; points
// 1-based), so NMRDraw and nlinLS users can overlay it. A row not fitted keeps its input
// position, NULLVALUE -666 in the fitted columns and a REMARK line with its status. Point
// columns need the spectrum's axes: throws std::invalid_argument when one is invalid.
std::string format_results_nmrpipe_tab(const std::vector<PeakResult>& rows,
                                       const Axis& x,
                                       const Axis& y);

// The rows as a Sparky .list: Assignment, w1 (y ppm), w2 (x ppm), Data Height, Volume,
// lw1 (hz), lw2 (hz) (fitted FWHM). A row not fitted keeps its input position with "nan"
// numbers; "?-?" marks an unassigned peak.
std::string format_results_sparky(const std::vector<PeakResult>& rows);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_RESULT_IO_H_
