// Checks every spectrum reader applies before handing data to the engine, so that a bad file
// fails once, at load time, with a message naming the file, instead of as NaN fits later.
#ifndef VOIGT_INTERNAL_IO_SPECTRUM_CHECKS_H_
#define VOIGT_INTERNAL_IO_SPECTRUM_CHECKS_H_

#include <cmath>
#include <cstddef>
#include <sstream>
#include <stdexcept>
#include <string>

#include "voigt/spectrum.h"

namespace voigt::detail {

[[noreturn]] inline void throw_spectrum_error(const std::string& name, const std::string& what) {
  throw std::invalid_argument(name + ": " + what);
}

// Axis::validate (size >= 2, SW and OBS finite and > 0, ORIG finite) with the file's name and
// where the axis came from ("x axis (NMRPipe F2 block)").
inline void check_axis(const Axis& axis,
                       const std::string& role,
                       const std::string& source,
                       const std::string& name) {
  const std::string problem = axis.validate(role);
  if (!problem.empty()) throw_spectrum_error(name, problem + " (" + source + ")");
}

// Throws at the first NaN or Inf, giving its grid position: one bad value would otherwise
// poison every fit window (and the noise estimate) that contains it.
inline void check_finite(const SpectrumSeries& s, const std::string& name) {
  const std::size_t plane_size = s.plane_size();
  const std::size_t total = plane_size * static_cast<std::size_t>(s.num_planes);
  for (std::size_t i = 0; i < total; ++i) {
    if (std::isfinite(s.data[i])) continue;
    const std::size_t in_plane = i % plane_size;
    std::ostringstream msg;
    msg << "data value at x_pt " << in_plane % static_cast<std::size_t>(s.x.size_pt)
        << ", y_pt " << in_plane / static_cast<std::size_t>(s.x.size_pt) << ", plane "
        << i / plane_size << " is " << s.data[i] << "; a spectrum must hold finite values";
    throw_spectrum_error(name, msg.str());
  }
}

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_IO_SPECTRUM_CHECKS_H_
