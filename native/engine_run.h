// One run of the engine from a command: the executor the flags ask for, Ctrl-C wired to its
// cancellation while the engine runs, and the run's wall time.
//
// Ctrl-C cancels the run: the clusters already fitted keep their rows, the others get status
// `cancelled`, and the command still writes its files (atomically). A second Ctrl-C kills the
// process at once: the first restores the default action. Outside the engine call (reading
// inputs, writing outputs) Ctrl-C keeps its default action.
#ifndef VOIGT_NATIVE_ENGINE_RUN_H_
#define VOIGT_NATIVE_ENGINE_RUN_H_

#include <chrono>
#include <memory>

#include "voigt/executor.h"
#include "voigt/fit.h"

namespace voigt {

class EngineRun {
 public:
  // Starts the clock and makes the executor (make_executor).
  explicit EngineRun(const ExecutorOptions& options);

  // Returns run(executor) (an engine call: fit_spectrum, fit_series), with SIGINT requesting the
  // executor's cancellation until it returns or throws.
  template <typename Run>
  auto operator()(Run&& run) {
    const InterruptScope interrupt(*executor_);
    return run(*executor_);
  }

  // Puts threads_requested and the wall time since the start into `summary`.
  void stamp(FitSummary& summary) const;

 private:
  // SIGINT -> executor.request_cancel() while it lives (also when the run throws).
  class InterruptScope {
   public:
    explicit InterruptScope(Executor& executor);
    ~InterruptScope();
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;
  };

  std::chrono::steady_clock::time_point start_;
  int threads_requested_;
  std::unique_ptr<Executor> executor_;
};

}  // namespace voigt

#endif  // VOIGT_NATIVE_ENGINE_RUN_H_
