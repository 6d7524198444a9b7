// Reading peak lists from text: CSV (lunaNMR's columns, or ppm columns named by nucleus or
// dimension, or any columns through an explicit mapping), NMRPipe .tab, Sparky .list, CCPN
// Analysis v2 .a2, NEF (the first 2D nef_nmr_spectrum save frame's _nef_peak loop). Parsers read a string (the shells own files), so native and WebAssembly
// builds share them.
#ifndef VOIGT_PUBLIC_PEAK_LIST_IO_H_
#define VOIGT_PUBLIC_PEAK_LIST_IO_H_

#include <string>
#include <string_view>

#include "voigt/axis.h"
#include "voigt/peak_list.h"

namespace voigt {

// Parses `text` as a peak list of `format` (kAuto: detected from the content, see
// detect_peak_list_format). `name` (usually the file name) prefixes every message.
// The axes are the spectrum's: they turn NMRPipe point positions (X_AXIS/Y_AXIS) into ppm and
// point widths into Hz, and decide which ppm column is x (1H) when a format does not say
// (Sparky w1/w2, an .a2 header without nuclei). An axis with size_pt = 0 is "unknown": then
// point-only lists are rejected and each format's own column order is trusted.
// Peaks keep the file's order; Peak::source_line is the 1-based line of the row.
// Throws std::invalid_argument "NAME:LINE: what is wrong" (or "NAME: what is wrong" when no
// line applies) for unreadable content, a missing column, a position that is not a finite
// number, or a list without peaks.
PeakList parse_peak_list(std::string_view text,
                         const std::string& name,
                         PeakListFormat format,
                         const Axis& x,
                         const Axis& y);

// Which CSV columns hold the peak's name and its x (direct, 1H) and y (indirect, 15N/13C)
// positions in ppm, for headers the reader does not recognise by itself. Each is a header name
// (matched case-blind, trimmed) or, when all digits, a 1-based column number; `name` may be ""
// (no name column). All three "" (the default): the header decides.
struct PeakListColumns {
  std::string name;
  std::string x;
  std::string y;
  bool given() const { return !name.empty() || !x.empty() || !y.empty(); }
};

// How to read a peak list, beyond its text and the spectrum's axes.
struct PeakListReadOptions {
  // kAuto: detected from the content (detect_peak_list_format).
  PeakListFormat format = PeakListFormat::kAuto;
  // Given: the list is read as CSV with these columns, whatever its header says; only kAuto
  // and kCsv go with it.
  PeakListColumns columns;

  // "" when valid, else "PeakListReadOptions::FIELD ... (--FLAG)": a mapping without x or y,
  // or a mapping with a format other than CSV.
  std::string validate() const;
};

// Value of a --columns flag: "NAME,X,Y", three comma-separated fields (spaces around them are
// trimmed); NAME may be empty or "-" for no name column; a field of digits is a 1-based column
// number (>= 1). Throws std::invalid_argument "--columns 'SPEC': what is wrong".
PeakListColumns peak_list_columns_from_text(const std::string& spec);

// parse_peak_list with options: validates them (std::invalid_argument with validate()'s
// message), then reads as above. With a column mapping, a name or number the header does not
// have throws "NAME:LINE: --columns X 'foo' is not a column of the header (COLUMNS)".
PeakList parse_peak_list(std::string_view text,
                         const std::string& name,
                         const PeakListReadOptions& options,
                         const Axis& x,
                         const Axis& y);

// The format of `text` from its header: a first line (after comments) "data_..." and a "_nef_"
// tag -> NEF; a "VARS" line -> NMRPipe .tab; "Position F1" -> CCPN
// .a2; a CSV header with Position_X (or *_ppm_1H) -> CSV; first token "Assignment" followed by
// w1 and w2 -> Sparky; any other header with a comma -> CSV (whose reader then looks for ppm
// columns named by nucleus or dimension, and says which columns it found when it cannot tell).
// Throws std::invalid_argument listing the accepted formats otherwise.
PeakListFormat detect_peak_list_format(std::string_view text, const std::string& name);

// Value of a --peaks-format flag: "auto", "csv", "tab", "sparky", "a2" or "nef"
// (case-insensitive).
// Throws std::invalid_argument naming the value and the accepted names.
PeakListFormat peak_list_format_from_name(const std::string& name);

// The flag name of a format ("auto", "csv", "tab", "sparky", "a2", "nef").
const char* to_string(PeakListFormat format);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_PEAK_LIST_IO_H_
