// The engine's option and summary structs field by field, for Python: keyword arguments laid
// over the C++ defaults (an unknown name is a TypeError listing the known ones), validate()'s
// messages as ValueError, and structs as dicts. Enums cross as their to_string() names.
#ifndef VOIGT_PYTHON_OPTION_FIELDS_H_
#define VOIGT_PYTHON_OPTION_FIELDS_H_

#include <pybind11/pybind11.h>

#include <functional>
#include <string>
#include <vector>

#include "voigt/executor.h"
#include "voigt/fit_options.h"
#include "voigt/pick.h"
#include "voigt/series.h"

namespace voigt::python {

namespace py = pybind11;

template <typename T>
struct Field {
  std::string name;
  std::function<py::object(const T&)> get;
  std::function<void(T&, const py::handle&)> set;
};

// One per struct, in the struct's declaration order (option_fields.cc).
template <typename T>
const std::vector<Field<T>>& fields();
template <> const std::vector<Field<FitOptions>>& fields();
template <> const std::vector<Field<SeriesOptions>>& fields();
template <> const std::vector<Field<PickOptions>>& fields();
template <> const std::vector<Field<ExecutorOptions>>& fields();
template <> const std::vector<Field<FitSummary>>& fields();
template <> const std::vector<Field<SeriesSummary>>& fields();

// The struct's fields as a dict (defaults: to_dict(T{})).
template <typename T>
py::dict to_dict(const T& object) {
  py::dict out;
  for (const Field<T>& f : fields<T>()) out[f.name.c_str()] = f.get(object);
  return out;
}

// Sets the field `name` from `value` and returns true, or returns false when T has no such field.
// TypeError naming the field when the value has the wrong type; ValueError for an unknown enum
// name (the engine's message lists the accepted ones).
template <typename T>
bool set_field(T& object, const std::string& name, const py::handle& value) {
  for (const Field<T>& f : fields<T>())
    if (f.name == name) return f.set(object, value), true;
  return false;
}

// The field names of T, comma-separated (for the unknown-option message).
template <typename T>
std::string field_names() {
  std::string out;
  for (const Field<T>& f : fields<T>()) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

// Options as given when valid; else std::invalid_argument (ValueError) with validate()'s message.
template <typename T>
T valid(T options) {
  if (const std::string e = options.validate(); !e.empty()) throw std::invalid_argument(e);
  return options;
}

// FitSummary / SeriesSummary as dicts with their brief_report() and all_fitted().
py::dict summary_dict(const FitSummary& summary);
py::dict summary_dict(const SeriesSummary& summary);

}  // namespace voigt::python

#endif  // VOIGT_PYTHON_OPTION_FIELDS_H_
