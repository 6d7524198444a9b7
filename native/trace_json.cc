#include "trace_json.h"

#include <cmath>
#include <sstream>

namespace voigt {

std::string format_trace_json(const std::vector<TaskTrace>& trace, const FitSummary& summary) {
  std::ostringstream o;
  o.precision(9);
  o << "{\"format\": \"voigtfit-trace\", \"version\": 1, \"executor\": \"" << summary.executor
    << "\", \"threads\": " << summary.threads_used << ", \"wall_time_s\": "
    << (std::isfinite(summary.wall_time_s) ? summary.wall_time_s : 0) << ",\n \"tasks\": [";
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const TaskTrace& t = trace[i];
    o << (i ? ",\n  " : "\n  ") << "{\"task\": " << t.task << ", \"cluster\": " << t.cluster
      << ", \"pass\": " << t.pass << ", \"peaks\": " << t.peaks << ", \"points\": " << t.points
      << ", \"iterations\": " << t.iterations << ", \"priority\": " << t.priority
      << ", \"after\": [";
    for (std::size_t k = 0; k < t.after.size(); ++k) o << (k ? ", " : "") << t.after[k];
    o << "], \"worker\": " << t.timing.worker << ", \"start_s\": " << t.timing.start_s
      << ", \"end_s\": " << t.timing.end_s << "}";
  }
  o << "\n ]}\n";
  return o.str();
}

}  // namespace voigt
