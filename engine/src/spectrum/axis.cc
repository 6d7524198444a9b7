#include "voigt/axis.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace voigt {

std::string Axis::validate(const std::string& name) const {
  std::ostringstream msg;
  if (size_pt < 2) {
    msg << "Axis " << name << ": size_pt = " << size_pt << "; must be >= 2";
  } else if (!(std::isfinite(sw_hz) && sw_hz > 0)) {
    msg << "Axis " << name << ": sw_hz = " << sw_hz << "; must be finite and > 0";
  } else if (!(std::isfinite(obs_mhz) && obs_mhz > 0)) {
    msg << "Axis " << name << ": obs_mhz = " << obs_mhz << "; must be finite and > 0";
  } else if (!std::isfinite(orig_hz)) {
    msg << "Axis " << name << ": orig_hz = " << orig_hz << "; must be finite";
  }
  return msg.str();
}

Axis axis_from_ppm_limits(int size_pt, double first_ppm, double last_ppm, double obs_mhz, const std::string& name) {
  std::ostringstream msg;
  msg << "Axis " << name << ": ";
  if (!std::isfinite(first_ppm)) msg << "first_ppm = " << first_ppm << "; must be finite";
  else if (!std::isfinite(last_ppm)) msg << "last_ppm = " << last_ppm << "; must be finite";
  else if (!(first_ppm > last_ppm))
    msg << "first_ppm = " << first_ppm << " must be > last_ppm = " << last_ppm << " (point 0 is the high-ppm edge)";
  else if (!(std::isfinite(obs_mhz) && obs_mhz > 0)) msg << "obs_mhz = " << obs_mhz << "; must be finite and > 0";
  else if (size_pt < 2) msg << "size_pt = " << size_pt << "; must be >= 2";
  else {
    // ppm_at(0) = first_ppm and ppm_at(size_pt - 1) = last_ppm = orig_hz / obs_mhz.
    Axis a;
    a.size_pt = size_pt;
    a.obs_mhz = obs_mhz;
    a.sw_hz = (first_ppm - last_ppm) / (size_pt - 1) * size_pt * obs_mhz;
    a.orig_hz = last_ppm * obs_mhz;
    return a;
  }
  throw std::invalid_argument(msg.str());
}

}  // namespace voigt
