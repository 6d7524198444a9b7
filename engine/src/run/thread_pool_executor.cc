// The std::thread pool executor.
//
// States: the pool starts threads - 1 workers at construction; they sleep on `wake_` until a run
// publishes a job (a new `generation_`). During a run every worker, and the calling thread, take
// the ready task of highest priority from the run's ReadyQueue (under the lock, once per task;
// a task becomes ready when the tasks it waits for are finished) and write each result into its
// own slot: no lock while a task runs. The calling thread
// also drains the finished-task queue and calls the progress callback, so that the callback runs
// on one thread only. A run ends when every task is finished or skipped after cancellation; the
// destructor stops and joins the workers. One run at a time per pool.
//
// Time limit and cancellation: each thread has a slot holding its current task's start time and
// stop flag. The flag's expiry check compares the clock with the start each time the solvers
// poll it (once per iteration), so no watchdog thread is needed: a task can only be stopped where
// it polls anyway. Cancellation raises every slot's flag. A stopped task returns no rows, and the
// pool labels it `timeout` or `cancelled`.
//
// One thread, or fewer than 3 tasks: the tasks run in order on the calling thread, without
// waking the workers and without starting any thread, under the same time limit and
// cancellation.
//
// A cancellation requested while no run is in progress (Ctrl-C during plan()) is kept and
// cancels the next run; each run clears the request when it ends, so a pool is reusable after a
// cancelled run.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <sstream>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "run/ready_queue.h"
#include "voigt/executor.h"
#include "voigt/fit.h"

namespace voigt {
namespace {

class ThreadPoolExecutor : public Executor {
 public:
  ThreadPoolExecutor(int threads, double task_time_limit_s)
      : threads_(std::max(1, threads)), time_limit_s_(task_time_limit_s) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
    threads_ = 1;  // the single-threaded WebAssembly build has no std::thread
#endif
    slots_ = std::vector<Slot>(threads_);
    for (std::size_t i = 0; i < slots_.size(); ++i)
      slots_[i].stop.set_expiry_check([this, i] { return past_time_limit(slots_[i]); });
    for (int i = 1; i < threads_; ++i) workers_.emplace_back([this, i] { worker_loop(i); });
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
    return run_graph(tasks, TaskGraph{},
                     [&](std::size_t i, const std::vector<TaskResult>&, const StopFlag& stop) {
                       return fit(tasks[i], stop);
                     },
                     progress);
  }

