// voigtfit.Spectrum: a spectrum or series the engine reads in place. From a file, it owns the
// file's bytes (read once; the NumPy `data` is a view of them). From a NumPy array, it views the
// array itself when the layout is the engine's (float32, C order: x fastest, native byte order,
// aligned), else one float32 C-order copy; either way it keeps that array alive.
#ifndef VOIGT_PYTHON_SPECTRUM_OBJECT_H_
#define VOIGT_PYTHON_SPECTRUM_OBJECT_H_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>

#include "voigt/spectrum.h"

namespace voigt::python {

namespace py = pybind11;

struct SpectrumObject {
  LoadedSpectrum loaded;   // the view; storage when read from a file
  py::object array;        // the NumPy array viewed, or None
  bool copied = false;     // the array was converted (not the caller's own memory)
  std::string name;

  const SpectrumSeries& view() const { return loaded.view; }
};

// A spectrum file (NMRPipe, UCSF; format from the content), or several plane files stacked in
// the given order into one series. Errors name the file, as the CLI's do.
SpectrumObject read_spectrum_object(const py::object& paths);

// (data, x_axis, y_axis): data (ny, nx) or (planes, ny, nx); each axis a voigtfit.Axis of the
// right size, (first_ppm, last_ppm, obs_mhz), or an object with ppm_limits() and hz_limits()
// (nmrglue's unit_conversion). ValueError for the wrong dimensions, dtype or axes.
SpectrumObject spectrum_from_tuple(const py::tuple& spectrum);

// `data` of a Spectrum: a read-only view (no copy) whose base keeps `owner` alive.
py::array spectrum_data(const SpectrumObject& spectrum, const py::handle& owner);

}  // namespace voigt::python

#endif  // VOIGT_PYTHON_SPECTRUM_OBJECT_H_
