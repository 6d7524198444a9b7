// Peak lists from NEF (NMR Exchange Format 1.1, github.com/NMRExchangeFormat/NEF,
// specification/Overview.md and Commented_Example_v1_1.nef), the format CcpNmr Analysis 3,
// CYANA, XPLOR-NIH and ARIA exchange. A peak list is a save frame of category nef_nmr_spectrum:
//   _nef_nmr_spectrum.num_dimensions  2
//   loop_ _nef_spectrum_dimension.dimension_id .axis_unit .axis_code .is_acquisition ... stop_
//   loop_ _nef_peak.index .peak_id .volume .height .position_1 .position_2
//         .chain_code_1 .sequence_code_1 .residue_name_1 .atom_name_1 ... _2 ... stop_
// The first 2D spectrum with peaks is read (a project may also hold 3D lists; they are skipped).
// Which dimension is x (1H) comes from the dimension loop, never from the column order: the
// dimension whose axis_code is a proton isotope ("1H"), else the acquisition dimension, else
// the dimension whose assigned atom is a proton, else dimension 1 with the spectrum's axes
// allowed to overrule it (orient_by_axes). Rows sharing a peak_id are one peak with alternative
// assignments (nef_assignment.h says how they become Peak::assignment). Positions must be ppm.
#include <cmath>
#include <map>
#include <string>

#include "io/nef_assignment.h"
#include "io/star.h"
#include "io/text_table.h"

