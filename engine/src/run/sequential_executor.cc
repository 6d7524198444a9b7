// The executor every other one must agree with: tasks in order, on the calling thread.
#include "voigt/executor.h"
#include "voigt/fit.h"

namespace voigt {
namespace {

class SequentialExecutor : public Executor {
 public:
  std::vector<TaskResult> run(const std::vector<FitTask>& tasks,
                              const TaskFunction& fit,
                              const ProgressCallback& progress) override {
    std::vector<TaskResult> results(tasks.size());
    Progress state;
    state.tasks_total = static_cast<int>(tasks.size());
    bool cancelled = false;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      results[i].task_id = tasks[i].id;
      if (cancelled || cancel_requested_.load()) {
        results[i].status = PeakStatus::kCancelled;
        results[i].message = "run cancelled before this cluster was fitted";
        continue;
      }
      results[i] = fit(tasks[i], never_stop_);
      ++state.tasks_done;
      state.peaks_done += static_cast<int>(tasks[i].peaks.size());
      state.current_assignment =
          results[i].rows.empty() ? std::string() : results[i].rows.front().assignment;
      if (progress && progress(state) == ProgressAction::kAbort) cancelled = true;
    }
    // A request made before the run started (Ctrl-C during plan()) cancelled this run; it is
    // cleared only now, so that it is never lost and the executor is reusable afterwards.
    cancel_requested_.store(false);
    return results;
  }
  int threads_used() const override { return 1; }
  void request_cancel() override { cancel_requested_.store(true); }

 private:
  // No second thread watches the clock here, so the time limit is the pools' business (the
  // thread pool's one-thread path keeps a watchdog); a cancellation takes effect between tasks.
  const StopFlag never_stop_{false};
  std::atomic<bool> cancel_requested_{false};
  std::string name() const override { return "sequential"; }
};

}  // namespace

std::unique_ptr<Executor> make_sequential_executor() {
  return std::make_unique<SequentialExecutor>();
}

}  // namespace voigt
