// Reconciliation of a peak list with the picked peaks: windowed one-to-one optimal matching,
// common-offset estimation by iterated medians, coinciding listed peaks. See voigt/reconcile.h.
#include "voigt/reconcile.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "pipeline/assignment.h"

namespace voigt {
namespace {

struct Point {
  double x = NAN, y = NAN;
};

// Median of v (the mean of the middle two for even sizes); v is reordered. NaN when empty.
double median(std::vector<double>& v) {
  if (v.empty()) return NAN;
  const auto mid = v.begin() + v.size() / 2;
  std::nth_element(v.begin(), mid, v.end());
  if (v.size() % 2 == 1) return *mid;
  return 0.5 * (*mid + *std::max_element(v.begin(), mid));
}

// Median half-height width of the picks in ppm along one axis; NaN with no pick.
double median_fwhm_ppm(const std::vector<PickedPeak>& picked, bool along_x, const Axis& axis) {
  std::vector<double> w;
  for (const PickedPeak& p : picked) {
    const double fwhm = along_x ? p.fwhm_x_pt : p.fwhm_y_pt;
    if (std::isfinite(fwhm)) w.push_back(fwhm);
  }
  return median(w) * std::fabs(axis.ppm_per_pt());
}

// Picks in order of x_ppm (then index), for the window sweep.
std::vector<int> sorted_by_x(const std::vector<PickedPeak>& picked) {
  std::vector<int> order;
  for (int k = 0; k < static_cast<int>(picked.size()); ++k)
    if (std::isfinite(picked[k].x_ppm) && std::isfinite(picked[k].y_ppm)) order.push_back(k);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return picked[a].x_ppm < picked[b].x_ppm; });
  return order;
}

// The (listed, picked) pairs inside the window ellipse around the listed positions moved by
// `offset`, cost (dx / wx)^2 + (dy / wy)^2 <= 1.
std::vector<detail::AllowedPair> window_pairs(const std::vector<Peak>& listed,
                                              const std::vector<PickedPeak>& picked,
                                              const std::vector<int>& by_x,
                                              Point window,
                                              Point offset) {
  std::vector<detail::AllowedPair> pairs;
  for (int i = 0; i < static_cast<int>(listed.size()); ++i) {
    const double lx = listed[i].x_ppm + offset.x, ly = listed[i].y_ppm + offset.y;
    if (!std::isfinite(lx) || !std::isfinite(ly)) continue;
    auto it = std::lower_bound(by_x.begin(), by_x.end(), lx - window.x,
                               [&](int k, double v) { return picked[k].x_ppm < v; });
    for (; it != by_x.end() && picked[*it].x_ppm <= lx + window.x; ++it) {
      const double dx = (picked[*it].x_ppm - lx) / window.x, dy = (picked[*it].y_ppm - ly) / window.y;
      const double cost = dx * dx + dy * dy;
      if (cost <= 1) pairs.push_back({i, *it, cost});
    }
  }
  return pairs;
}

// One optimal matching of the listed positions moved by `offset`: picked index per listed peak.
std::vector<int> match_once(const std::vector<Peak>& listed,
                            const std::vector<PickedPeak>& picked,
                            const std::vector<int>& by_x,
                            Point window,
                            Point offset) {
  // The unmatched cost sits just above the ellipse's edge, so every pair inside it is allowed.
  constexpr double kUnmatchedCost = 1 + 1e-9;
  return detail::assign_rows(static_cast<int>(listed.size()), static_cast<int>(picked.size()),
                             window_pairs(listed, picked, by_x, window, offset), kUnmatchedCost);
}

// Median shift picked - listed over the matches; count of matches in *support.
Point median_shift(const std::vector<Peak>& listed,
                   const std::vector<PickedPeak>& picked,
                   const std::vector<int>& match,
                   int* support) {
  std::vector<double> sx, sy;
  for (std::size_t i = 0; i < listed.size(); ++i)
    if (match[i] >= 0) {
      sx.push_back(picked[match[i]].x_ppm - listed[i].x_ppm);
      sy.push_back(picked[match[i]].y_ppm - listed[i].y_ppm);
    }
  *support = static_cast<int>(sx.size());
  return {median(sx), median(sy)};
}

// Listed pairs closer than `tolerance` in both dimensions, by a sweep over x.
std::vector<std::pair<int, int>> coinciding_pairs(const std::vector<Peak>& listed, Point tolerance) {
  std::vector<std::pair<int, int>> out;
  if (!(tolerance.x > 0 && tolerance.y > 0)) return out;
  std::vector<int> order;
  for (int k = 0; k < static_cast<int>(listed.size()); ++k)
    if (std::isfinite(listed[k].x_ppm) && std::isfinite(listed[k].y_ppm)) order.push_back(k);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return listed[a].x_ppm < listed[b].x_ppm; });
  for (std::size_t a = 0; a < order.size(); ++a)
    for (std::size_t b = a + 1;
         b < order.size() && listed[order[b]].x_ppm - listed[order[a]].x_ppm < tolerance.x; ++b)
      if (std::fabs(listed[order[b]].y_ppm - listed[order[a]].y_ppm) < tolerance.y)
        out.emplace_back(std::min(order[a], order[b]), std::max(order[a], order[b]));
  std::sort(out.begin(), out.end());
  return out;
}

