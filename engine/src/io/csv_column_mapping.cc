// An explicit column mapping for CSV peak lists (--columns NAME,X,Y): its text, its checks
// against the read options, and the header columns it names.
#include <stdexcept>
#include <string>

#include "io/csv_columns.h"
#include "io/text_table.h"
#include "voigt/peak_list_io.h"

namespace voigt {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// A NAME, X or Y field of the flag: "-" means none; "0" is no column number.
std::string mapping_field(std::string_view field, const std::string& spec) {
  field = detail::trim(field);
  if (field == "-") return "";
  if (all_digits(field) && field.find_first_not_of('0') == std::string_view::npos)
    throw std::invalid_argument("--columns '" + spec + "': column numbers start at 1");
  return std::string(field);
}

}  // namespace

PeakListColumns peak_list_columns_from_text(const std::string& spec) {
  const std::vector<std::string_view> fields = detail::split_on(spec, ',');
  if (fields.size() != 3)
    throw std::invalid_argument("--columns '" + spec +
                                "': expected NAME,X,Y (three comma-separated fields), found " +
                                std::to_string(fields.size()));
  PeakListColumns columns;
  columns.name = mapping_field(fields[0], spec);
  columns.x = mapping_field(fields[1], spec);
  columns.y = mapping_field(fields[2], spec);
  if (columns.x.empty() || columns.y.empty())
    throw std::invalid_argument("--columns '" + spec +
                                "': X and Y must each name a column (a header name or a 1-based "
                                "number); only NAME may be empty or '-'");
  return columns;
}

std::string PeakListReadOptions::validate() const {
  if (!columns.given()) return "";
  if (columns.x.empty() || columns.y.empty())
    return "PeakListReadOptions::columns must name both x and y (--columns NAME,X,Y)";
  if (format != PeakListFormat::kAuto && format != PeakListFormat::kCsv)
    return std::string("PeakListReadOptions::columns applies to CSV lists only, but format is ") +
           to_string(format) + " (--columns with --peaks-format " + to_string(format) + ")";
  return "";
}

namespace detail {

CsvPositionColumns resolve_column_mapping(const PeakListColumns& mapping,
                                          const std::vector<std::string>& header,
                                          const std::string& file,
                                          int header_line) {
  const int num_columns = static_cast<int>(header.size());
  auto find = [&](const std::string& ref, const char* role) {
    if (ref.empty()) return -1;
    const std::string what = std::string("--columns ") + role + " ";
    if (all_digits(ref)) {
      // Past 9 digits no header is that wide (and the number would overflow an int).
      const int number = ref.size() > 9 ? num_columns + 1 : std::stoi(ref);
      if (number > num_columns)
        throw_input_error(file,
                          header_line,
                          what + ref + ": the header has " + std::to_string(num_columns) +
                              " columns (" + describe_header(header) + ")");
      return number - 1;
    }
    for (int c = 0; c < num_columns; ++c)
      if (iequals(trim(header[c]), ref)) return c;
    throw_input_error(
        file,
        header_line,
        what + "'" + ref + "' is not a column of the header (" + describe_header(header) + ")");
  };
  CsvPositionColumns found;
  found.name = find(mapping.name, "NAME");
  found.x = find(mapping.x, "X");
  found.y = find(mapping.y, "Y");
  if (found.x == found.y)
    throw_input_error(
        file,
        header_line,
        "--columns X and Y are both column '" + std::string(trim(header[found.x])) + "'");
  return found;
}

}  // namespace detail
}  // namespace voigt
