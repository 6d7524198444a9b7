// plan(): validate, estimate the noise, place the peaks on the grid, cluster them into tasks.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>

#include "pipeline/clustering.h"
#include "pipeline/noise.h"
#include "pipeline/plan_reconcile.h"
#include "voigt/fit.h"

namespace voigt {
namespace {

// The fit region of a peak spans this many of its half-height widths on either side (clipped to
// its window): enough of the Lorentzian tails to pin gamma, without paying for the whole window
// on finely digitised spectra (0.2 ppm is 200 points of 1H at 4096 points over 4 ppm).
constexpr double kRegionHalfWidths = 4;
constexpr double kMinRegionHalfPt = 4;
// At most this many neighbours are fitted along with a task (see plan()).
constexpr std::size_t kMaxNeighbours = 32;

// Distance (points) from the grid point nearest (x, y) to where |signal| halves, walking along
// (dx, dy) in both directions, the shorter side (the other may run into a neighbour); `limit`
// when the signal never halves within it.
double half_height_width_pt(const Spectrum2D& s, double x, double y, int dx, int dy, double limit) {
  const int i = static_cast<int>(std::lround(x)), j = static_cast<int>(std::lround(y));
  const double half = 0.5 * std::abs(s.at(i, j));
  double shortest = limit;
  for (int direction : {-1, 1}) {
    for (int step = 1; step <= limit; ++step) {
      const int a = i + direction * step * dx, b = j + direction * step * dy;
      if (a < 0 || b < 0 || a >= s.x.size_pt || b >= s.y.size_pt) break;
      if (std::abs(s.at(a, b)) <= half) {
        shortest = std::min(shortest, static_cast<double>(step));
        break;
      }
    }
  }
  return shortest;
}

}  // namespace

double estimate_plane_noise(const Spectrum2D& plane) { return detail::estimate_noise(plane); }

FitPlan plan(const Spectrum2D& spectrum, const PeakList& peaks, const FitOptions& options) {
  if (const std::string error = options.validate(); !error.empty())
    throw std::invalid_argument(error);
  if (peaks.peaks.empty()) throw std::invalid_argument("the peak list is empty");
  FitPlan plan;
  plan.peaks = peaks.peaks;
  plan.noise = std::isnan(options.noise) ? detail::estimate_noise(spectrum) : options.noise;
  // A noiseless plane (a simulation, zero filling) has no noise to measure: 0, not a tiny
  // stand-in whose square underflows. Thresholds of "k x noise" then fall to 0 (clustering by
  // window overlap alone) and the rows take SNR and chi2 against their residual.
  if (!(plan.noise >= 0)) plan.noise = 0;
  const std::vector<PickedPeak> unmatched_picks = detail::reconcile_list(spectrum, options, plan);

  // Positions on the grid, once; outside the spectrum first: a repeat of an outside peak is
  // outside too, and says so.
  const int num_peaks = static_cast<int>(plan.peaks.size());
  std::vector<double> x_pt(num_peaks), y_pt(num_peaks);
  std::vector<bool> is_outside(num_peaks, false);
  for (int i = 0; i < num_peaks; ++i) {
    x_pt[i] = spectrum.x.pt_at(plan.start_x(i));
    y_pt[i] = spectrum.y.pt_at(plan.start_y(i));
    is_outside[i] =
        !(x_pt[i] >= 0 && x_pt[i] <= spectrum.x.size_pt - 1 && y_pt[i] >= 0 &&
          y_pt[i] <= spectrum.y.size_pt - 1);
    if (is_outside[i]) plan.outside.push_back(i);
  }
  // Duplicates among the peaks inside: a peak within kDuplicatePt of an earlier listed peak on
  // both axes repeats the first such peak that is not itself a repeat. Cells of kDuplicatePt
  // hash the positions, so a peak is compared only with those in its own and the 8 adjacent
  // cells: O(n), however many peaks share a row or column.
  constexpr double kDuplicatePt = 0.01;
  std::unordered_map<std::uint64_t, std::vector<int>> cells;
  auto cell_key = [](std::int64_t cx, std::int64_t cy) {
    return (static_cast<std::uint64_t>(cx) << 32) ^ static_cast<std::uint64_t>(cy & 0xffffffff);
  };
  std::vector<bool> is_duplicate(num_peaks, false);
  for (int i = 0; i < num_peaks; ++i) {
    if (is_outside[i]) continue;
    const auto cx = static_cast<std::int64_t>(std::floor(x_pt[i] / kDuplicatePt));
    const auto cy = static_cast<std::int64_t>(std::floor(y_pt[i] / kDuplicatePt));
    int first = -1;
    for (std::int64_t dx = -1; dx <= 1; ++dx)
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = cells.find(cell_key(cx + dx, cy + dy));
        if (it == cells.end()) continue;
        for (int j : it->second)
          if (std::abs(x_pt[j] - x_pt[i]) <= kDuplicatePt &&
              std::abs(y_pt[j] - y_pt[i]) <= kDuplicatePt && (first < 0 || j < first))
            first = j;
      }
    if (first >= 0) {
      is_duplicate[i] = true;
      plan.duplicates.emplace_back(i, first);
    } else {
      cells[cell_key(cx, cy)].push_back(i);
    }
  }
  for (int i : plan.absent) is_duplicate[i] = true;  // not fitted either: gather reports them

