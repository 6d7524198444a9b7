#include "progress_bar.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace voigt {

ProgressCallback progress_bar(bool enabled, int peaks_total) {
  if (!enabled || !isatty(STDERR_FILENO)) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start, peaks_total](const Progress& p) {
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double fraction = p.tasks_total ? double(p.tasks_done) / p.tasks_total : 1;
    const double rate = s > 0 ? p.peaks_done / s : 0;
    const double eta = fraction > 0 ? s * (1 - fraction) / fraction : 0;
    const int width = 30, filled = static_cast<int>(width * fraction);
    std::fprintf(stderr,
                 "\r[%-*s] %d/%d peaks  %.0f peaks/s  ETA %.1f s ",
                 width,
                 std::string(filled, '#').c_str(),
                 p.peaks_done,
                 peaks_total,
                 rate,
                 eta);
    if (p.tasks_done == p.tasks_total) std::fputc('\n', stderr);
    return ProgressAction::kContinue;
  };
}

}  // namespace voigt
