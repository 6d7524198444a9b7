// A campaign's output folder read back whole: each manifest job's state (done, failed and why,
// missing), one long table of every job's result rows with the job's name first, and the
// titration points chemical-shift perturbations are computed from.
#ifndef VOIGT_NATIVE_CAMPAIGN_MERGE_H_
#define VOIGT_NATIVE_CAMPAIGN_MERGE_H_

#include <string>
#include <vector>

#include "batch_manifest.h"
#include "csp.h"

namespace voigt {

struct JobState {
  std::string name;
  std::string command;  // "fit" or "series" (from the manifest when missing)
  std::string status;   // "done", "failed" or "missing"
  std::string reason;   // why it failed; "" otherwise
  bool has_results = false;  // its result tables are in OUTDIR (it ran to its end)
};

// The state of each manifest row in OUTDIR, in manifest order, from its done record.
std::vector<JobState> job_states(const Manifest& manifest, const std::string& outdir);

// job, status, command, reason: one line per job.
std::string format_status_table(const std::vector<JobState>& states);

// `job` and the columns of the first table, then every row of each job's table, with the job's
// name first: NAME.TABLE.csv, TABLE being `fit_table` for a fit and `series_table` for a series
// ("" for NAME.csv; "-" for none, that kind adds nothing). A column another job's table lacks is
// empty. Jobs without results add nothing; "" when no job has that table.
std::string merge_tables(const std::vector<JobState>& states,
                         const std::string& outdir,
                         const std::string& fit_table,
                         const std::string& series_table);

// The titration group `group`'s points: the jobs of that group with results, each with its
// concentration and peak positions (from NAME.csv or NAME.shapes.csv; added peaks left out).
std::vector<TitrationPoint> titration_points(const Manifest& manifest,
                                             const std::vector<JobState>& states,
                                             const std::string& outdir,
                                             const std::string& group);

}  // namespace voigt

#endif  // VOIGT_NATIVE_CAMPAIGN_MERGE_H_
