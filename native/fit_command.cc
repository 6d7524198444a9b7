// `voigtfit fit`: one spectrum (or one plane of a series) and a peak list in, one row per peak
// out (CSV, lunaNMR CSV, JSON with cross-sections).
#include <iostream>
#include <string>

#include "atomic_file.h"
#include "command.h"
#include "command_options.h"
#include "engine_run.h"
#include "peak_list_flags.h"
#include "progress_bar.h"
#include "spectrum_loader.h"
#include "voigt/fit.h"
#include "voigt/input_checks.h"
#include "result_formats.h"
#include "trace_json.h"
#include "voigt/result_io.h"

namespace voigt {
namespace {

constexpr const char* kUsage =
    "  voigtfit fit SPECTRUM PEAKS [-o out.csv] [--json out.json]\n"
    "               [--format csv|lunanmr|nef|tab|sparky]\n"
    "               [--shape voigt|pvoigt|gauss|lorentz] [--solver lm|lbfgsb]\n"
    "               [--baseline none|constant|plane|arpls] [--window-x PPM] [--window-y PPM]\n"
    "               [--plane K] [--peaks-format csv|tab|sparky|a2|nef] [--columns NAME,X,Y]\n"
    "               [--no-detect] [--quiet]\n"
    "               [--threads N | --processes N] [--task-time-limit S] [--connect-level K]\n"
    "               [--single-pass] [--search-x PPM] [--search-y PPM] [--pick-threshold K]\n"
    "               [--no-offset] [--reconcile] [--trace trace.json]\n";

int run_fit(const Args& a) {
  if (a.positional.size() != 2) throw UsageError("fit needs SPECTRUM and PEAKS");
  const std::string out_csv = a.get("-o", a.get("--output", ""));
  const std::string out_json = a.get("--json", "");
  const std::string out_trace = a.get("--trace", "");
  const std::string format = a.get("--format", "csv");
  check_result_format(format);
  FitOptions options = fit_options_from(a);
  options.cross_sections = !out_json.empty();  // only the JSON output holds them
  const ExecutorOptions executor_options = executor_options_from(a);
  // Fail on an unwritable output before any fitting.
  if (!out_csv.empty()) check_writable(out_csv);
  if (!out_json.empty()) check_writable(out_json);
  if (!out_trace.empty()) check_writable(out_trace);

  const OpenSpectrum open = open_spectrum({a.positional[0]});
  const SpectrumSeries& series = open.spectrum.view;
  as_usage_error([&] { check_plane_index(series, options.plane, "--plane"); });
  const Spectrum2D plane = series.plane(options.plane);
  const PeakList peaks = read_peak_list_from_flags(a, a.positional[1], plane.x, plane.y);

  EngineRun run(executor_options);
  FitResults results = run([&](Executor& executor) {
    return fit_spectrum(plane,
                        peaks,
                        options,
                        executor,
                        progress_bar(!a.has("--quiet"), static_cast<int>(peaks.peaks.size())));
  });
  run.stamp(results.summary);

  check_unchanged(open);
  const std::string table = format_result_table(format, results.rows, plane.x, plane.y);
  if (out_csv.empty())
    std::cout << table;
  else
    write_file_atomically(out_csv, table);
  if (!out_json.empty())
    write_file_atomically(out_json, format_results_json(results.rows, &results.slices));
  if (!out_trace.empty())
    write_file_atomically(out_trace, format_trace_json(results.trace, results.summary));
  if (!a.has("--quiet")) std::cerr << results.summary.brief_report() << "\n";
  return results.summary.all_fitted() ? 0 : 1;
}

}  // namespace

Command fit_command() {
  return {"fit",
          kUsage,
          fit_flags() + plane_fit_flags() + peak_list_flags() + executor_flags() +
              Flags{{"--quiet"}, {"-o", "--output", "--json", "--format", "--trace"}},
          &run_fit};
}

}  // namespace voigt
