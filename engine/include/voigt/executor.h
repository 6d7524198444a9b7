// Where tasks run: one interface for the sequential executor, the thread pool and the fork
// pool (native) and the pthread pool (WebAssembly).
#ifndef VOIGT_PUBLIC_EXECUTOR_H_
#define VOIGT_PUBLIC_EXECUTOR_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "voigt/peak_result.h"
#include "voigt/stop_flag.h"

namespace voigt {

struct FitTask;
struct TaskResult;

struct Progress {
  int tasks_done = 0;
  int tasks_total = 0;
  int peaks_done = 0;
  std::string current_assignment;  // of the task that finished last
};
enum class ProgressAction { kContinue, kAbort };
// Called after each finished task, from one thread only; kAbort cancels the remaining tasks.
using ProgressCallback = std::function<ProgressAction(const Progress&)>;
// The executor raises a running task's StopFlag (voigt/stop_flag.h) to stop it early (its time
// limit passed, or the run was cancelled); the task then returns promptly with status kCancelled
// and no rows, and the executor says which of the two it was. The task is a reference into the
// vector given to Executor::run.
using TaskFunction = std::function<TaskResult(const FitTask&, const StopFlag&)>;

// Tasks that wait for others: the second pass of a cluster needs only its neighbours' first
// fits, so it may start as soon as those are done, while other first fits still run.
struct TaskGraph {
  // after[i]: the tasks that must finish before task i starts, all with indices below i (the
  // tasks are listed in an order that respects the graph). Empty: no task waits.
  std::vector<std::vector<int>> after;
  // Among the tasks ready to start, the highest priority goes first (ties: the lower index).
  // Empty: index order. Results never depend on it, only the run's length.
  std::vector<double> priority;
  // A task with no peaks is bookkeeping between others (it fits nothing, e.g. gathers what the
  // tasks after it share): executors whose workers cannot share memory run it on the calling
  // thread.
  std::string validate(std::size_t num_tasks) const;
};
// A task of a graph: its index, and the results of the tasks run so far, of which those listed
// in after[index] are complete (the others may be in progress: not to be read).
using GraphTaskFunction =
    std::function<TaskResult(std::size_t index, const std::vector<TaskResult>& results,
                             const StopFlag&)>;

// When and where one task ran, seconds from the start of the run. worker -1: not run.
struct TaskTiming {
  int worker = -1;
  double start_s = 0, end_s = 0;
};

// How tasks run. Shells map --threads/--processes/--task-time-limit onto it 1:1.
struct ExecutorOptions {
  int threads = 0;                 // thread pool size; 0 = all hardware threads, 1 = sequential
  int processes = 0;               // > 0: a fork pool of this many processes (native only)
  double task_time_limit_s = 300;  // a task running longer gets status `timeout`; > 0
  std::string validate() const;
};

class Executor {
 public:
  virtual ~Executor() = default;
  // Runs every task and returns results indexed like `tasks`. A task that did not run to
  // completion (cancelled, timed out, crashed) comes back with empty `rows` and that status in
  // TaskResult::status, for the caller to fill the rows of its peaks.
  virtual std::vector<TaskResult> run(const std::vector<FitTask>& tasks,
                                      const TaskFunction& fit,
                                      const ProgressCallback& progress) = 0;
  // Runs a graph of tasks; results indexed like `tasks`. A task whose predecessors did not all
  // complete still runs (it reads their results' status); a cancelled run skips every task not
  // yet started. The default runs the graph in waves of tasks whose predecessors are all in
  // earlier waves, each wave one run(): right for executors whose workers see only what existed
  // when the run began (the fork pool's children).
  virtual std::vector<TaskResult> run_graph(const std::vector<FitTask>& tasks,
                                            const TaskGraph& graph,
                                            const GraphTaskFunction& fit,
                                            const ProgressCallback& progress);
  // When and where each task of the last run ran, where the executor measures it (the thread
  // pool does); empty otherwise.
  virtual std::vector<TaskTiming> last_run_timings() const { return {}; }
  virtual int threads_used() const = 0;
  virtual std::string name() const = 0;
  // Cancels the current run as a progress callback's kAbort does; called while no run is in
  // progress, it cancels the next run (a Ctrl-C during planning is not lost). Async-signal-safe
  // (lock-free atomic stores), so a SIGINT handler may call it.
  virtual void request_cancel() = 0;
};

// Runs tasks one after another on the calling thread, starting no thread: the time limit is
// an expiry check the solvers poll (each iteration reads the clock), a cancellation stops the
// running task too.
std::unique_ptr<Executor> make_sequential_executor(double task_time_limit_s = 300);

// A pool of `threads` std::threads (the caller counts as one: threads - 1 are started, once, and
// reused by every run). One thread, or fewer than 3 tasks, runs the tasks in order on the calling
// thread without touching the pool, still under the time limit (every task's stop flag checks its
// own deadline when polled; no thread watches). Results are identical to the sequential's: each
// task is a pure function and results are stored by task index. threads <= 0 means all hardware
// threads.
std::unique_ptr<Executor> make_thread_pool_executor(int threads, double task_time_limit_s = 300);

// What a whole run did, for the CLI's stderr and the page's status bar.
struct FitSummary {
  int peaks_total = 0;
  int ok = 0, added = 0, absent = 0, duplicate = 0, outside = 0;
  int failed = 0, timeout = 0, crashed = 0, cancelled = 0;
  // The list matched to the picked peaks (FitOptions::reconcile): listed peaks with a picked
  // peak, picked peaks fitted as added neighbours, the common shift applied to the list and the
  // search windows used (NaN: no picked peak to derive them from).
  bool reconciled = false;
  int matched = 0, picked_added = 0;
  double offset_x_ppm = 0, offset_y_ppm = 0;
  double search_x_ppm = NAN, search_y_ppm = NAN;
  int tasks = 0;
  int threads_requested = 1;
  int threads_used = 1;
  double median_r2 = NAN;
  double noise = NAN;
  double wall_time_s = NAN;        // measured by the shell (the engine has no clock)
  std::string executor = "sequential";
  std::string message = "fit_spectrum was not called";

  // Every listed peak fitted (an absent peak is a measured outcome; a duplicate's row is not
  // fitted): the CLI's exit status 0.
  bool all_fitted() const {
    return (duplicate + outside + failed + timeout + crashed + cancelled) == 0;
  }
  std::string brief_report() const;  // one line
};

}  // namespace voigt

#endif  // VOIGT_PUBLIC_EXECUTOR_H_
