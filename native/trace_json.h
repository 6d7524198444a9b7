// The run's schedule as JSON (voigtfit fit --trace FILE): one entry per task, for
// bench/schedule_model.py to replay on more workers than the machine has.
#ifndef VOIGT_NATIVE_TRACE_JSON_H_
#define VOIGT_NATIVE_TRACE_JSON_H_

#include <string>
#include <vector>

#include "voigt/fit.h"

namespace voigt {

// {"format": "voigtfit-trace", "version": 1, "executor": ..., "threads": ..., "wall_time_s": ...,
//  "tasks": [{"task", "cluster", "pass", "peaks", "points", "iterations", "priority", "after",
//  "worker", "start_s", "end_s"}, ...]}; times in seconds from the start of the run, worker -1
// and times 0 where the executor does not measure them (the fork pool).
std::string format_trace_json(const std::vector<TaskTrace>& trace, const FitSummary& summary);

}  // namespace voigt

#endif  // VOIGT_NATIVE_TRACE_JSON_H_
