// `voigtfit simulate`: a simulated HSQC with its peak list and its truth, as files.
#include <iostream>
#include <sstream>

#include "atomic_file.h"
#include "command.h"
#include "command_options.h"
#include "voigt/result_io.h"
#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

constexpr const char* kUsage =
    "  voigtfit simulate PREFIX [--peaks N] [--seed S] [--nx N] [--ny N] [--overlap F]\n"
    "               [--noise SD] [--baseline B] [--unlisted K] [--scatter-x-ppm SD]\n"
    "               [--scatter-y-ppm SD] [--offset-x-ppm PPM] [--offset-y-ppm PPM]\n"
    "               [--series]\n"
    "      --series: a relaxation series instead (10 planes, 0 .. 0.18 s, rates 2-20 /s) as a\n"
    "      pseudo-3D PREFIX.ft2, with its delays (seconds) in PREFIX.delays\n";

std::string peak_list_csv(const PeakList& list) {
  std::ostringstream out;
  out.precision(10);
  out << "Assignment,Position_X,Position_Y\n";
  for (const Peak& p : list.peaks) out << p.assignment << "," << p.x_ppm << "," << p.y_ppm << "\n";
  return out.str();
}

void write_spectrum(const std::string& path, const SpectrumSeries& view) {
  const std::vector<std::uint8_t> bytes = write_nmrpipe(view);
  write_file_atomically(
      path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// The series' delays, one per line in seconds, as a vdlist.
std::string delays_text(const std::vector<double>& delays_s) {
  std::ostringstream out;
  out.precision(10);
  for (double t : delays_s) out << t << "\n";
  return out.str();
}

int run_simulate(const Args& a) {
  if (a.positional.size() != 1) throw UsageError("simulate needs PREFIX");
  const std::string prefix = a.positional[0];
  std::vector<PeakResult> truth;
  if (a.has("--series")) {
    SeriesSimulationOptions options;
    options.spectrum = simulation_options_from(a);
    const SimulatedSeries sim = simulate_series(options);
    write_spectrum(prefix + ".ft2", sim.view());
    write_file_atomically(prefix + ".delays", delays_text(sim.delays_s));
    write_file_atomically(prefix + ".peaks.csv", peak_list_csv(sim.listed));
    truth = sim.truth;
  } else {
    const SimulatedSpectrum sim = simulate_spectrum(simulation_options_from(a));
    SpectrumSeries view;
    view.data = sim.data.data();
    view.x = sim.x;
    view.y = sim.y;
    write_spectrum(prefix + ".ft2", view);
    write_file_atomically(prefix + ".peaks.csv", peak_list_csv(sim.listed));
    truth = sim.truth;
  }
  write_file_atomically(prefix + ".truth.csv", format_results_csv(truth));
  std::cerr << "wrote " << prefix << ".ft2, " << prefix << ".peaks.csv, " << prefix
            << ".truth.csv" << (a.has("--series") ? ", " + prefix + ".delays" : "") << " ("
            << truth.size() << " peaks)\n";
  return 0;
}

}  // namespace

Command simulate_command() {
  return {"simulate", kUsage, simulation_flags() + Flags{{"--series"}, {}}, &run_simulate};
}

}  // namespace voigt
