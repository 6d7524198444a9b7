#include "make_executor.h"

#include <stdexcept>
#include <string>

#include "fork_pool_executor.h"

namespace voigt {

std::unique_ptr<Executor> make_executor(const ExecutorOptions& options) {
  if (const std::string e = options.validate(); !e.empty()) throw std::invalid_argument(e);
  if (options.processes > 0)
    return make_fork_pool_executor(options.processes, options.task_time_limit_s);
  return make_thread_pool_executor(options.threads, options.task_time_limit_s);
}

}  // namespace voigt
