// Reading and writing text tables, shared by the peak-list parsers and result writers: lines with
// their numbers, fields, numbers parsed in full, RFC 4180 CSV records, and messages of the form
// "NAME:LINE: what".
#ifndef VOIGT_INTERNAL_IO_TEXT_TABLE_H_
#define VOIGT_INTERNAL_IO_TEXT_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "voigt/axis.h"
#include "voigt/csv.h"
#include "voigt/peak_list.h"
#include "voigt/peak_list_io.h"

namespace voigt::detail {

// One line of a text, without its line break ('\n', "\r\n"); number is 1-based.
struct TextLine {
  int number = 0;
  std::string_view text;
};

// The lines of `text`; a UTF-8 byte order mark at the start is dropped (spreadsheet exports).
std::vector<TextLine> split_lines(std::string_view text);

// Index of the first non-blank line (a table's header); throws "NAME: no peaks" when none.
std::size_t first_content_line(const std::vector<TextLine>& lines, const std::string& name);

std::string_view trim(std::string_view s);                              // spaces, tabs, CR, LF
std::vector<std::string_view> split_whitespace(std::string_view line);  // runs of spaces/tabs
std::vector<std::string_view> split_on(std::string_view line, char delimiter);  // keeps empties
std::string to_lower(std::string_view s);                                       // ASCII only
bool iequals(std::string_view a, std::string_view b);                           // ASCII, case-blind
bool iends_with(std::string_view s, std::string_view suffix);

// True when all of `field` is one decimal number ("1.5", "+2.5e+07", "-3", "nan", "inf"):
// std::from_chars (locale-independent, unlike strtod) plus a leading '+', which NMRPipe's
// "%+e" writes and from_chars refuses. Nothing may be left over: "1.5abc" is not a number.
bool parse_double(std::string_view field, double* value);

// Placeholders exporters write for "no value": "", "None", "NaN", "NA", "N/A", "null", "-",
// "*", "?", "?-?" (case-blind).
bool is_null_token(std::string_view field);

// The assignment of a row: the trimmed label, or "" when it is a placeholder.
std::string assignment_or_empty(std::string_view field);

// Throws std::invalid_argument("NAME:LINE: what"); line <= 0 gives "NAME: what".
[[noreturn]] void throw_input_error(const std::string& name, int line, const std::string& what);

// A required position: a finite number, else throws "NAME:LINE: COLUMN 'FIELD' is not a number"
// (or "... is not finite", "... is empty").
double parse_position(std::string_view field,
                      const std::string& column,
                      const std::string& name,
                      int line);

// An optional hint: NaN for a placeholder (is_null_token), else a number; text that is neither
// throws "NAME:LINE: COLUMN 'FIELD' is not a number" (a typo must not pass as "no hint").
double parse_hint(std::string_view field,
                  const std::string& column,
                  const std::string& name,
                  int line);

// `value` when finite and > 0, else NaN: exporters write 0 or -1 for a width they did not measure.
double positive_or_nan(double value);

// Shortest text that reads back as exactly `value` (std::to_chars, so locale-independent and
// the same bytes on every platform): "0.1", "1e+20", "-0". NaN is "nan", infinities "inf"/"-inf".
std::string format_double(double value);

// `value` rounded to `decimals` decimals (format_rounded) or `digits` significant digits
// (format_significant), then written as format_double does: "8.456123", "35123460". For
// formats read by people and by programs with fixed-precision columns; NaN and infinities as
// format_double, and -0 as "0".
std::string format_rounded(double value, int decimals);
std::string format_significant(double value, int digits);

// `text` as one field of a whitespace-separated table: each space, tab, CR or LF becomes '_',
// and "" becomes `if_empty` (the format's "unassigned": "None", "?-?").
std::string whitespace_free_field(std::string_view text, std::string_view if_empty);

// RFC 4180 fields and records (voigt/csv.h), public for the CLI's manifests and merges.
using ::voigt::csv_field;
using ::voigt::CsvRecord;
using ::voigt::split_csv;

// For lists that do not say which ppm column is 1H (Sparky w1/w2, .a2 without nuclei): swaps
// x and y of every peak when the swapped reading puts more peaks inside the spectrum's ppm
// ranges than the format's default reading does. Nothing happens when an axis is unknown
// (validate() fails) or on a tie, so the default wins whenever the axes cannot tell.
void orient_by_axes(std::vector<Peak>* peaks, const Axis& x, const Axis& y);

// The per-format parsers behind parse_peak_list (one .cc each); they throw as it does. A CSV
// list is read through `mapping` when it is given, else by its header's names.
PeakList parse_csv_peak_list(std::string_view text,
                             const std::string& name,
                             const PeakListColumns& mapping);
PeakList parse_nmrpipe_tab(std::string_view text,
                           const std::string& name,
                           const Axis& x,
                           const Axis& y);
PeakList parse_sparky_list(std::string_view text,
                           const std::string& name,
                           const Axis& x,
                           const Axis& y);
PeakList parse_ccpn_a2(std::string_view text,
                       const std::string& name,
                       const Axis& x,
                       const Axis& y);
PeakList parse_nef_peak_list(std::string_view text,
                             const std::string& name,
                             const Axis& x,
                             const Axis& y);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_IO_TEXT_TABLE_H_
