// Test data lives in ../shared (never copied into the project): reference tables and spectra.
#ifndef VOIGT_TESTS_SUPPORT_SHARED_DATA_H_
#define VOIGT_TESTS_SUPPORT_SHARED_DATA_H_

#include <cstdint>
#include <string>
#include <vector>

namespace voigt::testing {

// Absolute path of `relative` below the shared folder (VOIGTFIT_SHARED overrides the folder
// found at configure time). Fails the current test when the file is missing.
std::string shared_path(const std::string& relative);

// Whole file contents; fails the current test when unreadable.
std::vector<std::uint8_t> read_bytes(const std::string& path);
std::string read_text(const std::string& path);

// Rows of a CSV table with a header line; lines starting with '#' are skipped.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  int column(const std::string& name) const;  // -1 when absent
};
CsvTable read_csv(const std::string& path);

// strtod without std::stod's out_of_range on subnormal values (the reference tables have some).
double to_double(const std::string& text);

}  // namespace voigt::testing

#endif  // VOIGT_TESTS_SUPPORT_SHARED_DATA_H_
