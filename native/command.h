// The voigtfit commands: each one a name, its usage lines, the flags it takes and the function
// that runs it. The CLI (cli.cc) looks a command up here, parses its words against its flags
// and maps what it throws to an exit status, the same way for every command.
//
// Adding a command: write `int run_NAME(const Args&)` and `Command NAME_command()` in
// native/NAME_command.cc, declare NAME_command() below and add it to commands() in
// command_table.cc. Its options come from the shared parsers of command_options.h, its run from
// EngineRun (engine_run.h), its files from write_file_atomically (atomic_file.h).
#ifndef VOIGT_NATIVE_COMMAND_H_
#define VOIGT_NATIVE_COMMAND_H_

#include <string>
#include <vector>

#include "command_args.h"

namespace voigt {

// The flags a command accepts; any other is a UsageError "unknown option".
struct Flags {
  std::vector<std::string> switches;  // without a value: --quiet
  std::vector<std::string> values;    // taking the next word: --threads N
};
// Both lists of `a`, then both of `b`.
Flags operator+(Flags a, const Flags& b);

struct Command {
  std::string name;   // the first word: `voigtfit NAME ...`
  std::string usage;  // its usage lines: "  voigtfit NAME ...", continuations indented
  Flags flags;
  // Returns the exit status: 0 everything done, 1 some peaks not fitted (their rows say why).
  // Throws UsageError for bad usage, std::invalid_argument or another std::exception for input it
  // cannot use (both exit status 2).
  int (*run)(const Args&);
};

// Every command, in the order of the usage text.
const std::vector<Command>& commands();

// The command named `name`; nullptr when there is none.
const Command* find_command(const std::string& name);

// "usage:\n" and the usage lines of `list`.
std::string usage_text(const std::vector<Command>& list);

// Parses `words` (those after the command's name) against command.flags and runs the command.
// Throws as Command::run does (UsageError for an unknown flag or a flag without its value).
int run_command(const Command& command, const std::vector<std::string>& words);

Command fit_command();       // fit_command.cc
Command series_command();    // series_command.cc
Command info_command();      // info_command.cc
Command simulate_command();  // simulate_command.cc
Command demo_command();      // demo_command.cc
Command pick_command();      // pick_command.cc
Command batch_command();     // batch_command.cc
Command merge_command();     // merge_command.cc

}  // namespace voigt

#endif  // VOIGT_NATIVE_COMMAND_H_