namespace voigt::detail {
namespace {

constexpr const char* kPeak = "_nef_peak";

bool is_spectrum(const StarSaveFrame& f) {
  const StarValue* category = f.item("_nef_nmr_spectrum.sf_category");
  if (category != nullptr) return category->text == "nef_nmr_spectrum";
  return f.name.rfind("nef_nmr_spectrum", 0) == 0;
}

// Dimensions of a spectrum frame: the num_dimensions item, else the dimension loop's rows,
// else 2 + the number of position_K columns beyond 2 the peak loop has.
int num_dimensions(const StarSaveFrame& f) {
  if (const StarValue* n = f.item("_nef_nmr_spectrum.num_dimensions")) {
    double v = 0;
    return parse_double(n->text, &v) && v >= 1 && v <= 99 ? static_cast<int>(v) : -1;
  }
  if (const StarLoop* d = f.loop("_nef_spectrum_dimension")) return static_cast<int>(d->num_rows());
  const StarLoop* p = f.loop(kPeak);
  int n = 2;
  while (p != nullptr && p->column(std::string(kPeak) + ".position_" + std::to_string(n + 1)) >= 0)
    ++n;
  return n;
}

const StarSaveFrame& chosen_spectrum(const StarDataBlock& block, const std::string& name) {
  std::string others;
  for (const StarSaveFrame& f : block.frames) {
    if (!is_spectrum(f)) continue;
    const StarLoop* peaks = f.loop(kPeak);
    const int dims = num_dimensions(f);
    if (dims == 2 && peaks != nullptr && peaks->num_rows() > 0) return f;
    others += (others.empty() ? "" : ", ") + f.name + " (line " + std::to_string(f.line) + ", " +
              (dims == 2 ? std::string("no peaks") : std::to_string(dims) + "D") + ")";
  }
  throw_input_error(name,
                    0,
                    "no 2D NEF peak list (save frame nef_nmr_spectrum_* with a _nef_peak loop)" +
                        (others.empty() ? std::string() : "; found " + others));
}

std::string text_or_empty(const StarLoop& l, std::size_t row, int col) {
  if (col < 0 || l.at(row, col).is_null()) return "";
  return l.at(row, col).text;
}

bool is_proton_code(std::string_view code) {
  while (!code.empty() && code.front() >= '0' && code.front() <= '9') code.remove_prefix(1);
  return !code.empty() && (code.front() == 'H' || code.front() == 'h');
}

// What the dimension loop says about dimensions 1 and 2: 1 or 2 when it tells which is x, else 0.
int x_dimension_from_loop(const StarSaveFrame& f, const std::string& name) {
  const StarLoop* d = f.loop("_nef_spectrum_dimension");
  if (d == nullptr) return 0;
  const std::string c = "_nef_spectrum_dimension.";
  const int id = d->column(c + "dimension_id"), unit = d->column(c + "axis_unit");
  const int code = d->column(c + "axis_code"), acq = d->column(c + "is_acquisition");
  bool proton[3] = {false, false, false}, acquisition[3] = {false, false, false};
  for (std::size_t r = 0; r < d->num_rows(); ++r) {
    const std::string dim = id >= 0 ? d->at(r, id).text : std::to_string(r + 1);
    if (dim != "1" && dim != "2")
      throw_input_error(name, d->at(r, 0).line, "dimension_id '" + dim + "' of a 2D spectrum");
    const int k = dim[0] - '0';
    const std::string u = text_or_empty(*d, r, unit);
    if (!u.empty() && !iequals(u, "ppm"))
      throw_input_error(name, d->at(r, 0).line,
                        "dimension " + dim + " axis_unit '" + u + "': only ppm positions are read");
    proton[k] = is_proton_code(text_or_empty(*d, r, code));
    acquisition[k] = iequals(text_or_empty(*d, r, acq), "true");
  }
  if (proton[1] != proton[2]) return proton[1] ? 1 : 2;
  if (acquisition[1] != acquisition[2]) return acquisition[1] ? 1 : 2;
  return 0;
}

// The column of _nef_peak.FIELD_K for dimension k.
int peak_column(const StarLoop& l, const char* field, int k) {
  return l.column(std::string(kPeak) + "." + field + "_" + std::to_string(k));
}

NefAtom atom_of_row(const StarLoop& l, std::size_t row, int k) {
  return {text_or_empty(l, row, peak_column(l, "chain_code", k)),
          text_or_empty(l, row, peak_column(l, "sequence_code", k)),
          text_or_empty(l, row, peak_column(l, "residue_name", k)),
          text_or_empty(l, row, peak_column(l, "atom_name", k))};
}

// From assigned atoms: the dimension of the first row whose one atom (of two) is a proton.
int x_dimension_from_atoms(const StarLoop& l) {
  for (std::size_t r = 0; r < l.num_rows(); ++r) {
    const bool h1 = is_proton_code(atom_of_row(l, r, 1).atom_name);
    const bool h2 = is_proton_code(atom_of_row(l, r, 2).atom_name);
    if (h1 != h2) return h1 ? 1 : 2;
  }
  return 0;
}

double number_or_nan(const StarLoop& l, std::size_t row, int col, const std::string& name) {
  if (col < 0 || l.at(row, col).is_null()) return NAN;
  const StarValue& v = l.at(row, col);
  const double h = parse_hint(v.text, l.tags[col], name, v.line);
  return std::isfinite(h) ? h : NAN;
}

}  // namespace

PeakList parse_nef_peak_list(std::string_view text,
                             const std::string& name,
                             const Axis& x,
                             const Axis& y) {
  const StarDataBlock block = parse_star(text, name);
  const StarSaveFrame& frame = chosen_spectrum(block, name);
  const StarLoop& l = *frame.loop(kPeak);
  int x_dim = x_dimension_from_loop(frame, name);
  if (x_dim == 0) x_dim = x_dimension_from_atoms(l);
  const bool oriented = x_dim != 0;
  if (!oriented) x_dim = 1;
  const int y_dim = 3 - x_dim;
  const int pos_x = peak_column(l, "position", x_dim), pos_y = peak_column(l, "position", y_dim);
  for (int k : {1, 2})
    if (peak_column(l, "position", k) < 0)
      throw_input_error(name, l.line, "the _nef_peak loop has no position_" + std::to_string(k) +
                                          " column (save_" + frame.name + ")");
  const int id = l.column(std::string(kPeak) + ".peak_id");
  const int height = l.column(std::string(kPeak) + ".height");
  const int label = l.column(std::string(kPeak) + ".voigtfit_label");

  PeakList list;
  list.format = PeakListFormat::kNef;
  std::vector<std::vector<NefAssignment>> alternatives;
  std::vector<std::string> labels;
  std::map<std::string, std::size_t> peak_of_id;
  for (std::size_t r = 0; r < l.num_rows(); ++r) {
    const NefAssignment a{atom_of_row(l, r, x_dim), atom_of_row(l, r, y_dim)};
    const std::string peak_id = text_or_empty(l, r, id);
    const auto known = peak_of_id.find(peak_id);
    if (!peak_id.empty() && known != peak_of_id.end()) {
      alternatives[known->second].push_back(a);  // another assignment of the same peak
      continue;
    }
    if (!peak_id.empty()) peak_of_id[peak_id] = list.peaks.size();
    Peak p;
    p.source_line = l.at(r, 0).line;
    const StarValue &vx = l.at(r, pos_x), &vy = l.at(r, pos_y);
    p.x_ppm = parse_position(vx.text, l.tags[pos_x], name, vx.line);
    p.y_ppm = parse_position(vy.text, l.tags[pos_y], name, vy.line);
    p.height_hint = number_or_nan(l, r, height, name);
    list.peaks.push_back(std::move(p));
    alternatives.push_back({a});
    labels.push_back(text_or_empty(l, r, label));
  }
  for (std::size_t i = 0; i < list.peaks.size(); ++i) {
    list.peaks[i].assignment = nef_assignment_label(alternatives[i]);
    if (list.peaks[i].assignment.empty()) list.peaks[i].assignment = assignment_or_empty(labels[i]);
  }
  if (!oriented) orient_by_axes(&list.peaks, x, y);
  return list;
}

}  // namespace voigt::detail
