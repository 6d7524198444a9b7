// The std::thread pool executor.
//
// States: the pool starts threads - 1 workers at construction; they sleep on `wake_` until a run
// publishes a job (a new `generation_`). During a run every worker, and the calling thread, take
// task indices from one atomic counter (tasks come sorted largest first, so the counter is the
// schedule) and write each result into its own slot: no lock on the hot path. The calling thread
// also drains the finished-task queue and calls the progress callback, so that the callback runs
// on one thread only. A run ends when every task is finished or skipped after cancellation; the
// destructor stops and joins the workers. One run at a time per pool.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "voigt/executor.h"
#include "voigt/fit.h"

namespace voigt {
namespace {

class ThreadPoolExecutor : public Executor {
 public:
  explicit ThreadPoolExecutor(int threads) : threads_(std::max(1, threads)) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
    threads_ = 1;  // the single-threaded WebAssembly build has no std::thread
#endif
    for (int i = 1; i < threads_; ++i) workers_.emplace_back([this] { worker_loop(); });
  }

  ~ThreadPoolExecutor() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  std::vector<TaskResult> run(const std::vector<FitTask>& tasks,
                              const TaskFunction& fit,
                              const ProgressCallback& progress) override {
    if (threads_ == 1 || tasks.size() < 3) return make_sequential_executor()->run(tasks, fit, progress);
    std::vector<TaskResult> results(tasks.size());
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tasks_ = &tasks;
      fit_ = &fit;
      results_ = &results;
      next_.store(0);
      cancelled_.store(false);
      finished_count_ = 0;
      finished_.clear();
      ++generation_;
    }
    wake_.notify_all();

    Progress state;
    state.tasks_total = static_cast<int>(tasks.size());
    auto report = [&] {
      std::deque<std::size_t> done;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        done.swap(finished_);
      }
      for (std::size_t i : done) {
        ++state.tasks_done;
        state.peaks_done += static_cast<int>(tasks[i].peaks.size());
        state.current_assignment = results[i].rows.empty() ? "" : results[i].rows.front().assignment;
        if (progress && progress(state) == ProgressAction::kAbort) cancelled_.store(true);
      }
    };
    // The calling thread works too, reporting progress between its own tasks.
    while (take_and_fit()) report();
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // Also wait for every worker to leave the job: one that woke late may still be about to
      // read the counter, and the job's pointers die with this call.
      all_done_.wait(lock, [&] { return finished_count_ == tasks.size() && active_workers_ == 0; });
    }
    report();
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      results[i].task_id = tasks[i].id;
      if (results[i].rows.empty() && results[i].status == PeakStatus::kOk) {
        results[i].status = PeakStatus::kCancelled;
        results[i].message = "run cancelled before this cluster was fitted";
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_ = nullptr;
    return results;
  }

  int threads_used() const override { return threads_; }
  std::string name() const override { return "thread"; }

 private:
  // Takes the next task index and fits it (or skips it after cancellation). False when none left.
  bool take_and_fit() {
    const std::size_t i = next_.fetch_add(1);
    if (i >= tasks_->size()) return false;
    if (!cancelled_.load()) (*results_)[i] = (*fit_)((*tasks_)[i]);
    std::lock_guard<std::mutex> lock(mutex_);
    finished_.push_back(i);
    if (++finished_count_ == tasks_->size()) all_done_.notify_all();
    return true;
  }

  void worker_loop() {
    std::uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || (generation_ != seen && tasks_ != nullptr); });
        if (stopping_) return;
        seen = generation_;
        ++active_workers_;
      }
      while (take_and_fit()) {
      }
      std::lock_guard<std::mutex> lock(mutex_);
      if (--active_workers_ == 0) all_done_.notify_all();
    }
  }

  int threads_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, all_done_;
  bool stopping_ = false;
  std::uint64_t generation_ = 0;
  // The current run; written under mutex_ before workers are woken, read-only during the run.
  const std::vector<FitTask>* tasks_ = nullptr;
  const TaskFunction* fit_ = nullptr;
  std::vector<TaskResult>* results_ = nullptr;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> cancelled_{false};
  std::size_t finished_count_ = 0;       // under mutex_
  int active_workers_ = 0;               // under mutex_: workers inside the current job
  std::deque<std::size_t> finished_;     // under mutex_: finished but not yet reported
};

}  // namespace

std::unique_ptr<Executor> make_thread_pool_executor(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::make_unique<ThreadPoolExecutor>(threads);
}

}  // namespace voigt
