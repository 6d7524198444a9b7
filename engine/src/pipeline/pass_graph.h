// fit_spectrum's two passes as one task graph, so that no pass waits for the whole other.
//
// Tasks 0..N-1 are the clusters' first fits in plan order (largest first); with a second pass,
// task N + c is cluster c's refit. It reads the first fits of the clusters whose regions reach
// within the background margin of its own (first_pass.h), its own included, and waits for those
// alone. Priorities are each task's critical path to the end of the run, estimated by region
// points x peaks: the longest chains start first.
//
// On a dense list (thousands of clusters within each one's margin, e.g. one listed peak per few
// dozen points) those waits would outnumber the points; then one join task (no peaks) sits
// between the passes instead: it waits for every first fit, and every second fit waits for it and
// reads one FirstPass of all first fits that the join builds.
#ifndef VOIGT_INTERNAL_PIPELINE_PASS_GRAPH_H_
#define VOIGT_INTERNAL_PIPELINE_PASS_GRAPH_H_

#include <vector>

#include "voigt/executor.h"
#include "voigt/fit.h"

namespace voigt::detail {

struct PassGraph {
  std::vector<FitTask> tasks;  // the plan's tasks, twice with a second pass (and the join)
  TaskGraph graph;
  std::size_t first_fits = 0;  // N: tasks below it are first fits
  bool joined = false;         // task N is the join
  bool is_join(std::size_t i) const { return joined && i == first_fits; }
  bool is_refit(std::size_t i) const { return i >= first_fits && !is_join(i); }
  // The first fit of refit task i.
  std::size_t first_of(std::size_t i) const { return i - first_fits - (joined ? 1 : 0); }
};

PassGraph pass_graph(const Spectrum2D& spectrum, const FitPlan& plan, const FitOptions& options);

// Each task of `g` with its results and, where measured, when and where it ran.
std::vector<TaskTrace> task_trace(const PassGraph& g, const std::vector<TaskResult>& results,
                                  const std::vector<TaskTiming>& timings);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_PASS_GRAPH_H_
