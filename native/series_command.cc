// `voigtfit series`: parses flags 1:1 into FitOptions / SeriesOptions / ExecutorOptions, runs
// fit_series, writes the tables; no numerics.
#include "series_command.h"

#include "command_args.h"

#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "atomic_file.h"
#include "fork_pool_executor.h"
#include "peak_list_flags.h"
#include "spectrum_loader.h"
#include "voigt/fit.h"
#include "voigt/result_io.h"
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
    "               [--peaks-format csv|tab|sparky|a2] [--columns NAME,X,Y]\n"
    "               [--no-detect] [--quiet]\n"
    "               [--threads N | --processes N] [--task-time-limit S] [--single-pass]\n";

const std::vector<std::string> kSwitches = {"--offset", "--joint", "--no-detect", "--quiet",
                                            "--single-pass"};
const std::vector<std::string> kValueFlags = {
    "-o",        "--output",   "--delays",   "--delay-factor",   "--reference", "--mc",
    "--mc-seed", "--shape",    "--solver",   "--baseline",       "--window-x",  "--window-y",
    "--peaks-format", "--columns", "--threads", "--processes", "--task-time-limit"};

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path) {
  const std::string name = base_name(path);
  const std::size_t dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

// Ctrl-C cancels the run (finished clusters keep their rows, the tables are still written); a
// second Ctrl-C kills at once (the default action, restored by the first).
Executor* g_series_executor = nullptr;
void on_interrupt(int) {
  ::signal(SIGINT, SIG_DFL);
  if (g_series_executor) g_series_executor->request_cancel();
}

// Wires Ctrl-C to `executor` for its lifetime, also when the run throws.
class InterruptGuard {
 public:
  explicit InterruptGuard(Executor& executor) {
    g_series_executor = &executor;
    ::signal(SIGINT, on_interrupt);
  }
  ~InterruptGuard() {
    ::signal(SIGINT, SIG_DFL);
    g_series_executor = nullptr;
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
};

// A progress bar on stderr when it is a terminal: clusters of both passes, peaks, ETA.
ProgressCallback progress_bar(bool enabled, int peaks_total) {
  if (!enabled || !isatty(STDERR_FILENO)) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start, peaks_total](const Progress& p) {
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double fraction = p.tasks_total ? double(p.tasks_done) / p.tasks_total : 1;
    const double eta = fraction > 0 ? s * (1 - fraction) / fraction : 0;
    const int width = 30, filled = static_cast<int>(width * fraction);
    std::fprintf(stderr, "\r[%-*s] %d/%d peaks  ETA %.1f s ", width,
                 std::string(filled, '#').c_str(), p.peaks_done, peaks_total, eta);
    if (p.tasks_done == p.tasks_total) std::fputc('\n', stderr);
    return ProgressAction::kContinue;
  };
}

FitOptions fit_options_from(const Args& a) {
  FitOptions o;
  if (a.has("--shape")) o.shape = shape_from_string(a.get("--shape", ""));
  if (a.has("--solver")) o.solver = solver_from_string(a.get("--solver", ""));
  if (a.has("--baseline")) o.baseline = baseline_from_string(a.get("--baseline", ""));
  o.window_x_ppm = a.number("--window-x", o.window_x_ppm);
  o.window_y_ppm = a.number("--window-y", o.window_y_ppm);
  o.detect_missed_peaks = !a.has("--no-detect");
  o.second_pass = !a.has("--single-pass");
  o.cross_sections = false;  // no table of the series holds them
  if (const std::string e = o.validate(); !e.empty()) throw std::invalid_argument(e);
  return o;
}

SeriesOptions series_options_from(const Args& a) {
  SeriesOptions o;
  const std::string reference = a.get("--reference", "sum");
  o.reference_plane = reference == "sum" ? kSumOfPlanes : a.integer("--reference", 0);
  o.fit_offset = a.has("--offset");
  o.joint_fit = a.has("--joint");
  o.monte_carlo_draws = a.integer("--mc", o.monte_carlo_draws);
  o.monte_carlo_seed = static_cast<std::uint64_t>(a.number("--mc-seed", 1));
  if (const std::string e = o.validate(); !e.empty()) throw std::invalid_argument(e);
  return o;
}

ExecutorOptions executor_options_from(const Args& a) {
  ExecutorOptions o;
  if (a.has("--threads") && a.has("--processes"))
    throw std::invalid_argument("--threads and --processes exclude each other");
  o.threads = a.integer("--threads", o.threads);
  o.processes = a.integer("--processes", o.processes);
  o.task_time_limit_s = a.number("--task-time-limit", o.task_time_limit_s);
  if (const std::string e = o.validate(); !e.empty()) throw std::invalid_argument(e);
  return o;
}

}  // namespace

