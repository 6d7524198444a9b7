// The Python side of the bindings (module.cc), none of it engine logic: files read into memory
// (the engine never opens files), result tables as NumPy columns, summaries as dicts, and runs
// with the GIL released whose progress callback also polls for Ctrl-C.
#ifndef VOIGT_PYTHON_PY_GLUE_H_
#define VOIGT_PYTHON_PY_GLUE_H_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "voigt/executor.h"
#include "voigt/result_table.h"

namespace voigt::python {

namespace py = pybind11;

// os.fspath(path) as text: a str or a path-like object.
std::string path_text(const py::handle& path);
bool is_path(const py::handle& object);

// A whole file: as text (peak lists, delays), or as floats holding its bytes (spectra, so the
// readers can view 4-byte aligned data in place). OSError with the file name when it cannot be
// read (FileNotFoundError for a missing one), as Python's open() raises.
std::string read_text_file(const std::string& path);
std::vector<float> read_binary_file(const std::string& path, std::size_t* size_bytes);

// A result table as a dict of NumPy columns, in the table's order: integer columns int64,
// number columns float64, text columns object arrays of str.
py::dict columns(const ResultTable& table);

// voigtfit.Results (a dict subclass, created at import) holding `table`'s columns, with the
// summary as its `summary` attribute.
py::object results_object(const ResultTable& table, py::object summary);

// How a run goes: the executor's options (threads, task_time_limit_s) and the Python progress
// callback (None, or a function of a dict that returns True or "abort" to stop the run).
struct RunOptions {
  ExecutorOptions executor;
  py::object progress = py::none();
};

// Runs body(executor, callback) on the engine's thread pool with the GIL released and returns
// to_python(result). The callback (after each finished task, on the calling thread) reacquires
// the GIL, polls for signals (a Ctrl-C then cancels the run through Executor::request_cancel)
// and calls `progress` (until it raises). Once the run is over a KeyboardInterrupt is raised
// again, carrying to_python(result) as its `results` (the rows so far, as the CLI writes its
// files on Ctrl-C); else an exception the progress function raised. Sets threads_requested and
// wall_time_s of summary_of(result), as the CLI does.
template <typename Result, typename Body, typename SummaryOf, typename ToPython>
py::object run_on_pool(const RunOptions& options, Body&& body, SummaryOf&& summary_of, ToPython&& to_python);

// Implementation details of run_on_pool, defined in py_glue.cc.
class PoolRun {
 public:
  explicit PoolRun(const RunOptions& options);
  ~PoolRun();
  Executor& executor() { return *executor_; }
  const ProgressCallback& callback() const { return callback_; }
  // Raises what the callback caught: KeyboardInterrupt (with `partial` as its `results`), else
  // the progress function's exception.
  bool caught() const { return interrupt_ || failure_; }
  void raise_caught(const py::object& partial);
  void stamp(FitSummary& summary) const;

 private:
  ProgressAction on_progress(const Progress& p);
  RunOptions options_;
  std::unique_ptr<Executor> executor_;
  ProgressCallback callback_;
  std::unique_ptr<py::error_already_set> interrupt_;  // KeyboardInterrupt (Ctrl-C)
  std::unique_ptr<py::error_already_set> failure_;    // the progress function raised it
  bool aborted_ = false;                              // the progress function asked to stop
  std::chrono::steady_clock::time_point start_;
};

template <typename Result, typename Body, typename SummaryOf, typename ToPython>
py::object run_on_pool(const RunOptions& options, Body&& body, SummaryOf&& summary_of, ToPython&& to_python) {
  PoolRun run(options);
  Result result;
  {
    py::gil_scoped_release release;
    result = body(run.executor(), run.callback());
  }
  run.stamp(summary_of(result));
  py::object out = to_python(result);
  if (run.caught()) run.raise_caught(out);
  return out;
}

}  // namespace voigt::python

#endif  // VOIGT_PYTHON_PY_GLUE_H_
