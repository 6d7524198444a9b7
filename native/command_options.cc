// The flag tables of the engine's options structs, and the parsers over them.
#include "command_options.h"

#include <cmath>
#include <cstdint>

#include "flag_field.h"

namespace voigt {
namespace {

// --flag S, a seed: a whole number >= 0. Read through a double, as the CLI always has, so that
// every seed given before reads the same (above 2^53 that rounds).
template <typename Options>
FlagField<Options> seed_flag(const std::string& flag,
                             const std::string& field,
                             std::uint64_t Options::*member) {
  return {flag, field, false, [flag, member](const Args& a, Options& o) {
            if (!a.has(flag)) return;
            const double x = a.number(flag, 0);
            if (!(x >= 0 && x < 18446744073709551616.0 && x == std::floor(x)))
              throw UsageError(flag + " '" + a.get(flag, "") + "' is not an integer >= 0");
            o.*member = static_cast<std::uint64_t>(x);
          }};
}

const FlagTable<FitOptions>& fit_table() {
  static const FlagTable<FitOptions> kTable = {
      named_flag("--shape", "shape", &FitOptions::shape, &shape_from_string),
      named_flag("--solver", "solver", &FitOptions::solver, &solver_from_string),
      named_flag("--baseline", "baseline", &FitOptions::baseline, &baseline_from_string),
      number_flag("--window-x", "window_x_ppm", &FitOptions::window_x_ppm),
      number_flag("--window-y", "window_y_ppm", &FitOptions::window_y_ppm),
      switch_flag("--no-detect", "detect_missed_peaks", &FitOptions::detect_missed_peaks, false),
      switch_flag("--single-pass", "second_pass", &FitOptions::second_pass, false),
      // How the list is matched to the spectrum's picked peaks (FitOptions::reconcile).
      switch_flag("--reconcile", "reconcile", &FitOptions::reconcile, true),
      switch_flag("--no-offset", "estimate_offset", &FitOptions::estimate_offset, false),
      number_flag("--search-x", "search_x_ppm", &FitOptions::search_x_ppm),
      number_flag("--search-y", "search_y_ppm", &FitOptions::search_y_ppm),
      number_flag("--pick-threshold", "pick_threshold_noise", &FitOptions::pick_threshold_noise),
  };
  return kTable;
}

// Flags of fit_table() a series fit does not take: its planes are chosen by --reference, and
// its clusters use the default connect level.
const FlagTable<FitOptions>& plane_fit_table() {
  static const FlagTable<FitOptions> kTable = {
      number_flag("--plane", "plane", &FitOptions::plane),
      number_flag("--connect-level", "connect_level_noise", &FitOptions::connect_level_noise),
  };
  return kTable;
}

const FlagTable<ExecutorOptions>& executor_table() {
  static const FlagTable<ExecutorOptions> kTable = {
      number_flag("--threads", "threads", &ExecutorOptions::threads),
      number_flag("--processes", "processes", &ExecutorOptions::processes),
      number_flag("--task-time-limit", "task_time_limit_s", &ExecutorOptions::task_time_limit_s),
  };
  return kTable;
}

const FlagTable<SeriesOptions>& series_table() {
  static const FlagTable<SeriesOptions> kTable = {
      {"--reference",
       "reference_plane",
       false,
       [](const Args& a, SeriesOptions& o) {  // "sum" or a plane index
         if (a.has("--reference") && a.get("--reference", "") != "sum")
           o.reference_plane = a.integer("--reference", o.reference_plane);
       }},
      switch_flag("--offset", "fit_offset", &SeriesOptions::fit_offset, true),
      switch_flag("--joint", "joint_fit", &SeriesOptions::joint_fit, true),
      number_flag("--mc", "monte_carlo_draws", &SeriesOptions::monte_carlo_draws),
      seed_flag("--mc-seed", "monte_carlo_seed", &SeriesOptions::monte_carlo_seed),
  };
  return kTable;
}

const FlagTable<SimulationOptions>& simulation_table() {
  static const FlagTable<SimulationOptions> kTable = {
      number_flag("--peaks", "num_peaks", &SimulationOptions::num_peaks),
      seed_flag("--seed", "seed", &SimulationOptions::seed),
      number_flag("--nx", "nx", &SimulationOptions::nx),
      number_flag("--ny", "ny", &SimulationOptions::ny),
      number_flag("--overlap", "overlap", &SimulationOptions::overlap),
      number_flag("--noise", "noise_sd", &SimulationOptions::noise_sd),
      number_flag("--baseline", "baseline", &SimulationOptions::baseline),
      number_flag("--unlisted", "unlisted", &SimulationOptions::unlisted),
      number_flag("--scatter-x-ppm", "scatter_x_ppm", &SimulationOptions::scatter_x_ppm),
      number_flag("--scatter-y-ppm", "scatter_y_ppm", &SimulationOptions::scatter_y_ppm),
      number_flag("--offset-x-ppm", "offset_x_ppm", &SimulationOptions::offset_x_ppm),
      number_flag("--offset-y-ppm", "offset_y_ppm", &SimulationOptions::offset_y_ppm),
  };
  return kTable;
}

}  // namespace

Flags fit_flags() { return flags_of(fit_table()); }
Flags plane_fit_flags() { return flags_of(plane_fit_table()); }
Flags executor_flags() { return flags_of(executor_table()); }
Flags series_flags() { return flags_of(series_table()); }
Flags simulation_flags() { return flags_of(simulation_table()); }

FitOptions fit_options_from(const Args& args) {
  FlagTable<FitOptions> table = fit_table();
  table.insert(table.end(), plane_fit_table().begin(), plane_fit_table().end());
  return read_flags(args, table, FitOptions{});
}

ExecutorOptions executor_options_from(const Args& args) {
  if (args.has("--threads") && args.has("--processes"))
    throw UsageError("--threads and --processes exclude each other");
  return read_flags(args, executor_table(), ExecutorOptions{});
}

SeriesOptions series_options_from(const Args& args) {
  return read_flags(args, series_table(), SeriesOptions{});
}

SimulationOptions simulation_options_from(const Args& args, SimulationOptions defaults) {
  return read_flags(args, simulation_table(), defaults);
}

int threads_requested(const ExecutorOptions& options) {
  return options.processes > 0 ? options.processes : options.threads;
}

}  // namespace voigt
