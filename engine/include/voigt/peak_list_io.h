// Reading peak lists from text: lunaNMR CSV, NMRPipe .tab, Sparky .list, CCPN Analysis v2 .a2.
// Parsers read a string (the shells own files), so native and WebAssembly builds share them.
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

// The format of `text` from its header: a "VARS" line -> NMRPipe .tab; a CSV header with
// Position_X (or *_ppm_1H) -> CSV; "Position F1" -> CCPN .a2; first token "Assignment" followed
// by w1 and w2 -> Sparky. Throws std::invalid_argument listing the accepted formats otherwise.
PeakListFormat detect_peak_list_format(std::string_view text, const std::string& name);

// Value of a --peaks-format flag: "auto", "csv", "tab", "sparky" or "a2" (case-insensitive).
// Throws std::invalid_argument naming the value and the accepted names.
PeakListFormat peak_list_format_from_name(const std::string& name);

// The flag name of a format ("auto", "csv", "tab", "sparky", "a2").
const char* to_string(PeakListFormat format);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_PEAK_LIST_IO_H_
