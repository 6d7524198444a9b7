// simulate_series(): simulate_spectrum's peaks, each decaying as exp(-R t) over the planes, with
// independent noise per plane. Randomness is SplitMix64 + Box-Muller (as simulate_spectrum.cc), so the
// same options give the same bytes natively and in WebAssembly.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "lineshape/profile.h"
#include "simulate/random.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

using detail::Random;

// Grid range [first, last] around `centre` where profile(i - centre) >= threshold; the profile
// falls monotonically from its centre, so walk out until it drops below.
template <typename Profile>
void support(const Profile& profile, double centre, int size, double threshold, int* first,
             int* last) {
  const int c = std::clamp(static_cast<int>(std::lround(centre)), 0, size - 1);
  *first = c, *last = c;
  while (*first > 0 && profile(*first - 1 - centre).value >= threshold) --*first;
  while (*last < size - 1 && profile(*last + 1 - centre).value >= threshold) ++*last;
}

}  // namespace

std::string SeriesSimulationOptions::validate() const {
  std::ostringstream m;
  if (const std::string e = spectrum.validate(); !e.empty()) return e;
  if (delays_s.empty()) m << "SeriesSimulationOptions::delays_s is empty; need one delay per plane";
  else if (!(rate_min_per_s >= 0 && rate_max_per_s >= rate_min_per_s))
    m << "SeriesSimulationOptions::rate_min_per_s, rate_max_per_s = " << rate_min_per_s << ", "
      << rate_max_per_s << "; must satisfy 0 <= min <= max";
  for (double t : delays_s)
    if (m.str().empty() && !(t >= 0 && std::isfinite(t)))
      m << "SeriesSimulationOptions::delays_s holds " << t << "; delays must be finite and >= 0";
  return m.str();
}

SimulatedSeries simulate_series(const SeriesSimulationOptions& options) {
  if (const std::string e = options.validate(); !e.empty()) throw std::invalid_argument(e);
  // The peaks (shapes, positions, heights at t = 0) of simulate_spectrum, rendered noiseless on
  // a tiny grid: only its truth and list are used.
  SimulationOptions shapes = options.spectrum;
  const double noise_sd = shapes.noise_sd;
  shapes.noise_sd = 0;
  SimulatedSpectrum sim = simulate_spectrum(shapes);
  // simulate_spectrum scales heights by the noise sd (SNR 8-400); with sd 0 it uses 1.
  const double height_scale = noise_sd > 0 ? noise_sd : 1.0;

  SimulatedSeries s;
  s.x = sim.x;
  s.y = sim.y;
  s.num_planes = static_cast<int>(options.delays_s.size());
  s.listed = std::move(sim.listed);
  s.truth = std::move(sim.truth);
  s.delays_s = options.delays_s;
  const int nx = s.x.size_pt, ny = s.y.size_pt;
  const std::size_t plane_size = static_cast<std::size_t>(nx) * ny;
  s.data.assign(plane_size * s.num_planes, 0.0f);
  // Rates from their own stream, so the peaks are those of simulate_spectrum with this seed.
  Random rates(options.spectrum.seed ^ 0x5EC5E5ULL);
  for (PeakResult& p : s.truth) {
    p.height *= height_scale;
    p.volume *= height_scale;
    s.rates_per_s.push_back(options.rate_min_per_s +
                            (options.rate_max_per_s - options.rate_min_per_s) * rates.uniform());
  }
  // Tails are cut at 1e-3 noise sd (1e-7 of the height when noiseless): far below the noise,
  // and it keeps a 4096 x 1024 x 10 series quick to build.
  for (std::size_t i = 0; i < s.truth.size(); ++i) {
    const PeakResult& p = s.truth[i];
    const detail::NormalisedProfile vx(
        Shape::kVoigt, {p.sigma_x_hz / s.x.hz_per_pt(), p.gamma_x_hz / s.x.hz_per_pt(), 0});
    const detail::NormalisedProfile vy(
        Shape::kVoigt, {p.sigma_y_hz / s.y.hz_per_pt(), p.gamma_y_hz / s.y.hz_per_pt(), 0});
    const double cx = s.x.pt_at(p.x_ppm), cy = s.y.pt_at(p.y_ppm);
    const double cut = noise_sd > 0 ? 1e-3 * noise_sd : 1e-7 * std::abs(p.height);
    int y0 = 0, y1 = 0, x0 = 0, x1 = 0;
    support(vy, cy, ny, cut / std::abs(p.height), &y0, &y1);
    support(vx, cx, nx, cut / std::abs(p.height), &x0, &x1);
    std::vector<double> ux(nx, 0.0);
    for (int x = x0; x <= x1; ++x) ux[x] = vx(x - cx).value;
    const int c = std::clamp(static_cast<int>(std::lround(cx)), x0, x1);
    std::vector<double> amplitude(s.num_planes);
    for (int k = 0; k < s.num_planes; ++k)
      amplitude[k] = p.height * std::exp(-s.rates_per_s[i] * options.delays_s[k]);
    for (int j = y0; j <= y1; ++j) {
      const double vyj = vy(j - cy).value;
      // This row's part of the x support: where H v_x v_y(j) still reaches the cut.
      const double threshold = cut / (std::abs(p.height) * vyj);
      int a = c, b = c;
      while (a > x0 && ux[a - 1] >= threshold) --a;
      while (b < x1 && ux[b + 1] >= threshold) ++b;
      for (int k = 0; k < s.num_planes; ++k) {
        float* row = s.data.data() + k * plane_size + static_cast<std::size_t>(j) * nx;
        const double scale = amplitude[k] * vyj;
        for (int x = a; x <= b; ++x) row[x] += static_cast<float>(scale * ux[x]);
      }
    }
  }
  Random noise(options.spectrum.seed * 0x9E3779B97F4A7C15ULL + 17);
  if (noise_sd > 0)
    for (float& v : s.data) v += static_cast<float>(noise_sd * noise.normal());
  return s;
}

}  // namespace voigt
