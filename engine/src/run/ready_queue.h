// The list scheduler's state for one run of a TaskGraph: which tasks wait for how many others,
// and which are ready, highest priority first. The thread pool drives it under its lock;
// bench/schedule_model.py replays traces with the same rules (priority, then lowest index).
#ifndef VOIGT_INTERNAL_RUN_READY_QUEUE_H_
#define VOIGT_INTERNAL_RUN_READY_QUEUE_H_

#include <cstddef>
#include <queue>
#include <utility>
#include <vector>

#include "voigt/executor.h"

namespace voigt::detail {

class ReadyQueue {
 public:
  // Every task of `graph` (num_tasks of them) not yet taken; those that wait for none ready.
  void start(const TaskGraph& graph, std::size_t num_tasks);
  bool has_ready() const { return !ready_.empty(); }
  bool all_taken() const { return taken_ == num_tasks_; }
  // The ready task to run next (has_ready() must hold).
  std::size_t take();
  // Task `i` is done: the tasks that waited only for it become ready.
  void finish(std::size_t i);

 private:
  std::size_t num_tasks_ = 0, taken_ = 0;
  std::vector<int> waiting_;                   // per task: predecessors not yet finished
  std::vector<std::vector<int>> dependents_;   // per task: the tasks that wait for it
  std::vector<double> priority_;
  // (priority, -index): the highest priority on top, then the lowest index.
  std::priority_queue<std::pair<double, long>> ready_;
};

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_RUN_READY_QUEUE_H_
