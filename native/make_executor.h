// The executor an ExecutorOptions asks for, among the engine's and the native fork pool.
#ifndef VOIGT_NATIVE_MAKE_EXECUTOR_H_
#define VOIGT_NATIVE_MAKE_EXECUTOR_H_

#include <memory>

#include "voigt/executor.h"

namespace voigt {

// Fork pool when processes > 0, else thread pool (which takes the sequential path for one
// thread). Throws std::invalid_argument with ExecutorOptions::validate()'s message.
std::unique_ptr<Executor> make_executor(const ExecutorOptions& options);

}  // namespace voigt

#endif  // VOIGT_NATIVE_MAKE_EXECUTOR_H_
