// A campaign manifest: a CSV file with a header and one row per job (a 2D fit, or a series
// when the row has delays), read and checked whole before any job runs, so that a bad row costs
// no fitting time. Every message names the manifest, the row's line and the column.
#ifndef VOIGT_NATIVE_BATCH_MANIFEST_H_
#define VOIGT_NATIVE_BATCH_MANIFEST_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace voigt {

struct ManifestRow {
  int line = 0;                      // where the row starts in the manifest, for messages
  std::string name;                  // unique; letters, digits, '_' and '-' only (a file stem)
  std::vector<std::string> spectra;  // one file, or plane files (`;`-separated in the cell)
  std::string peaks;
  std::string delays;                // "" for a 2D fit
  std::string plane;                 // "" when not given (2D fits only)
  std::string group;                 // titration group; "" for a row in none
  std::string concentration;         // a number when group is set
  // Per-row option overrides: (column, cell) for every non-empty cell of an option column; the
  // column is a flag's name without its "--" (shape -> --shape).
  std::vector<std::pair<std::string, std::string>> overrides;
  bool is_series() const { return !delays.empty(); }
};

struct Manifest {
  std::string path;    // as given on the command line
  std::string folder;  // the folder the rows' paths are relative to ("" for the current one)
  bool titration = false;  // has both `group` and `concentration` columns
  std::vector<ManifestRow> rows;
};

// Reads the manifest `text` (from the file `path`). Columns: name, spectrum and peaks
// (required), delays, plane, group, concentration, and any of `option_columns`. Throws
// std::invalid_argument "PATH:LINE: column 'COLUMN': WHAT" for a missing or unknown column, an
// empty required cell, a bad or duplicate name, a row of a group whose concentration is not a
// number.
Manifest parse_manifest(std::string_view text,
                        const std::string& path,
                        const std::vector<std::string>& option_columns);

// `relative` (a path in a row) as a path from the current folder: absolute paths stay.
std::string manifest_path(const Manifest& manifest, const std::string& relative);

// Throws "PATH:LINE: column 'COLUMN': cannot read FILE: REASON" for the first file a row names
// that cannot be opened for reading.
void check_manifest_files(const Manifest& manifest);

}  // namespace voigt

#endif  // VOIGT_NATIVE_BATCH_MANIFEST_H_
