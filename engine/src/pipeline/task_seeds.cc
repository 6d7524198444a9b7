#include "pipeline/task_seeds.h"

#include <algorithm>
#include <cmath>

namespace voigt::detail {

// `prototype` is taken by value: callers pass an element of `seeds`, which push_back may move.
void append_picked_seeds(const FitPlan& plan, const FitTask& task, PeakSeed prototype,
                         double scale, std::vector<PeakSeed>& seeds) {
  for (int p : task.picked) {
    const PickedPeak& pick = plan.picked[p];
    PeakSeed s = prototype;
    s.x_pt = pick.x_pt - task.x_begin_pt;
    s.y_pt = pick.y_pt - task.y_begin_pt;
    s.fwhm_x_pt_hint = pick.fwhm_x_pt;
    s.fwhm_y_pt_hint = pick.fwhm_y_pt;
    s.height_hint = pick.height / scale;
    seeds.push_back(s);
  }
}

void bound_listed_moves(const Spectrum2D& spectrum, const FitPlan& plan,
                        const std::vector<PeakSeed>& seeds, int num_listed, int per_peak,
                        StartAndBounds& sb) {
  if (!plan.reconciled) return;
  const double reach_x_pt = plan.search_x_ppm / spectrum.x.ppm_per_pt();
  const double reach_y_pt = plan.search_y_ppm / spectrum.y.ppm_per_pt();
  for (int k = 0; k < num_listed; ++k) {
    const int o = k * per_peak;
    const double centre[2] = {seeds[k].x_pt, seeds[k].y_pt};
    const double reach[2] = {reach_x_pt, reach_y_pt};
    for (int axis = 0; axis < 2; ++axis) {
      const int i = o + 1 + axis;
      if (!(reach[axis] > 0)) continue;  // no windows (nothing picked): the fitting window bounds
      sb.lower[i] = std::max(sb.lower[i], centre[axis] - reach[axis]);
      sb.upper[i] = std::min(sb.upper[i], centre[axis] + reach[axis]);
      if (sb.lower[i] > sb.upper[i]) sb.lower[i] = sb.upper[i] = std::clamp(centre[axis], sb.upper[i], sb.lower[i]);
      sb.start[i] = std::clamp(sb.start[i], sb.lower[i], sb.upper[i]);
    }
  }
}

void add_flag(PeakResult& row, const std::string& flag) {
  if (!row.flags.empty()) row.flags += ";";
  row.flags += flag;
}

void mark_listed_row(const FitPlan& plan, int index, PeakResult& row) {
  row.x_ppm_start = plan.start_x(index);
  row.y_ppm_start = plan.start_y(index);
  if (!plan.reconciled) return;
  if (plan.unmatched[index]) add_flag(row, "unmatched");
  if (plan.coinciding[index]) add_flag(row, "coincides");
}

void keep_listed_identities(const std::vector<PeakSeed>& listed, int per_peak, int num_peaks,
                            StartAndBounds& best) {
  const int num_listed = static_cast<int>(listed.size());
  Eigen::VectorXd& p = best.start;
  auto distance = [&](int k, int fitted) {
    const double dx = (p[fitted * per_peak + 1] - listed[k].x_pt) / listed[k].half_window_x_pt;
    const double dy = (p[fitted * per_peak + 2] - listed[k].y_pt) / listed[k].half_window_y_pt;
    return dx * dx + dy * dy;
  };
  for (int a = num_listed; a < num_peaks; ++a) {
    int swap_with = -1;
    double largest_gain = 0;
    for (int k = 0; k < num_listed; ++k) {
      const double gain = distance(k, k) - distance(k, a);
      if (gain > largest_gain) largest_gain = gain, swap_with = k;
    }
    if (swap_with < 0) continue;
    for (Eigen::VectorXd* v : {&best.start, &best.lower, &best.upper})
      v->segment(swap_with * per_peak, per_peak).swap(v->segment(a * per_peak, per_peak));
  }
}

void mark_picked_row(const FitPlan& plan, int pick, const PeakResult* previous, PeakResult& row) {
  if (pick >= 0) {
    row.x_ppm_start = plan.picked[pick].x_ppm, row.y_ppm_start = plan.picked[pick].y_ppm;
    add_flag(row, "picked");
  } else if (previous && row.status == PeakStatus::kAdded) {
    row.x_ppm_start = previous->x_ppm_start, row.y_ppm_start = previous->y_ppm_start;
    if (std::isfinite(previous->x_ppm_start)) add_flag(row, "picked");
  }
}

}  // namespace voigt::detail
