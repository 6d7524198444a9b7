// The progress bar every command shows on stderr while the engine runs.
#ifndef VOIGT_NATIVE_PROGRESS_BAR_H_
#define VOIGT_NATIVE_PROGRESS_BAR_H_

#include "voigt/executor.h"

namespace voigt {

// "[#####     ] DONE/TOTAL peaks  RATE peaks/s  ETA S s", redrawn in place at each progress
// report, when `enabled` and stderr is a terminal (an empty callback otherwise). The ETA comes
// from the fraction of tasks done, which counts both passes of a two-pass run; `peaks_total` is
// the listed peaks.
ProgressCallback progress_bar(bool enabled, int peaks_total);

}  // namespace voigt

#endif  // VOIGT_NATIVE_PROGRESS_BAR_H_
