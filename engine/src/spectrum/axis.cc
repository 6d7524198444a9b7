#include "voigt/axis.h"

#include <cmath>
#include <sstream>

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

}  // namespace voigt
