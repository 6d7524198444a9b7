// The fork pool.
//
// The parent hands out task indices over one pipe per child and reads encoded results back over
// another; it polls every 20 ms to enforce the time limit and to notice cancellation. A child
// reads an index, fits, writes "length, bytes", and exits on end of input. Children ignore
// SIGINT: Ctrl-C reaches the whole process group, and it is the parent that decides (cancel the
// rest, keep what finished). Every child is reaped before run() returns: no zombies, no orphans.
#include "fork_pool_executor.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <sstream>
#include <string>
#include <vector>

#include "task_result_codec.h"
#include "voigt/fit.h"

namespace voigt {
namespace {

using Clock = std::chrono::steady_clock;

bool write_all(int fd, const void* data, std::size_t n) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w, n -= static_cast<std::size_t>(w);
  }
  return true;
}

bool read_all(int fd, void* data, std::size_t n) {
  char* p = static_cast<char*>(data);
  while (n > 0) {
    const ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r, n -= static_cast<std::size_t>(r);
  }
  return true;
}

void inject_fault_if_asked(int task_id) {
  const char* fault = std::getenv("VOIGTFIT_FAULT_TASK");
  if (!fault) return;
  char* end = nullptr;
  const long id = std::strtol(fault, &end, 10);
  if (id != task_id || *end != ':') return;
  if (std::strcmp(end + 1, "segv") == 0) ::raise(SIGSEGV);
  if (std::strcmp(end + 1, "hang") == 0)
    for (;;) ::pause();
}

[[noreturn]] void child_main(int in_fd, int out_fd, const std::vector<FitTask>& tasks,
                             const TaskFunction& fit) {
  ::signal(SIGINT, SIG_IGN);
  const StopFlag never_stop;
  std::uint32_t index = 0;
  while (read_all(in_fd, &index, sizeof index)) {
    inject_fault_if_asked(tasks[index].id);
    const std::string bytes = encode_task_result(fit(tasks[index], never_stop));
    const std::uint64_t size = bytes.size();
    if (!write_all(out_fd, &size, sizeof size) || !write_all(out_fd, bytes.data(), bytes.size()))
      ::_exit(1);
  }
  ::_exit(0);
}

class ForkPoolExecutor : public Executor {
 public:
  ForkPoolExecutor(int processes, double time_limit_s)
      : processes_(processes), time_limit_s_(time_limit_s) {}

