// pybind11 bindings: the engine as a Python module `voigtfit`, a thin shell like
// wasm/bindings.cc. Spectra from files or NumPy arrays (voigtfit.Spectrum, spectrum_object.h),
// peak lists from files or (name, x_ppm, y_ppm) sequences, options by the engine's field names
// (option_fields.cc), results as NumPy columns named as the CLI's CSV (voigt/result_table.h).
// Fits run on the engine's thread pool with the GIL released; Ctrl-C cancels them
// (py_glue.h). Every rule and number comes from the engine.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <stdexcept>
#include <string>

#include "option_fields.h"
#include "py_glue.h"
#include "spectrum_object.h"
#include "voigt/fit.h"
#include "voigt/input_checks.h"
#include "voigt/peak_list_io.h"
#include "voigt/pick.h"
#include "voigt/plot_data.h"
#include "voigt/result_table.h"
#include "voigt/series.h"
#include "voigt/series_io.h"

namespace py = pybind11;
using namespace voigt;
using namespace voigt::python;

namespace {

// Every keyword a function takes, by name: the engine structs' fields and the shell's own.
struct Keywords {
  FitOptions fit;
  SeriesOptions series;
  PickOptions pick;
  RunOptions run;
  PeakListReadOptions read;
  double delay_factor = 1;
  int plane = 0;
};

using Taker = std::function<bool(Keywords&, const std::string&, const py::handle&)>;

// The shell's own keywords (not engine struct fields).
bool take_run(Keywords& k, const std::string& n, const py::handle& v) {
  if (n == "progress") {
    if (!v.is_none() && !PyCallable_Check(v.ptr())) throw py::type_error("progress: a function or None");
    k.run.progress = py::reinterpret_borrow<py::object>(v);
    return true;
  }
  return set_field(k.run.executor, n, v);
}
bool take_peaks(Keywords& k, const std::string& n, const py::handle& v) {
  if (n == "peaks_format") return k.read.format = peak_list_format_from_name(py::cast<std::string>(v)), true;
  if (n == "columns") {
    const auto c = v.cast<std::tuple<std::string, std::string, std::string>>();
    k.read.columns = {std::get<0>(c), std::get<1>(c), std::get<2>(c)};
    return true;
  }
  return false;
}

// kwargs over the defaults; TypeError "FUNCTION: unknown option 'NAME'; options are ...".
Keywords keywords(const py::kwargs& kwargs, const std::string& function, const std::vector<Taker>& takers,
                  const std::string& names) {
  Keywords k;
  for (const auto& [key, value] : kwargs) {
    const std::string name = py::cast<std::string>(key);
    bool taken = false;
    for (const Taker& take : takers) taken = taken || take(k, name, value);
    if (!taken) throw py::type_error(function + ": unknown option '" + name + "'; options are " + names);
  }
  return k;
}

const std::vector<Taker> kFitTakers = {
    [](Keywords& k, const std::string& n, const py::handle& v) { return set_field(k.fit, n, v); }, &take_run,
    &take_peaks};
std::string fit_names() {
  return field_names<FitOptions>() + ", " + field_names<ExecutorOptions>() + ", progress, peaks_format, columns";
}

// A voigtfit.Spectrum, or a (data, x_axis, y_axis) tuple made into one.
const SpectrumObject& as_spectrum(const py::object& given, py::object* holder) {
  if (py::isinstance<SpectrumObject>(given)) *holder = given;
  else if (py::isinstance<py::tuple>(given)) *holder = py::cast(spectrum_from_tuple(given.cast<py::tuple>()));
  else throw py::type_error("spectrum: give a voigtfit.Spectrum or a tuple (data, x_axis, y_axis)");
  return holder->cast<const SpectrumObject&>();
}

// A peak list file (any format the CLI reads), or a sequence of (name, x_ppm, y_ppm).
PeakList peak_list(const py::object& given, const PeakListReadOptions& read, const Axis& x, const Axis& y) {
  if (is_path(given)) {
    const std::string path = path_text(given);
    return parse_peak_list(read_text_file(path), path, read, x, y);
  }
  if (read.format != PeakListFormat::kAuto || read.columns.given())
    throw std::invalid_argument("peaks_format and columns apply to a peak list file only");
  PeakList list;
  for (const py::handle& item : given.cast<py::sequence>()) {
    const std::string at = "peaks[" + std::to_string(list.peaks.size()) + "]";
    if (!py::isinstance<py::sequence>(item) || py::len(item) != 3)
      throw std::invalid_argument(at + ": give (name, x_ppm, y_ppm)");
    Peak p;
    p.assignment = py::str(item[py::int_(0)]);
    p.x_ppm = item[py::int_(1)].cast<double>();
    p.y_ppm = item[py::int_(2)].cast<double>();
    if (!std::isfinite(p.x_ppm) || !std::isfinite(p.y_ppm))
      throw std::invalid_argument(at + ": x_ppm and y_ppm must be finite numbers");
    p.source_line = static_cast<int>(list.peaks.size()) + 1;
    list.peaks.push_back(p);
  }
  if (list.peaks.empty()) throw std::invalid_argument("peaks: no peaks");
  return list;
}

py::object fit_call(const py::object& spectrum, const py::object& peaks, const py::kwargs& kwargs) {
  const Keywords k = keywords(kwargs, "fit", kFitTakers, fit_names());
  const FitOptions options = valid(k.fit);
  py::object holder;
  const SpectrumObject& s = as_spectrum(spectrum, &holder);
  check_plane_index(s.view(), options.plane, "plane");
  const Spectrum2D plane = s.view().plane(options.plane);
  const PeakList list = peak_list(peaks, k.read, plane.x, plane.y);
  return run_on_pool<FitResults>(
      k.run, [&](Executor& e, const ProgressCallback& p) { return fit_spectrum(plane, list, options, e, p); },
      [](FitResults& r) -> FitSummary& { return r.summary; },
      [](const FitResults& r) { return results_object(result_table(r.rows), summary_dict(r.summary)); });
}

std::vector<double> delays_from(const py::object& given, double factor, const SpectrumSeries& series) {
  std::vector<double> delays;
  std::string name = "delays";
  if (is_path(given)) {
    name = path_text(given);
    delays = parse_delays(read_text_file(name), name, factor);
  } else {
    for (const py::handle& d : given.cast<py::sequence>()) delays.push_back(d.cast<double>() * factor);
  }
  check_delay_count(delays, series, name);
  return delays;
}

py::object series_dict(const SeriesResults& r) {
  py::dict out;
  out["shapes"] = columns(result_table(r.shapes));
  out["planes"] = columns(series_planes_table(r));
  out["rates"] = columns(series_rates_table(r));
  out["delays"] = py::array_t<double>(r.delays.size(), r.delays.data());
  out["plane_noise"] = py::array_t<double>(r.plane_noise.size(), r.plane_noise.data());
  out["summary"] = summary_dict(r.summary);
  return std::move(out);
}

py::object fit_series_call(const py::object& spectrum, const py::object& peaks, const py::object& delays,
                    const py::kwargs& kwargs) {
  std::vector<Taker> takers = kFitTakers;
  takers.push_back([](Keywords& k, const std::string& n, const py::handle& v) { return set_field(k.series, n, v); });
  takers.push_back([](Keywords& k, const std::string& n, const py::handle& v) {
    return n == "delay_factor" ? (k.delay_factor = v.cast<double>(), true) : false;
  });
  const Keywords k = keywords(kwargs, "fit_series", takers, fit_names() + ", " + field_names<SeriesOptions>() + ", delay_factor");
  const FitOptions f = valid(k.fit);
  const SeriesOptions so = valid(k.series);
  py::object holder;
  const SpectrumSeries& series = as_spectrum(spectrum, &holder).view();
  check_reference_plane(series, so.reference_plane, "reference_plane");
  const std::vector<double> d = delays_from(delays, k.delay_factor, series);
  const PeakList list = peak_list(peaks, k.read, series.x, series.y);
  return run_on_pool<SeriesResults>(
      k.run, [&](Executor& e, const ProgressCallback& p) { return voigt::fit_series(series, list, d, f, so, e, p); },
      [](SeriesResults& r) -> FitSummary& { return r.summary.shapes; }, &series_dict);
}

py::object pick_call(const py::object& spectrum, const py::kwargs& kwargs) {
  const Keywords k = keywords(
      kwargs, "pick",
      {[](Keywords& k, const std::string& n, const py::handle& v) { return set_field(k.pick, n, v); },
       [](Keywords& k, const std::string& n, const py::handle& v) {
         return n == "plane" ? (k.plane = v.cast<int>(), true) : false;
       }},
      field_names<PickOptions>() + ", plane");
  const PickOptions options = valid(k.pick);
  py::object holder;
  const SpectrumObject& s = as_spectrum(spectrum, &holder);
  check_plane_index(s.view(), k.plane, "plane");
  const Spectrum2D plane = s.view().plane(k.plane);
  std::vector<PickedPeak> picked;
  double noise = 0;
  {
    py::gil_scoped_release release;
    noise = pick_noise(plane, options);
    picked = pick_peaks(plane, options);
  }
  py::dict summary;
  summary["peaks"] = picked.size();
  summary["noise"] = noise;
  return results_object(result_table(to_result_rows(picked, plane)), summary);
}

}  // namespace