const char* series_usage() { return kUsage; }

int run_series_command(const std::vector<std::string>& words) {
  const Args a = parse_args(words, kSwitches, &kValueFlags);
  if (a.positional.size() < 2)
    throw std::invalid_argument("series needs SPECTRUM (or plane files) and PEAKS");
  if (!a.has("--delays")) throw std::invalid_argument("series needs --delays FILE");
  const std::vector<std::string> spectra(a.positional.begin(), a.positional.end() - 1);
  const std::string peaks_path = a.positional.back();
  const std::string prefix = a.get("-o", a.get("--output", stem(spectra.front())));
  const FitOptions fit_options = fit_options_from(a);
  const SeriesOptions series_options = series_options_from(a);
  const ExecutorOptions executor_options = executor_options_from(a);
  const char* const kSuffixes[] = {".shapes.csv", ".planes.csv", ".planes_wide.csv", ".rates.csv",
                                   ".intensities.csv"};
  for (const char* suffix : kSuffixes) check_writable(prefix + suffix);  // before any fitting

  const std::string delays_path = a.get("--delays", "");
  const std::vector<double> delays =
      parse_delays(read_text_file(delays_path), delays_path, a.number("--delay-factor", 1));
  const OpenSpectrum open = open_spectrum(spectra);
  const SpectrumSeries& series = open.spectrum.view;
  if (static_cast<int>(delays.size()) != series.num_planes)
    throw std::invalid_argument(delays_path + ": " + std::to_string(delays.size()) +
                                " delays, but the series has " +
                                std::to_string(series.num_planes) + " plane(s)");
  if (series_options.reference_plane >= series.num_planes)
    throw std::invalid_argument("--reference " + std::to_string(series_options.reference_plane) +
                                ": the series has " + std::to_string(series.num_planes) +
                                " plane(s)");
  const PeakList peaks = read_peak_list_from_flags(a, peaks_path, series.x, series.y);

  const auto start = std::chrono::steady_clock::now();
  auto executor = make_executor(executor_options);
  SeriesResults results;
  {
    const InterruptGuard interrupt(*executor);
    results = fit_series(series, peaks, delays, fit_options, series_options, *executor,
                         progress_bar(!a.has("--quiet"), static_cast<int>(peaks.peaks.size())));
  }
  results.summary.shapes.threads_requested =
      executor_options.processes > 0 ? executor_options.processes : executor_options.threads;
  results.summary.shapes.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Intensity-matrix columns: the plane files' names, or plane_K for a single pseudo-3D file.
  std::vector<std::string> names;
  if (spectra.size() > 1)
    for (const std::string& path : spectra) names.push_back(base_name(path));
  check_unchanged(open);
  write_file_atomically(prefix + ".shapes.csv", format_results_csv(results.shapes));
  write_file_atomically(prefix + ".planes.csv", format_series_planes_csv(results));
  write_file_atomically(prefix + ".planes_wide.csv", format_series_wide_csv(results));
  write_file_atomically(prefix + ".rates.csv", format_series_rates_csv(results));
  write_file_atomically(prefix + ".intensities.csv",
                        format_series_intensity_matrix(results, names));
  if (!a.has("--quiet")) {
    std::cerr << results.summary.brief_report() << "\n"
              << "wrote " << prefix << ".{shapes,planes,planes_wide,rates,intensities}.csv\n";
  }
  return results.summary.all_fitted() && results.summary.rates_failed == 0 ? 0 : 1;
}

}  // namespace voigt
