// Column layout of whitespace-separated tables (see aligned_columns.h).
#include "io/aligned_columns.h"

#include <algorithm>

namespace voigt::detail {

std::string aligned_columns(const std::vector<std::vector<std::string>>& rows,
                            int indent,
                            int gap,
                            bool right_align) {
  std::vector<std::size_t> width;
  for (const std::vector<std::string>& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const std::vector<std::string>& row : rows) {
    out.append(static_cast<std::size_t>(indent), ' ');
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::size_t pad = width[c] - row[c].size();
      const bool last = c + 1 == row.size();
      if (c > 0) out.append(static_cast<std::size_t>(gap), ' ');
      if (right_align) out.append(pad, ' ');
      out += row[c];
      if (!right_align && !last) out.append(pad, ' ');
    }
    out += '\n';
  }
  return out;
}

}  // namespace voigt::detail
