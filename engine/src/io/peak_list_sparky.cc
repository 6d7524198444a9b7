// Sparky peak list (.list), as written by Sparky's "lt" command and by peakipy:
//        Assignment         w1         w2   Data Height
//
//          G12N-H    120.123      8.456      1.2e+07
// Fields are separated by spaces or tabs. w1..wN are ppm in the order of the UCSF file's axes;
// for a 2D 1H-15N spectrum w1 is the indirect (15N) and w2 the direct (1H) dimension, so the
// default reading is y = w1, x = w2 (the spectrum's axes can overrule it, see orient_by_axes).
// Unassigned peaks are "?-?" (Sparky) or "None" (peakipy); both become "".
//
// Only Assignment and the w columns are read. Other column names may be two words ("Data
// Height", "lw1 (hz)") so their header tokens do not line up with row fields; and the "lw (hz)"
// columns of shared/data/proteinL_pseudo3d/peaks.sparky hold point widths, not Hz, so width
// hints from Sparky lists would be wrong more often than right.
#include <algorithm>
#include <string>

#include "io/text_table.h"

namespace voigt::detail {

PeakList parse_sparky_list(std::string_view text,
                           const std::string& name,
                           const Axis& x,
                           const Axis& y) {
  const std::vector<TextLine> lines = split_lines(text);
  size_t i = first_content_line(lines, name);
  const int header_line = lines[i].number;
  const std::vector<std::string_view> header = split_whitespace(lines[i].text);
  if (!iequals(header[0], "Assignment"))
    throw_input_error(name,
                      header_line,
                      "expected a Sparky header starting with 'Assignment', found '" +
                          std::string(header[0]) + "'");
  // Column index of w1, w2, ...: header tokens before them are one field each (Assignment, wK).
  std::vector<int> w_col;
  for (int k = 1;; ++k) {
    const std::string want = "w" + std::to_string(k);
    const auto it = std::find_if(
        header.begin(), header.end(), [&want](std::string_view t) { return iequals(t, want); });
    if (it == header.end()) break;
    w_col.push_back(static_cast<int>(it - header.begin()));
  }
  if (w_col.size() < 2)
    throw_input_error(name, header_line, "missing column w" + std::to_string(w_col.size() + 1));
  if (w_col.size() > 2)
    throw_input_error(name,
                      header_line,
                      "a " + std::to_string(w_col.size()) + "D Sparky list (w1..w" +
                          std::to_string(w_col.size()) + "); a 2D fit needs w1 and w2 only");
  const int needed = std::max(w_col[0], w_col[1]) + 1;

  PeakList list;
  list.format = PeakListFormat::kSparky;
  for (++i; i < lines.size(); ++i) {
    const std::vector<std::string_view> fields = split_whitespace(lines[i].text);
    if (fields.empty()) continue;
    const int n = lines[i].number;
    if (static_cast<int>(fields.size()) < needed)
      throw_input_error(name,
                        n,
                        "row has " + std::to_string(fields.size()) + " fields; expected at least " +
                            std::to_string(needed) + " (Assignment w1 w2)");
    Peak peak;
    peak.source_line = n;
    peak.assignment = assignment_or_empty(fields[0]);
    peak.y_ppm = parse_position(fields[w_col[0]], "w1", name, n);
    peak.x_ppm = parse_position(fields[w_col[1]], "w2", name, n);
    list.peaks.push_back(std::move(peak));
  }
  if (list.peaks.empty()) throw_input_error(name, 0, "no peaks");
  orient_by_axes(&list.peaks, x, y);
  return list;
}

}  // namespace voigt::detail
