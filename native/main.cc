// voigtfit: the command line. Parses flags 1:1 into engine options, runs, prints; no numerics.
//
// Exit status: 0 every peak fitted, 1 some peaks not fitted (their rows say why), 2 bad usage
// or unreadable input.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "atomic_file.h"
#include "command_args.h"
#include "fork_pool_executor.h"
#include "peak_list_flags.h"
#include "series_command.h"
#include "spectrum_loader.h"
#include "voigt/fit.h"
#include "voigt/result_io.h"
#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

namespace {

using namespace voigt;

constexpr const char* kUsage =
    "usage:\n"
    "  voigtfit fit SPECTRUM PEAKS [-o out.csv] [--json out.json] [--format csv|lunanmr]\n"
    "               [--shape voigt|pvoigt|gauss|lorentz] [--solver lm|lbfgsb]\n"
    "               [--baseline none|constant|plane|arpls] [--window-x PPM] [--window-y PPM]\n"
    "               [--plane K] [--peaks-format csv|tab|sparky|a2] [--columns NAME,X,Y]\n"
    "               [--no-detect] [--quiet]\n"
    "               [--threads N | --processes N] [--task-time-limit S] [--connect-level K]\n"
    "               [--single-pass]\n"
    "  voigtfit info SPECTRUM\n"
    "  voigtfit simulate PREFIX [--peaks N] [--seed S] [--nx N] [--ny N] [--overlap F]\n"
    "               [--noise SD] [--baseline B] [--unlisted K]\n"
    "  voigtfit demo [--peaks N] [--seed S] [--threads N | --processes N]\n";


// Ctrl-C cancels the run: the clusters already fitted keep their rows, the others get status
// `cancelled`, the output files are written (atomically) and the exit status is 1. A second
// Ctrl-C kills the process at once (the default action, restored by the first).
Executor* g_running_executor = nullptr;

void on_interrupt(int) {
  ::signal(SIGINT, SIG_DFL);
  if (g_running_executor) g_running_executor->request_cancel();
}

// Runs fit_spectrum with Ctrl-C wired to the executor's cancellation.
FitResults fit_interruptible(const Spectrum2D& plane, const PeakList& peaks,
                             const FitOptions& options, Executor& executor,
                             const ProgressCallback& progress) {
  g_running_executor = &executor;
  ::signal(SIGINT, on_interrupt);
  FitResults results = fit_spectrum(plane, peaks, options, executor, progress);
  ::signal(SIGINT, SIG_DFL);
  g_running_executor = nullptr;
  return results;
}

// A progress bar on stderr: peaks done/total, rate, ETA. Only when stderr is a terminal.
ProgressCallback progress_bar(bool enabled, int peaks_total) {
  if (!enabled || !isatty(STDERR_FILENO)) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start, peaks_total](const Progress& p) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = s > 0 ? p.peaks_done / s : 0;
    const double eta = rate > 0 ? (peaks_total - p.peaks_done) / rate : 0;
    const int width = 30, filled = p.tasks_total ? width * p.tasks_done / p.tasks_total : width;
    std::fprintf(stderr, "\r[%-*s] %d/%d peaks  %.0f peaks/s  ETA %.1f s ", width,
                 std::string(filled, '#').c_str(), p.peaks_done, peaks_total, rate, eta);
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
  o.plane = static_cast<int>(a.number("--plane", o.plane));
  o.connect_level_noise = a.number("--connect-level", o.connect_level_noise);
  o.detect_missed_peaks = !a.has("--no-detect");
  o.second_pass = !a.has("--single-pass");
  if (const std::string e = o.validate(); !e.empty()) throw UsageError(e);
  return o;
}

ExecutorOptions executor_options_from(const Args& a) {
  ExecutorOptions o;
  if (a.has("--threads") && a.has("--processes"))
    throw UsageError("--threads and --processes exclude each other");
  o.threads = static_cast<int>(a.number("--threads", o.threads));
  o.processes = static_cast<int>(a.number("--processes", o.processes));
  o.task_time_limit_s = a.number("--task-time-limit", o.task_time_limit_s);
  if (const std::string e = o.validate(); !e.empty()) throw UsageError(e);
  return o;
}

