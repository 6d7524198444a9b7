#include "job_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "cli.h"

namespace voigt {
namespace {

std::atomic<pid_t> g_child{0};
std::atomic<bool> g_interrupted{false};

void on_stop_signal(int) {
  g_interrupted.store(true);
  if (const pid_t child = g_child.load(); child > 0) ::kill(child, SIGKILL);
}

// SIGINT and SIGTERM -> on_stop_signal while it lives.
class StopSignals {
 public:
  StopSignals() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &old_int_);
    ::sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {}, old_term_ {};
};

[[noreturn]] void run_child(const std::vector<std::string>& words, int log, pid_t parent) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(128 + SIGKILL);  // the batch died before prctl
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  ::dup2(log, STDOUT_FILENO);
  ::dup2(log, STDERR_FILENO);
  ::close(log);
  const int status = run_cli(words);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(status);
}

}  // namespace

ProcessOutcome run_cli_in_child(const std::vector<std::string>& words, const std::string& log_path) {
  const int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (log < 0)
    throw std::runtime_error("cannot write " + log_path + ": " + std::strerror(errno));
  const StopSignals stop_signals;
  const auto start = std::chrono::steady_clock::now();
  std::cout.flush();
  std::cerr.flush();
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(log);
    throw std::runtime_error(std::string("cannot start a job: fork: ") + std::strerror(errno));
  }
  if (child == 0) run_child(words, log, parent);
  ::close(log);
  g_child.store(child);
  if (g_interrupted.load()) ::kill(child, SIGKILL);  // a signal between fork and the store
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  g_child.store(0);
  ProcessOutcome outcome;
  outcome.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  outcome.interrupted = g_interrupted.load();
  return outcome;
}

}  // namespace voigt
