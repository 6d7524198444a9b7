#include "run/ready_queue.h"

namespace voigt::detail {

void ReadyQueue::start(const TaskGraph& graph, std::size_t num_tasks) {
  num_tasks_ = num_tasks;
  taken_ = 0;
  waiting_.assign(num_tasks, 0);
  dependents_.assign(num_tasks, {});
  priority_ = graph.priority;
  priority_.resize(num_tasks, 0.0);
  ready_ = {};
  for (std::size_t i = 0; i < graph.after.size(); ++i)
    for (int j : graph.after[i]) ++waiting_[i], dependents_[j].push_back(static_cast<int>(i));
  for (std::size_t i = 0; i < num_tasks; ++i)
    if (waiting_[i] == 0) ready_.emplace(priority_[i], -static_cast<long>(i));
}

std::size_t ReadyQueue::take() {
  const std::size_t i = static_cast<std::size_t>(-ready_.top().second);
  ready_.pop();
  ++taken_;
  return i;
}

void ReadyQueue::finish(std::size_t i) {
  for (int d : dependents_[i])
    if (--waiting_[d] == 0) ready_.emplace(priority_[d], -static_cast<long>(d));
}

}  // namespace voigt::detail
