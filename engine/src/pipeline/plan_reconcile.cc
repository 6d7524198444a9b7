#include "pipeline/plan_reconcile.h"

#include <algorithm>
#include <cmath>

#include "voigt/reconcile.h"

namespace voigt::detail {
namespace {

// Each picked neighbour adds a peak's parameters to a cluster's fit (cost grows as their cube),
// as listed neighbours do (plan.cc keeps at most 32 of those): the strongest picks matter most.
constexpr std::size_t kMaxPicked = 32;

}  // namespace

double intensity_at(const Spectrum2D& spectrum, double x_ppm, double y_ppm) {
  const double x = std::clamp(spectrum.x.pt_at(x_ppm), 0.0, spectrum.x.size_pt - 1.0);
  const double y = std::clamp(spectrum.y.pt_at(y_ppm), 0.0, spectrum.y.size_pt - 1.0);
  const int i = std::min(static_cast<int>(x), std::max(0, spectrum.x.size_pt - 2));
  const int j = std::min(static_cast<int>(y), std::max(0, spectrum.y.size_pt - 2));
  const int i1 = std::min(i + 1, spectrum.x.size_pt - 1), j1 = std::min(j + 1, spectrum.y.size_pt - 1);
  const double fx = x - i, fy = y - j;
  return (1 - fy) * ((1 - fx) * spectrum.at(i, j) + fx * spectrum.at(i1, j)) +
         fy * ((1 - fx) * spectrum.at(i, j1) + fx * spectrum.at(i1, j1));
}

std::vector<PickedPeak> reconcile_list(const Spectrum2D& spectrum, const FitOptions& options,
                                       FitPlan& plan) {
  std::vector<PickedPeak> out;
  if (!options.reconcile) return out;
  PickOptions pick;
  pick.threshold_noise = options.pick_threshold_noise;
  pick.noise = plan.noise > 0 ? plan.noise : NAN;  // the fit's estimate: picking's largest cost
  const double unit = pick_noise(spectrum, pick);
  std::vector<PickedPeak> picked = pick_peaks(spectrum, pick);
  ReconcileOptions match;
  match.search_x_ppm = options.search_x_ppm;
  match.search_y_ppm = options.search_y_ppm;
  match.estimate_offset = options.estimate_offset;
  const Reconciliation r = reconcile(plan.peaks, picked, spectrum.x, spectrum.y, match);

  const int n = static_cast<int>(plan.peaks.size());
  plan.reconciled = true;
  plan.start_x_ppm.resize(n), plan.start_y_ppm.resize(n);
  plan.unmatched.assign(n, 0);
  for (int i = 0; i < n; ++i) {
    const ListedMatch& m = r.listed[i];
    const bool finite = std::isfinite(m.start_x_ppm) && std::isfinite(m.start_y_ppm);
    plan.start_x_ppm[i] = finite ? m.start_x_ppm : plan.peaks[i].x_ppm;
    plan.start_y_ppm[i] = finite ? m.start_y_ppm : plan.peaks[i].y_ppm;
    if (m.picked >= 0) continue;
    if (m.nearest_picked >= 0) {
      plan.unmatched[i] = 1;
    } else if (finite) {
      const double x_pt = spectrum.x.pt_at(plan.start_x_ppm[i]);
      const double y_pt = spectrum.y.pt_at(plan.start_y_ppm[i]);
      const bool inside = x_pt >= 0 && x_pt <= spectrum.x.size_pt - 1 && y_pt >= 0 &&
                          y_pt <= spectrum.y.size_pt - 1;
      if (inside && std::abs(intensity_at(spectrum, plan.start_x_ppm[i], plan.start_y_ppm[i])) <
                        options.pick_threshold_noise * unit)
        plan.absent.push_back(i);
    }
  }
  plan.search_x_ppm = r.search_x_ppm, plan.search_y_ppm = r.search_y_ppm;
  plan.offset_x_ppm = r.offset_x_ppm, plan.offset_y_ppm = r.offset_y_ppm;
  plan.matched = r.matched;
  for (int p : r.unmatched_picked) out.push_back(picked[p]);
  plan.coinciding.assign(n, 0);
  for (const auto& [a, b] : r.coinciding) plan.coinciding[a] = plan.coinciding[b] = 1;
  return out;
}

void add_picked_neighbours(const std::vector<PickedPeak>& picks, FitPlan& plan) {
  std::vector<PickedPeak> kept;
  for (const PickedPeak& p : picks) {
    const int index = static_cast<int>(kept.size());
    bool used = false;
    for (FitTask& task : plan.tasks) {
      if (p.x_pt < task.x_begin_pt || p.x_pt > task.x_end_pt - 1 || p.y_pt < task.y_begin_pt ||
          p.y_pt > task.y_end_pt - 1)
        continue;
      used = true;
      task.picked.push_back(index);
    }
    if (used) kept.push_back(p);
  }
  plan.picked = std::move(kept);
  for (FitTask& task : plan.tasks) {
    if (task.picked.size() <= kMaxPicked) continue;
    std::stable_sort(task.picked.begin(), task.picked.end(), [&](int a, int b) {
      return std::abs(plan.picked[a].height) > std::abs(plan.picked[b].height);
    });
    task.picked.resize(kMaxPicked);
    std::sort(task.picked.begin(), task.picked.end());
  }
  // The owner is the first task that fits the pick after the caps (none: it has no row).
  std::vector<int> owner(plan.picked.size(), -1);
  for (const FitTask& task : plan.tasks)
    for (int p : task.picked)
      if (owner[p] < 0) owner[p] = task.id;
  plan.picked_owner = std::move(owner);
}

}  // namespace voigt::detail
