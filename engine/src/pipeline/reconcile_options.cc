#include <cmath>

#include "pipeline/option_errors.h"
#include "voigt/reconcile.h"

namespace voigt {
namespace {

constexpr char kType[] = "ReconcileOptions";
using detail::field_error;
using detail::positive_finite;

}  // namespace

std::string ReconcileOptions::validate() const {
  if (!std::isnan(search_x_ppm) && !positive_finite(search_x_ppm))
    return field_error(kType, "search_x_ppm", search_x_ppm, "be > 0 (or NaN to derive it)");
  if (!std::isnan(search_y_ppm) && !positive_finite(search_y_ppm))
    return field_error(kType, "search_y_ppm", search_y_ppm, "be > 0 (or NaN to derive it)");
  if (!positive_finite(window_fwhm_factor))
    return field_error(kType, "window_fwhm_factor", window_fwhm_factor, "be > 0");
  if (!(min_offset_match_fraction > 0 && min_offset_match_fraction <= 1))
    return field_error(kType, "min_offset_match_fraction", min_offset_match_fraction,
                       "satisfy 0 < fraction <= 1");
  if (min_offset_matches < 1)
    return field_error(kType, "min_offset_matches", min_offset_matches, "be >= 1");
  if (!positive_finite(offset_tolerance))
    return field_error(kType, "offset_tolerance", offset_tolerance, "be > 0");
  if (max_offset_iterations < 1)
    return field_error(kType, "max_offset_iterations", max_offset_iterations, "be >= 1");
  if (!(coincide_fwhm_fraction > 0 && coincide_fwhm_fraction <= 1))
    return field_error(kType, "coincide_fwhm_fraction", coincide_fwhm_fraction,
                       "satisfy 0 < fraction <= 1");
  return "";
}

}  // namespace voigt
