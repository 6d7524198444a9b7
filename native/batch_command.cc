// `voigtfit batch`: every job of a campaign manifest (or one shard of them), each run as the
// `fit` or `series` command would run it, skipped when its done record matches; and
// `voigtfit batch --slurm-script`, the sbatch script that runs the shards as a Slurm job array.
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>

#include "atomic_file.h"
#include "batch_job.h"
#include "batch_manifest.h"
#include "batch_shard.h"
#include "campaign_folder.h"
#include "command.h"
#include "done_record.h"
#include "job_process.h"
#include "slurm_script.h"

namespace voigt {
namespace {

constexpr const char* kUsage =
    "  voigtfit batch MANIFEST.csv -o OUTDIR [--shard I/N] [--quiet] [fit and series options]\n"
    "  voigtfit batch --slurm-script MANIFEST.csv -o OUTDIR [--array-size N]\n"
    "               [--cpus-per-task C] [--time T] [fit and series options]\n"
    "      MANIFEST columns: name, spectrum (plane files ';'-separated), peaks, and optional\n"
    "      delays (a series), plane, group and concentration (titrations), and option\n"
    "      overrides named as the flags without '--' (shape, baseline, ...); paths are\n"
    "      relative to the manifest. Outputs: OUTDIR/NAME.* and OUTDIR/NAME.done.json.\n"
    "      Without --shard a Slurm array task takes its shard from SLURM_ARRAY_TASK_*, and\n"
    "      threads per job from SLURM_CPUS_PER_TASK.\n";

const char* environment(const char* name) { return std::getenv(name); }

std::string absolute(const std::string& path) {
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved))
    throw std::invalid_argument("cannot resolve " + path);
  return resolved;
}

