// The sbatch script `voigtfit batch --slurm-script` prints: a job array whose every task runs one
// shard of the manifest, and a merge job that waits for the whole array (afterany: failed or
// cancelled tasks too) before merging the output folder. A user submits it as is: sbatch FILE.
#ifndef VOIGT_NATIVE_SLURM_SCRIPT_H_
#define VOIGT_NATIVE_SLURM_SCRIPT_H_

#include <string>
#include <vector>

namespace voigt {

struct SlurmScriptOptions {
  std::string voigtfit;      // absolute path of the voigtfit to run
  std::string manifest;      // absolute
  std::string outdir;        // absolute
  int array_size = 1;        // tasks (shards), >= 1
  int cpus_per_task = 1;     // threads per job (SLURM_CPUS_PER_TASK reaches the batch)
  std::string time;          // --time per task, "" for the cluster's default
  std::vector<std::string> batch_options;  // job options passed on to every task's batch
};

// `word` quoted for a POSIX shell ('...', with ' as '\'').
std::string shell_quote(const std::string& word);

// The script. Task MIN of the array submits the merge job (sbatch --dependency=afterany on the
// array), then every task runs `voigtfit batch MANIFEST -o OUTDIR OPTIONS`, which takes its shard
// from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT. Logs go to OUTDIR/slurm-*.out.
std::string slurm_script(const SlurmScriptOptions& options);

}  // namespace voigt

#endif  // VOIGT_NATIVE_SLURM_SCRIPT_H_
