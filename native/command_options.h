// Engine options from command-line flags, one parser shared by every command. A table per
// options struct binds each flag to the field it sets, as the usage text spells it
// (--window-x -> FitOptions::window_x_ppm). A value that is not a number, not an integer or not
// one of the engine's names is a UsageError naming the flag; options the engine's validate()
// refuses are a UsageError with the engine's own message (its first line, as the page shows it),
// then the flag that set the field.
#ifndef VOIGT_NATIVE_COMMAND_OPTIONS_H_
#define VOIGT_NATIVE_COMMAND_OPTIONS_H_

#include <string>

#include "command.h"
#include "command_args.h"
#include "voigt/executor.h"
#include "voigt/fit_options.h"
#include "voigt/series.h"
#include "voigt/simulate.h"

namespace voigt {

// FitOptions flags of every fitting command: --shape --solver --baseline --window-x --window-y
// --no-detect --single-pass --reconcile --no-offset --search-x --search-y --pick-threshold.
Flags fit_flags();
// FitOptions flags of a single-spectrum fit only: --plane --connect-level.
Flags plane_fit_flags();
Flags executor_flags();    // --threads --processes --task-time-limit
Flags series_flags();      // --reference --offset --joint --mc --mc-seed
// --peaks --seed --nx --ny --overlap --noise --baseline --unlisted --scatter-x-ppm
// --scatter-y-ppm --offset-x-ppm --offset-y-ppm
Flags simulation_flags();

// Each reads its table's flags over the struct's defaults and validates the result.
FitOptions fit_options_from(const Args& args);
// Also: --threads and --processes exclude each other.
ExecutorOptions executor_options_from(const Args& args);
SeriesOptions series_options_from(const Args& args);
// Over `defaults` rather than SimulationOptions{} (the demo has its own seed).
SimulationOptions simulation_options_from(const Args& args, SimulationOptions defaults = {});

// The processes or threads asked for, as FitSummary::threads_requested reports it.
int threads_requested(const ExecutorOptions& options);

}  // namespace voigt

#endif  // VOIGT_NATIVE_COMMAND_OPTIONS_H_
