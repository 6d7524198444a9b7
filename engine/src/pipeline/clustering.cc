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
//
// Why a flood fill and not the straight line between the centres: two peaks on a curved ridge, or
// offset diagonally with a shoulder between them, are connected by signal that a straight segment
// may miss; the fill finds any path that stays above the level. Restricting it to the union of the
// two windows keeps it local: signal that meets only far outside both windows does not affect
// either fit. 8-connectivity, because lines a couple of points wide sampled on a grid meet
// diagonally as often as along an axis.
#include "pipeline/clustering.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

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

// Grid points a window touches, inclusive, clipped to the grid. Rounded outwards so that the
// window always contains the points on both sides of an off-grid centre.
struct PointRect {
  int x_lo, x_hi, y_lo, y_hi;
  bool contains(int x, int y) const { return x >= x_lo && x <= x_hi && y >= y_lo && y <= y_hi; }
};

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

// Connectivity test for pairs, with its buffers allocated once per cluster_peaks call.
class SignalConnectivity {
 public:
  SignalConnectivity(const Spectrum2D& plane, double level) : plane_(plane), level_(level) {}

  bool above(int x, int y) const { return std::fabs(plane_.at(x, y)) > level_; }  // NaN: false

  // True when `to` is reachable from `from` through 8-connected points above the level inside
  // a ∪ b. `from` and `to` are grid points of a and b respectively, both above the level.
  bool touch(const PointRect& a, const PointRect& b, int from_x, int from_y, int to_x, int to_y) {
    if (from_x == to_x && from_y == to_y) return true;
    const int x0 = std::min(a.x_lo, b.x_lo), x1 = std::max(a.x_hi, b.x_hi);
    const int y0 = std::min(a.y_lo, b.y_lo), y1 = std::max(a.y_hi, b.y_hi);
    const int width = x1 - x0 + 1;
    const std::size_t box = static_cast<std::size_t>(width) * static_cast<std::size_t>(y1 - y0 + 1);
    // Grown, never cleared whole: only the points this fill marks are reset, so a fill costs the
    // points it reaches, not the box.
    if (visited_.size() < box) visited_.resize(box, 0);
    stack_.clear();
    marked_.clear();
    auto local = [&](int x, int y) { return (y - y0) * width + (x - x0); };
    auto mark = [&](int q) {
      visited_[q] = 1;
      marked_.push_back(q);
    };
    mark(local(from_x, from_y));
    stack_.push_back(local(from_x, from_y));
    const int target = local(to_x, to_y);
    bool found = false;
    while (!stack_.empty() && !found) {
      const int p = stack_.back();
      stack_.pop_back();
      const int px = x0 + p % width, py = y0 + p / width;
      for (int dy = -1; dy <= 1 && !found; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int qx = px + dx, qy = py + dy;
          if (!(a.contains(qx, qy) || b.contains(qx, qy))) continue;
          const int q = local(qx, qy);
          if (visited_[q] || !above(qx, qy)) continue;
          if (q == target) {
            found = true;
            break;
          }
          mark(q);
          stack_.push_back(q);
        }
    }
    for (int q : marked_) visited_[q] = 0;
    return found;
  }

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
                                     const std::vector<int>& seed_y) {
  const int n = static_cast<int>(seed_x.size());
  SeedComponents out;
  out.of_peak.assign(n, -1);
  std::vector<std::pair<std::int64_t, int>> seeds;  // (y * nx + x, peak), sorted
  for (int i = 0; i < n; ++i)
    if (seed_x[i] >= 0)
      seeds.emplace_back(static_cast<std::int64_t>(seed_y[i]) * nx + seed_x[i], i);
  std::sort(seeds.begin(), seeds.end());
  std::vector<std::uint64_t> reached((static_cast<std::size_t>(nx) * ny + 63) / 64, 0);
  auto index = [nx](int x, int y) { return static_cast<std::size_t>(y) * nx + x; };
  auto is_reached = [&](int x, int y) {
    return (reached[index(x, y) >> 6] >> (index(x, y) & 63)) & 1;
  };
  auto open = [&](int x, int y) { return !is_reached(x, y) && signal.above(x, y); };
  std::vector<std::pair<int, int>> stack;
  for (const auto& [point, peak] : seeds) {
    if (out.of_peak[peak] >= 0) continue;
    const int component = static_cast<int>(out.extent.size());
    PointRect box{nx, -1, ny, -1};
    stack.assign(1, {static_cast<int>(point % nx), static_cast<int>(point / nx)});
    while (!stack.empty()) {
      const auto [sx, y] = stack.back();
      stack.pop_back();
      if (!open(sx, y)) continue;
      int x0 = sx, x1 = sx;
      while (x0 > 0 && open(x0 - 1, y)) --x0;
      while (x1 < nx - 1 && open(x1 + 1, y)) ++x1;
      for (int x = x0; x <= x1; ++x)
        reached[index(x, y) >> 6] |= std::uint64_t{1} << (index(x, y) & 63);
      box = PointRect{std::min(box.x_lo, x0), std::max(box.x_hi, x1), std::min(box.y_lo, y),
                      std::max(box.y_hi, y)};
      // Seeds in this run join the component.
      auto it = std::lower_bound(
          seeds.begin(), seeds.end(), std::pair{static_cast<std::int64_t>(index(x0, y)), -1});
      for (; it != seeds.end() && it->first <= static_cast<std::int64_t>(index(x1, y)); ++it)
        out.of_peak[it->second] = component;
      // Runs of the rows above and below that touch this one, diagonals included.
      for (int ny_row : {y - 1, y + 1}) {
        if (ny_row < 0 || ny_row >= ny) continue;
        bool in_run = false;
        for (int x = std::max(0, x0 - 1); x <= std::min(nx - 1, x1 + 1); ++x) {
          const bool o = open(x, ny_row);
          if (o && !in_run) stack.emplace_back(x, ny_row);
          in_run = o;
        }
      }
    }
    out.extent.push_back(box);
  }
  return out;
}

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

}  // namespace

