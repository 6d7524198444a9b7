// The stop signal a running task polls: the solvers check it once per iteration.
#ifndef VOIGT_PUBLIC_STOP_FLAG_H_
#define VOIGT_PUBLIC_STOP_FLAG_H_

#include <atomic>
#include <functional>
#include <utility>

namespace voigt {

// Raised from another thread (a pool's watchdog past a task's time limit, a cancellation), or,
// where no second thread watches the clock (the sequential executor, the single-threaded
// WebAssembly build), by an expiry check the executor installs: the executor reads the clock,
// the engine never does. raise() is a lock-free atomic store, so a signal handler may call it.
class StopFlag {
 public:
  StopFlag() = default;
  explicit StopFlag(bool raised) : raised_(raised) {}
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