  std::vector<TaskResult> run(const std::vector<FitTask>& tasks,
                              const TaskFunction& fit,
                              const ProgressCallback& progress) override {
    // Even one process or one task runs in a child: the user asked for isolation, and only a
    // child can be killed at the time limit or lost to a crash without taking the run with it.
    RunState run{tasks, fit, progress};
    run.results.resize(tasks.size());
    run.done.assign(tasks.size(), false);
    for (std::uint32_t i = 0; i < tasks.size(); ++i) run.pending.push_back(i);
    run.state.tasks_total = static_cast<int>(tasks.size());

    // A cancellation requested before the run (Ctrl-C during plan()) starts no child.
    for (int c = 0; c < std::max(1, processes_) && c < static_cast<int>(tasks.size()) &&
                    !cancel_requested_;
         ++c)
      run.children.push_back(spawn(tasks, fit));
    while (!run.cancelled && !cancel_requested_) {
      hand_out_tasks(run);
      if (!serve_busy_children(run)) break;
    }
    stop_children(run);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      if (run.done[i]) continue;
      run.results[i].task_id = tasks[i].id;
      run.results[i].status = PeakStatus::kCancelled;
      run.results[i].message = "run cancelled before this cluster was fitted";
    }
    cancel_requested_.store(false);  // this run took the request; the next one starts afresh
    return std::move(run.results);
  }

  int threads_used() const override { return processes_; }
  std::string name() const override { return "process"; }

  void request_cancel() override { cancel_requested_.store(true); }

 private:
  struct Child {
    pid_t pid = -1;
    int to_child = -1, from_child = -1;
    std::int64_t task = -1;  // index being fitted, -1 when idle
    Clock::time_point started;
  };

  // One run's bookkeeping: each task's result, the tasks not yet handed out, the children.
  struct RunState {
    const std::vector<FitTask>& tasks;
    const TaskFunction& fit;
    const ProgressCallback& progress;
    std::vector<TaskResult> results;
    std::vector<bool> done;
    std::deque<std::uint32_t> pending;
    std::vector<Child> children;
    Progress state;
    bool cancelled = false;  // the progress callback asked to abort
  };

  // Records task i's result and reports progress.
  void finish(RunState& run, std::size_t i, TaskResult result) {
    run.results[i] = std::move(result);
    run.results[i].task_id = run.tasks[i].id;
    run.done[i] = true;
    ++run.state.tasks_done;
    run.state.peaks_done += static_cast<int>(run.tasks[i].peaks.size());
    run.state.current_assignment =
        run.results[i].rows.empty() ? "" : run.results[i].rows.front().assignment;
    if (run.progress && run.progress(run.state) == ProgressAction::kAbort) run.cancelled = true;
  }

  void fail(RunState& run, std::size_t i, PeakStatus status, const std::string& message) {
    TaskResult r;
    r.status = status;
    r.message = message;
    finish(run, i, std::move(r));
  }

  // Gives every idle live child the next pending task.
  void hand_out_tasks(RunState& run) {
    for (Child& child : run.children) {
      if (child.pid <= 0 || child.task >= 0 || run.pending.empty()) continue;
      child.task = static_cast<std::int64_t>(run.pending.front());
      run.pending.pop_front();
      const std::uint32_t index = static_cast<std::uint32_t>(child.task);
      child.started = Clock::now();
      if (!write_all(child.to_child, &index, sizeof index))
        run.pending.push_front(index), child.task = -1;
    }
  }

  // Waits up to 20 ms for results, then collects each one that came and enforces the time limit
  // on the others. False when no child is busy (the run is over) or poll failed.
  bool serve_busy_children(RunState& run) {
    std::vector<pollfd> fds;
    for (const Child& child : run.children)
      if (child.task >= 0) fds.push_back({child.from_child, POLLIN, 0});
    if (fds.empty()) return false;
    if (::poll(fds.data(), fds.size(), 20) < 0 && errno != EINTR) return false;
    for (Child& child : run.children) {
      if (child.task < 0) continue;
      bool readable = false;
      for (const pollfd& p : fds)
        readable |= p.fd == child.from_child && (p.revents & (POLLIN | POLLHUP));
      if (readable)
        collect(run, child);
      else if (std::chrono::duration<double>(Clock::now() - child.started).count() > time_limit_s_)
        time_out(run, child);
    }
    return true;
  }

  // Reads the busy child's result; a child that died instead fails its task and is replaced.
  void collect(RunState& run, Child& child) {
    const std::size_t i = static_cast<std::size_t>(child.task);
    std::uint64_t size = 0;
    std::string bytes;
    bool ok = read_all(child.from_child, &size, sizeof size);
    if (ok) {
      bytes.resize(size);
      ok = read_all(child.from_child, bytes.data(), size);
    }
    if (!ok) {
      const std::string how = reap(child);
      fail(run, i, PeakStatus::kCrashed,
           "worker process died (" + how + ") while fitting this cluster");
      child = replacement(run.pending, run.tasks, run.fit);
      return;
    }
    child.task = -1;
    try {
      finish(run, i, decode_task_result(bytes));
    } catch (const std::exception& e) {
      fail(run, i, PeakStatus::kCrashed,
           std::string("worker process sent a bad result: ") + e.what());
    }
  }

  // Kills the busy child past the time limit, fails its task and replaces the child.
  void time_out(RunState& run, Child& child) {
    const std::size_t i = static_cast<std::size_t>(child.task);
    ::kill(child.pid, SIGKILL);
    reap(child);
    std::ostringstream message;
    message << "cluster exceeded the time limit of " << time_limit_s_ << " s";
    fail(run, i, PeakStatus::kTimeout, message.str());
    child = replacement(run.pending, run.tasks, run.fit);
  }

  // Reaps every child: idle ones exit at the end of their input; busy ones, or all of them when
  // the run was cancelled, are killed first.
  void stop_children(RunState& run) {
    for (Child& child : run.children) {
      if (child.pid <= 0) continue;
      if (child.task >= 0 || run.cancelled || cancel_requested_) ::kill(child.pid, SIGKILL);
      reap(child);
    }
  }

  Child spawn(const std::vector<FitTask>& tasks, const TaskFunction& fit) {
    int down[2], up[2];
    if (::pipe(down) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    if (::pipe(up) != 0) {
      ::close(down[0]), ::close(down[1]);
      throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
      ::close(down[1]);
      ::close(up[0]);
      // A sibling's input pipe held open here would keep that sibling from ever seeing the end
      // of its input.
      for (int fd : parent_fds_) ::close(fd);
      child_main(down[0], up[1], tasks, fit);
    }
    ::close(down[0]);
    ::close(up[1]);
    parent_fds_.push_back(down[1]);
    parent_fds_.push_back(up[0]);
    Child c;
    c.pid = pid;
    c.to_child = down[1];
    c.from_child = up[0];
    return c;
  }

  Child replacement(const std::deque<std::uint32_t>& pending, const std::vector<FitTask>& tasks,
                    const TaskFunction& fit) {
    return pending.empty() ? Child{} : spawn(tasks, fit);
  }

  // Closes the pipes (a live child then sees end of input and exits) and waits for the child.
  std::string reap(Child& child) {
    ::close(child.to_child);
    ::close(child.from_child);
    parent_fds_.erase(std::remove_if(parent_fds_.begin(), parent_fds_.end(),
                                     [&](int fd) { return fd == child.to_child || fd == child.from_child; }),
                      parent_fds_.end());
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    child.pid = -1;
    child.task = -1;
    if (WIFSIGNALED(status)) return std::string("signal ") + std::to_string(WTERMSIG(status)) + ", " + ::strsignal(WTERMSIG(status));
    return "exit status " + std::to_string(WEXITSTATUS(status));
  }

  int processes_;
  double time_limit_s_;
  std::vector<int> parent_fds_;  // the parent's ends of every live child's pipes
  std::atomic<bool> cancel_requested_{false};
};

}  // namespace

std::unique_ptr<Executor> make_fork_pool_executor(int processes, double task_time_limit_s) {
  return std::make_unique<ForkPoolExecutor>(processes, task_time_limit_s);
}

}  // namespace voigt
