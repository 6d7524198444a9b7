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

}  // namespace

PeakList parse_ccpn_a2(std::string_view text,
                       const std::string& name,
                       const Axis& x,
                       const Axis& y) {
  const std::vector<TextLine> lines = split_lines(text);
  size_t i = first_content_line(lines, name);
  const int header_line = lines[i].number;
  const std::vector<std::string_view> header = split_on(lines[i].text, '\t');

  std::vector<A2Dim> dims;
  int height_col = -1;
  for (int c = 0; c < static_cast<int>(header.size()); ++c) {
    std::string_view rest;
    if (const int k = dim_number(header[c], "Position", &rest); k > 0) {
      dims.push_back({});
      dims.back().k = k;
      dims.back().position_col = c;
      dims.back().nucleus = nucleus_of(rest);
    } else if (iequals(trim(header[c]), "Height") && height_col < 0) {
      height_col = c;
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
  for (int c = 0; c < static_cast<int>(header.size()); ++c) {
    std::string_view rest;
    int k = dim_number(header[c], "Assign", &rest);
    const bool assign = k > 0 && rest.empty();
    if (!assign) k = dim_number(header[c], "Line Width", &rest);
    const bool width_hz = !assign && k > 0 && iequals(rest, "(Hz)");
    for (A2Dim& d : dims) {
      if (d.k != k) continue;
      if (assign && d.assign_col < 0) d.assign_col = c;
      if (width_hz && d.width_hz_col < 0) d.width_hz_col = c;
    }
  }
  if (dims[1].k < dims[0].k) std::swap(dims[0], dims[1]);
  // Which dimension is x: the one named 1H when exactly one is; else F-order (first = x).
  const bool named = is_proton(dims[0].nucleus) != is_proton(dims[1].nucleus);
  const int xi = (named && is_proton(dims[1].nucleus)) ? 1 : 0;
  const A2Dim& dx = dims[xi];
  const A2Dim& dy = dims[1 - xi];

  int needed = height_col + 1;
  for (const A2Dim& d : dims)
    needed = std::max({needed, d.position_col + 1, d.assign_col + 1, d.width_hz_col + 1});
  auto column_name = [&header](int c) { return std::string(trim(header[c])); };

  PeakList list;
  list.format = PeakListFormat::kCcpnA2;
  for (++i; i < lines.size(); ++i) {
    if (trim(lines[i].text).empty()) continue;
    const int n = lines[i].number;
    const std::vector<std::string_view> fields = split_on(lines[i].text, '\t');
    if (static_cast<int>(fields.size()) < needed)
      throw_input_error(name,
                        n,
                        "row has " + std::to_string(fields.size()) +
                            " tab-separated fields; expected at least " + std::to_string(needed));
    auto hint = [&](int c) { return c < 0 ? NAN : parse_hint(fields[c], column_name(c), name, n); };
    Peak peak;
    peak.source_line = n;
    peak.x_ppm = parse_position(fields[dx.position_col], column_name(dx.position_col), name, n);
    peak.y_ppm = parse_position(fields[dy.position_col], column_name(dy.position_col), name, n);
    for (const A2Dim& d : dims) {
      if (d.assign_col < 0) continue;
      const std::string label = assignment_or_empty(fields[d.assign_col]);
      if (label.empty()) continue;
      if (!peak.assignment.empty()) peak.assignment += '-';
      peak.assignment += label;
    }
    const double height = hint(height_col);
    peak.height_hint = std::isfinite(height) ? height : NAN;
    peak.linewidth_x_hz_hint = positive_or_nan(hint(dx.width_hz_col));
    peak.linewidth_y_hz_hint = positive_or_nan(hint(dy.width_hz_col));
    list.peaks.push_back(std::move(peak));
  }
  if (list.peaks.empty()) throw_input_error(name, 0, "no peaks");
  if (!named) orient_by_axes(&list.peaks, x, y);
  return list;
}

}  // namespace voigt::detail
