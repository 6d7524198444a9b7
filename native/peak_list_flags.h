// The peak list named on a command line, read as --peaks-format and --columns say: shared by
// `voigtfit fit` and `voigtfit series`.
#ifndef VOIGT_NATIVE_PEAK_LIST_FLAGS_H_
#define VOIGT_NATIVE_PEAK_LIST_FLAGS_H_

#include <string>

#include "command.h"
#include "command_args.h"
#include "voigt/axis.h"
#include "voigt/peak_list.h"

namespace voigt {

// --peaks-format --columns, for a command's entry.
Flags peak_list_flags();

// Reads the list at `path` against the spectrum's axes. A bad flag value is a UsageError naming
// the flag; an unreadable list std::invalid_argument naming the file (and line).
PeakList read_peak_list_from_flags(const Args& a,
                                   const std::string& path,
                                   const Axis& x,
                                   const Axis& y);

}  // namespace voigt

#endif  // VOIGT_NATIVE_PEAK_LIST_FLAGS_H_
