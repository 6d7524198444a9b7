// Numbers a shell plots, computed by the engine so that the page restates no formula: the ppm
// grid of an axis, per-plane noise for contour levels, slice residuals, the fitted model over a
// whole plane (for a residual map) and the fitted decay curve of a series peak.
#ifndef VOIGT_PUBLIC_PLOT_DATA_H_
#define VOIGT_PUBLIC_PLOT_DATA_H_

#include <vector>

#include "voigt/axis.h"
#include "voigt/fit_options.h"
#include "voigt/peak_result.h"
#include "voigt/series.h"
#include "voigt/spectrum.h"

namespace voigt {

// ppm of every grid point, point 0 first (the contour plot's and the slices' axes).
std::vector<double> ppm_grid(const Axis& axis);

// Robust noise sd of every plane (estimate_plane_noise per plane), for contour levels.
std::vector<double> plane_noise(const SpectrumSeries& spectrum);

// data - fit, point by point, over the shorter of the two (a slice's residual).
std::vector<double> slice_residual(const std::vector<double>& data, const std::vector<double>& fit);

// The fitted decay I0 exp(-R t) [+ C] of one series peak at `num_points` delays evenly spaced
// from 0 to the largest delay (a smooth line through the plane heights). Empty when the fit has
// no finite I0 and R, or there are no delays; num_points >= 2.
struct DecayCurve {
  std::vector<double> delay;   // the series' delay unit (s when the delays are seconds)
  std::vector<double> height;  // intensity units, as PlaneValue::height
};
DecayCurve decay_curve(const DecayFit& fit, const std::vector<double>& delays, int num_points = 64);

// The fitted peaks (rows with status ok or added and finite numbers) summed over `plane`'s grid,
// y rows of x values as the plane's data: what a residual map (data - model) subtracts. Each peak
// is drawn within kModelReachFwhm of its FWHM from its centre (beyond, a Lorentzian is below 3e-4
// of its height). Cluster baselines are not included: they are local to each cluster's region.
constexpr double kModelReachFwhm = 30;
std::vector<float> model_plane(const Spectrum2D& plane, const std::vector<PeakResult>& rows, Shape shape);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_PLOT_DATA_H_
