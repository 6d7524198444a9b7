#include "slurm_script.h"

namespace voigt {

std::string shell_quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string slurm_script(const SlurmScriptOptions& o) {
  const std::string voigtfit = shell_quote(o.voigtfit);
  const std::string outdir = shell_quote(o.outdir);
  std::string batch = voigtfit + " batch " + shell_quote(o.manifest) + " -o " + outdir;
  for (const std::string& word : o.batch_options) batch += " " + shell_quote(word);
  const std::string merge =
      voigtfit + " merge " + outdir + " -o " + shell_quote(o.outdir + "/campaign.csv");
  const std::string time = o.time.empty() ? "" : "#SBATCH --time=" + o.time + "\n";
  return "#!/bin/bash\n"
         "# voigtfit campaign: " + o.manifest + " -> " + o.outdir + "\n"
         "# Submit as is: sbatch THIS_FILE. Each array task fits one shard of the manifest (jobs\n"
         "# already done are skipped, so resubmitting runs only what is missing); the first task\n"
         "# submits the merge, which runs once every task has ended (afterany).\n"
         "#SBATCH --job-name=voigtfit-batch\n"
         "#SBATCH --array=0-" + std::to_string(o.array_size - 1) + "\n"
         "#SBATCH --ntasks=1\n"
         "#SBATCH --cpus-per-task=" + std::to_string(o.cpus_per_task) + "\n" + time +
         "#SBATCH --output=" + o.outdir + "/slurm-%A_%a.out\n"
         "set -euo pipefail\n"
         "if [ \"${SLURM_ARRAY_TASK_ID}\" = \"${SLURM_ARRAY_TASK_MIN:-0}\" ]; then\n"
         "  sbatch --parsable --job-name=voigtfit-merge --dependency=afterany:${SLURM_ARRAY_JOB_ID} \\\n"
         "    --ntasks=1 --cpus-per-task=1 " + (o.time.empty() ? "" : "--time=" + o.time + " ") +
         "--output=" + shell_quote(o.outdir + "/slurm-merge-%j.out") + " \\\n"
         "    --wrap=" + shell_quote(merge) + " > " +
         shell_quote(o.outdir + "/merge.jobid") + "\n"
         "fi\n"
         "exec " + batch + "\n";
}

}  // namespace voigt
