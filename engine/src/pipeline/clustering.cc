// Peak clustering: window overlap + signal connectivity, union-find, deterministic splitting.
// See clustering.h for the linking rule.
//
// Cost. The points above the level are labelled once into 8-connected components (a scanline
// flood fill from each seed, O(points of the components that hold a seed)). Two peaks can only
// touch within the union of their windows if their seeds lie in one component of the whole plane,
// so candidate pairs are sought only among the seeds of one component: a sweep over its peaks
// sorted by the left edge of their window, each compared with the following ones whose window
// starts before its own ends. A component that lies inside either window of a pair connects the
// pair by itself; only otherwise does the pair get the exact test, a flood fill bounded by the
// union of the two windows. On a plane of noise and sparse peaks components are small (a blob per
// peak, a few points per noise excursion), so almost no pair is filled: 100 000 listed peaks on a
// 4096 x 1024 plane cluster in well under a second, where a fill per overlapping pair took
// minutes. Without the signal test (connect_level 0) the sweep runs over all peaks.
// The fills and components are in signal_connectivity.h.
#include "pipeline/clustering.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "pipeline/signal_connectivity.h"

namespace voigt::detail {

std::string ClusteringOptions::validate() const {
  std::ostringstream msg;
  if (!(std::isfinite(connect_level) && connect_level >= 0)) {
    msg << "ClusteringOptions::connect_level = " << connect_level << "; must be finite and >= 0";
  } else if (max_cluster_size < 1) {
    msg << "ClusteringOptions::max_cluster_size = " << max_cluster_size << "; must be >= 1";
  } else if (seed_radius_pt < 0) {
    msg << "ClusteringOptions::seed_radius_pt = " << seed_radius_pt << "; must be >= 0";
  }
  return msg.str();
}

namespace {

class DisjointSets {
 public:
  explicit DisjointSets(int n) : parent_(static_cast<std::size_t>(n)) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  int find(int i) {
    while (parent_[i] != i) {
      parent_[i] = parent_[parent_[i]];  // path halving
      i = parent_[i];
    }
    return i;
  }
  // The smaller root index becomes the root: the partition is order-independent anyway, this
  // makes the forest itself reproducible too.
  void unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (a < b)
      parent_[b] = a;
    else
      parent_[a] = b;
  }

