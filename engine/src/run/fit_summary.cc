#include <sstream>

#include "voigt/executor.h"

namespace voigt {

std::string FitSummary::brief_report() const {
  std::ostringstream out;
  out << peaks_total << " peaks: " << ok << " fitted";
  if (added) out << ", " << added << " added";
  if (absent) out << ", " << absent << " absent";
  if (duplicate) out << ", " << duplicate << " duplicate";
  if (outside) out << ", " << outside << " outside";
  const int not_fitted = failed + timeout + crashed + cancelled;
  if (not_fitted) out << ", " << not_fitted << " not fitted";
  out << "; median R2 " << median_r2 << "; " << tasks << " clusters on " << threads_used << " "
      << executor << (threads_used == 1 ? " worker" : " workers");
  if (wall_time_s == wall_time_s) out << " in " << wall_time_s << " s";
  if (reconciled)
    out << "; list matched " << matched << "/" << peaks_total << ", offset " << offset_x_ppm
        << " / " << offset_y_ppm << " ppm, " << picked_added << " picked added";
  return out.str();
}

}  // namespace voigt
