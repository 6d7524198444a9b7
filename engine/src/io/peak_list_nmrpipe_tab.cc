// NMRPipe peak table (.tab), as written by nmrDraw/pkFindROI and nlinLS:
//   REMARK ...                     free text (nlinLS writes several)
//   DATA X_AXIS 1H 1 546 ...       axis description; not needed, the spectrum has the axes
//   VARS INDEX X_AXIS Y_AXIS ... X_PPM Y_PPM ... XW_HZ YW_HZ ... HEIGHT ... ASS ...
//   FORMAT %5d %9.3f ...
//   NULLVALUE -666                 the number meaning "no value"
//   NULLSTRING *                   the string meaning "no value"
//   <rows, whitespace separated, one field per VARS name>
// Reference: the NMRPipe peak table format ("pipe2tab"/"nmrDraw" documentation of VARS).
//
// Positions: X_PPM/Y_PPM when present; otherwise X_AXIS/Y_AXIS, which are 1-BASED point
// positions (0-based pt = value - 1; shared/data/README.md checks 159.453 -> 9.336 ppm).
// Hints: HEIGHT; XW_HZ/YW_HZ (FWHM, Hz), else XW/YW (FWHM, points) times the axis' Hz per point.
// ASS is the assignment; "None" (peakipy, nmrDraw default) and NULLSTRING mean unassigned.
#include <cmath>
#include <string>

#include "io/text_table.h"

