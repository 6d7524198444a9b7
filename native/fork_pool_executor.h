// A pool of forked worker processes (native only).
#ifndef VOIGT_NATIVE_FORK_POOL_EXECUTOR_H_
#define VOIGT_NATIVE_FORK_POOL_EXECUTOR_H_

#include <memory>

#include "voigt/executor.h"

namespace voigt {

// `processes` children forked at each run from the parent, so they see the parent's memory map:
// a memory-mapped spectrum is shared, never copied. A child that crashes or passes the time limit
// is killed and replaced; only its task fails (status `crashed` or `timeout`).
// Test hook: VOIGTFIT_FAULT_TASK="ID:segv" or "ID:hang" makes the child that takes task ID crash
// or loop forever.
std::unique_ptr<Executor> make_fork_pool_executor(int processes, double task_time_limit_s);

}  // namespace voigt

#endif  // VOIGT_NATIVE_FORK_POOL_EXECUTOR_H_
