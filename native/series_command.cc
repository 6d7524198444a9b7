// `voigtfit series`: a pseudo-3D series, a peak list and a delays file in; the engine's series
// tables out, one file each.
#include "series_command.h"

#include <iostream>

#include "atomic_file.h"
#include "command.h"
#include "command_options.h"
#include "engine_run.h"
#include "peak_list_flags.h"
#include "progress_bar.h"
#include "spectrum_loader.h"
#include "voigt/input_checks.h"
#include "voigt/series.h"
#include "voigt/series_io.h"

namespace voigt {
namespace {

constexpr const char* kUsage =
    "  voigtfit series SPECTRUM|PLANE_FILES... PEAKS --delays FILE [-o PREFIX]\n"
    "               [--delay-factor F] [--reference sum|K] [--joint] [--offset] [--mc N]\n"
    "               [--mc-seed S]\n"
    "               [--shape voigt|pvoigt|gauss|lorentz] [--solver lm|lbfgsb]\n"
    "               [--baseline none|constant|plane|arpls] [--window-x PPM] [--window-y PPM]\n"
    "               [--peaks-format csv|tab|sparky|a2|nef] [--columns NAME,X,Y]\n"
    "               [--no-detect] [--quiet]\n"
    "               [--threads N | --processes N] [--task-time-limit S] [--single-pass]\n"
    "               [--search-x PPM] [--search-y PPM] [--pick-threshold K] [--no-offset]\n"
    "               [--reconcile]\n";

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path) {
  const std::string name = base_name(path);
  const std::size_t dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

// PREFIX.NAME.csv, NAME one of series_table_names().
std::string table_path(const std::string& prefix, const std::string& name) {
  return prefix + "." + name + ".csv";
}

// Writes every table; "{shapes,planes,...}" for the message that lists them.
std::string write_tables(const SeriesResults& results,
                         const std::string& prefix,
                         const std::vector<std::string>& spectra) {
  // Intensity-matrix columns: the plane files' names, or plane_K for a single pseudo-3D file.
  std::vector<std::string> plane_names;
  if (spectra.size() > 1)
    for (const std::string& path : spectra) plane_names.push_back(base_name(path));
  std::string names;
  for (const std::string& name : series_table_names()) {
    write_file_atomically(table_path(prefix, name),
                          format_series_table(results, name, plane_names));
    names += (names.empty() ? "{" : ",") + name;
  }
  return names + "}";
}

int run_series(const Args& a) {
  if (a.positional.size() < 2) throw UsageError("series needs SPECTRUM (or plane files) and PEAKS");
  if (!a.has("--delays")) throw UsageError("series needs --delays FILE");
  const std::vector<std::string> spectra(a.positional.begin(), a.positional.end() - 1);
  const std::string peaks_path = a.positional.back();
  const std::string prefix = a.get("-o", a.get("--output", stem(spectra.front())));
  FitOptions fit_options = fit_options_from(a);
  fit_options.cross_sections = false;  // no table of the series holds them
  const SeriesOptions series_options = series_options_from(a);
  const ExecutorOptions executor_options = executor_options_from(a);
  const double delay_factor = a.number("--delay-factor", 1);
  for (const std::string& name : series_table_names())
    check_writable(table_path(prefix, name));  // before any fitting

  const std::string delays_path = a.get("--delays", "");
  const std::vector<double> delays =
      parse_delays(read_text_file(delays_path), delays_path, delay_factor);
  const OpenSpectrum open = open_spectrum(spectra);
  const SpectrumSeries& series = open.spectrum.view;
  check_delay_count(delays, series, delays_path);
  as_usage_error([&] { check_reference_plane(series, series_options.reference_plane, "--reference"); });
  const PeakList peaks = read_peak_list_from_flags(a, peaks_path, series.x, series.y);

  EngineRun run(executor_options);
  SeriesResults results = run([&](Executor& executor) {
    return fit_series(series,
                      peaks,
                      delays,
                      fit_options,
                      series_options,
                      executor,
                      progress_bar(!a.has("--quiet"), static_cast<int>(peaks.peaks.size())));
  });
  run.stamp(results.summary.shapes);

  check_unchanged(open);
  const std::string written = write_tables(results, prefix, spectra);
  if (!a.has("--quiet")) {
    std::cerr << results.summary.brief_report() << "\n"
              << "wrote " << prefix << "." << written << ".csv\n";
  }
  return results.summary.all_fitted() && results.summary.rates_failed == 0 ? 0 : 1;
}

}  // namespace

Command series_command() {
  return {"series",
          kUsage,
          fit_flags() + series_flags() + peak_list_flags() + executor_flags() +
              Flags{{"--quiet"}, {"-o", "--output", "--delays", "--delay-factor"}},
          &run_series};
}

int run_series_command(const std::vector<std::string>& args) {
  return run_command(series_command(), args);
}

}  // namespace voigt
