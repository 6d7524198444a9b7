// Recognising a CSV peak list's ppm columns by the names people commonly give them, so that a
// list such as "res, hn_ppm, n_ppm" is read without flags.
//
// A column name is cut into words at '_', '-', spaces, tabs and brackets, lower-cased, and the
// words "ppm", "position", "pos" and "shift" are dropped. What remains decides the role:
//   x (direct, 1H):      h, 1h, h1, hn, x, w2, f2
//   y (indirect):        n, 15n, n15, c, 13c, c13, y, w1, f1
//   third dimension:     w3, w4, f3, f4 (rejected: a 2D fit reads two ppm columns)
//   name (first wins):   res, residue, name, assignment, assign, label, peak, id, when no word
//                        was dropped ("peak position" is not a name)
// Every remaining word must agree ("x_ppm_1H" is x; "H-N" is neither); anything else, such as
// "X_AXIS" (points), "H_hz" or "Linewidth_X", is another column. w1/F1 are y and w2/F2 x as in
// Sparky and Bruker, where dimension 1 is the indirect one (the last dimension is acquired).
#include <algorithm>
#include <iterator>
#include <string>

#include "io/csv_columns.h"
#include "io/text_table.h"

namespace voigt::detail {
namespace {

constexpr std::string_view kDroppedWords[] = {"ppm", "position", "pos", "shift"};
constexpr std::string_view kDirectWords[] = {"h", "1h", "h1", "hn", "x", "w2", "f2"};
constexpr std::string_view kIndirectWords[] = {
    "n", "15n", "n15", "c", "13c", "c13", "y", "w1", "f1"};
constexpr std::string_view kThirdWords[] = {"w3", "w4", "f3", "f4"};
constexpr std::string_view kNameWords[] = {
    "res", "residue", "name", "assignment", "assign", "label", "peak", "id"};

template <std::size_t N>
bool is_one_of(std::string_view word, const std::string_view (&words)[N]) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

bool is_word_break(char c) {
  return c == '_' || c == '-' || c == ' ' || c == '\t' || c == '(' || c == ')' || c == '[' ||
         c == ']';
}

std::vector<std::string> words_of(std::string_view column) {
  std::vector<std::string> words(1);
  for (char c : to_lower(trim(column))) {
    if (!is_word_break(c))
      words.back() += c;
    else if (!words.back().empty())
      words.emplace_back();
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// The role every word of `words` has in common, or kOther.
CsvColumnRole common_role(const std::vector<std::string>& words) {
  auto all = [&words](const auto& list) {
    return std::all_of(
        words.begin(), words.end(), [&list](const std::string& w) { return is_one_of(w, list); });
  };
  if (words.empty()) return CsvColumnRole::kOther;
  if (all(kDirectWords)) return CsvColumnRole::kDirect;
  if (all(kIndirectWords)) return CsvColumnRole::kIndirect;
  if (all(kThirdWords)) return CsvColumnRole::kThird;
  return CsvColumnRole::kOther;
}

std::string quoted_list(const std::vector<std::string>& header, const std::vector<int>& cols) {
  std::string out;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i > 0) out += i + 1 == cols.size() ? " and " : ", ";
    out += "'" + std::string(trim(header[cols[i]])) + "'";
  }
  return out;
}

[[noreturn]] void throw_header_error(const std::vector<std::string>& header,
                                     const std::string& file,
                                     int line,
                                     const std::string& what) {
  throw_input_error(
      file, line, what + "; give --columns NAME,X,Y (columns: " + describe_header(header) + ")");
}

// One ppm column of `role` among `candidates`, else a message naming them.
int single_column(const std::vector<int>& candidates,
                  const char* role,
                  const char* example,
                  const std::vector<std::string>& header,
                  const std::string& file,
                  int line) {
  if (candidates.size() > 1)
    throw_header_error(header,
                       file,
                       line,
                       "ambiguous CSV header: columns " + quoted_list(header, candidates) +
                           " could each be " + role);
  if (candidates.empty())
    throw_header_error(
        header,
        file,
        line,
        std::string("no ") + role + " column in the CSV header (name it e.g. " + example + ")");
  return candidates.front();
}

}  // namespace

CsvColumnRole csv_column_role(std::string_view column) {
  std::vector<std::string> words = words_of(column);
  const std::size_t before = words.size();
  words.erase(std::remove_if(words.begin(),
                             words.end(),
                             [](const std::string& w) { return is_one_of(w, kDroppedWords); }),
              words.end());
  if (words.size() == before && !words.empty() &&
      std::all_of(words.begin(), words.end(), [](const std::string& w) {
        return is_one_of(w, kNameWords);
      }))
    return CsvColumnRole::kName;
  return common_role(words);
}

CsvPositionColumns find_named_position_columns(const std::vector<std::string>& header,
                                               const std::string& file,
                                               int header_line) {
  CsvPositionColumns found;
  std::vector<int> direct, indirect, third;
  for (int c = 0; c < static_cast<int>(header.size()); ++c) {
    switch (csv_column_role(header[c])) {
      case CsvColumnRole::kName:
        if (found.name < 0) found.name = c;
        break;
      case CsvColumnRole::kDirect:
        direct.push_back(c);
        break;
      case CsvColumnRole::kIndirect:
        indirect.push_back(c);
        break;
      case CsvColumnRole::kThird:
        third.push_back(c);
        break;
      case CsvColumnRole::kOther:
        break;
    }
  }
  // A header of one field holds no table of positions: say what a lunaNMR list needs.
  if (header.size() < 2) throw_input_error(file, header_line, "missing column Position_X");
  if (!third.empty())
    throw_header_error(header,
                       file,
                       header_line,
                       "column " + quoted_list(header, third) +
                           " names a third dimension; a 2D fit reads two ppm columns");
  if (direct.empty() && indirect.empty())
    throw_header_error(header,
                       file,
                       header_line,
                       "no ppm columns recognised in the CSV header (name them by nucleus or "
                       "dimension: H_ppm and N_ppm, 1H and 15N, x_ppm and y_ppm, w2 and w1, "
                       "F2 and F1)");
  found.x = single_column(direct, "x (direct, 1H ppm)", "H_ppm or 1H", header, file, header_line);
  found.y = single_column(
      indirect, "y (indirect, 15N/13C ppm)", "N_ppm or 15N", header, file, header_line);
  return found;
}

std::string describe_header(const std::vector<std::string>& header) {
  constexpr std::size_t kMaxListed = 20;
  std::string out;
  for (std::size_t i = 0; i < header.size() && i < kMaxListed; ++i)
    out += (i > 0 ? ", " : "") + std::string(trim(header[i]));
  if (header.size() > kMaxListed)
    out += " and " + std::to_string(header.size() - kMaxListed) + " more";
  return out;
}

}  // namespace voigt::detail
