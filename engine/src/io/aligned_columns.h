// Whitespace-separated tables laid out in columns, for the result formats that people read as
// well as programs (NMRPipe .tab, Sparky .list, NEF loops): every field of a column padded to
// the column's widest, so the numbers line up in any text editor.
#ifndef VOIGT_INTERNAL_IO_ALIGNED_COLUMNS_H_
#define VOIGT_INTERNAL_IO_ALIGNED_COLUMNS_H_

#include <string>
#include <vector>

namespace voigt::detail {

// One line per row: `indent` spaces, then the fields separated by `gap` spaces, each padded on
// the left (right-aligned, as for numbers) or on the right. Rows may differ in length; the last
// field of a row gets no trailing padding.
std::string aligned_columns(const std::vector<std::vector<std::string>>& rows,
                            int indent,
                            int gap,
                            bool right_align);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_IO_ALIGNED_COLUMNS_H_