std::string this_executable() {
  char path[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  return n > 0 ? std::string(path, static_cast<std::size_t>(n)) : std::string("voigtfit");
}

// The job options given to the batch, as words to pass on.
std::vector<std::string> job_option_words(const Args& a) {
  const Flags flags = job_flags();
  std::vector<std::string> words;
  for (const auto& [flag, value] : a.flags) {
    const bool is_value = std::find(flags.values.begin(), flags.values.end(), flag) !=
                          flags.values.end();
    const bool is_switch = std::find(flags.switches.begin(), flags.switches.end(), flag) !=
                           flags.switches.end();
    if (is_value) words.insert(words.end(), {flag, value});
    if (is_switch || flag == "--quiet") words.push_back(flag);
  }
  return words;
}

int print_slurm_script(const Args& a, const Manifest& manifest, const std::string& outdir) {
  make_folder(outdir);
  SlurmScriptOptions o;
  o.voigtfit = this_executable();
  o.manifest = absolute(manifest.path);
  o.outdir = absolute(outdir);
  const int rows = static_cast<int>(manifest.rows.size());
  o.array_size = a.integer("--array-size", std::min(rows, 1000));
  if (o.array_size < 1) throw UsageError("--array-size must be >= 1");
  o.array_size = std::min(o.array_size, rows);
  o.cpus_per_task = a.integer("--cpus-per-task", 1);
  if (o.cpus_per_task < 1) throw UsageError("--cpus-per-task must be >= 1");
  o.time = a.get("--time", "");
  o.batch_options = job_option_words(a);
  std::cout << slurm_script(o);
  return 0;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// The last line of the job's log that is not a "wrote ..." note: its summary or its error.
std::string last_log_line(const std::string& log_path) {
  std::ifstream in(log_path);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty() && line.compare(0, 6, "wrote ") != 0) last = line;
  return last;
}

void describe_outcome(DoneRecord& r, const std::string& log_path) {
  const std::string line = last_log_line(log_path);
  if (r.exit_status == 0 || r.exit_status == 1) r.summary = line;
  // The counts only (the summary goes on with the wall time): the same reason on every run.
  if (r.exit_status == 1) r.reason = "some peaks not fitted: " + line.substr(0, line.find(';'));
  if (r.exit_status == 2) r.reason = line.empty() ? "exit status 2" : line;
  if (r.exit_status > 128) r.reason = "killed by signal " + std::to_string(r.exit_status - 128);
  else if (r.exit_status > 2) r.reason = "exit status " + std::to_string(r.exit_status);
}

// The record of the job as it would run now (no outcome yet); a job whose inputs cannot be read
// any more gets exit status 2 and the reason.
DoneRecord current_record(const JobCommand& job) {
  DoneRecord r;
  r.name = job.name;
  r.command = job.command;
  r.version = voigtfit_version();
  r.options = job.options;
  try {
    for (std::size_t i = 0; i < job.inputs.size(); ++i)
      r.inputs.push_back(fingerprint_file(job.inputs_as_written[i], job.inputs[i]));
  } catch (const std::exception& e) {
    r.exit_status = 2;
    r.reason = e.what();
  }
  r.key = job_key(r);
  return r;
}

// The job's done record if it matches `current` and ran to its end.
bool matching_record(const std::string& outdir, const DoneRecord& current, DoneRecord* found) {
  std::ifstream in(done_record_path(outdir, current.name));
  if (!in) return false;
  try {
    *found = parse_done_json(read_text_file(done_record_path(outdir, current.name)), current.name);
  } catch (const std::exception&) {
    return false;
  }
  return found->key == current.key && found->complete();
}

struct Tally {
  int ran = 0, skipped = 0, failed = 0;
  bool interrupted = false;
};

void run_job(const JobCommand& job, const std::string& outdir, bool quiet, Tally& tally) {
  DoneRecord record = current_record(job);
  DoneRecord recorded;
  if (matching_record(outdir, record, &recorded)) {
    ++tally.skipped;
    tally.failed += recorded.exit_status != 0;
    if (!quiet) std::cerr << "batch: " << job.name << ": skipped (" << recorded.status() << ")\n";
    return;
  }
  clear_job(outdir, job.name);
  const std::string log = staging_folder(outdir, job.name) + "/" + job.name + ".log";
  if (record.exit_status == 0) {
    std::vector<std::string> words = {job.command};
    words.insert(words.end(), job.words.begin(), job.words.end());
    const ProcessOutcome outcome = run_cli_in_child(words, log);
    if (outcome.interrupted) {
      clear_job(outdir, job.name);
      tally.interrupted = true;
      return;
    }
    record.exit_status = outcome.exit_status;
    record.wall_time_s = outcome.wall_time_s;
    describe_outcome(record, log);
  }
  record.outputs = commit_staged(outdir, job.name);
  record.finished_at = utc_now();
  write_file_atomically(done_record_path(outdir, job.name), format_done_json(record));
  ++tally.ran;
  tally.failed += record.exit_status != 0;
  if (!quiet)
    std::cerr << "batch: " << job.name << ": " << record.status()
              << (record.reason.empty() ? "" : " (" + record.reason + ")") << ", "
              << record.wall_time_s << " s\n";
}

int run_batch(const Args& a) {
  if (a.positional.size() != 1) throw UsageError("batch needs MANIFEST");
  const std::string outdir = a.get("-o", a.get("--output", ""));
  if (outdir.empty()) throw UsageError("batch needs -o OUTDIR");
  const std::string manifest_text = read_text_file(a.positional[0]);
  const Manifest manifest = parse_manifest(manifest_text, a.positional[0], option_columns());
  if (a.has("--slurm-script")) return print_slurm_script(a, manifest, outdir);

  Shard shard;
  if (a.has("--shard"))
    shard = parse_shard(a.get("--shard", ""));
  else if (const std::optional<Shard> task = shard_from_environment(environment))
    shard = *task;
  const std::string threads = threads_from_environment(environment);
  // Every row is checked, not only this shard's: a bad manifest fails every task alike.
  std::vector<JobCommand> jobs;
  for (const ManifestRow& row : manifest.rows)
    jobs.push_back(job_command(manifest, row, a, threads,
                               staging_folder(outdir, row.name) + "/" + row.name));
  check_manifest_files(manifest);
  make_folder(outdir);
  write_file_atomically(manifest_copy_path(outdir), manifest_text);

  Tally tally;
  const std::vector<std::size_t> taken = shard_rows(jobs.size(), shard);
  for (std::size_t r : taken) {
    run_job(jobs[r], outdir, a.has("--quiet"), tally);
    if (tally.interrupted) break;
  }
  if (!a.has("--quiet") || tally.interrupted)
    std::cerr << "batch: shard " << shard.index << "/" << shard.count << ": " << taken.size()
            << " jobs, " << tally.ran << " ran, " << tally.skipped << " skipped, " << tally.failed
            << " failed" << (tally.interrupted ? "; interrupted" : "") << "\n";
  if (tally.interrupted) return 130;
  return tally.failed ? 1 : 0;
}

}  // namespace

Command batch_command() {
  return {"batch",
          kUsage,
          job_flags() + Flags{{"--quiet", "--slurm-script"},
                              {"-o", "--output", "--shard", "--array-size", "--cpus-per-task",
                               "--time"}},
          &run_batch};
}

}  // namespace voigt