std::vector<std::vector<int>> cluster_peaks(const Spectrum2D& plane,
                                            const std::vector<ClusterPeak>& peaks,
                                            const ClusteringOptions& options) {
  const std::string problem = options.validate();
  if (!problem.empty()) throw std::invalid_argument(problem);
  const int n = static_cast<int>(peaks.size());
  for (int i = 0; i < n; ++i) {
    const ClusterPeak& p = peaks[i];
    if (p.half_window_x_pt < 0 || p.half_window_y_pt < 0) {
      std::ostringstream msg;
      msg << "ClusterPeak " << i << ": half_window_"
          << (p.half_window_x_pt < 0 ? "x_pt = " : "y_pt = ")
          << (p.half_window_x_pt < 0 ? p.half_window_x_pt : p.half_window_y_pt) << "; must be >= 0";
      throw std::invalid_argument(msg.str());
    }
  }
  const int nx = plane.x.size_pt, ny = plane.y.size_pt;
  const bool signal_test = options.connect_level > 0;
  if (signal_test && nx > 0 && ny > 0 && plane.data == nullptr)
    throw std::invalid_argument("cluster_peaks: plane has no data but connect_level > 0");

  // Peaks that can link: centre on the grid, finite window. Each gets its window's grid points
  // and, when the signal test is on, its seed (-1 when no nearby point is above the level).
  std::vector<char> linkable(n, 0);
  std::vector<PointRect> rects(n);
  std::vector<int> seed_x(n, -1), seed_y(n, -1);
  SignalConnectivity connectivity(plane, options.connect_level);
  for (int i = 0; i < n; ++i) {
    const ClusterPeak& p = peaks[i];
    const bool on_grid = p.x_pt >= 0 && p.x_pt <= nx - 1 && p.y_pt >= 0 && p.y_pt <= ny - 1;
    if (!on_grid || !std::isfinite(p.half_window_x_pt) || !std::isfinite(p.half_window_y_pt))
      continue;
    linkable[i] = 1;
    // Clamp before converting: a window far wider than the grid must not overflow int.
    auto lo = [](double v) { return static_cast<int>(std::floor(std::max(v, -1.0))); };
    auto hi = [](double v, int limit) { return static_cast<int>(std::ceil(std::min(v, limit + 1.0))); };
    rects[i] = PointRect{std::max(0, lo(p.x_pt - p.half_window_x_pt)),
                         std::min(nx - 1, hi(p.x_pt + p.half_window_x_pt, nx)),
                         std::max(0, lo(p.y_pt - p.half_window_y_pt)),
                         std::min(ny - 1, hi(p.y_pt + p.half_window_y_pt, ny))};
    if (!signal_test) continue;
    const int cx = static_cast<int>(std::lround(p.x_pt)), cy = static_cast<int>(std::lround(p.y_pt));
    const int r = options.seed_radius_pt;
    double best = options.connect_level;
    for (int y = std::max(cy - r, rects[i].y_lo); y <= std::min(cy + r, rects[i].y_hi); ++y)
      for (int x = std::max(cx - r, rects[i].x_lo); x <= std::min(cx + r, rects[i].x_hi); ++x) {
        const double magnitude = std::fabs(plane.at(x, y));
        if (magnitude > best) {  // strict: the first maximum in scan order wins ties
          best = magnitude;
          seed_x[i] = x;
          seed_y[i] = y;
        }
      }
  }

  // Candidate pairs: with the signal test only peaks whose seeds share a component of the plane
  // can touch, so each component's peaks are swept on their own; without it, all peaks at once.
  std::vector<std::vector<int>> groups;
  SeedComponents components_of_seeds;
  if (signal_test) {
    components_of_seeds = label_seed_components(connectivity, nx, ny, seed_x, seed_y);
    groups.resize(components_of_seeds.extent.size());
    for (int i = 0; i < n; ++i)
      if (linkable[i] && components_of_seeds.of_peak[i] >= 0)
        groups[components_of_seeds.of_peak[i]].push_back(i);
  } else {
    groups.emplace_back();
    for (int i = 0; i < n; ++i)
      if (linkable[i]) groups.back().push_back(i);
  }
  // Sweep: peaks by window left edge (ties by index), each compared with the following ones whose
  // window starts no later than its own ends (closed intervals).
  auto x_lo = [&](int i) { return peaks[i].x_pt - peaks[i].half_window_x_pt; };
  DisjointSets sets(n);
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
          const PointRect& e = components_of_seeds.extent[g];
          auto holds = [&e](const PointRect& r) {
            return r.contains(e.x_lo, e.y_lo) && r.contains(e.x_hi, e.y_hi);
          };
          const bool inside_one = holds(rects[i]) || holds(rects[j]);
          if (!inside_one &&
              !connectivity.touch(rects[i], rects[j], seed_x[i], seed_y[i], seed_x[j], seed_y[j]))
            continue;
        }
        sets.unite(i, j);
      }
    }
  }

  // Components in order of their smallest index (= their root), members ascending.
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

  std::vector<std::vector<int>> clusters;
  clusters.reserve(components.size());
  for (std::vector<int>& members : components) {
    if (static_cast<int>(members.size()) <= options.max_cluster_size) {
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
    split_cluster(std::move(members), peaks, options.max_cluster_size, scale_x, scale_y, clusters);
  }
  std::sort(clusters.begin(), clusters.end(),
            [](const std::vector<int>& a, const std::vector<int>& b) { return a[0] < b[0]; });
  return clusters;
}

}  // namespace voigt::detail
