// Starting values and bounds for one cluster's fit, from the data around each listed position.
#ifndef VOIGT_INTERNAL_PIPELINE_INITIAL_ESTIMATES_H_
#define VOIGT_INTERNAL_PIPELINE_INITIAL_ESTIMATES_H_

#include <Eigen/Core>

#include "fit/region_model.h"
#include "pipeline/region_data.h"

namespace voigt::detail {

// Lower bound of every fitted sigma (and of a Lorentzian's gamma), in points: keeps
// sigma = gamma = 0 (a delta) out of reach.
constexpr double kMinSigmaPt = 0.01;

// A peak to start from, in region-local points.
struct PeakSeed {
  double x_pt = 0, y_pt = 0;
  double half_window_x_pt = 0, half_window_y_pt = 0;
  double fwhm_x_pt_hint = NAN, fwhm_y_pt_hint = NAN;  // from the list, if given
  double height_hint = NAN;
};

struct StartAndBounds {
  Eigen::VectorXd start, lower, upper;
};

// Height at the nearest point with parabolic refinement of the position (within half a point),
// FWHM from the half-height crossings along each axis, split into sigma/gamma as
// f_L = f / 2, f_G from the Olivero-Longbothum relation (so the start is a genuine Voigt of the
// measured width). Bounds: the height keeps its sign; the centre stays in its window and the
// region; sigma in [0.01 pt, half window], gamma in [0, half window] (0.01 pt for a Lorentzian),
// eta in [0, 1]; baseline free.
StartAndBounds initial_estimates(const RegionData& region,
                                 const std::vector<PeakSeed>& seeds,
                                 Shape shape,
                                 BaselineModel baseline);

// Appends one peak (start and bounds) to an existing parameter set, before the baseline block.
void append_peak(StartAndBounds& sb, const RegionModel& old_model, const PeakSeed& seed,
                 const RegionData& region, Shape shape, double fwhm_x_pt, double fwhm_y_pt);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_INITIAL_ESTIMATES_H_
