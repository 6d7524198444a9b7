// A manifest row as the voigtfit command that runs it: `fit` for a 2D fit, `series` for a row
// with delays, with the batch's options and the row's overrides passed through the same flag
// tables, so a job's files are the bytes the single command writes for the same options.
#ifndef VOIGT_NATIVE_BATCH_JOB_H_
#define VOIGT_NATIVE_BATCH_JOB_H_

#include <string>
#include <vector>

#include "batch_manifest.h"
#include "command.h"
#include "command_args.h"

namespace voigt {

struct JobCommand {
  std::string name;                // the row's name
  std::string command;             // "fit" or "series"
  std::vector<std::string> words;  // after the command's name; outputs go to OUTPUT_PREFIX
  // The flags that shape the results (not outputs, not threads), as words: part of the done
  // record's key, so a changed option runs the job again.
  std::vector<std::string> options;
  // Input files: as the manifest writes them (the key: a moved campaign folder still matches)
  // and as paths from the current folder (for reading).
  std::vector<std::string> inputs_as_written, inputs;
};

// Flags `voigtfit batch` passes on to its jobs: every fit and series option but outputs.
Flags job_flags();

// The manifest columns that override a job flag: job_flags()' names without their "--".
std::vector<std::string> option_columns();

// The command for `row`: the batch's job flags from `batch` that the row's command takes, the
// row's overrides over them, --threads `threads` unless `batch` sets --threads or --processes
// ("" for neither), and outputs at `output_prefix` (fit: PREFIX.csv, series: PREFIX.NAME.csv).
// Throws std::invalid_argument "MANIFEST:LINE: column 'COLUMN': ..." for an override the row's
// command does not take or a value its options refuse (checked here, before any fitting).
JobCommand job_command(const Manifest& manifest,
                       const ManifestRow& row,
                       const Args& batch,
                       const std::string& threads,
                       const std::string& output_prefix);

}  // namespace voigt

#endif  // VOIGT_NATIVE_BATCH_JOB_H_
