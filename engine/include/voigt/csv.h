// RFC 4180 CSV text: splitting it into records with their line numbers, and quoting a field.
// The peak-list readers use it, and so does the CLI for campaign manifests and merged tables.
#ifndef VOIGT_PUBLIC_CSV_H_
#define VOIGT_PUBLIC_CSV_H_

#include <string>
#include <string_view>
#include <vector>

namespace voigt {

// `field` as one RFC 4180 CSV field: quoted ('"' doubled) when it holds ',', '"', CR or LF.
std::string csv_field(std::string_view field);

// One CSV record: its fields (unquoted, unquoted fields trimmed) and the line where it starts.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// RFC 4180 records of `text`: ',' separated, '"' quoted fields may hold ',', '""' and line
// breaks. Blank lines and lines starting with '#' (comment lines, as in lunaNMR's exports) are
// skipped. Throws std::invalid_argument "NAME:LINE: unterminated quoted field".
std::vector<CsvRecord> split_csv(std::string_view text, const std::string& name);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_CSV_H_
