// CSV peak lists: a header row naming the columns, then one row per peak. Column names are
// matched case-blind after trimming, in any order; other columns are ignored (lunaNMR's own
// result files can be read back). Where the positions are, first rule that applies:
//   1. an explicit mapping (--columns NAME,X,Y; csv_column_mapping.cc);
//   2. lunaNMR's header: Assignment, Position_X (1H ppm), Position_Y (15N/13C ppm);
//   3. position columns ending in "_ppm_1H" and "_ppm_15N" (or "_ppm_13C"), as in
//      shared/data/deep_850MHz_planes/localmax_plane001_derived.csv, where Assignment is optional
//      ("id" stands in) and a "height_*" column gives the height hint;
//   4. ppm columns named by nucleus or dimension, with an optional name column ("res, hn_ppm,
//      n_ppm"; csv_column_names.cc).
// A header that names Position_X or Position_Y is lunaNMR's, and its errors stay lunaNMR's.
// Whatever the rule, these optional hints are read when present: Height, Linewidth or
// Linewidth_X/Linewidth_Y (FWHM, Hz) and Window_X/Window_Y (ppm).
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "io/csv_columns.h"
#include "io/text_table.h"

namespace voigt::detail {
namespace {

struct CsvColumns {
  int assignment = -1, x = -1, y = -1, height = -1;
  int linewidth = -1, linewidth_x = -1, linewidth_y = -1;  // "Linewidth" alone: x only
  int window_x = -1, window_y = -1;
};

CsvColumns find_columns(const std::vector<std::string>& header) {
  CsvColumns c;
  int generic_x = -1, generic_y = -1, id = -1, height_prefixed = -1;
  for (int i = 0; i < static_cast<int>(header.size()); ++i) {
    const std::string key = to_lower(trim(header[i]));
    auto take = [i](int* slot) {
      if (*slot < 0) *slot = i;  // the first of duplicate names wins
    };
    if (key == "assignment")
      take(&c.assignment);
    else if (key == "position_x")
      take(&c.x);
    else if (key == "position_y")
      take(&c.y);
    else if (key == "height")
      take(&c.height);
    else if (key == "linewidth")
      take(&c.linewidth);
    else if (key == "linewidth_x")
      take(&c.linewidth_x);
    else if (key == "linewidth_y")
      take(&c.linewidth_y);
    else if (key == "window_x")
      take(&c.window_x);
    else if (key == "window_y")
      take(&c.window_y);
    else if (key == "id")
      take(&id);
    else if (iends_with(key, "_ppm_1h"))
      take(&generic_x);
    else if (iends_with(key, "_ppm_15n") || iends_with(key, "_ppm_13c"))
      take(&generic_y);
    else if (key.rfind("height_", 0) == 0)
      take(&height_prefixed);
  }
  if (c.x < 0 && c.y < 0 && generic_x >= 0 && generic_y >= 0) {
    c.x = generic_x;
    c.y = generic_y;
    if (c.assignment < 0) c.assignment = id;
    if (c.height < 0) c.height = height_prefixed;
  }
  return c;
}

// Where the positions and hints are, by the rules in this file's opening comment.
CsvColumns locate_columns(const std::vector<std::string>& header,
                          int header_line,
                          const std::string& name,
                          const PeakListColumns& mapping) {
  CsvColumns col = find_columns(header);
  CsvPositionColumns positions;
  if (mapping.given()) {
    positions = resolve_column_mapping(mapping, header, name, header_line);
  } else if (col.x < 0 && col.y < 0) {
    positions = find_named_position_columns(header, name, header_line);
  } else {
    if (col.x < 0) throw_input_error(name, header_line, "missing column Position_X");
    if (col.y < 0) throw_input_error(name, header_line, "missing column Position_Y");
    const bool generic = to_lower(trim(header[col.x])) != "position_x";
    if (col.assignment < 0 && !generic)
      throw_input_error(name, header_line, "missing column Assignment");
    return col;
  }
  col.assignment = positions.name;
  col.x = positions.x;
  col.y = positions.y;
  return col;
}

// The last column a row must reach.
int last_used_column(const CsvColumns& col) {
  int last_used = -1;
  for (int c : {col.assignment,
                col.x,
                col.y,
                col.height,
                col.linewidth,
                col.linewidth_x,
                col.linewidth_y,
                col.window_x,
                col.window_y})
    last_used = std::max(last_used, c);
  return last_used;
}

// One data row as a peak.
Peak read_row(const CsvRecord& row,
              const CsvColumns& col,
              const std::vector<std::string>& header,
              const std::string& name) {
  const int line = row.line;
  auto column_name = [&header](int c) { return std::string(trim(header[c])); };
  const int last_used = last_used_column(col);
  if (static_cast<int>(row.fields.size()) <= last_used)
    throw_input_error(name,
                      line,
                      "row has " + std::to_string(row.fields.size()) + " fields; column " +
                          column_name(last_used) + " is field " + std::to_string(last_used + 1));
  auto field = [&row](int c) { return std::string_view(row.fields[c]); };
  auto hint = [&](int c) { return c < 0 ? NAN : parse_hint(field(c), column_name(c), name, line); };
  auto window = [&](int c) {
    const double w = hint(c);
    if (!std::isnan(w) && !(std::isfinite(w) && w > 0))
      throw_input_error(
          name, line, column_name(c) + " '" + std::string(trim(field(c))) + "' must be > 0 (ppm)");
    return w;
  };
  Peak peak;
  peak.source_line = line;
  if (col.assignment >= 0) peak.assignment = assignment_or_empty(field(col.assignment));
  peak.x_ppm = parse_position(field(col.x), column_name(col.x), name, line);
  peak.y_ppm = parse_position(field(col.y), column_name(col.y), name, line);
  const double height = hint(col.height);
  peak.height_hint = std::isfinite(height) ? height : NAN;
  peak.linewidth_x_hz_hint =
      positive_or_nan(col.linewidth_x >= 0 ? hint(col.linewidth_x) : hint(col.linewidth));
  peak.linewidth_y_hz_hint = positive_or_nan(hint(col.linewidth_y));
  peak.window_x_ppm = window(col.window_x);
  peak.window_y_ppm = window(col.window_y);
  return peak;
}

}  // namespace

PeakList parse_csv_peak_list(std::string_view text,
                             const std::string& name,
                             const PeakListColumns& mapping) {
  const std::vector<CsvRecord> records = split_csv(text, name);
  if (records.empty()) throw_input_error(name, 0, "no peaks");
  const std::vector<std::string>& header = records.front().fields;
  const CsvColumns col = locate_columns(header, records.front().line, name, mapping);
  PeakList list;
  list.format = PeakListFormat::kCsv;
  for (size_t r = 1; r < records.size(); ++r)
    list.peaks.push_back(read_row(records[r], col, header, name));
  if (list.peaks.empty()) throw_input_error(name, 0, "no peaks");
  return list;
}

}  // namespace voigt::detail
