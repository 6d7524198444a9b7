#include <cmath>

#include "pipeline/option_errors.h"
#include "voigt/pick.h"

namespace voigt {
namespace {

constexpr char kType[] = "PickOptions";
using detail::field_error;
using detail::positive_finite;

}  // namespace

std::string PickOptions::validate() const {
  if (!positive_finite(threshold_noise))
    return field_error(kType, "threshold_noise", threshold_noise, "be > 0");
  if (!std::isnan(noise) && !positive_finite(noise))
    return field_error(kType, "noise", noise, "be > 0 (or NaN to estimate it)");
  if (!positive && !negative)
    return "PickOptions::positive = false and PickOptions::negative = false; must pick one sign";
  if (!positive_finite(min_fwhm_x_pt)) return field_error(kType, "min_fwhm_x_pt", min_fwhm_x_pt, "be > 0");
  if (!positive_finite(min_fwhm_y_pt)) return field_error(kType, "min_fwhm_y_pt", min_fwhm_y_pt, "be > 0");
  // The walks look ceil(max) points each way: a bound keeps a flat plane from costing O(n) each.
  if (!(max_fwhm_x_pt > min_fwhm_x_pt && max_fwhm_x_pt <= 4096))
    return field_error(kType, "max_fwhm_x_pt", max_fwhm_x_pt, "satisfy min_fwhm_x_pt < max <= 4096");
  if (!(max_fwhm_y_pt > min_fwhm_y_pt && max_fwhm_y_pt <= 4096))
    return field_error(kType, "max_fwhm_y_pt", max_fwhm_y_pt, "satisfy min_fwhm_y_pt < max <= 4096");
  if (!(min_drop_fraction >= 0 && min_drop_fraction < 1))
    return field_error(kType, "min_drop_fraction", min_drop_fraction, "satisfy 0 <= fraction < 1");
  if (!(min_drop_noise >= 0 && std::isfinite(min_drop_noise)))
    return field_error(kType, "min_drop_noise", min_drop_noise, "be >= 0");
  if (!(sidelobe_ratio > 1 && std::isfinite(sidelobe_ratio)))
    return field_error(kType, "sidelobe_ratio", sidelobe_ratio, "be > 1");
  if (sidelobe_search_pt < 1 || sidelobe_search_pt > 4096)
    return field_error(kType, "sidelobe_search_pt", sidelobe_search_pt, "satisfy 1 <= value <= 4096");
  if (strip_rows < 1) return field_error(kType, "strip_rows", strip_rows, "be >= 1");
  return "";
}

}  // namespace voigt
