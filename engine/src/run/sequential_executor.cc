// The executor every other one must agree with: tasks in order, on the calling thread, and no
// second thread: the time limit is an expiry check on the task's StopFlag, which the solvers
// poll once per iteration (a clock read each, negligible beside an iteration's model pass).
#include <chrono>
#include <sstream>

#include "voigt/executor.h"
#include "voigt/fit.h"

namespace voigt {
namespace {

class SequentialExecutor : public Executor {
 public:
  explicit SequentialExecutor(double task_time_limit_s) : time_limit_s_(task_time_limit_s) {
    stop_.set_expiry_check([this] {
      if (Clock::now() <= deadline_) return false;
      timed_out_ = true;
      return true;
    });
  }

  std::vector<TaskResult> run(const std::vector<FitTask>& tasks,
                              const TaskFunction& fit,
                              const ProgressCallback& progress) override {
    std::vector<TaskResult> results(tasks.size());
    Progress state;
    state.tasks_total = static_cast<int>(tasks.size());
    const auto limit = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(time_limit_s_));
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      results[i].task_id = tasks[i].id;
      if (cancel_requested_.load()) {
        results[i].status = PeakStatus::kCancelled;
        results[i].message = "run cancelled before this cluster was fitted";
        continue;
      }
      timed_out_ = false;
      deadline_ = Clock::now() + limit;
      stop_.clear();
      if (cancel_requested_.load()) stop_.raise();  // a request between the check and the clear
      results[i] = fit(tasks[i], stop_);
      results[i].task_id = tasks[i].id;
      if (results[i].rows.empty() && timed_out_) {
        std::ostringstream message;
        message << "cluster exceeded the time limit of " << time_limit_s_ << " s";
        results[i].status = PeakStatus::kTimeout;
        results[i].message = message.str();
      }
      ++state.tasks_done;
      state.peaks_done += static_cast<int>(tasks[i].peaks.size());
      state.current_assignment =
          results[i].rows.empty() ? std::string() : results[i].rows.front().assignment;
      if (progress && progress(state) == ProgressAction::kAbort) cancel_requested_.store(true);
    }
    // A request made before the run started (Ctrl-C during plan()) cancelled this run; it is
    // cleared only now, so that it is never lost and the executor is reusable afterwards.
    cancel_requested_.store(false);
    return results;
  }
  int threads_used() const override { return 1; }
  std::string name() const override { return "sequential"; }
  // Both stores are lock-free atomics (async-signal-safe): the running task stops at its next
  // iteration, the rest are skipped.
  void request_cancel() override {
    cancel_requested_.store(true);
    stop_.raise();
  }

 private:
  using Clock = std::chrono::steady_clock;
  const double time_limit_s_;
  StopFlag stop_;
  Clock::time_point deadline_{};
  bool timed_out_ = false;  // set by the expiry check, on this thread
  std::atomic<bool> cancel_requested_{false};
};

}  // namespace

std::unique_ptr<Executor> make_sequential_executor(double task_time_limit_s) {
  return std::make_unique<SequentialExecutor>(task_time_limit_s);
}

}  // namespace voigt
