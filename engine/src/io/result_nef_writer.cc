// Fit results as a NEF 1.1 file (github.com/NMRExchangeFormat/NEF, specification/Overview.md,
// Commented_Example_v1_1.nef): the two mandatory save frames and one 2D peak list,
//   save_nef_nmr_meta_data        format, version, program (creation_date and uuid are '.':
//                                 output is a pure function of the rows, so no clock)
//   save_nef_molecular_system     the residues the assignments name (chain, sequence, residue),
//                                 in order of first appearance; empty when none is assigned
//   save_nef_nmr_spectrum_voigtfit  dimensions (1 = x, the acquired 1H; 2 = y) from the axes,
//                                 the one-bond transfer of an HSQC, and the _nef_peak loop:
//     index, peak_id (input row + 1), volume, volume_uncertainty, height, height_uncertainty,
//     position_K, position_uncertainty_K (ppm), chain_code_K .. atom_name_K (K = 1, 2),
//     voigtfit_status (ok, added, failed, ...), voigtfit_label
// Assignments in the form of nef_assignment.h (what the NEF reader makes of a NEF list) go back
// into the standard columns, one row per alternative with the same peak_id; any other label
// ("G12N-H") is kept verbatim in voigtfit_label, a program-specific column as NEF allows, with
// '.' in the standard columns. A row that was not fitted keeps its input position with '.' for
// every fitted number, and its status says why.
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "io/aligned_columns.h"
#include "io/nef_assignment.h"
#include "io/star.h"
#include "io/text_table.h"
#include "voigt/result_io.h"

