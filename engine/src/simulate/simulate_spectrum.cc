// The HSQC simulator. Randomness is a SplitMix64 stream with Box-Muller normals, so that the
// same seed gives the same spectrum natively and in WebAssembly (std:: distributions differ
// between standard libraries).
#include "voigt/simulate.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "lineshape/profile.h"
#include "simulate/random.h"

namespace voigt {
namespace {

using detail::Random;

Axis make_axis(int n, double sw_hz, double obs_mhz, double first_ppm, const char* label) {
  Axis a;
  a.size_pt = n;
  a.sw_hz = sw_hz;
  a.obs_mhz = obs_mhz;
  a.orig_hz = first_ppm * obs_mhz - sw_hz + sw_hz / n;  // so that ppm_at(0) = first_ppm
  a.label = label;
  return a;
}

// Adds H * v_x(x) * v_y(y) where it exceeds 1e-7 H: the tails beyond stay far below the noise.
void add_peak(std::vector<float>& data, const Axis& x, const Axis& y, const PeakResult& p) {
  using detail::NormalisedProfile;
  const NormalisedProfile vx(Shape::kVoigt, {p.sigma_x_hz / x.hz_per_pt(), p.gamma_x_hz / x.hz_per_pt(), 0});
  const NormalisedProfile vy(Shape::kVoigt, {p.sigma_y_hz / y.hz_per_pt(), p.gamma_y_hz / y.hz_per_pt(), 0});
  const double cx = x.pt_at(p.x_ppm), cy = y.pt_at(p.y_ppm);
  std::vector<double> ux(x.size_pt);
  int x0 = x.size_pt, x1 = -1;
  for (int i = 0; i < x.size_pt; ++i) {
    ux[i] = vx(i - cx).value;
    if (ux[i] > 1e-7) x0 = std::min(x0, i), x1 = std::max(x1, i);
  }
  for (int j = 0; j < y.size_pt; ++j) {
    const double vyj = p.height * vy(j - cy).value;
    if (std::abs(vyj) < 1e-7 * std::abs(p.height)) continue;
    float* row = data.data() + static_cast<std::size_t>(j) * x.size_pt;
    for (int i = x0; i <= x1; ++i) row[i] += static_cast<float>(vyj * ux[i]);
  }
}

}  // namespace

std::string SimulationOptions::validate() const {
  std::ostringstream m;
  if (num_peaks < 1) m << "SimulationOptions::num_peaks = " << num_peaks << "; must be >= 1";
  else if (nx < 16 || ny < 16) m << "SimulationOptions::nx, ny = " << nx << ", " << ny << "; must be >= 16";
  else if (!(overlap >= 0 && overlap <= 1)) m << "SimulationOptions::overlap = " << overlap << "; must be in [0, 1]";
  else if (!(noise_sd >= 0)) m << "SimulationOptions::noise_sd = " << noise_sd << "; must be >= 0";
  else if (unlisted < 0) m << "SimulationOptions::unlisted = " << unlisted << "; must be >= 0";
  else if (!(scatter_x_ppm >= 0 && std::isfinite(scatter_x_ppm))) m << "SimulationOptions::scatter_x_ppm = " << scatter_x_ppm << "; must be >= 0";
  else if (!(scatter_y_ppm >= 0 && std::isfinite(scatter_y_ppm))) m << "SimulationOptions::scatter_y_ppm = " << scatter_y_ppm << "; must be >= 0";
  else if (!std::isfinite(offset_x_ppm)) m << "SimulationOptions::offset_x_ppm = " << offset_x_ppm << "; must be finite";
  else if (!std::isfinite(offset_y_ppm)) m << "SimulationOptions::offset_y_ppm = " << offset_y_ppm << "; must be finite";
  return m.str();
}

SimulatedSpectrum simulate_spectrum(const SimulationOptions& options) {
  if (const std::string e = options.validate(); !e.empty()) throw std::invalid_argument(e);
  SimulatedSpectrum s;
  // 1H: 800 MHz, 4 ppm from 10.5; 15N: 81.1 MHz, 24 ppm from 130.6, as the protein L spectrum.
  s.x = make_axis(options.nx, 3200.0, 800.0, 10.5, "1H");
  s.y = make_axis(options.ny, 1946.4, 81.1, 130.6, "15N");
  s.data.assign(static_cast<std::size_t>(options.nx) * options.ny, 0.0f);
  Random rng(options.seed);
  const double noise = options.noise_sd > 0 ? options.noise_sd : 1.0;
  const int total = options.num_peaks + options.unlisted;
  for (int k = 0; k < total; ++k) {
    PeakResult p;
    p.index = k;
    p.sigma_x_hz = rng.uniform(3, 8), p.gamma_x_hz = rng.uniform(3, 10);
    p.sigma_y_hz = rng.uniform(2, 5), p.gamma_y_hz = rng.uniform(2, 6);
    p.height = noise * rng.uniform(8, 400);
    const bool near_other = k > 0 && (k >= options.num_peaks || rng.uniform() < options.overlap);
    if (near_other) {
      // About one linewidth from an earlier peak: overlapped but resolvable.
      const PeakResult& other = s.truth[static_cast<std::size_t>(rng.uniform() * k)];
      const double dx_hz = rng.uniform(12, 25) * (rng.uniform() < 0.5 ? -1 : 1);
      const double dy_hz = rng.uniform(-15, 15);
      p.x_ppm = std::clamp(other.x_ppm + dx_hz / s.x.obs_mhz, 6.8, 10.2);
      p.y_ppm = std::clamp(other.y_ppm + dy_hz / s.y.obs_mhz, 107.0, 129.5);
    } else {
      p.x_ppm = rng.uniform(6.8, 10.2);
      p.y_ppm = rng.uniform(107.0, 129.5);
    }
    const detail::NormalisedProfile vx(Shape::kVoigt, {p.sigma_x_hz / s.x.hz_per_pt(), p.gamma_x_hz / s.x.hz_per_pt(), 0});
    const detail::NormalisedProfile vy(Shape::kVoigt, {p.sigma_y_hz / s.y.hz_per_pt(), p.gamma_y_hz / s.y.hz_per_pt(), 0});
    p.volume = p.height * vx.area() * vy.area();
    p.fwhm_x_hz = voigt_fwhm(p.sigma_x_hz, p.gamma_x_hz);
    p.fwhm_y_hz = voigt_fwhm(p.sigma_y_hz, p.gamma_y_hz);
    p.snr = p.height / noise;
    p.status = k < options.num_peaks ? PeakStatus::kOk : PeakStatus::kAdded;
    p.message = "";
    p.assignment = k < options.num_peaks ? "P" + std::to_string(k + 1) : "";
    p.x_ppm_in = p.x_ppm, p.y_ppm_in = p.y_ppm;
    s.truth.push_back(p);
  }
  for (const PeakResult& p : s.truth) add_peak(s.data, s.x, s.y, p);
  for (int j = 0; j < options.ny; ++j) {
    for (int i = 0; i < options.nx; ++i) {
      const double slow = options.baseline * noise * (1 + std::sin(6.283185307179586 * i / options.nx));
      s.data[static_cast<std::size_t>(j) * options.nx + i] +=
          static_cast<float>(slow + options.noise_sd * rng.normal());
    }
  }
  // The list's errors draw from their own stream: the same seed gives the same spectrum with an
  // exact or an approximate list.
  Random list_rng(options.seed ^ 0x5ca77e7ULL);
  for (int k = 0; k < options.num_peaks; ++k) {
    Peak peak;
    peak.assignment = s.truth[k].assignment;
    const double x_ppm = s.truth[k].x_ppm + options.offset_x_ppm + options.scatter_x_ppm * list_rng.normal();
    const double y_ppm = s.truth[k].y_ppm + options.offset_y_ppm + options.scatter_y_ppm * list_rng.normal();
    peak.x_ppm = std::round(x_ppm * 1000) / 1000;
    peak.y_ppm = std::round(y_ppm * 100) / 100;
    peak.source_line = k + 2;
    s.listed.peaks.push_back(peak);
  }
  s.listed.format = PeakListFormat::kCsv;
  return s;
}

}  // namespace voigt
