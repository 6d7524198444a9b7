// Choosing the reader from the bytes (a file name's extension says little: .ft2, .ft3, .dat,
// .pipe, .ucsf, .nv ...), and stacking planes read from separate files into one series.
#include <cmath>
#include <cstring>
#include <sstream>
#include <string>
#include <tuple>

#include "io/nmrpipe_header.h"
#include "io/spectrum_checks.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

using detail::throw_spectrum_error;

// Two files share an axis when sizes match and both ends agree to 1% of a point: headers of
// one series hold the same float32 values, and a real mismatch is many points off.
bool same_axis(const Axis& a, const Axis& b) {
  if (a.size_pt != b.size_pt) return false;
  const double tolerance_ppm = 0.01 * std::fabs(a.ppm_per_pt());
  return std::fabs(a.first_ppm() - b.first_ppm()) <= tolerance_ppm &&
         std::fabs(a.last_ppm() - b.last_ppm()) <= tolerance_ppm;
}

std::string describe(const Axis& a) {
  std::ostringstream s;
  s << a.size_pt << " points " << a.first_ppm() << " -> " << a.last_ppm() << " ppm";
  return s.str();
}

}  // namespace

LoadedSpectrum read_spectrum(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  if (bytes == nullptr || size == 0) throw_spectrum_error(name, "file is empty");
  if (size >= 8 && std::memcmp(bytes, "UCSF NMR", 8) == 0) return read_ucsf(bytes, size, name);
  bool swap = false;
  if (detail::pipe_byte_order(bytes, size, &swap)) return read_nmrpipe(bytes, size, name);
  throw_spectrum_error(name,
                       "unknown spectrum format: neither Sparky UCSF (\"UCSF NMR\" at byte 0) "
                       "nor NMRPipe (FDFLTORDER = 2.345 at byte 8)");
}

LoadedSpectrum stack_planes(std::vector<LoadedSpectrum> planes, const std::string& name) {
  if (planes.empty()) throw_spectrum_error(name, "no planes to stack");
  const SpectrumSeries& first = planes.front().view;
  std::size_t total_planes = 0;
  for (std::size_t i = 0; i < planes.size(); ++i) {
    const SpectrumSeries& s = planes[i].view;
    if (s.data == nullptr || s.num_planes < 1)
      throw_spectrum_error(name, "input " + std::to_string(i + 1) + " holds no data");
    for (const auto& [mine, theirs, role] :
         {std::tuple<const Axis*, const Axis*, const char*>{&s.x, &first.x, "x"},
          std::tuple<const Axis*, const Axis*, const char*>{&s.y, &first.y, "y"}}) {
      if (!same_axis(*mine, *theirs)) {
        throw_spectrum_error(name,
                             "input " + std::to_string(i + 1) + " of " +
                                 std::to_string(planes.size()) + " has " + role + " axis " +
                                 describe(*mine) + " but input 1 has " + describe(*theirs) +
                                 "; planes of one series must share the grid");
      }
    }
    total_planes += static_cast<std::size_t>(s.num_planes);
  }

  LoadedSpectrum out;
  out.format = planes.front().format;
  out.view.x = first.x;
  out.view.y = first.y;
  out.view.plane_label = first.plane_label;
  out.view.num_planes = static_cast<int>(total_planes);
  out.storage.reserve(first.plane_size() * total_planes);
  for (const LoadedSpectrum& p : planes) {
    const std::size_t n = p.view.plane_size() * static_cast<std::size_t>(p.view.num_planes);
    out.storage.insert(out.storage.end(), p.view.data, p.view.data + n);
  }
  out.view.data = out.storage.data();
  return out;
}

}  // namespace voigt
