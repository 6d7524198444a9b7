// voigtfit: the command line. Parses flags 1:1 into engine options, runs, prints; no numerics.
// The commands are in the table of command.h; cli.h says what each exit status means.
#include <string>
#include <vector>

#include "cli.h"
#include "mapped_file.h"

int main(int argc, char** argv) {
  voigt::install_bus_error_message();
  return voigt::run_cli(std::vector<std::string>(argv + 1, argv + argc));
}
