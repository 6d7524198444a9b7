// A job's done record, OUTDIR/NAME.done.json: what ran (command, options, voigtfit version),
// on what (each input's size, mtime and content hash), how it ended (exit status, summary,
// wall time). Written last, after the job's files are in place, so its presence says the job
// ran to its end; its key says whether a later run may skip the job.
#ifndef VOIGT_NATIVE_DONE_RECORD_H_
#define VOIGT_NATIVE_DONE_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace voigt {

// The version of this voigtfit (the CMake project version).
const char* voigtfit_version();

struct InputFingerprint {
  std::string path;           // as the manifest writes it
  std::uint64_t size = 0;     // bytes
  std::int64_t mtime_ns = 0;  // modification time, ns since the epoch (recorded, not compared)
  std::string hash;           // "fnv1a64:" and 16 hex digits of the content
};

// The fingerprint of the file at `path` (read whole), recorded under the name `as_written`.
// Throws std::invalid_argument("cannot read PATH: REASON").
InputFingerprint fingerprint_file(const std::string& as_written, const std::string& path);

struct DoneRecord {
  std::string name, command, version;
  std::vector<std::string> options;
  std::vector<InputFingerprint> inputs;
  std::string key;  // job_key() of the above
  // The command's exit status (0 all fitted, 1 some peaks not fitted, 2 bad input), or 128 + N
  // when signal N killed it.
  int exit_status = 0;
  std::string reason;   // why it failed ("" when exit status 0)
  std::string summary;  // the command's one-line summary ("" when it stopped before one)
  double wall_time_s = 0;
  std::string finished_at;            // UTC, ISO 8601
  std::vector<std::string> outputs;   // file names in OUTDIR
  // The job ran to its end: its files say everything a rerun would (exit status 0 or 1).
  bool complete() const { return exit_status == 0 || exit_status == 1; }
  // "done" for exit status 0, else "failed".
  const char* status() const { return exit_status == 0 ? "done" : "failed"; }
};

// A hash of everything that decides a job's results: command, options, version, and each
// input's name, size and content hash (not its mtime: a copied or touched file still matches).
std::string job_key(const DoneRecord& record);

// The record as JSON, one top-level field per line.
std::string format_done_json(const DoneRecord& record);

// The top-level fields name, command, version, key, exit_status, reason, summary, wall_time_s
// and finished_at of a record format_done_json wrote (other fields are left empty). Throws
// std::invalid_argument "PATH: not a done record" when `key` or `exit_status` is missing.
DoneRecord parse_done_json(std::string_view text, const std::string& path);

}  // namespace voigt

#endif  // VOIGT_NATIVE_DONE_RECORD_H_