int command_fit(const Args& a) {
  if (a.positional.size() != 2) throw UsageError("fit needs SPECTRUM and PEAKS");
  const std::string out_csv = a.get("-o", a.get("--output", ""));
  const std::string out_json = a.get("--json", "");
  const std::string format = a.get("--format", "csv");
  if (format != "csv" && format != "lunanmr") throw UsageError("--format must be csv or lunanmr");
  FitOptions options = fit_options_from(a);
  options.cross_sections = !out_json.empty();  // only the JSON output holds them
  const ExecutorOptions executor_options = executor_options_from(a);
  // Fail on an unwritable output before any fitting.
  if (!out_csv.empty()) check_writable(out_csv);
  if (!out_json.empty()) check_writable(out_json);

  const OpenSpectrum open = open_spectrum({a.positional[0]});
  const SpectrumSeries& series = open.spectrum.view;
  if (options.plane >= series.num_planes)
    throw UsageError("--plane " + std::to_string(options.plane) + ": the spectrum has " +
                     std::to_string(series.num_planes) + " plane(s)");
  const Spectrum2D plane = series.plane(options.plane);
  const PeakList peaks = read_peak_list_from_flags(a, a.positional[1], plane.x, plane.y);

  const auto start = std::chrono::steady_clock::now();
  auto executor = make_executor(executor_options);
  FitResults results =
      fit_interruptible(plane, peaks, options, *executor,
                        progress_bar(!a.has("--quiet"), static_cast<int>(peaks.peaks.size())));
  results.summary.threads_requested =
      executor_options.processes > 0 ? executor_options.processes : executor_options.threads;
  results.summary.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  check_unchanged(open);
  const std::string table = format == "csv" ? format_results_csv(results.rows)
                                            : format_results_lunanmr(results.rows);
  if (out_csv.empty())
    std::cout << table;
  else
    write_file_atomically(out_csv, table);
  if (!out_json.empty())
    write_file_atomically(out_json, format_results_json(results.rows, &results.slices));
  if (!a.has("--quiet")) std::cerr << results.summary.brief_report() << "\n";
  return results.summary.all_fitted() ? 0 : 1;
}

int command_info(const Args& a) {
  if (a.positional.size() != 1) throw UsageError("info needs SPECTRUM");
  const OpenSpectrum open = open_spectrum({a.positional[0]});
  const SpectrumSeries& s = open.spectrum.view;
  auto axis = [](const char* name, const Axis& x) {
    std::printf("%s: %-5s %5d points  %9.4f .. %9.4f ppm  SW %.3f Hz  OBS %.4f MHz  %.3f Hz/pt\n",
                name, x.label.c_str(), x.size_pt, x.first_ppm(), x.last_ppm(), x.sw_hz, x.obs_mhz,
                x.hz_per_pt());
  };
  std::printf("%s (%s), %d plane(s)\n", a.positional[0].c_str(), open.spectrum.format.c_str(),
              s.num_planes);
  axis("x", s.x);
  axis("y", s.y);
  for (int k = 0; k < s.num_planes; ++k) {
    std::printf("plane %d: noise %.6g\n", k, estimate_plane_noise(s.plane(k)));
  }
  return 0;
}

SimulationOptions simulation_options_from(const Args& a) {
  SimulationOptions so;
  so.num_peaks = static_cast<int>(a.number("--peaks", so.num_peaks));
  so.seed = static_cast<std::uint64_t>(a.number("--seed", static_cast<double>(so.seed)));
  so.nx = static_cast<int>(a.number("--nx", so.nx));
  so.ny = static_cast<int>(a.number("--ny", so.ny));
  so.overlap = a.number("--overlap", so.overlap);
  so.noise_sd = a.number("--noise", so.noise_sd);
  so.baseline = a.number("--baseline", so.baseline);
  so.unlisted = static_cast<int>(a.number("--unlisted", so.unlisted));
  if (const std::string e = so.validate(); !e.empty()) throw UsageError(e);
  return so;
}

