// CCPN Analysis v2 peak table export (.a2): tab separated, one header row, e.g.
//   Number  #  Position F1  Position F2  Sampled None  Assign F1  Assign F2  Assign F3  Height
//   Volume  Line Width F1 (Hz)  Line Width F2 (Hz)  ...  Merit  Details  Fit Method  Vol. Method
// Position F<k> may name its nucleus, "Position F1 (1H ppm)"; then the 1H dimension is x. The
// export in shared/data/proteinL_pseudo3d/peaks.a2 names none ("Position F1"), and there F1 is
// 1H: without nuclei the default is x = F1, y = F2 (as peakipy reads .a2), and the spectrum's
// axes may overrule it (orient_by_axes). A pseudo-3D export has a "Sampled" column for the
// series dimension and an "Assign F3" holding the series value: only dimensions with a Position
// column are read. Empty fields and "None" are "no value".
//
// Assignment: the Assign F<k> labels of the two position dimensions, in k order, joined by '-'
// and without placeholders ("{23}H[45]-{23}N[46]"; "" when both are empty).
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "io/text_table.h"

namespace voigt::detail {
namespace {

// A position dimension of the table: columns of "Position F<k>", "Assign F<k>",
// "Line Width F<k> (Hz)", and whether the header names it as 1H.
struct A2Dim {
  int k = 0;
  int position_col = -1, assign_col = -1, width_hz_col = -1;
  std::string nucleus;  // "" when the header does not say
};

constexpr int kMaxDimNumber = 1000;

// k of "PREFIX F<k>REST" (case-blind), with REST returned; 0 when `column` is not one.
int dim_number(std::string_view column, std::string_view prefix, std::string_view* rest) {
  column = trim(column);
  if (column.size() <= prefix.size() + 1 || !iequals(column.substr(0, prefix.size()), prefix))
    return 0;
  column.remove_prefix(prefix.size());
  column = trim(column);
  if (column.empty() || (column[0] != 'F' && column[0] != 'f')) return 0;
  column.remove_prefix(1);
  int k = 0;
  size_t digits = 0;
  while (digits < column.size() && column[digits] >= '0' && column[digits] <= '9') {
    // No spectrum has 1000 dimensions: a longer number is not a dimension (and would overflow).
    if (k >= kMaxDimNumber / 10) return 0;
    k = 10 * k + (column[digits++] - '0');
  }
  if (digits == 0) return 0;
  *rest = trim(column.substr(digits));
  return k;
}

// "(1H ppm)" -> "1H"; "" when there are no parentheses.
std::string nucleus_of(std::string_view rest) {
  if (rest.empty() || rest.front() != '(') return "";
  rest.remove_prefix(1);
  const std::vector<std::string_view> words = split_whitespace(rest.substr(0, rest.find(')')));
  return words.empty() ? "" : std::string(words[0]);
}

bool is_proton(const std::string& nucleus) {
  return iequals(nucleus, "1H") || iequals(nucleus, "H");
}

// The Position F<k> columns (exactly two) and the Height column of the header.
std::vector<A2Dim> find_position_columns(const std::vector<std::string_view>& header,
                                         int header_line,
                                         const std::string& name,
                                         int* height_col) {
  std::vector<A2Dim> dims;
  for (int c = 0; c < static_cast<int>(header.size()); ++c) {
    std::string_view rest;
    if (const int k = dim_number(header[c], "Position", &rest); k > 0) {
      dims.push_back({});
      dims.back().k = k;
      dims.back().position_col = c;
      dims.back().nucleus = nucleus_of(rest);
    } else if (iequals(trim(header[c]), "Height") && *height_col < 0) {
      *height_col = c;
    }
  }
  if (dims.size() < 2)
    throw_input_error(
        name,
        header_line,
        dims.empty() ? "missing column Position F1" : "missing a second Position F<k> column");
  if (dims.size() > 2)
    throw_input_error(
        name,
        header_line,
        std::to_string(dims.size()) + " Position columns; a 2D fit needs exactly two");
  return dims;
}

// The Assign F<k> and "Line Width F<k> (Hz)" columns of each position dimension.
void find_dim_columns(const std::vector<std::string_view>& header, std::vector<A2Dim>* dims) {
  for (int c = 0; c < static_cast<int>(header.size()); ++c) {
    std::string_view rest;
    int k = dim_number(header[c], "Assign", &rest);
    const bool assign = k > 0 && rest.empty();
    if (!assign) k = dim_number(header[c], "Line Width", &rest);
    const bool width_hz = !assign && k > 0 && iequals(rest, "(Hz)");
    for (A2Dim& d : *dims) {
      if (d.k != k) continue;
      if (assign && d.assign_col < 0) d.assign_col = c;
      if (width_hz && d.width_hz_col < 0) d.width_hz_col = c;
    }
  }
}

// The header's columns and position dimensions. x is the dimension named 1H when exactly one
// is, else the first in F-order.
struct A2Header {
  std::vector<std::string_view> columns;
  std::vector<A2Dim> dims;  // in F-order
  int xi = 0;               // dims[xi] is x, dims[1 - xi] is y
  int height_col = -1;
  bool named = false;  // the header names which dimension is 1H
  int needed = 0;      // fields a row must have
};

A2Header read_header(std::string_view line, int header_line, const std::string& name) {
  A2Header h;
  h.columns = split_on(line, '\t');
  std::vector<A2Dim>& dims = h.dims;
  dims = find_position_columns(h.columns, header_line, name, &h.height_col);
  find_dim_columns(h.columns, &dims);
  if (dims[1].k < dims[0].k) std::swap(dims[0], dims[1]);
  h.named = is_proton(dims[0].nucleus) != is_proton(dims[1].nucleus);
  h.xi = (h.named && is_proton(dims[1].nucleus)) ? 1 : 0;
  h.needed = h.height_col + 1;
  for (const A2Dim& d : dims)
    h.needed = std::max({h.needed, d.position_col + 1, d.assign_col + 1, d.width_hz_col + 1});
  return h;
}

// One data row as a peak.
Peak read_row(std::string_view line, int n, const A2Header& h, const std::string& name) {
  const std::vector<std::string_view> fields = split_on(line, '\t');
  if (static_cast<int>(fields.size()) < h.needed)
    throw_input_error(name,
                      n,
                      "row has " + std::to_string(fields.size()) +
                          " tab-separated fields; expected at least " + std::to_string(h.needed));
  auto column_name = [&h](int c) { return std::string(trim(h.columns[c])); };
  auto hint = [&](int c) { return c < 0 ? NAN : parse_hint(fields[c], column_name(c), name, n); };
  const A2Dim& dx = h.dims[h.xi];
  const A2Dim& dy = h.dims[1 - h.xi];
  Peak peak;
  peak.source_line = n;
  peak.x_ppm = parse_position(fields[dx.position_col], column_name(dx.position_col), name, n);
  peak.y_ppm = parse_position(fields[dy.position_col], column_name(dy.position_col), name, n);
  for (const A2Dim& d : h.dims) {
    if (d.assign_col < 0) continue;
    const std::string label = assignment_or_empty(fields[d.assign_col]);
    if (label.empty()) continue;
    if (!peak.assignment.empty()) peak.assignment += '-';
    peak.assignment += label;
  }
  const double height = hint(h.height_col);
  peak.height_hint = std::isfinite(height) ? height : NAN;
  peak.linewidth_x_hz_hint = positive_or_nan(hint(dx.width_hz_col));
  peak.linewidth_y_hz_hint = positive_or_nan(hint(dy.width_hz_col));
  return peak;
}

}  // namespace

PeakList parse_ccpn_a2(std::string_view text,
                       const std::string& name,
                       const Axis& x,
                       const Axis& y) {
  const std::vector<TextLine> lines = split_lines(text);
  size_t i = first_content_line(lines, name);
  const A2Header header = read_header(lines[i].text, lines[i].number, name);
  PeakList list;
  list.format = PeakListFormat::kCcpnA2;
  for (++i; i < lines.size(); ++i) {
    if (trim(lines[i].text).empty()) continue;
    list.peaks.push_back(read_row(lines[i].text, lines[i].number, header, name));
  }
  if (list.peaks.empty()) throw_input_error(name, 0, "no peaks");
  if (!header.named) orient_by_axes(&list.peaks, x, y);
  return list;
}

}  // namespace voigt::detail
