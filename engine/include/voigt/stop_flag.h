// The stop signal a running task polls: the solvers check it once per iteration.
#ifndef VOIGT_PUBLIC_STOP_FLAG_H_
#define VOIGT_PUBLIC_STOP_FLAG_H_

#include <atomic>
#include <functional>
#include <utility>

namespace voigt {

// Raised by a cancellation (from any thread, or a signal handler: raise() is a lock-free atomic
// store), or by the expiry check the executor installs for the task's time limit, which runs
// each time the task polls the flag: the executor reads the clock, the engine never does.
class StopFlag {
 public:
  StopFlag() = default;
  StopFlag(const StopFlag&) = delete;
  StopFlag& operator=(const StopFlag&) = delete;

  void raise() { raised_.store(true); }
  void clear() { raised_.store(false); }
  bool raised() const {
    if (raised_.load()) return true;
    if (expired_ && expired_()) {
      raised_.store(true);
      return true;
    }
    return false;
  }
  // Installed before the flag is polled, never while a task runs.
  void set_expiry_check(std::function<bool()> expired) { expired_ = std::move(expired); }

 private:
  mutable std::atomic<bool> raised_{false};
  std::function<bool()> expired_;
};

}  // namespace voigt

#endif  // VOIGT_PUBLIC_STOP_FLAG_H_