// Iterated offset: estimate from the current matches, move the list, match again.
void estimate_offset(const std::vector<Peak>& listed,
                     const std::vector<PickedPeak>& picked,
                     const std::vector<int>& by_x,
                     Point window,
                     const ReconcileOptions& o,
                     std::vector<int>& match,
                     Reconciliation& r) {
  int valid = 0;
  for (const Peak& p : listed) valid += std::isfinite(p.x_ppm) && std::isfinite(p.y_ppm);
  const double needed =
      std::max<double>(o.min_offset_matches, std::ceil(o.min_offset_match_fraction * valid));
  for (int pass = 0; pass < o.max_offset_iterations; ++pass) {
    int support = 0;
    const Point shift = median_shift(listed, picked, match, &support);
    if (support < needed) break;  // keep the last supported offset and its matching
    const bool settled = std::fabs(shift.x - r.offset_x_ppm) < o.offset_tolerance * window.x &&
                         std::fabs(shift.y - r.offset_y_ppm) < o.offset_tolerance * window.y;
    r.offset_estimated = true;
    r.offset_support = support;
    r.offset_x_ppm = shift.x, r.offset_y_ppm = shift.y;
    r.offset_iterations = pass + 1;
    match = match_once(listed, picked, by_x, window, shift);
    if (settled) break;
  }
}

}  // namespace

Reconciliation reconcile(const std::vector<Peak>& listed,
                         const std::vector<PickedPeak>& picked,
                         const Axis& x,
                         const Axis& y,
                         const ReconcileOptions& options) {
  if (const std::string e = options.validate(); !e.empty()) throw std::invalid_argument(e);
  Reconciliation r;
  const Point linewidth{median_fwhm_ppm(picked, true, x), median_fwhm_ppm(picked, false, y)};
  r.search_x_ppm = std::isnan(options.search_x_ppm) ? options.window_fwhm_factor * linewidth.x
                                                    : options.search_x_ppm;
  r.search_y_ppm = std::isnan(options.search_y_ppm) ? options.window_fwhm_factor * linewidth.y
                                                    : options.search_y_ppm;
  const Point window{r.search_x_ppm, r.search_y_ppm};
  std::vector<int> match(listed.size(), -1);
  r.listed.resize(listed.size());
  if (window.x > 0 && window.y > 0) {  // NaN (derived, nothing picked) leaves all unmatched
    const std::vector<int> by_x = sorted_by_x(picked);
    match = match_once(listed, picked, by_x, window, {0, 0});
    if (options.estimate_offset) estimate_offset(listed, picked, by_x, window, options, match, r);
    std::vector<double> best(listed.size(), 2);
    for (const detail::AllowedPair& e :
         window_pairs(listed, picked, by_x, window, {r.offset_x_ppm, r.offset_y_ppm}))
      if (e.cost < best[e.row]) best[e.row] = e.cost, r.listed[e.row].nearest_picked = e.column;
  }
  std::vector<char> taken(picked.size(), 0);
  for (std::size_t i = 0; i < listed.size(); ++i) {
    ListedMatch& m = r.listed[i];
    m.picked = match[i];
    if (m.picked >= 0) {
      taken[m.picked] = 1;
      ++r.matched;
      m.start_x_ppm = picked[m.picked].x_ppm, m.start_y_ppm = picked[m.picked].y_ppm;
    } else {
      m.start_x_ppm = listed[i].x_ppm + r.offset_x_ppm;
      m.start_y_ppm = listed[i].y_ppm + r.offset_y_ppm;
    }
    m.shift_x_ppm = m.start_x_ppm - listed[i].x_ppm;
    m.shift_y_ppm = m.start_y_ppm - listed[i].y_ppm;
  }
  for (int k = 0; k < static_cast<int>(picked.size()); ++k)
    if (!taken[k]) r.unmatched_picked.push_back(k);
  // Linewidth unit for coincidence: the picks' median, else the window's share of it.
  const Point unit{std::isnan(linewidth.x) ? window.x / options.window_fwhm_factor : linewidth.x,
                   std::isnan(linewidth.y) ? window.y / options.window_fwhm_factor : linewidth.y};
  r.coinciding = coinciding_pairs(
      listed, {options.coincide_fwhm_fraction * unit.x, options.coincide_fwhm_fraction * unit.y});
  return r;
}

}  // namespace voigt
