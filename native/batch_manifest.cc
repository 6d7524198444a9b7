#include "batch_manifest.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "voigt/csv.h"

namespace voigt {
namespace {

const std::vector<std::string>& fixed_columns() {
  static const std::vector<std::string> kColumns = {
      "name", "spectrum", "peaks", "delays", "plane", "group", "concentration"};
  return kColumns;
}

[[noreturn]] void fail(const std::string& path, int line, const std::string& column,
                       const std::string& what) {
  throw std::invalid_argument(path + ":" + std::to_string(line) + ": column '" + column + "': " +
                              what);
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool safe_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

// Column name -> field index, after checking every header cell is a known column, once.
std::map<std::string, std::size_t> header_columns(const CsvRecord& header,
                                                   const std::string& path,
                                                   const std::vector<std::string>& options) {
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& c = header.fields[i];
    if (!contains(fixed_columns(), c) && !contains(options, c))
      fail(path, header.line, c, "unknown column (known: name, spectrum, peaks, delays, plane, "
                                 "group, concentration, and fit options such as shape, baseline)");
    if (!columns.emplace(c, i).second) fail(path, header.line, c, "appears twice in the header");
  }
  for (const char* required : {"name", "spectrum", "peaks"})
    if (!columns.count(required)) fail(path, header.line, required, "missing from the header");
  return columns;
}

std::vector<std::string> split_files(const std::string& cell) {
  std::vector<std::string> files;
  std::size_t start = 0;
  for (;;) {
    const std::size_t semi = cell.find(';', start);
    std::string part = cell.substr(start, semi == std::string::npos ? semi : semi - start);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    if (!part.empty()) files.push_back(part);
    if (semi == std::string::npos) return files;
    start = semi + 1;
  }
}

ManifestRow read_row(const CsvRecord& record, const std::map<std::string, std::size_t>& columns,
                     const std::string& path) {
  auto cell = [&](const std::string& column) -> std::string {
    const auto it = columns.find(column);
    if (it == columns.end() || it->second >= record.fields.size()) return "";
    return record.fields[it->second];
  };
  auto required = [&](const std::string& column) {
    std::string value = cell(column);
    if (value.empty()) fail(path, record.line, column, "is empty");
    return value;
  };
  ManifestRow row;
  row.line = record.line;
  row.name = required("name");
  if (!safe_name(row.name))
    fail(path, record.line, "name",
         "'" + row.name + "' may hold only letters, digits, '_' and '-' (it names files)");
  row.spectra = split_files(required("spectrum"));
  if (row.spectra.empty()) fail(path, record.line, "spectrum", "names no file");
  row.peaks = required("peaks");
  row.delays = cell("delays");
  row.plane = cell("plane");
  row.group = cell("group");
  row.concentration = cell("concentration");
  for (const auto& [column, index] : columns)
    if (!contains(fixed_columns(), column) && !cell(column).empty())
      row.overrides.emplace_back(column, cell(column));
  if (record.fields.size() > columns.size())
    fail(path, record.line, "(beyond the header)",
         std::to_string(record.fields.size()) + " fields, the header has " +
             std::to_string(columns.size()));
  return row;
}

// A row of a titration group needs its concentration; a row without a group is in none.
void check_titration(const ManifestRow& row, const std::string& path) {
  if (row.group.empty()) return;
  char* end = nullptr;
  std::strtod(row.concentration.c_str(), &end);
  if (row.concentration.empty() || *end)
    fail(path, row.line, "concentration", "'" + row.concentration + "' is not a number");
}

}  // namespace

Manifest parse_manifest(std::string_view text,
                        const std::string& path,
                        const std::vector<std::string>& option_columns) {
  const std::vector<CsvRecord> records = split_csv(text, path);
  if (records.empty()) throw std::invalid_argument(path + ": no header (name,spectrum,peaks)");
  const auto columns = header_columns(records.front(), path, option_columns);
  Manifest manifest;
  manifest.path = path;
  const std::size_t slash = path.find_last_of('/');
  manifest.folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  manifest.titration = columns.count("group") && columns.count("concentration");
  std::set<std::string> names;
  for (std::size_t r = 1; r < records.size(); ++r) {
    ManifestRow row = read_row(records[r], columns, path);
    if (!names.insert(row.name).second)
      fail(path, row.line, "name", "'" + row.name + "' names an earlier row too");
    if (manifest.titration) check_titration(row, path);
    manifest.rows.push_back(std::move(row));
  }
  if (manifest.rows.empty()) throw std::invalid_argument(path + ": no jobs (only a header)");
  return manifest;
}

std::string manifest_path(const Manifest& manifest, const std::string& relative) {
  if (!relative.empty() && relative.front() == '/') return relative;
  return manifest.folder + relative;
}

void check_manifest_files(const Manifest& manifest) {
  for (const ManifestRow& row : manifest.rows) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const std::string& s : row.spectra) files.emplace_back("spectrum", s);
    files.emplace_back("peaks", row.peaks);
    if (row.is_series()) files.emplace_back("delays", row.delays);
    for (const auto& [column, file] : files) {
      const std::string real = manifest_path(manifest, file);
      std::ifstream in(real, std::ios::binary);
      struct stat info {};
      if (!in || ::stat(real.c_str(), &info) != 0)
        fail(manifest.path, row.line, column, "cannot read " + real + ": " + std::strerror(errno));
      if (S_ISDIR(info.st_mode))
        fail(manifest.path, row.line, column, "cannot read " + real + ": Is a directory");
    }
  }
}

}  // namespace voigt
