#include "spectrum_object.h"

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "py_glue.h"
#include "voigt/owned_spectrum.h"
#include "voigt/spectrum_io.h"

namespace voigt::python {
namespace {

LoadedSpectrum read_one(const std::string& path) {
  std::size_t size = 0;
  std::vector<float> bytes = read_binary_file(path, &size);
  return read_spectrum_owning(std::move(bytes), size, path);
}

// An axis of `size_pt` points (see spectrum_from_tuple), named "x" or "y" in messages.
Axis axis_from(const py::handle& given, int size_pt, const std::string& name) {
  if (py::isinstance<Axis>(given)) {
    Axis a = given.cast<Axis>();
    if (a.size_pt != size_pt)
      throw std::invalid_argument("Axis " + name + ": size_pt = " + std::to_string(a.size_pt) +
                                  " but the data have " + std::to_string(size_pt) + " points along " + name);
    return a;
  }
  double first = 0, last = 0, obs = 0;
  if (py::hasattr(given, "ppm_limits") && py::hasattr(given, "hz_limits")) {  // nmrglue
    const auto ppm = given.attr("ppm_limits")().cast<std::pair<double, double>>();
    const auto hz = given.attr("hz_limits")().cast<std::pair<double, double>>();
    first = ppm.first, last = ppm.second, obs = (hz.first - hz.second) / (ppm.first - ppm.second);
  } else if (py::isinstance<py::sequence>(given) && !py::isinstance<py::str>(given) && py::len(given) == 3) {
    const auto t = given.cast<std::tuple<double, double, double>>();
    first = std::get<0>(t), last = std::get<1>(t), obs = std::get<2>(t);
  } else {
    throw std::invalid_argument(
        "Axis " + name + ": give (first_ppm, last_ppm, obs_mhz), an nmrglue unit_conversion or a voigtfit.Axis "
        "(the spectrometer frequency is needed: widths are in Hz)");
  }
  return axis_from_ppm_limits(size_pt, first, last, obs, name);
}

}  // namespace

SpectrumObject read_spectrum_object(const py::object& paths) {
  SpectrumObject s;
  if (is_path(paths)) {
    s.name = path_text(paths);
    s.loaded = read_one(s.name);
    return s;
  }
  std::vector<LoadedSpectrum> planes;
  std::vector<std::string> names;
  for (const py::handle& p : paths.cast<py::sequence>()) {
    names.push_back(path_text(p));
    planes.push_back(read_one(names.back()));
  }
  if (planes.empty()) throw std::invalid_argument("read_spectrum: no plane files");
  s.name = names.front() + " ... " + names.back() + " (" + std::to_string(names.size()) + " plane files)";
  s.loaded = stack_planes(std::move(planes), s.name);
  return s;
}

SpectrumObject spectrum_from_tuple(const py::tuple& spectrum) {
  if (py::len(spectrum) != 3)
    throw std::invalid_argument("spectrum: give a voigtfit.Spectrum or a tuple (data, x_axis, y_axis)");
  const py::array data = py::array::ensure(spectrum[0]);
  if (!data) throw std::invalid_argument("spectrum: data must be a NumPy array");
  if (data.ndim() != 2 && data.ndim() != 3)
    throw std::invalid_argument("spectrum: data must be a 2D (ny, nx) or 3D (planes, ny, nx) array, not " +
                                std::to_string(data.ndim()) + "D");
  if (data.dtype().kind() != 'f')
    throw std::invalid_argument("spectrum: data must be float32 or float64, not " +
                                std::string(py::str(data.dtype())));
  const int nd = static_cast<int>(data.ndim());
  SpectrumObject s;
  s.name = "array";
  SpectrumSeries& v = s.loaded.view;
  v.num_planes = nd == 3 ? static_cast<int>(data.shape(0)) : 1;
  v.x = axis_from(spectrum[1], static_cast<int>(data.shape(nd - 1)), "x");
  v.y = axis_from(spectrum[2], static_cast<int>(data.shape(nd - 2)), "y");
  if (v.num_planes < 1) throw std::invalid_argument("spectrum: data have no planes");
  s.loaded.format = "array";
  // The engine's layout is viewed as it is; anything else is converted once.
  const bool engine_layout = py::isinstance<py::array_t<float>>(data) &&
                             (data.flags() & py::array::c_style) &&
                             reinterpret_cast<std::uintptr_t>(data.data()) % alignof(float) == 0;
  s.array = engine_layout ? data : py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(data);
  s.copied = !engine_layout;
  v.data = static_cast<const float*>(py::array(s.array).data());
  return s;
}

py::array spectrum_data(const SpectrumObject& spectrum, const py::handle& owner) {
  const SpectrumSeries& v = spectrum.view();
  std::vector<py::ssize_t> shape = {v.y.size_pt, v.x.size_pt};
  if (v.num_planes > 1) shape.insert(shape.begin(), v.num_planes);
  py::array view(py::dtype::of<float>(), shape, {}, v.data, owner);
  view.attr("setflags")(py::arg("write") = false);
  return view;
}

}  // namespace voigt::python
