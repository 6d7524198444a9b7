#include "pipeline/pass_graph.h"

#include <algorithm>
#include <numeric>

#include "pipeline/first_pass.h"

namespace voigt::detail {
namespace {

// Beyond this many waits per second fit on average, the passes are joined instead (the 600-peak
// bench spectrum has a median of 22).
constexpr std::size_t kMaxMeanWaits = 64;

// For each task, the tasks whose regions overlap its region widened by `margin`, itself
// included, ascending; empty when there would be more than `max_total` in all. A sweep over
// regions sorted by their left edge: only those starting less than the widest region's width
// before the window can reach into it.
std::vector<std::vector<int>> nearby_tasks(const std::vector<FitTask>& tasks,
                                           BackgroundMargin margin, std::size_t max_total) {
  const int n = static_cast<int>(tasks.size());
  std::vector<int> by_x(n);
  std::iota(by_x.begin(), by_x.end(), 0);
  std::sort(by_x.begin(), by_x.end(),
            [&](int a, int b) { return tasks[a].x_begin_pt < tasks[b].x_begin_pt; });
  int widest = 0;
  for (const FitTask& t : tasks) widest = std::max(widest, t.x_end_pt - t.x_begin_pt);
  std::vector<std::vector<int>> nearby(n);
  std::size_t total = 0;
  for (int c = 0; c < n; ++c) {
    const FitTask& t = tasks[c];
    // One point of slack beyond the margin: subtract_others compares fitted centres, which
    // lie within the point grid of their own region, with its inclusive bounds.
    const double x_lo = t.x_begin_pt - margin.x_pt - 1, x_hi = t.x_end_pt + margin.x_pt + 1;
    const double y_lo = t.y_begin_pt - margin.y_pt - 1, y_hi = t.y_end_pt + margin.y_pt + 1;
    auto first = std::lower_bound(by_x.begin(), by_x.end(), x_lo - widest, [&](int d, double x) {
      return tasks[d].x_begin_pt < x;
    });
    for (auto it = first; it != by_x.end() && tasks[*it].x_begin_pt < x_hi; ++it) {
      const FitTask& o = tasks[*it];
      if (o.x_end_pt > x_lo && o.y_begin_pt < y_hi && o.y_end_pt > y_lo) nearby[c].push_back(*it);
    }
    std::sort(nearby[c].begin(), nearby[c].end());
    total += nearby[c].size();
    if (total > max_total) return {};
  }
  return nearby;
}

}  // namespace

PassGraph pass_graph(const Spectrum2D& spectrum, const FitPlan& plan, const FitOptions& options) {
  PassGraph g;
  const std::size_t n = plan.tasks.size();
  g.first_fits = n;
  g.tasks = plan.tasks;
  std::vector<double> cost(n);
  for (std::size_t c = 0; c < n; ++c) cost[c] = static_cast<double>(plan.tasks[c].cost());
  g.graph.priority = cost;
  if (!options.second_pass) return g;

  std::vector<std::vector<int>> waits =
      nearby_tasks(plan.tasks, background_margin(spectrum, options), kMaxMeanWaits * n);
  g.joined = waits.empty() && n > 0;
  g.graph.after.assign(n, {});
  if (g.joined) {
    FitTask join;
    join.id = -1;
    g.tasks.push_back(join);
    g.graph.after.emplace_back(n);
    std::iota(g.graph.after.back().begin(), g.graph.after.back().end(), 0);
    waits.assign(n, std::vector<int>{static_cast<int>(n)});
  }
  const std::size_t second_begin = g.tasks.size();
  g.tasks.insert(g.tasks.end(), plan.tasks.begin(), plan.tasks.end());
  g.graph.after.insert(g.graph.after.end(), waits.begin(), waits.end());
  g.graph.priority.resize(g.tasks.size(), 0.0);
  double longest_refit = 0;
  for (std::size_t c = 0; c < n; ++c) {
    g.graph.priority[second_begin + c] = cost[c];
    longest_refit = std::max(longest_refit, cost[c]);
    if (g.joined) continue;
    for (int d : g.graph.after[second_begin + c])
      g.graph.priority[d] = std::max(g.graph.priority[d], cost[d] + cost[c]);
  }
  if (g.joined) {
    g.graph.priority[n] = longest_refit;
    for (std::size_t c = 0; c < n; ++c) g.graph.priority[c] = cost[c] + longest_refit;
  }
  return g;
}

std::vector<TaskTrace> task_trace(const PassGraph& g, const std::vector<TaskResult>& results,
                                  const std::vector<TaskTiming>& timings) {
  std::vector<TaskTrace> trace(g.tasks.size());
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const FitTask& task = g.tasks[i];
    TaskTrace& t = trace[i];
    t.task = static_cast<int>(i);
    t.cluster = task.id;
    t.pass = g.is_refit(i) ? 2 : g.is_join(i) ? 0 : 1;
    t.peaks = static_cast<int>(task.peaks.size());
    t.points = static_cast<long>(task.x_end_pt - task.x_begin_pt) * (task.y_end_pt - task.y_begin_pt);
    for (const PeakResult& row : results[i].rows) t.iterations = std::max(t.iterations, row.iterations);
    t.priority = g.graph.priority.empty() ? 0 : g.graph.priority[i];
    if (!g.graph.after.empty()) t.after = g.graph.after[i];
    if (i < timings.size()) t.timing = timings[i];
  }
  return trace;
}

}  // namespace voigt::detail