std::string peak_list_csv(const PeakList& list) {
  std::ostringstream out;
  out.precision(10);
  out << "Assignment,Position_X,Position_Y\n";
  for (const Peak& p : list.peaks) out << p.assignment << "," << p.x_ppm << "," << p.y_ppm << "\n";
  return out.str();
}

int command_simulate(const Args& a) {
  if (a.positional.size() != 1) throw UsageError("simulate needs PREFIX");
  const std::string prefix = a.positional[0];
  const SimulatedSpectrum sim = simulate_spectrum(simulation_options_from(a));
  SpectrumSeries view;
  view.data = sim.data.data();
  view.x = sim.x;
  view.y = sim.y;
  const std::vector<std::uint8_t> bytes = write_nmrpipe(view);
  write_file_atomically(prefix + ".ft2",
                        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  write_file_atomically(prefix + ".peaks.csv", peak_list_csv(sim.listed));
  write_file_atomically(prefix + ".truth.csv", format_results_csv(sim.truth));
  std::cerr << "wrote " << prefix << ".ft2, " << prefix << ".peaks.csv, " << prefix
            << ".truth.csv (" << sim.truth.size() << " peaks)\n";
  return 0;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * (v.size() - 1))];
}

int command_demo(const Args& a) {
  SimulationOptions so;
  so.num_peaks = static_cast<int>(a.number("--peaks", 150));
  so.seed = static_cast<std::uint64_t>(a.number("--seed", 7));
  const SimulatedSpectrum sim = simulate_spectrum(so);
  const Spectrum2D plane{sim.data.data(), sim.x, sim.y};
  std::printf("demo: simulated %d-peak 1H-15N HSQC, %d x %d points, seed %llu\n", so.num_peaks,
              so.nx, so.ny, static_cast<unsigned long long>(so.seed));
  const auto start = std::chrono::steady_clock::now();
  auto executor = make_executor(executor_options_from(a));
  FitResults fit = fit_interruptible(plane, sim.listed, FitOptions{}, *executor,
                                     progress_bar(!a.has("--quiet"), so.num_peaks));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fit.summary.wall_time_s = seconds;
  std::vector<double> dx, dy, dv;
  int within = 0;
  for (int k = 0; k < so.num_peaks; ++k) {
    const PeakResult& t = sim.truth[k];
    const PeakResult& r = fit.rows[k];
    if (r.status != PeakStatus::kOk) continue;
    dx.push_back(std::abs(r.x_ppm - t.x_ppm) * sim.x.obs_mhz);
    dy.push_back(std::abs(r.y_ppm - t.y_ppm) * sim.y.obs_mhz);
    dv.push_back(std::abs(r.volume / t.volume - 1));
    within += dv.back() <= 0.05;
  }
  std::printf("%s\n", fit.summary.brief_report().c_str());
  std::printf("position error vs truth: median %.3f Hz (1H), %.3f Hz (15N)\n", percentile(dx, 0.5),
              percentile(dy, 0.5));
  std::printf("volume error vs truth: median %.2f %%, 90th percentile %.2f %%; within 5 %%: %.1f %%\n",
              100 * percentile(dv, 0.5), 100 * percentile(dv, 0.9), 100.0 * within / so.num_peaks);
  std::printf("time: %.3f s (%.0f peaks/s)\n", seconds, so.num_peaks / seconds);
  return fit.summary.all_fitted() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  install_bus_error_message();
  try {
    // The series command parses its own flags (it has more of them).
    if (command == "series")
      return run_series_command(std::vector<std::string>(argv + 2, argv + argc));
    const Args args = parse_args(std::vector<std::string>(argv + 2, argv + argc),
                                 {"--quiet", "--no-detect", "--single-pass"});
    if (command == "fit") return command_fit(args);
    if (command == "info") return command_info(args);
    if (command == "simulate") return command_simulate(args);
    if (command == "demo") return command_demo(args);
    if (command == "-h" || command == "--help" || command == "help") {
      std::cout << kUsage << series_usage();
      return 0;
    }
    throw UsageError("unknown command '" + command + "'");
  } catch (const UsageError& e) {
    std::cerr << "voigtfit: " << e.what() << "\n" << kUsage << series_usage();
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "voigtfit: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "voigtfit: " << e.what() << "\n";
    return 2;
  }
}
