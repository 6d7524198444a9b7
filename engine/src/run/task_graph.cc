// TaskGraph's checks, and the default Executor::run_graph: the graph in waves.
#include <algorithm>
#include <sstream>

#include "voigt/executor.h"
#include "voigt/fit.h"

namespace voigt {

std::string TaskGraph::validate(std::size_t num_tasks) const {
  std::ostringstream m;
  if (!after.empty() && after.size() != num_tasks)
    m << "TaskGraph::after has " << after.size() << " entries for " << num_tasks << " tasks";
  else if (!priority.empty() && priority.size() != num_tasks)
    m << "TaskGraph::priority has " << priority.size() << " entries for " << num_tasks << " tasks";
  for (std::size_t i = 0; i < after.size() && m.tellp() == 0; ++i)
    for (int j : after[i])
      if (j < 0 || static_cast<std::size_t>(j) >= i) {
        m << "TaskGraph::after[" << i << "] names task " << j
          << "; a task may only wait for tasks listed before it";
        break;
      }
  return m.str();
}

std::vector<TaskResult> Executor::run_graph(const std::vector<FitTask>& tasks,
                                            const TaskGraph& graph,
                                            const GraphTaskFunction& fit,
                                            const ProgressCallback& progress) {
  const std::size_t n = tasks.size();
  // A task's wave is one past its latest predecessor's: every wave sees its predecessors done.
  std::vector<int> wave(n, 0);
  int waves = n > 0 ? 1 : 0;
  for (std::size_t i = 0; i < graph.after.size(); ++i) {
    for (int j : graph.after[i]) wave[i] = std::max(wave[i], wave[j] + 1);
    waves = std::max(waves, wave[i] + 1);
  }
  std::vector<TaskResult> results(n);
  int peaks_before = 0, tasks_before = 0;
  bool cancelled = false;
  for (int w = 0; w < waves; ++w) {
    std::vector<FitTask> these;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < n; ++i) {
      if (wave[i] != w) continue;
      if (tasks[i].peaks.empty() && !cancelled) {  // bookkeeping: here, where its effects stay
        results[i] = fit(i, results, StopFlag{});
        results[i].task_id = tasks[i].id;
        continue;
      }
      these.push_back(tasks[i]), index.push_back(i);
    }
    if (cancelled) {  // a cancelled wave cancels the rest: the executor cleared its request
      for (std::size_t i : index) {
        results[i].task_id = tasks[i].id;
        results[i].status = PeakStatus::kCancelled;
        results[i].message = "run cancelled before this cluster was fitted";
      }
      continue;
    }
    ProgressCallback wave_progress;
    if (progress)
      wave_progress = [&](const Progress& p) {
        Progress whole = p;
        whole.tasks_done += tasks_before;
        whole.tasks_total = static_cast<int>(n);
        whole.peaks_done += peaks_before;
        return progress(whole);
      };
    std::vector<TaskResult> got = run(
        these,
        [&](const FitTask& task, const StopFlag& stop) {
          // Executors hand the task function references into the vector they were given.
          const std::size_t k = static_cast<std::size_t>(&task - these.data());
          return fit(index[k], results, stop);
        },
        wave_progress);
    for (std::size_t k = 0; k < index.size(); ++k) {
      cancelled |= got[k].rows.empty() && got[k].status == PeakStatus::kCancelled;
      results[index[k]] = std::move(got[k]);
      peaks_before += static_cast<int>(these[k].peaks.size());
    }
    tasks_before += static_cast<int>(index.size());
  }
  return results;
}

}  // namespace voigt
