// The result table formats a command writes (--format): the project's CSV, lunaNMR's CSV, and
// the field's exchange formats (NEF, NMRPipe .tab, Sparky .list), so a fitted list goes back to
// the program the input came from.
#ifndef VOIGTFIT_NATIVE_RESULT_FORMATS_H_
#define VOIGTFIT_NATIVE_RESULT_FORMATS_H_

#include <string>
#include <vector>

#include "voigt/axis.h"
#include "voigt/peak_result.h"

namespace voigt {

// Throws UsageError unless `format` is csv, lunanmr, nef, tab or sparky.
void check_result_format(const std::string& format);

// The rows as `format` writes them; x and y are the spectrum's axes (NEF and .tab need them).
std::string format_result_table(const std::string& format, const std::vector<PeakResult>& rows,
                                const Axis& x, const Axis& y);

}  // namespace voigt

#endif  // VOIGTFIT_NATIVE_RESULT_FORMATS_H_
