#include "campaign_merge.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>

#include "campaign_folder.h"
#include "command_args.h"
#include "done_record.h"
#include "voigt/csv.h"

namespace voigt {
namespace {

// The job's result table: NAME.TABLE.csv, or NAME.csv for an empty `table`.
std::string table_path(const std::string& outdir, const JobState& job, const std::string& table) {
  return outdir + "/" + job.name + (table.empty() ? "" : "." + table) + ".csv";
}

const std::string& table_of(const JobState& job, const std::string& fit_table,
                            const std::string& series_table) {
  return job.command == "series" ? series_table : fit_table;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csv_field(fields[i]);
  return line + "\n";
}

// The records of a job's table; empty when it has none (a fit has no rates).
std::vector<CsvRecord> read_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  return split_csv(read_text_file(path), path);
}

double field_number(const std::vector<std::string>& fields, int column) {
  if (column < 0 || column >= static_cast<int>(fields.size())) return NAN;
  return std::strtod(fields[column].c_str(), nullptr);
}

}  // namespace

std::vector<JobState> job_states(const Manifest& manifest, const std::string& outdir) {
  std::vector<JobState> states;
  for (const ManifestRow& row : manifest.rows) {
    JobState s;
    s.name = row.name;
    s.command = row.is_series() ? "series" : "fit";
    s.status = "missing";
    const std::string path = done_record_path(outdir, row.name);
    if (std::ifstream(path)) {
      try {
        const DoneRecord r = parse_done_json(read_text_file(path), path);
        s.status = r.status();
        s.reason = r.reason;
        s.has_results = r.complete();
      } catch (const std::exception& e) {
        s.reason = e.what();
      }
    }
    states.push_back(s);
  }
  return states;
}

std::string format_status_table(const std::vector<JobState>& states) {
  std::string out = "job,status,command,reason\n";
  for (const JobState& s : states) out += csv_line({s.name, s.status, s.command, s.reason});
  return out;
}

std::string merge_tables(const std::vector<JobState>& states,
                         const std::string& outdir,
                         const std::string& fit_table,
                         const std::string& series_table) {
  std::vector<std::string> header;
  std::string body;
  for (const JobState& job : states) {
    const std::string& table = table_of(job, fit_table, series_table);
    if (!job.has_results || (table == "-")) continue;
    const std::vector<CsvRecord> records = read_table(table_path(outdir, job, table));
    if (records.empty()) continue;
    if (header.empty()) header = records.front().fields;
    // This table's column of each merged column, by name.
    std::vector<int> columns;
    for (const std::string& name : header) {
      const auto& own = records.front().fields;
      const auto it = std::find(own.begin(), own.end(), name);
      columns.push_back(it == own.end() ? -1 : static_cast<int>(it - own.begin()));
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
      std::vector<std::string> fields = {job.name};
      for (int c : columns)
        fields.push_back(c >= 0 && c < static_cast<int>(records[r].fields.size())
                             ? records[r].fields[c] : "");
      body += csv_line(fields);
    }
  }
  if (header.empty()) return "";
  header.insert(header.begin(), "job");
  return csv_line(header) + body;
}

std::vector<TitrationPoint> titration_points(const Manifest& manifest,
                                             const std::vector<JobState>& states,
                                             const std::string& outdir,
                                             const std::string& group) {
  std::vector<TitrationPoint> points;
  for (std::size_t j = 0; j < states.size(); ++j) {
    const ManifestRow& row = manifest.rows[j];
    if (row.group != group || !states[j].has_results) continue;
    const std::vector<CsvRecord> records =
        read_table(table_path(outdir, states[j], row.is_series() ? "shapes" : ""));
    if (records.empty()) continue;
    const std::vector<std::string>& head = records.front().fields;
    auto column = [&](const char* name) {
      const auto it = std::find(head.begin(), head.end(), name);
      return it == head.end() ? -1 : static_cast<int>(it - head.begin());
    };
    const int index = column("index"), assignment = column("assignment"), x = column("x_ppm"),
              y = column("y_ppm"), status = column("status");
    TitrationPoint point{row.name, std::strtod(row.concentration.c_str(), nullptr), {}};
    for (std::size_t r = 1; r < records.size(); ++r) {
      const std::vector<std::string>& f = records[r].fields;
      const std::string s = status >= 0 && status < static_cast<int>(f.size()) ? f[status] : "";
      if (s == "added") continue;
      PeakPosition p;
      p.index = static_cast<int>(field_number(f, index));
      p.assignment = assignment >= 0 && assignment < static_cast<int>(f.size()) ? f[assignment] : "";
      p.x_ppm = field_number(f, x);
      p.y_ppm = field_number(f, y);
      p.fitted = s == "ok";
      point.peaks.push_back(p);
    }
    points.push_back(std::move(point));
  }
  return points;
}

}  // namespace voigt
