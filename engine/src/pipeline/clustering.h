// Grouping of peaks into clusters that must be fitted together: one cluster = one fit task.
//
// Two peaks are linked when
//  (1) their fitting windows overlap (closed rectangles centre +- half window, in points), and
//  (2) their signals touch: the peaks' seed points lie in one 8-connected component of
//      { grid points p in the union of the two windows : |I(p)| > connect_level }.
// Clusters are the connected components of that link graph (union-find), so the result does not
// depend on the order in which pairs are examined. This is the rule of NMRPipe's peak clustering
// (CLUSTID: overlapping peaks whose signal stays above the noise between them) with the windows
// made explicit. Clusters over max_cluster_size are split geometrically (see clustering.cc).
#ifndef VOIGT_INTERNAL_PIPELINE_CLUSTERING_H_
#define VOIGT_INTERNAL_PIPELINE_CLUSTERING_H_

#include <string>
#include <vector>

#include "voigt/spectrum.h"

namespace voigt::detail {

// A peak as clustering sees it: a position and its fitting window, in 0-based grid points.
struct ClusterPeak {
  double x_pt = 0;              // centre, direct dimension
  double y_pt = 0;              // centre, indirect dimension
  double half_window_x_pt = 0;  // window = [x_pt - half_window_x_pt, x_pt + half_window_x_pt]
  double half_window_y_pt = 0;
};

struct ClusteringOptions {
  // Absolute intensity (|I|, same units as the plane) that the signal must exceed all along a path
  // between two peaks for them to touch; finite and >= 0. Callers pass k x noise (a few noise sd:
  // below that, "touching" is decided by noise). 0 switches the signal test off: peaks join on
  // window overlap alone (the default, so that a caller without a noise level gets the
  // conservative grouping).
  double connect_level = 0;
  // Largest cluster handed to one fit (>= 1). A fit's cost per iteration grows as the cube of its
  // parameter count (5-7 per Voigt peak) and one huge cluster starves the other threads; 12 keeps
  // every fit under ~90 parameters.
  int max_cluster_size = 12;
  // A peak's seed is the point of largest |I| within this distance (Chebyshev, points, >= 0) of
  // its rounded centre and inside its window: peak lists are often a point off the maximum (the
  // protein L lists are within 2 points). A peak with no seed above connect_level touches nothing.
  int seed_radius_pt = 1;

  // "" when valid, else a message naming the field:
  // "ClusteringOptions::max_cluster_size = 0; must be >= 1".
  std::string validate() const;
};

// Clusters of `peaks` (indices into `peaks`), ordered by their smallest index, members ascending;
// every index appears exactly once. Peaks outside the grid (centre not within [0, size_pt - 1] on
// both axes, or not finite) and peaks whose window is not finite are singletons.
// Intensity is taken as |I|: opposite-sign neighbours are separated by their zero crossing, which
// the level test sees as a gap, so they join only through window overlap when connect_level is 0.
// Throws std::invalid_argument on invalid options, a negative half window, or connect_level > 0
// with a plane that has points but no data.
std::vector<std::vector<int>> cluster_peaks(const Spectrum2D& plane,
                                            const std::vector<ClusterPeak>& peaks,
                                            const ClusteringOptions& options);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_CLUSTERING_H_
