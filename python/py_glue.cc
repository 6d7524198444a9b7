#include "py_glue.h"

#include <pybind11/stl.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

namespace voigt::python {

std::string path_text(const py::handle& path) {
  return py::str(py::module_::import("os").attr("fspath")(path));
}

bool is_path(const py::handle& object) {
  return py::isinstance<py::str>(object) || py::hasattr(object, "__fspath__");
}

namespace {

// The file's bytes appended to `out` (resized in `unit`-byte elements); OSError on failure.
template <typename Buffer>
std::size_t read_into(const std::string& path, Buffer* out) {
  using Unit = typename Buffer::value_type;
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    PyErr_SetFromErrnoWithFilename(PyExc_OSError, path.c_str());
    throw py::error_already_set();
  }
  std::size_t size = 0;
  char chunk[1 << 16];
  std::string bytes;
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, f)) > 0;) bytes.append(chunk, n);
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) {
    PyErr_SetFromErrnoWithFilename(PyExc_OSError, path.c_str());
    throw py::error_already_set();
  }
  size = bytes.size();
  out->resize((size + sizeof(Unit) - 1) / sizeof(Unit));
  std::copy(bytes.begin(), bytes.end(), reinterpret_cast<char*>(out->data()));
  return size;
}

}  // namespace

std::string read_text_file(const std::string& path) {
  std::string text;
  read_into(path, &text);
  return text;
}

std::vector<float> read_binary_file(const std::string& path, std::size_t* size_bytes) {
  std::vector<float> buffer;
  *size_bytes = read_into(path, &buffer);
  return buffer;
}

py::dict columns(const ResultTable& table) {
  py::dict out;
  const py::object object_array = py::module_::import("numpy").attr("array");
  for (const ResultColumn& c : table) {
    switch (c.kind) {
      case ResultColumn::Kind::kInteger:
        out[c.name.c_str()] = py::array_t<long long>(c.integers.size(), c.integers.data());
        break;
      case ResultColumn::Kind::kNumber:
        out[c.name.c_str()] = py::array_t<double>(c.numbers.size(), c.numbers.data());
        break;
      case ResultColumn::Kind::kText:
        out[c.name.c_str()] = object_array(py::cast(c.texts), py::arg("dtype") = py::module_::import("builtins").attr("object"));
        break;
    }
  }
  return out;
}

py::object results_object(const ResultTable& table, py::object summary) {
  py::object results = py::module_::import("voigtfit").attr("Results")(columns(table));
  results.attr("summary") = std::move(summary);
  return results;
}

PoolRun::PoolRun(const RunOptions& options)
    : options_(options), start_(std::chrono::steady_clock::now()) {
  if (const std::string e = options.executor.validate(); !e.empty()) throw std::invalid_argument(e);
  executor_ = make_thread_pool_executor(options.executor.threads, options.executor.task_time_limit_s);
  callback_ = [this](const Progress& p) { return on_progress(p); };
}

// The caught exceptions hold Python objects: released with the GIL held.
PoolRun::~PoolRun() = default;

ProgressAction PoolRun::on_progress(const Progress& p) {
  py::gil_scoped_acquire gil;
  // A SIGINT only sets a flag while the engine runs; Python's handler (KeyboardInterrupt) runs
  // here. Cancel as the CLI's Ctrl-C does; the progress function still hears how far it got.
  if (!interrupt_ && PyErr_CheckSignals() != 0) {
    interrupt_ = std::make_unique<py::error_already_set>();
    executor_->request_cancel();
  }
  if (!failure_ && !options_.progress.is_none()) {
    try {
      py::dict state;
      state["tasks_done"] = p.tasks_done;
      state["tasks_total"] = p.tasks_total;
      state["peaks_done"] = p.peaks_done;
      state["current_assignment"] = p.current_assignment;
      const py::object answer = options_.progress(state);
      aborted_ = aborted_ || (py::isinstance<py::bool_>(answer) && answer.cast<bool>()) ||
                 (py::isinstance<py::str>(answer) && answer.cast<std::string>() == "abort");
    } catch (py::error_already_set& e) {  // raised again once the run is over
      failure_ = std::make_unique<py::error_already_set>(std::move(e));
    }
  }
  return interrupt_ || failure_ || aborted_ ? ProgressAction::kAbort : ProgressAction::kContinue;
}

void PoolRun::raise_caught(const py::object& partial) {
  const bool interrupted = interrupt_ != nullptr;
  std::unique_ptr<py::error_already_set>& caught = interrupted ? interrupt_ : failure_;
  caught->restore();
  caught.reset();
  if (interrupted) {
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    if (value && PyObject_SetAttrString(value, "results", partial.ptr()) != 0) PyErr_Clear();
    PyErr_Restore(type, value, traceback);
  }
  throw py::error_already_set();
}

void PoolRun::stamp(FitSummary& summary) const {
  summary.threads_requested = options_.executor.threads;
  summary.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace voigt::python
