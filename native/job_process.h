// One batch job in a child process: `voigtfit COMMAND ...` exactly as the command line runs it
// (run_cli), its output in a log file. A crash or a kill fails only that job; the batch goes on.
#ifndef VOIGT_NATIVE_JOB_PROCESS_H_
#define VOIGT_NATIVE_JOB_PROCESS_H_

#include <string>
#include <vector>

namespace voigt {

struct ProcessOutcome {
  int exit_status = 0;     // run_cli's status, or 128 + N when signal N ended the child
  double wall_time_s = 0;
  bool interrupted = false;  // SIGINT or SIGTERM reached the batch while the child ran
};

// Runs run_cli(words) in a child process with stdout and stderr going to `log_path` (created),
// and waits for it. The child has its own process group (a terminal's Ctrl-C reaches only the
// batch) and dies with the batch (PR_SET_PDEATHSIG), so a killed batch leaves no job running
// that could still write. SIGINT or SIGTERM to the batch while the child runs kills the child
// and sets `interrupted`; the caller then stops. Throws std::runtime_error when fork fails or the
// log cannot be created.
ProcessOutcome run_cli_in_child(const std::vector<std::string>& words, const std::string& log_path);

}  // namespace voigt

#endif  // VOIGT_NATIVE_JOB_PROCESS_H_