namespace voigt {
namespace {

using detail::NefAssignment;
using detail::NefAtom;
using detail::star_value_text;
using Table = std::vector<std::vector<std::string>>;

std::string number(double v) { return std::isfinite(v) ? detail::format_double(v) : "."; }

std::string item(const std::string& tag, const std::string& value) {
  return "   " + tag + "  " + star_value_text(value) + "\n";
}

std::string loop(const std::string& category, const std::vector<std::string>& tags, const Table& rows) {
  std::string out = "\n   loop_\n";
  for (const std::string& t : tags) out += "      " + category + "." + t + "\n";
  out += "\n" + detail::aligned_columns(rows, 6, 2, false) + "   stop_\n";
  return out;
}

std::string frame_start(const std::string& category, const std::string& framecode) {
  return "save_" + framecode + "\n" + item("_" + category + ".sf_category", category) +
         item("_" + category + ".sf_framecode", framecode);
}

// NEF axis codes are isotopes ("1H", "15N"); spectra label axes by nucleus or atom ("HN", "N").
std::string axis_code(const std::string& label, const char* fallback) {
  if (!label.empty() && label[0] >= '0' && label[0] <= '9') return label;
  const char* isotopes[][2] = {{"H", "1H"}, {"N", "15N"}, {"C", "13C"}, {"F", "19F"}, {"P", "31P"}};
  for (const auto& [element, isotope] : isotopes)
    if (!label.empty() && (label[0] == element[0] || label[0] == element[0] + ('a' - 'A')))
      return isotope;
  return fallback;
}

std::vector<std::string> dimension_row(int id, const Axis& a, const char* fallback_code) {
  const bool known = a.validate("axis").empty();
  return {std::to_string(id), "ppm", star_value_text(axis_code(a.label, fallback_code)),
          // Spectrum headers store single-precision floats: 8 digits hold all they know.
          known ? detail::format_significant(a.obs_mhz, 8) : ".",
          known ? detail::format_significant(a.sw_hz / a.obs_mhz, 8) : ".",
          known ? detail::format_significant(a.first_ppm(), 8) : ".", ".", "false",
          id == 1 ? "true" : "false"};
}

std::vector<std::string> atom_fields(const NefAtom& a) {
  return {star_value_text(a.chain_code), star_value_text(a.sequence_code),
          star_value_text(a.residue_name), star_value_text(a.atom_name)};
}

std::string molecular_system(const std::vector<std::vector<NefAssignment>>& assignments) {
  Table residues;
  std::set<std::pair<std::string, std::string>> seen;  // chain, sequence
  for (const auto& alternatives : assignments)
    for (const NefAssignment& a : alternatives)
      for (const NefAtom* atom : {&a.x, &a.y}) {
        if (atom->chain_code.empty() || atom->sequence_code.empty()) continue;
        if (!seen.insert({atom->chain_code, atom->sequence_code}).second) continue;
        residues.push_back({std::to_string(residues.size() + 1), star_value_text(atom->chain_code),
                            star_value_text(atom->sequence_code),
                            star_value_text(atom->residue_name), "."});
      }
  return frame_start("nef_molecular_system", "nef_molecular_system") +
         loop("_nef_sequence",
              {"index", "chain_code", "sequence_code", "residue_name", "linking"},
              residues) +
         "save_\n";
}

}  // namespace

std::string format_results_nef(const std::vector<PeakResult>& rows, const Axis& x, const Axis& y) {
  std::vector<std::vector<NefAssignment>> assignments(rows.size());
  Table peaks;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const PeakResult& r = rows[i];
    const bool fitted = std::isfinite(r.x_ppm) && std::isfinite(r.y_ppm);
    const bool structured = detail::nef_assignment_from_label(r.assignment, &assignments[i]);
    if (!structured) assignments[i] = {NefAssignment{}};
    for (const NefAssignment& a : assignments[i]) {
      std::vector<std::string> row = {
          std::to_string(peaks.size() + 1), std::to_string(r.index + 1), number(r.volume),
          number(r.volume_err), number(r.height), number(r.height_err),
          number(fitted ? r.x_ppm : r.x_ppm_in), number(r.x_ppm_err),
          number(fitted ? r.y_ppm : r.y_ppm_in), number(r.y_ppm_err)};
      for (const NefAtom* atom : {&a.x, &a.y})
        for (std::string& f : atom_fields(*atom)) row.push_back(std::move(f));
      row.push_back(to_string(r.status));
      row.push_back(star_value_text(structured ? "" : r.assignment));
      peaks.push_back(std::move(row));
    }
  }
  std::string out = "data_nef_voigtfit\n\n" + frame_start("nef_nmr_meta_data", "nef_nmr_meta_data");
  out += item("_nef_nmr_meta_data.format_name", "nmr_exchange_format") +
         item("_nef_nmr_meta_data.format_version", "1.1") +
         item("_nef_nmr_meta_data.program_name", "voigtfit") +
         item("_nef_nmr_meta_data.program_version", "") +
         item("_nef_nmr_meta_data.creation_date", "") + item("_nef_nmr_meta_data.uuid", "") +
         "save_\n\n" + molecular_system(assignments) + "\n";
  const std::string code_y = axis_code(y.label, "");
  out += frame_start("nef_nmr_spectrum", "nef_nmr_spectrum_voigtfit") +
         item("_nef_nmr_spectrum.num_dimensions", "2") +
         item("_nef_nmr_spectrum.chemical_shift_list", "") +
         loop("_nef_spectrum_dimension",
              {"dimension_id", "axis_unit", "axis_code", "spectrometer_frequency",
               "spectral_width", "value_first_point", "folding", "absolute_peak_positions",
               "is_acquisition"},
              {dimension_row(1, x, "1H"), dimension_row(2, y, "")}) +
         // x is the proton; a heteronuclear y means the one-bond transfer of an HSQC/HMQC.
         loop("_nef_spectrum_dimension_transfer", {"dimension_1", "dimension_2", "transfer_type"},
              code_y.empty() || code_y == "1H" ? Table{} : Table{{"1", "2", "onebond"}});
  std::vector<std::string> tags = {"index", "peak_id", "volume", "volume_uncertainty", "height",
                                   "height_uncertainty", "position_1", "position_uncertainty_1",
                                   "position_2", "position_uncertainty_2"};
  for (const char* k : {"1", "2"})
    for (const char* f : {"chain_code_", "sequence_code_", "residue_name_", "atom_name_"})
      tags.push_back(std::string(f) + k);
  tags.push_back("voigtfit_status");
  tags.push_back("voigtfit_label");
  return out + loop("_nef_peak", tags, peaks) + "save_\n";
}

}  // namespace voigt
