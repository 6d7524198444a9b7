#include "engine_run.h"

#include <signal.h>

#include <atomic>

#include "command_options.h"
#include "make_executor.h"

namespace voigt {
namespace {

// The executor a SIGINT cancels; lock-free, so the handler may read it.
std::atomic<Executor*> g_interruptible{nullptr};

void on_interrupt(int) {
  ::signal(SIGINT, SIG_DFL);  // the second Ctrl-C kills
  if (Executor* executor = g_interruptible.load()) executor->request_cancel();
}

}  // namespace

EngineRun::EngineRun(const ExecutorOptions& options)
    : start_(std::chrono::steady_clock::now()),
      threads_requested_(threads_requested(options)),
      executor_(make_executor(options)) {}

void EngineRun::stamp(FitSummary& summary) const {
  summary.threads_requested = threads_requested_;
  summary.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

EngineRun::InterruptScope::InterruptScope(Executor& executor) {
  g_interruptible.store(&executor);
  ::signal(SIGINT, on_interrupt);
}

EngineRun::InterruptScope::~InterruptScope() {
  ::signal(SIGINT, SIG_DFL);
  g_interruptible.store(nullptr);
}

}  // namespace voigt
