// Signal connectivity for clustering: which grid points lie above a level, whether two peaks'
// seeds are joined by such points inside the union of their windows, and the 8-connected
// components of the points above the level that hold a seed.
//
// Why a flood fill and not the straight line between the centres: two peaks on a curved ridge, or
// offset diagonally with a shoulder between them, are connected by signal that a straight segment
// may miss; the fill finds any path that stays above the level. Restricting it to the union of the
// two windows keeps it local: signal that meets only far outside both windows does not affect
// either fit. 8-connectivity, because lines a couple of points wide sampled on a grid meet
// diagonally as often as along an axis.
#ifndef VOIGT_INTERNAL_PIPELINE_SIGNAL_CONNECTIVITY_H_
#define VOIGT_INTERNAL_PIPELINE_SIGNAL_CONNECTIVITY_H_

#include <cmath>
#include <cstdint>
#include <vector>

#include "voigt/spectrum.h"

namespace voigt::detail {

// Grid points a window touches, inclusive, clipped to the grid. Rounded outwards so that the
// window always contains the points on both sides of an off-grid centre.
struct PointRect {
  int x_lo, x_hi, y_lo, y_hi;
  bool contains(int x, int y) const { return x >= x_lo && x <= x_hi && y >= y_lo && y <= y_hi; }
};

// Connectivity test for pairs, with its buffers allocated once per cluster_peaks call.
class SignalConnectivity {
 public:
  SignalConnectivity(const Spectrum2D& plane, double level) : plane_(plane), level_(level) {}

  bool above(int x, int y) const { return std::fabs(plane_.at(x, y)) > level_; }  // NaN: false

  // True when `to` is reachable from `from` through 8-connected points above the level inside
  // a ∪ b. `from` and `to` are grid points of a and b respectively, both above the level.
  bool touch(const PointRect& a, const PointRect& b, int from_x, int from_y, int to_x, int to_y);

 private:
  const Spectrum2D& plane_;
  double level_;
  std::vector<std::uint8_t> visited_;
  std::vector<int> stack_, marked_;
};

// The 8-connected components of the points above the level that hold at least one seed.
struct SeedComponents {
  std::vector<int> of_peak;        // component of each peak's seed, -1 without a seed
  std::vector<PointRect> extent;   // bounding box of each component
};

// Scanline flood fill from each seed not yet reached: each component is filled once, a row run
// at a time, with one bit per grid point for "reached" (4 MB for 8192 x 4096 points) and a stack
// of run starts. Seeds are found in a filled run through a per-row index sorted by x.
SeedComponents label_seed_components(const SignalConnectivity& signal,
                                     int nx,
                                     int ny,
                                     const std::vector<int>& seed_x,
                                     const std::vector<int>& seed_y);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_SIGNAL_CONNECTIVITY_H_
