#include "batch_job.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "command_options.h"
#include "peak_list_flags.h"
#include "series_command.h"

namespace voigt {
namespace {

// Flags the batch sets itself for every job, never taken from the batch or a row (a row's
// plane is its `plane` column).
const std::vector<std::string>& reserved_flags() {
  static const std::vector<std::string> kReserved = {"-o", "--output", "--json", "--format",
                                                     "--quiet", "--delays"};
  return kReserved;
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Flags that change only where or how fast a job runs, not its results.
bool shapes_results(const std::string& flag) {
  return !contains(executor_flags().values, flag);
}

bool truthy(const std::string& cell) {
  return cell == "1" || cell == "yes" || cell == "true" || cell == "y";
}

[[noreturn]] void fail(const Manifest& m, int line, const std::string& column,
                       const std::string& what) {
  throw std::invalid_argument(m.path + ":" + std::to_string(line) + ": column '" + column +
                              "': " + what);
}

// flag -> value ("" for a switch) of the batch and the row, the row's cells winning.
std::map<std::string, std::string> job_flag_values(const Manifest& m,
                                                   const ManifestRow& row,
                                                   const Args& batch,
                                                   const Command& command) {
  const Flags& taken = command.flags;
  std::map<std::string, std::string> values;
  for (const auto& [flag, value] : batch.flags)
    if (!contains(reserved_flags(), flag) &&
        (contains(taken.values, flag) || contains(taken.switches, flag)))
      values[flag] = value;
  for (const auto& [column, cell] : row.overrides) {
    const std::string flag = "--" + column;
    if (contains(taken.switches, flag)) {
      if (truthy(cell))
        values[flag] = "";
      else
        values.erase(flag);
    } else if (contains(taken.values, flag)) {
      values[flag] = cell;
    } else {
      fail(m, row.line, column,
           std::string("a ") + (row.is_series() ? "series" : "2D fit") + " takes no " + flag);
    }
  }
  if (!row.plane.empty()) {
    if (row.is_series()) fail(m, row.line, "plane", "a series fits every plane");
    values["--plane"] = row.plane;
  }
  return values;
}

// Parses the job's words as its command would and reads its options, so that a value the
// command refuses fails now, naming the column that set it.
void check_options(const Manifest& m, const ManifestRow& row, const Command& command,
                   const std::vector<std::string>& words) {
  try {
    const Args a = parse_args(words, command.flags.switches, command.flags.values);
    fit_options_from(a);
    executor_options_from(a);
    if (row.is_series()) {
      series_options_from(a);
      a.number("--delay-factor", 1);
    }
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    for (const auto& [column, cell] : row.overrides)
      if (message.find("--" + column) != std::string::npos) fail(m, row.line, column, message);
    if (message.find("--plane") != std::string::npos) fail(m, row.line, "plane", message);
    throw std::invalid_argument(m.path + ":" + std::to_string(row.line) + ": " + message);
  }
}

}  // namespace

Flags job_flags() {
  return fit_flags() + plane_fit_flags() + series_flags() + peak_list_flags() + executor_flags() +
         Flags{{}, {"--delay-factor"}};
}

std::vector<std::string> option_columns() {
  const Flags flags = job_flags();
  std::vector<std::string> columns;
  for (const auto* list : {&flags.switches, &flags.values})
    for (const std::string& flag : *list)
      if (!contains(reserved_flags(), flag)) columns.push_back(flag.substr(2));
  return columns;
}

JobCommand job_command(const Manifest& manifest,
                       const ManifestRow& row,
                       const Args& batch,
                       const std::string& threads,
                       const std::string& output_prefix) {
  const Command command = row.is_series() ? series_command() : fit_command();
  JobCommand job;
  job.name = row.name;
  job.command = command.name;
  job.inputs_as_written = row.spectra;
  job.inputs_as_written.push_back(row.peaks);
  if (row.is_series()) job.inputs_as_written.push_back(row.delays);
  for (const std::string& file : job.inputs_as_written)
    job.inputs.push_back(manifest_path(manifest, file));

  std::map<std::string, std::string> values = job_flag_values(manifest, row, batch, command);
  if (!threads.empty() && !values.count("--threads") && !values.count("--processes"))
    values["--threads"] = threads;
  const std::size_t spectra = row.spectra.size();
  job.words.assign(job.inputs.begin(), job.inputs.begin() + spectra + 1);  // spectra, peaks
  if (row.is_series()) job.words.insert(job.words.end(), {"--delays", job.inputs.back()});
  job.words.insert(job.words.end(),
                   {"-o", output_prefix + (row.is_series() ? "" : ".csv")});
  for (const auto& [flag, value] : values) {
    std::vector<std::string> words = {flag};
    if (contains(command.flags.values, flag)) words.push_back(value);
    job.words.insert(job.words.end(), words.begin(), words.end());
    if (shapes_results(flag)) job.options.insert(job.options.end(), words.begin(), words.end());
  }
  check_options(manifest, row, command, job.words);
  return job;
}

}  // namespace voigt
