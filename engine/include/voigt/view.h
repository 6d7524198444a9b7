// What a shell needs to hold a spectrum and show results: spectra that own their bytes, input
// checks with the CLI's messages, the ppm grid of an axis, slice residuals, the fitted decay
// curve of a series peak, and the series tables by name. The WebAssembly bindings and the page
// use these so that they restate no numerics and no rules; the CLI gives the same messages.
#ifndef VOIGT_PUBLIC_VIEW_H_
#define VOIGT_PUBLIC_VIEW_H_

#include <cstddef>
#include <string>
#include <vector>

#include "voigt/axis.h"
#include "voigt/series.h"
#include "voigt/simulate.h"
#include "voigt/spectrum.h"

namespace voigt {

// ---- spectra that own their data (engine/src/view/owned_spectrum.cc)

// read_spectrum() on `size_bytes` file bytes held in `buffer` (a float vector, so the bytes are
// 4-byte aligned and the reader can point into them instead of converting). The result owns the
// bytes: when the view points into them they become its `storage` (moving a vector keeps its
// buffer, so the view stays valid). One copy of the file, never two.
LoadedSpectrum read_spectrum_owning(std::vector<float> buffer,
                                    std::size_t size_bytes,
                                    const std::string& name);

// The simulated spectrum's data, moved into a LoadedSpectrum (format "simulated", 1 plane).
LoadedSpectrum hold_simulation(SimulatedSpectrum&& simulation);
// The simulated series' planes, moved into a LoadedSpectrum (format "simulated", plane label
// "delay").
LoadedSpectrum hold_simulation(SimulatedSeries&& simulation);

// ---- input checks with the CLI's messages (engine/src/view/input_checks.cc)

// Throws std::invalid_argument "FLAG K: the spectrum has N plane(s)" unless 0 <= plane < planes
// (FLAG as the CLI spells it: "--plane", "--reference").
void check_plane_index(const SpectrumSeries& spectrum, int plane, const std::string& flag);

// Throws std::invalid_argument "NAME: N delays, but the series has M plane(s)" unless there is
// one delay per plane (as `voigtfit series --delays NAME`).
void check_delay_count(const std::vector<double>& delays,
                       const SpectrumSeries& spectrum,
                       const std::string& name);

// ---- numbers for plots (engine/src/view/plot_data.cc)

// ppm of every grid point, point 0 first (the contour plot's and the slices' axes).
std::vector<double> ppm_grid(const Axis& axis);

// Robust noise sd of every plane (estimate_plane_noise per plane), for contour levels.
std::vector<double> plane_noise(const SpectrumSeries& spectrum);

// data - fit, point by point, over the shorter of the two (a slice's residual).
std::vector<double> slice_residual(const std::vector<double>& data, const std::vector<double>& fit);

// The fitted decay I0 exp(-R t) [+ C] of one series peak at `num_points` delays evenly spaced
// from 0 to the largest delay (a smooth line through the plane heights). Empty when the fit has
// no finite I0 and R, or there are no delays; num_points >= 2.
struct DecayCurve {
  std::vector<double> delay;   // the series' delay unit (s when the delays are seconds)
  std::vector<double> height;  // intensity units, as PlaneValue::height
};
DecayCurve decay_curve(const DecayFit& fit, const std::vector<double>& delays, int num_points = 64);

// ---- series tables by name (engine/src/view/series_tables.cc)

// The names of the tables `voigtfit series -o PREFIX` writes as PREFIX.NAME.csv, in its order:
// shapes, planes, planes_wide, rates, intensities.
const std::vector<std::string>& series_table_names();

// One table, as the CLI writes it: `plane_names` are the intensity matrix's column names (the
// plane files' names; empty for one pseudo-3D file: plane_0, plane_1, ...). Throws
// std::invalid_argument "unknown series table 'NAME'; one of shapes, planes, ...".
std::string format_series_table(const SeriesResults& results,
                                const std::string& table,
                                const std::vector<std::string>& plane_names);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_VIEW_H_