namespace voigt::detail {
namespace {

int find_var(const std::vector<std::string_view>& vars, std::string_view want) {
  for (size_t i = 0; i < vars.size(); ++i)
    if (iequals(vars[i], want)) return static_cast<int>(i);
  return -1;
}

// Header keywords whose lines carry nothing this parser needs.
bool is_ignored_keyword(std::string_view word) {
  return iequals(word, "REMARK") || iequals(word, "DATA") || iequals(word, "FORMAT") ||
         word.front() == '#';
}

// What the header lines say: the VARS names, the null markers, and which column holds what.
struct TabHeader {
  std::vector<std::string_view> vars;
  int vars_line = 0;
  double null_value = NAN;  // NaN never compares equal: no NULLVALUE line, no null numbers
  std::string null_string = "*";
  int x_col = -1, y_col = -1;  // position columns
  bool x_in_points = false, y_in_points = false;
  int height_col = -1, ass_col = -1;
  int xw_col = -1, yw_col = -1;  // widths
  bool xw_in_points = false, yw_in_points = false;
};

// A position column: PPM when present, else PT (1-based points), which needs a known axis.
void pick_position(const TabHeader& h,
                   const char* ppm,
                   const char* pt,
                   const Axis& axis,
                   const char* axis_name,
                   const std::string& name,
                   int* col,
                   bool* in_points) {
  *col = find_var(h.vars, ppm);
  if (*col >= 0) return;
  *col = find_var(h.vars, pt);
  if (*col < 0)
    throw_input_error(
        name, h.vars_line, std::string("missing column ") + ppm + " (or " + pt + ")");
  const std::string why = axis.validate(axis_name);
  if (!why.empty())
    throw_input_error(name,
                      h.vars_line,
                      std::string("no ") + ppm + " column, and " + pt +
                          " (points) needs the spectrum's axis: " + why);
  *in_points = true;
}

// The VARS line: column names, then where positions, hints and the assignment are.
void read_vars(const std::vector<std::string_view>& tokens,
               int line,
               const std::string& name,
               const Axis& x,
               const Axis& y,
               TabHeader* h) {
  if (!h->vars.empty()) throw_input_error(name, line, "second VARS line");
  h->vars.assign(tokens.begin() + 1, tokens.end());
  h->vars_line = line;
  if (h->vars.empty()) throw_input_error(name, line, "VARS names no columns");
  pick_position(*h, "X_PPM", "X_AXIS", x, "x", name, &h->x_col, &h->x_in_points);
  pick_position(*h, "Y_PPM", "Y_AXIS", y, "y", name, &h->y_col, &h->y_in_points);
  h->height_col = find_var(h->vars, "HEIGHT");
  h->ass_col = find_var(h->vars, "ASS");
  h->xw_col = find_var(h->vars, "XW_HZ");
  if (h->xw_col < 0 && x.validate("x").empty() && (h->xw_col = find_var(h->vars, "XW")) >= 0)
    h->xw_in_points = true;
  h->yw_col = find_var(h->vars, "YW_HZ");
  if (h->yw_col < 0 && y.validate("y").empty() && (h->yw_col = find_var(h->vars, "YW")) >= 0)
    h->yw_in_points = true;
}

// NULLVALUE and NULLSTRING lines; false when `tokens` is neither.
bool read_null_marker(const std::vector<std::string_view>& tokens,
                      int line,
                      const std::string& name,
                      TabHeader* h) {
  if (iequals(tokens[0], "NULLVALUE")) {
    if (tokens.size() < 2 || !parse_double(tokens[1], &h->null_value))
      throw_input_error(name, line, "NULLVALUE needs a number");
    return true;
  }
  if (iequals(tokens[0], "NULLSTRING")) {
    if (tokens.size() < 2) throw_input_error(name, line, "NULLSTRING needs a value");
    h->null_string = std::string(tokens[1]);
    return true;
  }
  return false;
}

// One data row as a peak.
Peak read_row(const std::vector<std::string_view>& tokens,
              int n,
              const TabHeader& h,
              const std::string& name,
              const Axis& x,
              const Axis& y) {
  if (h.vars.empty())
    throw_input_error(
        name, n, "row before the VARS line (an NMRPipe .tab names its columns first)");
  if (tokens.size() != h.vars.size())
    throw_input_error(name,
                      n,
                      "row has " + std::to_string(tokens.size()) + " fields; VARS (line " +
                          std::to_string(h.vars_line) + ") names " +
                          std::to_string(h.vars.size()));
  auto position = [&](int col, bool in_points, const Axis& axis) {
    const std::string column(h.vars[col]);
    const double v = parse_position(tokens[col], column, name, n);
    if (v == h.null_value)
      throw_input_error(name, n, column + " is the NULLVALUE " + std::string(tokens[col]));
    if (!in_points) return v;
    // A finite point position can still map past the double range on a coarse axis.
    const double ppm = axis.ppm_at(v - 1);
    if (!std::isfinite(ppm))
      throw_input_error(name, n, column + " '" + std::string(tokens[col]) +
                                     "' points gives a ppm that is not finite");
    return ppm;
  };
  auto hint = [&](int col) {
    if (col < 0 || tokens[col] == h.null_string) return double(NAN);
    const double v = parse_hint(tokens[col], std::string(h.vars[col]), name, n);
    return v == h.null_value ? NAN : v;
  };
  auto width_hz = [&](int col, bool in_points, const Axis& axis) {
    const double w = hint(col);
    return positive_or_nan(in_points ? w * axis.hz_per_pt() : w);
  };
  Peak peak;
  peak.source_line = n;
  peak.x_ppm = position(h.x_col, h.x_in_points, x);
  peak.y_ppm = position(h.y_col, h.y_in_points, y);
  if (h.ass_col >= 0 && tokens[h.ass_col] != h.null_string)
    peak.assignment = assignment_or_empty(tokens[h.ass_col]);
  const double height = hint(h.height_col);
  peak.height_hint = std::isfinite(height) ? height : NAN;
  peak.linewidth_x_hz_hint = width_hz(h.xw_col, h.xw_in_points, x);
  peak.linewidth_y_hz_hint = width_hz(h.yw_col, h.yw_in_points, y);
  return peak;
}

}  // namespace

PeakList parse_nmrpipe_tab(std::string_view text,
                           const std::string& name,
                           const Axis& x,
                           const Axis& y) {
  TabHeader header;
  PeakList list;
  list.format = PeakListFormat::kNmrPipeTab;
  for (const TextLine& line : split_lines(text)) {
    const std::vector<std::string_view> tokens = split_whitespace(line.text);
    if (tokens.empty() || is_ignored_keyword(tokens[0])) continue;
    if (iequals(tokens[0], "VARS"))
      read_vars(tokens, line.number, name, x, y, &header);
    else if (!read_null_marker(tokens, line.number, name, &header))
      list.peaks.push_back(read_row(tokens, line.number, header, name, x, y));
  }
  if (header.vars.empty()) throw_input_error(name, 0, "no VARS line (not an NMRPipe .tab)");
  if (list.peaks.empty()) throw_input_error(name, 0, "no peaks");
  return list;
}

}  // namespace voigt::detail