PYBIND11_MODULE(voigtfit, m) {
  m.doc() = "Voigt lineshape fitting of 2D NMR spectra: the voigtfit engine, with the CLI's numbers.";
  // A dict of NumPy columns (pandas.DataFrame(results) works) with a `summary` attribute.
  py::dict namespace_;
  namespace_["__module__"] = "voigtfit";
  namespace_["__doc__"] = "Result columns (dict of NumPy arrays) with the run's summary as .summary";
  m.attr("Results") = py::type::of(py::dict()).attr("__class__")("Results", py::make_tuple(py::type::of(py::dict())), namespace_);

  py::class_<Axis>(m, "Axis", "One axis: points, Hz, ppm (point 0 is the high-ppm edge)")
      .def(py::init(&axis_from_ppm_limits), py::arg("size_pt"), py::arg("first_ppm"), py::arg("last_ppm"),
           py::arg("obs_mhz"), py::arg("name") = "axis")
      .def_readonly("size_pt", &Axis::size_pt).def_readonly("sw_hz", &Axis::sw_hz)
      .def_readonly("obs_mhz", &Axis::obs_mhz).def_readonly("orig_hz", &Axis::orig_hz)
      .def_readonly("label", &Axis::label)
      .def_property_readonly("first_ppm", &Axis::first_ppm).def_property_readonly("last_ppm", &Axis::last_ppm)
      .def_property_readonly("hz_per_pt", &Axis::hz_per_pt)
      .def_property_readonly("ppm", [](const Axis& a) { const auto g = ppm_grid(a); return py::array_t<double>(g.size(), g.data()); })
      .def("ppm_limits", [](const Axis& a) { return py::make_tuple(a.first_ppm(), a.last_ppm()); })
      .def("__repr__", [](const Axis& a) {
        return "<voigtfit.Axis " + a.label + " " + std::to_string(a.size_pt) + " points, " +
               std::to_string(a.first_ppm()) + " .. " + std::to_string(a.last_ppm()) + " ppm>";
      });

  py::class_<SpectrumObject>(m, "Spectrum", "A spectrum or series the engine reads in place")
      .def_property_readonly("data", [](py::object self) { return spectrum_data(self.cast<const SpectrumObject&>(), self); })
      .def_property_readonly("x", [](const SpectrumObject& s) { return s.view().x; })
      .def_property_readonly("y", [](const SpectrumObject& s) { return s.view().y; })
      .def_property_readonly("num_planes", [](const SpectrumObject& s) { return s.view().num_planes; })
      .def_property_readonly("plane_label", [](const SpectrumObject& s) { return s.view().plane_label; })
      .def_property_readonly("format", [](const SpectrumObject& s) { return s.loaded.format; })
      .def_readonly("name", &SpectrumObject::name)
      .def_readonly("copied", &SpectrumObject::copied)
      .def("__repr__", [](const SpectrumObject& s) {
        return "<voigtfit.Spectrum " + s.name + ": " + std::to_string(s.view().num_planes) + " plane(s) of " +
               std::to_string(s.view().y.size_pt) + " x " + std::to_string(s.view().x.size_pt) + ">";
      });

  m.def("read_spectrum", &read_spectrum_object, py::arg("path"),
        "A spectrum file (NMRPipe, Sparky UCSF), or a list of plane files stacked into a series");
  m.def("as_spectrum", [](const py::tuple& t) { return spectrum_from_tuple(t); }, py::arg("spectrum"),
        "(data, x_axis, y_axis) as a voigtfit.Spectrum (viewed without a copy when data are float32 in C order)");
  m.def("fit", &fit_call, py::arg("spectrum"), py::arg("peaks"), "Fit every peak; see help(voigtfit)");
  m.def("fit_series", &fit_series_call, py::arg("spectrum"), py::arg("peaks"), py::arg("delays"),
        "Fit a series (pseudo-3D): shared shapes, per-plane heights, rates");
  m.def("pick", &pick_call, py::arg("spectrum"), "Pick the peaks of one plane");
  m.def("default_fit_options", [] { return to_dict(FitOptions{}); });
  m.def("default_series_options", [] { return to_dict(SeriesOptions{}); });
  m.def("default_pick_options", [] { return to_dict(PickOptions{}); });
  m.def("default_run_options", [] { return to_dict(ExecutorOptions{}); });
}
