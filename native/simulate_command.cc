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
    "               [--scatter-y-ppm SD] [--offset-x-ppm PPM] [--offset-y-ppm PPM]\n";

std::string peak_list_csv(const PeakList& list) {
  std::ostringstream out;
  out.precision(10);
  out << "Assignment,Position_X,Position_Y\n";
  for (const Peak& p : list.peaks) out << p.assignment << "," << p.x_ppm << "," << p.y_ppm << "\n";
  return out.str();
}

int run_simulate(const Args& a) {
  if (a.positional.size() != 1) throw UsageError("simulate needs PREFIX");
  const std::string prefix = a.positional[0];
  const SimulatedSpectrum sim = simulate_spectrum(simulation_options_from(a));
  SpectrumSeries view;
  view.data = sim.data.data();
  view.x = sim.x;
  view.y = sim.y;
  const std::vector<std::uint8_t> bytes = write_nmrpipe(view);
  write_file_atomically(
      prefix + ".ft2", std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  write_file_atomically(prefix + ".peaks.csv", peak_list_csv(sim.listed));
  write_file_atomically(prefix + ".truth.csv", format_results_csv(sim.truth));
  std::cerr << "wrote " << prefix << ".ft2, " << prefix << ".peaks.csv, " << prefix
            << ".truth.csv (" << sim.truth.size() << " peaks)\n";
  return 0;
}

}  // namespace

Command simulate_command() { return {"simulate", kUsage, simulation_flags(), &run_simulate}; }

}  // namespace voigt
