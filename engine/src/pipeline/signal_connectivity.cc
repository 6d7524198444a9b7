#include "pipeline/signal_connectivity.h"

#include <algorithm>
#include <utility>

namespace voigt::detail {

bool SignalConnectivity::touch(const PointRect& a,
                               const PointRect& b,
                               int from_x,
                               int from_y,
                               int to_x,
                               int to_y) {
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


}  // namespace voigt::detail