  std::vector<detail::ClusterPeak> inside;
  std::vector<int> inside_index;
  std::vector<double> region_half_x, region_half_y;  // per inside peak, points
  for (int i = 0; i < num_peaks; ++i) {
    const Peak& peak = plan.peaks[i];
    if (is_duplicate[i] || is_outside[i]) continue;
    const double x = x_pt[i], y = y_pt[i];
    const double wx = std::isnan(peak.window_x_ppm) ? options.window_x_ppm : peak.window_x_ppm;
    const double wy = std::isnan(peak.window_y_ppm) ? options.window_y_ppm : peak.window_y_ppm;
    const double hx = 0.5 * wx / spectrum.x.ppm_per_pt(), hy = 0.5 * wy / spectrum.y.ppm_per_pt();
    inside.push_back({x, y, hx, hy});
    inside_index.push_back(i);
    region_half_x.push_back(std::clamp(
        kRegionHalfWidths * half_height_width_pt(spectrum, x, y, 1, 0, hx), kMinRegionHalfPt, std::max(hx, kMinRegionHalfPt)));
    region_half_y.push_back(std::clamp(
        kRegionHalfWidths * half_height_width_pt(spectrum, x, y, 0, 1, hy), kMinRegionHalfPt, std::max(hy, kMinRegionHalfPt)));
  }

  detail::ClusteringOptions clustering;
  clustering.connect_level = options.connect_level_noise * plan.noise;
  clustering.max_cluster_size = options.max_cluster_size;
  const auto clusters = detail::cluster_peaks(spectrum, inside, clustering);
  for (const auto& members : clusters) {
    FitTask task;
    task.id = static_cast<int>(plan.tasks.size());
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int m : members) {
      const detail::ClusterPeak& c = inside[m];
      task.peaks.push_back(inside_index[m]);
      x0 = std::min(x0, c.x_pt - region_half_x[m]), x1 = std::max(x1, c.x_pt + region_half_x[m]);
      y0 = std::min(y0, c.y_pt - region_half_y[m]), y1 = std::max(y1, c.y_pt + region_half_y[m]);
    }
    std::sort(task.peaks.begin(), task.peaks.end());
    // At least 5 points per axis so that a peak and its baseline are both determined.
    task.x_begin_pt = std::max(0, static_cast<int>(std::floor(std::min(x0, x1 - 4))));
    task.x_end_pt = std::min(spectrum.x.size_pt, static_cast<int>(std::ceil(std::max(x1, x0 + 4))) + 1);
    task.y_begin_pt = std::max(0, static_cast<int>(std::floor(std::min(y0, y1 - 4))));
    task.y_end_pt = std::min(spectrum.y.size_pt, static_cast<int>(std::ceil(std::max(y1, y0 + 4))) + 1);
    plan.tasks.push_back(std::move(task));
  }
  // Neighbours: a grid of buckets keeps this O(peaks x neighbours) rather than O(peaks^2).
  const int bucket_pt = 16;
  const int bx = spectrum.x.size_pt / bucket_pt + 1, by = spectrum.y.size_pt / bucket_pt + 1;
  std::vector<std::vector<int>> buckets(static_cast<std::size_t>(bx) * by);
  for (std::size_t m = 0; m < inside.size(); ++m)
    buckets[static_cast<int>(inside[m].y_pt) / bucket_pt * bx + static_cast<int>(inside[m].x_pt) / bucket_pt]
        .push_back(static_cast<int>(m));
  for (FitTask& task : plan.tasks) {
    for (int gy = task.y_begin_pt / bucket_pt; gy <= (task.y_end_pt - 1) / bucket_pt; ++gy) {
      for (int gx = task.x_begin_pt / bucket_pt; gx <= (task.x_end_pt - 1) / bucket_pt; ++gx) {
        for (int m : buckets[gy * bx + gx]) {
          const detail::ClusterPeak& c = inside[m];
          const int index = inside_index[m];
          if (c.x_pt < task.x_begin_pt || c.x_pt > task.x_end_pt - 1 || c.y_pt < task.y_begin_pt ||
              c.y_pt > task.y_end_pt - 1 ||
              std::binary_search(task.peaks.begin(), task.peaks.end(), index))
            continue;
          task.neighbours.push_back(index);
        }
      }
    }
    // Each neighbour adds a peak's parameters to the fit, whose cost grows as their cube: a
    // region in a crowd of listed peaks (100 000 on 4096 x 1024 points puts ~400 in a window)
    // keeps the kMaxNeighbours with the largest |signal| at their centre, the ones that bias it
    // most. 32 is above the most any task has on the simulated sets (31: 2000 peaks on
    // 4096 x 1024 points), so it changes nothing there.
    if (task.neighbours.size() > kMaxNeighbours) {
      auto signal_at = [&](int index) {
        const double v = std::abs(spectrum.at(static_cast<int>(std::lround(x_pt[index])),
                                              static_cast<int>(std::lround(y_pt[index]))));
        return std::isnan(v) ? -1.0 : v;  // NaN last, and a strict weak order for the sort
      };
      std::sort(task.neighbours.begin(), task.neighbours.end(), [&](int a, int b) {
        const double sa = signal_at(a), sb = signal_at(b);
        return sa != sb ? sa > sb : a < b;
      });
      task.neighbours.resize(kMaxNeighbours);
    }
    std::sort(task.neighbours.begin(), task.neighbours.end());
  }
  detail::add_picked_neighbours(unmatched_picks, plan);
  // Largest first, so that the last tasks to start are short and the workers finish together.
  std::stable_sort(plan.tasks.begin(), plan.tasks.end(),
                   [](const FitTask& a, const FitTask& b) { return a.cost() > b.cost(); });
  return plan;
}

}  // namespace voigt
