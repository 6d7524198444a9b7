// Shape tests of one picking candidate along one axis: is it peak-shaped, where is its sub-point
// centre, how wide is it, is it a truncation wiggle, how noisy is its line. See voigt/pick.h for
// the criteria and why each exists.
#ifndef VOIGT_INTERNAL_PIPELINE_PEAK_SHAPE_H_
#define VOIGT_INTERNAL_PIPELINE_PEAK_SHAPE_H_

#include <cstddef>
#include <vector>

#include "voigt/pick.h"

namespace voigt::detail {

// The row or column through a candidate: `size` samples `stride` floats apart from `first`, the
// candidate at index `centre` (0 < centre < size - 1).
struct Line {
  const float* first = nullptr;
  std::ptrdiff_t stride = 1;
  int size = 0;
  int centre = 0;
  float at(int k) const { return first[static_cast<std::ptrdiff_t>(k) * stride]; }
};

struct AxisShape {
  bool peak_shaped = false;   // falls to half height on some side, no shoulder, width in bounds
  double offset_pt = 0;       // sub-point centre - grid centre, |offset| <= 1.5
  double fwhm_pt = 0;         // half-height width
  double height_factor = 1;   // interpolated extremum / grid value (>= 1)
};

// Walks both sides of line.centre (sign +1 maximum, -1 minimum) up to ceil(max_fwhm_pt) points.
// Higher ground is a separate peak behind a dip of max(min_drop_fraction x height, min_drop).
AxisShape measure_axis(const Line& line,
                       int sign,
                       double min_fwhm_pt,
                       double max_fwhm_pt,
                       double min_drop_fraction,
                       double min_drop);

// True when a point of magnitude >= ratio x |centre| lies within search_pt along the line behind
// an excursion of the other sign of at least kSidelobeDip x |centre|.
bool is_sidelobe(const Line& line, int sign, double ratio, int search_pt);

// Robust noise sd of the whole line: 1.4826 x the median absolute deviation from the median,
// over its finite values (0 when none). `scratch` must hold line.size floats (not resized here).
double line_noise(const Line& line, std::vector<float>& scratch);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_PEAK_SHAPE_H_
