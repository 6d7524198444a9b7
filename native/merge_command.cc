// `voigtfit merge`: a campaign's output folder into one long table of every job's result rows
// (the job's name first), a status table of the jobs, the series' rates, and chemical-shift
// perturbations for titration manifests.
#include <iostream>
#include <set>

#include "atomic_file.h"
#include "batch_job.h"
#include "campaign_folder.h"
#include "campaign_merge.h"
#include "command.h"
#include "csp.h"

namespace voigt {
namespace {

constexpr const char* kUsage =
    "  voigtfit merge OUTDIR -o campaign.csv [--csp-alpha A] [--quiet]\n"
    "      Writes campaign.csv (every job's rows: a fit's NAME.csv, a series' NAME.shapes.csv),\n"
    "      campaign.status.csv (job, status done/failed/missing, command, reason),\n"
    "      campaign.rates.csv (series) and, for a manifest with group and concentration,\n"
    "      campaign.csp.csv: sqrt(dH^2 + (A dN)^2) per peak from each group's lowest\n"
    "      concentration (A 0.14 by default).\n";

// PATH without a trailing ".csv", the stem of the other tables' names.
std::string stem_of(const std::string& path) {
  const std::string ext = ".csv";
  const bool has = path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
  return has ? path.substr(0, path.size() - ext.size()) : path;
}

std::string csp_table(const Manifest& manifest,
                      const std::vector<JobState>& states,
                      const std::string& outdir,
                      double alpha) {
  std::vector<CspRow> rows;
  std::set<std::string> seen;
  for (const ManifestRow& row : manifest.rows) {
    if (row.group.empty() || !seen.insert(row.group).second) continue;
    const std::vector<CspRow> group = chemical_shift_perturbations(
        row.group, titration_points(manifest, states, outdir, row.group), alpha);
    rows.insert(rows.end(), group.begin(), group.end());
  }
  return format_csp_csv(rows);
}

int run_merge(const Args& a) {
  if (a.positional.size() != 1) throw UsageError("merge needs OUTDIR");
  const std::string outdir = a.positional[0];
  const std::string out = a.get("-o", a.get("--output", ""));
  if (out.empty()) throw UsageError("merge needs -o campaign.csv");
  const double alpha = a.number("--csp-alpha", 0.14);
  if (!(alpha >= 0)) throw UsageError("--csp-alpha must be a number >= 0");
  const std::string stem = stem_of(out);
  check_writable(out);

  const std::string copy = manifest_copy_path(outdir);
  const Manifest manifest = parse_manifest(read_text_file(copy), copy, option_columns());
  const std::vector<JobState> states = job_states(manifest, outdir);
  write_file_atomically(out, merge_tables(states, outdir, "", "shapes"));
  write_file_atomically(stem + ".status.csv", format_status_table(states));
  std::string wrote = out + ", " + stem + ".status.csv";
  const std::string rates = merge_tables(states, outdir, "-", "rates");
  if (!rates.empty()) {
    write_file_atomically(stem + ".rates.csv", rates);
    wrote += ", " + stem + ".rates.csv";
  }
  if (manifest.titration) {
    write_file_atomically(stem + ".csp.csv", csp_table(manifest, states, outdir, alpha));
    wrote += ", " + stem + ".csp.csv";
  }
  int done = 0, failed = 0, missing = 0;
  for (const JobState& s : states) {
    done += s.status == "done";
    failed += s.status == "failed";
    missing += s.status == "missing";
  }
  if (!a.has("--quiet"))
    std::cerr << "merge: " << states.size() << " jobs: " << done << " done, " << failed
            << " failed, " << missing << " missing\nwrote " << wrote << "\n";
  return failed + missing ? 1 : 0;
}

}  // namespace

Command merge_command() {
  return {"merge", kUsage, Flags{{"--quiet"}, {"-o", "--output", "--csp-alpha"}}, &run_merge};
}

}  // namespace voigt