  std::vector<TaskResult> run_graph(const std::vector<FitTask>& tasks, const TaskGraph& graph,
                                    const GraphTaskFunction& fit,
                                    const ProgressCallback& progress) override {
    if (const std::string why = graph.validate(tasks.size()); !why.empty())
      throw std::invalid_argument(why);
    std::vector<TaskResult> results(tasks.size());
    timings_.assign(tasks.size(), TaskTiming{});
    run_start_ns_ = now_ns();
    if (threads_ == 1 || tasks.size() < 3) {
      run_on_calling_thread(tasks, fit, progress, results);
      return results;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tasks_ = &tasks;
      fit_ = &fit;
      results_ = &results;
      schedule_.start(graph, tasks.size());
      ran_.assign(tasks.size(), 0);
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
        if (progress && progress(state) == ProgressAction::kAbort) cancel();
      }
    };
    // The calling thread works too, reporting progress between its own tasks and whenever it
    // waits for a task to become ready.
    while (take_and_fit(0, /*return_when_waiting=*/true)) report();
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // Also wait for every worker to leave the job: one that woke late may still be about to
      // look for a task, and the job's pointers die with this call.
      all_done_.wait(lock, [&] { return finished_count_ == tasks.size() && active_workers_ == 0; });
      // Withdrawn in the same critical section: a worker that wakes only now must find no job
      // (its wait tests tasks_), not this one's pointers while they are being torn down.
      tasks_ = nullptr;
    }
    report();
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      results[i].task_id = tasks[i].id;
      if (!ran_[i]) mark_not_run(results[i]);
    }
    cancelled_.store(false);  // this run took the request; the next one starts afresh
    return results;
  }

  std::vector<TaskTiming> last_run_timings() const override { return timings_; }
  int threads_used() const override { return threads_; }
  void request_cancel() override { cancel(); }
  std::string name() const override { return "thread"; }

 private:
  struct Slot {
    StopFlag stop;
    std::atomic<std::int64_t> started_ns{0};  // 0 while idle
    std::atomic<bool> timed_out{false};
  };

  // The tasks in index order (which respects the graph) on this thread (slot 0), the workers
  // left asleep. Results as the sequential executor's, plus `timeout`.
  void run_on_calling_thread(const std::vector<FitTask>& tasks, const GraphTaskFunction& fit,
                             const ProgressCallback& progress, std::vector<TaskResult>& results) {
    // The cancel request this run took is cleared on every way out, a task's exception included.
    struct ClearCancel {
      std::atomic<bool>& requested;
      ~ClearCancel() { requested.store(false); }
    } clear_cancel{cancelled_};
    Progress state;
    state.tasks_total = static_cast<int>(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      results[i].task_id = tasks[i].id;
      if (!start_task(slots_[0], 0, i)) {
        mark_not_run(results[i]);
        continue;
      }
      results[i] = fit(i, results, slots_[0].stop);
      results[i].task_id = tasks[i].id;
      finish_task(slots_[0], i, results[i]);
      ++state.tasks_done;
      state.peaks_done += static_cast<int>(tasks[i].peaks.size());
      state.current_assignment = results[i].rows.empty() ? "" : results[i].rows.front().assignment;
      if (progress && progress(state) == ProgressAction::kAbort) cancel();
    }
  }

  static void mark_not_run(TaskResult& result) {
    result.status = PeakStatus::kCancelled;
    result.message = "run cancelled before this cluster was fitted";
  }

  // Arms `slot` for a task; false when the run is cancelled (the task is then skipped). The flag
  // is checked again after the slot's stop flag is cleared: a cancel() between the first check
  // and the clearing would otherwise be undone for this task.
  bool start_task(Slot& slot, int worker, std::size_t task) {
    if (cancelled_.load()) return false;
    slot.timed_out.store(false);
    slot.stop.clear();
    if (cancelled_.load()) slot.stop.raise();
    const std::int64_t now = now_ns();
    slot.started_ns.store(now);
    timings_[task].worker = worker;  // this task's own entry: no other thread writes it
    timings_[task].start_s = 1e-9 * static_cast<double>(now - run_start_ns_);
    return true;
  }

  // Disarms `slot`; a task stopped by its time limit is labelled `timeout`.
  void finish_task(Slot& slot, std::size_t task, TaskResult& result) {
    slot.started_ns.store(0);
    timings_[task].end_s = 1e-9 * static_cast<double>(now_ns() - run_start_ns_);
    if (result.rows.empty() && slot.timed_out.load()) {
      std::ostringstream message;
      message << "cluster exceeded the time limit of " << time_limit_s_ << " s";
      result.status = PeakStatus::kTimeout;
      result.message = message.str();
    }
  }

  static std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  void cancel() {
    cancelled_.store(true);
    for (Slot& s : slots_) s.stop.raise();
  }

  // True, and the slot marked timed out, when its task has run past the limit.
  bool past_time_limit(Slot& slot) const {
    const std::int64_t started = slot.started_ns.load();
    if (started == 0 || now_ns() - started <= static_cast<std::int64_t>(time_limit_s_ * 1e9))
      return false;
    slot.timed_out.store(true);
    return true;
  }

  // Takes the ready task of highest priority and fits it in `slot` (or skips it after
  // cancellation), then releases the tasks waiting for it. With none ready it waits; with
  // `return_when_waiting` (the calling thread, which reports progress) it returns after a task
  // finishes elsewhere. False when every task has been taken.
  bool take_and_fit(int slot_index, bool return_when_waiting = false) {
    std::size_t i = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      const std::size_t finished_before = finished_count_;
      ready_.wait(lock, [&] {
        return schedule_.has_ready() || schedule_.all_taken() ||
               (return_when_waiting && finished_count_ != finished_before);
      });
      if (schedule_.all_taken()) return false;
      if (!schedule_.has_ready()) return true;
      i = schedule_.take();
    }
    Slot& slot = slots_[slot_index];
    if (start_task(slot, slot_index, i)) {
      TaskResult& result = (*results_)[i] = (*fit_)(i, *results_, slot.stop);
      ran_[i] = 1;  // this task's own slot: no other thread writes it
      finish_task(slot, i, result);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      schedule_.finish(i);
      finished_.push_back(i);
      if (++finished_count_ == tasks_->size()) all_done_.notify_all();
    }
    ready_.notify_all();
    return true;
  }

  void worker_loop(int slot_index) {
    std::uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || (generation_ != seen && tasks_ != nullptr); });
        if (stopping_) return;
        seen = generation_;
        ++active_workers_;
      }
      while (take_and_fit(slot_index)) {
      }
      std::lock_guard<std::mutex> lock(mutex_);
      if (--active_workers_ == 0) all_done_.notify_all();
    }
  }

  int threads_;
  double time_limit_s_;
  std::vector<Slot> slots_;  // one per thread; slot 0 is the calling thread's
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, all_done_, ready_;
  bool stopping_ = false;
  std::uint64_t generation_ = 0;
  // The current run; written under mutex_ before workers are woken, read-only during the run.
  const std::vector<FitTask>* tasks_ = nullptr;
  const GraphTaskFunction* fit_ = nullptr;
  std::vector<TaskResult>* results_ = nullptr;
  detail::ReadyQueue schedule_;    // under mutex_
  std::vector<char> ran_;  // per task, written by the thread that fitted it
  std::vector<TaskTiming> timings_;  // per task, written by the thread that fitted it
  std::int64_t run_start_ns_ = 0;
  std::atomic<bool> cancelled_{false};
  std::size_t finished_count_ = 0;       // under mutex_
  int active_workers_ = 0;               // under mutex_: workers inside the current job
  std::deque<std::size_t> finished_;     // under mutex_: finished but not yet reported
};

}  // namespace

std::unique_ptr<Executor> make_thread_pool_executor(int threads, double task_time_limit_s) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::make_unique<ThreadPoolExecutor>(threads, task_time_limit_s);
}

std::string ExecutorOptions::validate() const {
  std::ostringstream m;
  if (threads < 0) m << "ExecutorOptions::threads = " << threads << "; must be >= 0";
  else if (processes < 0) m << "ExecutorOptions::processes = " << processes << "; must be >= 0";
  else if (!(task_time_limit_s > 0))
    m << "ExecutorOptions::task_time_limit_s = " << task_time_limit_s << "; must be > 0";
  return m.str();
}

}  // namespace voigt