 private:
  std::vector<int> parent_;
};

// Splits `members` into ceil(size / max_size) groups of near-equal size by recursive cuts at
// weighted medians along the axis of largest spread, coordinates in window units (x / scale_x,
// y / scale_y) so that "spread" compares like with like across a 1H and a 15N axis. Sort keys
// end with the peak index: equal coordinates cannot make the cut depend on the sort algorithm.
// A group of k sub-clusters cuts at size * floor(k / 2) / k, so 30 peaks with max 12 give
// 10 + 10 + 10 rather than 15 -> 8 + 7 + 8 + 7.
void split_cluster(std::vector<int> members,
                   const std::vector<ClusterPeak>& peaks,
                   int max_size,
                   double scale_x,
                   double scale_y,
                   std::vector<std::vector<int>>& out) {
  const std::size_t size = members.size();
  const std::size_t max = static_cast<std::size_t>(max_size);
  const std::size_t groups = (size + max - 1) / max;
  if (groups <= 1) {
    std::sort(members.begin(), members.end());
    out.push_back(std::move(members));
    return;
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double min_u = kInf, max_u = -kInf, min_v = kInf, max_v = -kInf;
  for (int i : members) {
    const double u = peaks[i].x_pt / scale_x, v = peaks[i].y_pt / scale_y;
    min_u = std::min(min_u, u);
    max_u = std::max(max_u, u);
    min_v = std::min(min_v, v);
    max_v = std::max(max_v, v);
  }
  const bool along_x = max_u - min_u >= max_v - min_v;
  std::sort(members.begin(), members.end(), [&](int i, int j) {
    const double ai = along_x ? peaks[i].x_pt : peaks[i].y_pt;
    const double aj = along_x ? peaks[j].x_pt : peaks[j].y_pt;
    if (ai != aj) return ai < aj;
    const double bi = along_x ? peaks[i].y_pt : peaks[i].x_pt;
    const double bj = along_x ? peaks[j].y_pt : peaks[j].x_pt;
    if (bi != bj) return bi < bj;
    return i < j;
  });
  // left <= (groups / 2) * max_size and right <= (groups - groups / 2) * max_size, because
  // size / groups <= max_size.
  const std::size_t left = size * (groups / 2) / groups;
  split_cluster(std::vector<int>(members.begin(), members.begin() + left), peaks, max_size,
                scale_x, scale_y, out);
  split_cluster(std::vector<int>(members.begin() + left, members.end()), peaks, max_size, scale_x,
                scale_y, out);
}

// Throws std::invalid_argument on invalid options, a negative half window, or a signal test on
// a plane without data.
void check_cluster_inputs(const Spectrum2D& plane,
                          const std::vector<ClusterPeak>& peaks,
                          const ClusteringOptions& options) {
  const std::string problem = options.validate();
  if (!problem.empty()) throw std::invalid_argument(problem);
  for (std::size_t i = 0; i < peaks.size(); ++i) {
    const ClusterPeak& p = peaks[i];
    if (p.half_window_x_pt < 0 || p.half_window_y_pt < 0) {
      std::ostringstream msg;
      msg << "ClusterPeak " << i << ": half_window_"
          << (p.half_window_x_pt < 0 ? "x_pt = " : "y_pt = ")
          << (p.half_window_x_pt < 0 ? p.half_window_x_pt : p.half_window_y_pt) << "; must be >= 0";
      throw std::invalid_argument(msg.str());
    }
  }
  if (options.connect_level > 0 && plane.x.size_pt > 0 && plane.y.size_pt > 0 &&
      plane.data == nullptr)
    throw std::invalid_argument("cluster_peaks: plane has no data but connect_level > 0");
}

// Peaks that can link: centre on the grid, finite window. Each gets its window's grid points
// and, when the signal test is on, its seed (-1 when no nearby point is above the level).
struct PeakWindows {
  std::vector<char> linkable;
  std::vector<PointRect> rects;
  std::vector<int> seed_x, seed_y;
};

PeakWindows windows_and_seeds(const Spectrum2D& plane,
                              const std::vector<ClusterPeak>& peaks,
                              const ClusteringOptions& options) {
  const int n = static_cast<int>(peaks.size());
  const int nx = plane.x.size_pt, ny = plane.y.size_pt;
  PeakWindows w;
  w.linkable.assign(n, 0);
  w.rects.resize(n);
  w.seed_x.assign(n, -1);
  w.seed_y.assign(n, -1);
  for (int i = 0; i < n; ++i) {
    const ClusterPeak& p = peaks[i];
    const bool on_grid = p.x_pt >= 0 && p.x_pt <= nx - 1 && p.y_pt >= 0 && p.y_pt <= ny - 1;
    if (!on_grid || !std::isfinite(p.half_window_x_pt) || !std::isfinite(p.half_window_y_pt))
      continue;
    w.linkable[i] = 1;
    // Clamp before converting: a window far wider than the grid must not overflow int.
    auto lo = [](double v) { return static_cast<int>(std::floor(std::max(v, -1.0))); };
    auto hi = [](double v, int limit) { return static_cast<int>(std::ceil(std::min(v, limit + 1.0))); };
    const PointRect rect{std::max(0, lo(p.x_pt - p.half_window_x_pt)),
                         std::min(nx - 1, hi(p.x_pt + p.half_window_x_pt, nx)),
                         std::max(0, lo(p.y_pt - p.half_window_y_pt)),
                         std::min(ny - 1, hi(p.y_pt + p.half_window_y_pt, ny))};
    w.rects[i] = rect;
    if (!(options.connect_level > 0)) continue;
    const int cx = static_cast<int>(std::lround(p.x_pt)), cy = static_cast<int>(std::lround(p.y_pt));
    const int r = options.seed_radius_pt;
    double best = options.connect_level;
    for (int y = std::max(cy - r, rect.y_lo); y <= std::min(cy + r, rect.y_hi); ++y)
      for (int x = std::max(cx - r, rect.x_lo); x <= std::min(cx + r, rect.x_hi); ++x) {
        const double magnitude = std::fabs(plane.at(x, y));
        if (magnitude > best) {  // strict: the first maximum in scan order wins ties
          best = magnitude;
          w.seed_x[i] = x;
          w.seed_y[i] = y;
        }
      }
  }
  return w;
}

// Candidate groups: with the signal test only peaks whose seeds share a component of the plane
// can touch, so each component's peaks (group g = component g) are swept on their own; without
// it, all peaks at once.
std::vector<std::vector<int>> candidate_groups(const PeakWindows& w,
                                               bool signal_test,
                                               const SeedComponents& components) {
  const int n = static_cast<int>(w.linkable.size());
  std::vector<std::vector<int>> groups;
  if (signal_test) {
    groups.resize(components.extent.size());
    for (int i = 0; i < n; ++i)
      if (w.linkable[i] && components.of_peak[i] >= 0) groups[components.of_peak[i]].push_back(i);
  } else {
    groups.emplace_back();
    for (int i = 0; i < n; ++i)
      if (w.linkable[i]) groups.back().push_back(i);
  }
  return groups;
}

// Links the touching pairs of each group. Sweep: peaks by window left edge (ties by index), each
// compared with the following ones whose window starts no later than its own ends (closed
// intervals).
void link_touching_peaks(const std::vector<ClusterPeak>& peaks,
                         const PeakWindows& w,
                         std::vector<std::vector<int>>& groups,
                         bool signal_test,
                         const SeedComponents& components,
                         SignalConnectivity& connectivity,
                         DisjointSets& sets) {
  auto x_lo = [&](int i) { return peaks[i].x_pt - peaks[i].half_window_x_pt; };
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<int>& order = groups[g];
    if (order.size() < 2) continue;
    std::sort(order.begin(), order.end(), [&](int i, int j) {
      return x_lo(i) != x_lo(j) ? x_lo(i) < x_lo(j) : i < j;
    });
    for (std::size_t a = 0; a < order.size(); ++a) {
      const int i = order[a];
      const double x_hi = peaks[i].x_pt + peaks[i].half_window_x_pt;
      for (std::size_t b = a + 1; b < order.size() && x_lo(order[b]) <= x_hi; ++b) {
        const int j = order[b];
        const double dy = std::fabs(peaks[i].y_pt - peaks[j].y_pt);
        if (dy > peaks[i].half_window_y_pt + peaks[j].half_window_y_pt) continue;
        if (sets.find(i) == sets.find(j)) continue;  // already linked: the test cannot change that
        if (signal_test) {
          // A component inside one of the two windows is a path within their union by itself.
          const PointRect& e = components.extent[g];
          auto holds = [&e](const PointRect& r) {
            return r.contains(e.x_lo, e.y_lo) && r.contains(e.x_hi, e.y_hi);
          };
          const bool inside_one = holds(w.rects[i]) || holds(w.rects[j]);
          if (!inside_one && !connectivity.touch(w.rects[i],
                                                 w.rects[j],
                                                 w.seed_x[i],
                                                 w.seed_y[i],
                                                 w.seed_x[j],
                                                 w.seed_y[j]))
            continue;
        }
        sets.unite(i, j);
      }
    }
  }
}

// The linked sets in order of their smallest index (= their root), members ascending.
std::vector<std::vector<int>> linked_components(DisjointSets& sets, int n) {
  std::vector<std::vector<int>> components;
  std::vector<int> component_of_root(n, -1);
  for (int i = 0; i < n; ++i) {
    const int root = sets.find(i);
    if (component_of_root[root] < 0) {
      component_of_root[root] = static_cast<int>(components.size());
      components.emplace_back();
    }
    components[component_of_root[root]].push_back(i);
  }
  return components;
}

// The components with those over max_size split (split_cluster), ordered by smallest index.
std::vector<std::vector<int>> split_large_components(std::vector<std::vector<int>> components,
                                                     const std::vector<ClusterPeak>& peaks,
                                                     int max_size) {
  std::vector<std::vector<int>> clusters;
  clusters.reserve(components.size());
  for (std::vector<int>& members : components) {
    if (static_cast<int>(members.size()) <= max_size) {
      clusters.push_back(std::move(members));
      continue;
    }
    // Window units: the members' mean half windows (1 point when the windows are empty).
    double scale_x = 0, scale_y = 0;
    for (int i : members) {
      scale_x += peaks[i].half_window_x_pt;
      scale_y += peaks[i].half_window_y_pt;
    }
    scale_x = scale_x > 0 ? scale_x / members.size() : 1.0;
    scale_y = scale_y > 0 ? scale_y / members.size() : 1.0;
    split_cluster(std::move(members), peaks, max_size, scale_x, scale_y, clusters);
  }
  std::sort(clusters.begin(), clusters.end(),
            [](const std::vector<int>& a, const std::vector<int>& b) { return a[0] < b[0]; });
  return clusters;
}

}  // namespace

std::vector<std::vector<int>> cluster_peaks(const Spectrum2D& plane,
                                            const std::vector<ClusterPeak>& peaks,
                                            const ClusteringOptions& options) {
  check_cluster_inputs(plane, peaks, options);
  const int n = static_cast<int>(peaks.size());
  const bool signal_test = options.connect_level > 0;
  const PeakWindows windows = windows_and_seeds(plane, peaks, options);
  SignalConnectivity connectivity(plane, options.connect_level);
  SeedComponents components_of_seeds;
  if (signal_test)
    components_of_seeds = label_seed_components(
        connectivity, plane.x.size_pt, plane.y.size_pt, windows.seed_x, windows.seed_y);
  std::vector<std::vector<int>> groups =
      candidate_groups(windows, signal_test, components_of_seeds);
  DisjointSets sets(n);
  link_touching_peaks(
      peaks, windows, groups, signal_test, components_of_seeds, connectivity, sets);
  return split_large_components(linked_components(sets, n), peaks, options.max_cluster_size);
}

}  // namespace voigt::detail
