// `voigtfit info`: a spectrum's format, axes and per-plane noise.
#include <cstdio>

#include "command.h"
#include "spectrum_loader.h"
#include "voigt/plot_data.h"

namespace voigt {
namespace {

constexpr const char* kUsage = "  voigtfit info SPECTRUM\n";

void print_axis(const char* name, const Axis& x) {
  std::printf("%s: %-5s %5d points  %9.4f .. %9.4f ppm  SW %.3f Hz  OBS %.4f MHz  %.3f Hz/pt\n",
              name,
              x.label.c_str(),
              x.size_pt,
              x.first_ppm(),
              x.last_ppm(),
              x.sw_hz,
              x.obs_mhz,
              x.hz_per_pt());
}

int run_info(const Args& a) {
  if (a.positional.size() != 1) throw UsageError("info needs SPECTRUM");
  const OpenSpectrum open = open_spectrum({a.positional[0]});
  const SpectrumSeries& s = open.spectrum.view;
  std::printf("%s (%s), %d plane(s)\n",
              a.positional[0].c_str(),
              open.spectrum.format.c_str(),
              s.num_planes);
  print_axis("x", s.x);
  print_axis("y", s.y);
  const std::vector<double> noise = plane_noise(s);
  for (std::size_t k = 0; k < noise.size(); ++k)
    std::printf("plane %zu: noise %.6g\n", k, noise[k]);
  return 0;
}

}  // namespace

Command info_command() { return {"info", kUsage, {}, &run_info}; }

}  // namespace voigt
