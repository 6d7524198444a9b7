// Peak-list formats: detection from content, the --peaks-format names, and dispatch to the
// per-format parsers (peak_list_csv.cc, peak_list_nmrpipe_tab.cc, peak_list_sparky.cc,
// peak_list_ccpn.cc, nef_peak_list.cc). Detection reads headers only, so it never depends on the rows.
#include <stdexcept>
#include <string>

#include "io/text_table.h"
#include "voigt/peak_list_io.h"

namespace voigt {
namespace {

constexpr const char* kAcceptedFormats =
    "accepted: lunaNMR CSV (header with Assignment, Position_X, Position_Y), CSV with ppm "
    "columns named by nucleus or dimension (e.g. 'res, H_ppm, N_ppm'; any CSV with --columns "
    "NAME,X,Y), NMRPipe .tab (a VARS line), Sparky .list (header 'Assignment w1 w2'), CCPN "
    "Analysis v2 .a2 (header with 'Position F1', 'Position F2'), NEF (data_ block with _nef_ tags)";

bool is_csv_header(std::string_view line) {
  for (std::string_view field : detail::split_on(line, ',')) {
    field = detail::trim(field);
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
      field = detail::trim(field.substr(1, field.size() - 2));
    if (detail::iequals(field, "Position_X") || detail::iends_with(field, "_ppm_1H")) return true;
  }
  return false;
}

// NEF (a STAR file): the first line that is not blank or a comment opens the data block, and
// NEF tags follow. Checked before the other formats: a NEF text field may hold any line,
// "VARS" included.
bool is_nef(const std::vector<detail::TextLine>& lines, std::string_view text) {
  for (const detail::TextLine& line : lines) {
    const std::string_view t = detail::trim(line.text);
    if (t.empty() || t.front() == '#') continue;
    return t.size() >= 5 && detail::iequals(t.substr(0, 5), "data_") &&
           detail::to_lower(text).find("_nef_") != std::string::npos;
  }
  return false;
}

bool is_sparky_header(std::string_view line) {
  const std::vector<std::string_view> tokens = detail::split_whitespace(line);
  bool w1 = false, w2 = false;
  for (std::string_view t : tokens) {
    w1 = w1 || detail::iequals(t, "w1");
    w2 = w2 || detail::iequals(t, "w2");
  }
  return !tokens.empty() && detail::iequals(tokens[0], "Assignment") && w1 && w2;
}

}  // namespace

PeakListFormat detect_peak_list_format(std::string_view text, const std::string& name) {
  const std::vector<detail::TextLine> lines = detail::split_lines(text);
  if (is_nef(lines, text)) return PeakListFormat::kNef;
  // NMRPipe tables may open with REMARK and DATA lines (nlinLS output), so look at every line.
  for (const detail::TextLine& line : lines) {
    const std::vector<std::string_view> tokens = detail::split_whitespace(line.text);
    if (!tokens.empty() && detail::iequals(tokens[0], "VARS")) return PeakListFormat::kNmrPipeTab;
  }
  for (const detail::TextLine& line : lines) {
    const std::string_view header = detail::trim(line.text);
    if (header.empty() || header.front() == '#') continue;  // lunaNMR comment lines
    if (detail::to_lower(header).find("position f1") != std::string::npos)
      return PeakListFormat::kCcpnA2;
    if (is_csv_header(header)) return PeakListFormat::kCsv;
    if (is_sparky_header(header)) return PeakListFormat::kSparky;
    // Any other comma-separated header: the CSV reader looks for ppm columns named by nucleus
    // or dimension, and says which columns it found when it cannot tell.
    if (header.find(',') != std::string_view::npos) return PeakListFormat::kCsv;
    detail::throw_input_error(
        name, line.number, "unknown peak list format; " + std::string(kAcceptedFormats));
  }
  detail::throw_input_error(name, 0, "no peaks (the list is empty)");
}

PeakList parse_peak_list(std::string_view text,
                         const std::string& name,
                         PeakListFormat format,
                         const Axis& x,
                         const Axis& y) {
  PeakListReadOptions options;
  options.format = format;
  return parse_peak_list(text, name, options, x, y);
}

PeakList parse_peak_list(std::string_view text,
                         const std::string& name,
                         const PeakListReadOptions& options,
                         const Axis& x,
                         const Axis& y) {
  if (const std::string problem = options.validate(); !problem.empty())
    throw std::invalid_argument(problem);
  PeakListFormat format = options.format;
  // A column mapping is for CSV lists, so the header is not needed to tell the format.
  if (format == PeakListFormat::kAuto && options.columns.given()) format = PeakListFormat::kCsv;
  if (format == PeakListFormat::kAuto) format = detect_peak_list_format(text, name);
  switch (format) {
    case PeakListFormat::kCsv:
      return detail::parse_csv_peak_list(text, name, options.columns);
    case PeakListFormat::kNmrPipeTab:
      return detail::parse_nmrpipe_tab(text, name, x, y);
    case PeakListFormat::kSparky:
      return detail::parse_sparky_list(text, name, x, y);
    case PeakListFormat::kCcpnA2:
      return detail::parse_ccpn_a2(text, name, x, y);
    case PeakListFormat::kNef:
      return detail::parse_nef_peak_list(text, name, x, y);
    case PeakListFormat::kAuto:
      break;
  }
  throw std::logic_error("parse_peak_list: unhandled PeakListFormat");
}

PeakListFormat peak_list_format_from_name(const std::string& name) {
  for (PeakListFormat f : {PeakListFormat::kAuto,
                           PeakListFormat::kCsv,
                           PeakListFormat::kNmrPipeTab,
                           PeakListFormat::kSparky,
                           PeakListFormat::kCcpnA2,
                           PeakListFormat::kNef})
    if (detail::iequals(name, to_string(f))) return f;
  throw std::invalid_argument("unknown peak list format '" + name +
                              "'; expected auto, csv, tab, sparky, a2 or nef");
}

const char* to_string(PeakListFormat format) {
  switch (format) {
    case PeakListFormat::kAuto:
      return "auto";
    case PeakListFormat::kCsv:
      return "csv";
    case PeakListFormat::kNmrPipeTab:
      return "tab";
    case PeakListFormat::kSparky:
      return "sparky";
    case PeakListFormat::kCcpnA2:
      return "a2";
    case PeakListFormat::kNef:
      return "nef";
  }
  return "auto";
}

}  // namespace voigt
