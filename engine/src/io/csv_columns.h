// Finding the position columns of a CSV peak list whose header is not lunaNMR's: by the names
// people commonly give them (csv_column_names.cc) or by an explicit NAME,X,Y mapping
// (csv_column_mapping.cc). peak_list_csv.cc decides which of the two applies.
#ifndef VOIGT_INTERNAL_IO_CSV_COLUMNS_H_
#define VOIGT_INTERNAL_IO_CSV_COLUMNS_H_

#include <string>
#include <string_view>
#include <vector>

#include "voigt/peak_list_io.h"

namespace voigt::detail {

// Header indices of a list's name column and its x (direct, 1H) and y (indirect) ppm
// columns; -1 = none.
struct CsvPositionColumns {
  int name = -1;
  int x = -1;
  int y = -1;
};

// What a column's name says it holds.
enum class CsvColumnRole {
  kOther,     // nothing this reader recognises
  kName,      // the peak's name: res, residue, name, assignment, assign, label, peak, id
  kDirect,    // x ppm: H, 1H, H1, HN, x, w2, F2 (with or without "ppm")
  kIndirect,  // y ppm: N, 15N, N15, C, 13C, C13, y, w1, F1 (with or without "ppm")
  kThird,     // a third dimension: w3, w4, F3, F4
};

// The role of one header field, from its words (see csv_column_names.cc for the rules).
CsvColumnRole csv_column_role(std::string_view column);

// The name, x and y columns of `header` by csv_column_role. Throws "FILE:LINE: ..." (naming
// the columns found) when two columns could be x (or y), when x or y has no column, or when a
// third dimension is named.
CsvPositionColumns find_named_position_columns(const std::vector<std::string>& header,
                                               const std::string& file,
                                               int header_line);

// The columns an explicit mapping names. Throws "FILE:LINE: --columns ..." for a name or
// number the header does not have, or x and y in one column.
CsvPositionColumns resolve_column_mapping(const PeakListColumns& mapping,
                                          const std::vector<std::string>& header,
                                          const std::string& file,
                                          int header_line);

// The header's column names for messages: "res, hn_ppm, n_ppm" (the first 20, then a count).
std::string describe_header(const std::vector<std::string>& header);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_IO_CSV_COLUMNS_H_
