// The peak list named on a command line, read as --peaks-format and --columns say: shared by
// `voigtfit fit` and `voigtfit series`.
#ifndef VOIGT_NATIVE_PEAK_LIST_FLAGS_H_
#define VOIGT_NATIVE_PEAK_LIST_FLAGS_H_

#include <string>

#include "command_args.h"
#include "voigt/axis.h"
#include "voigt/peak_list.h"

namespace voigt {

// Reads the list at `path` against the spectrum's axes. A bad flag value is
// std::invalid_argument naming the flag; an unreadable list one naming the file (and line).
PeakList read_peak_list_from_flags(const Args& a,
                                   const std::string& path,
                                   const Axis& x,
                                   const Axis& y);

}  // namespace voigt

#endif  // VOIGT_NATIVE_PEAK_LIST_FLAGS_H_
