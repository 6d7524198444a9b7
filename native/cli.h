// The voigtfit command line: the command table (command.h) behind one entry point, with the
// same exit statuses and error output for every command.
#ifndef VOIGT_NATIVE_CLI_H_
#define VOIGT_NATIVE_CLI_H_

#include <string>
#include <vector>

namespace voigt {

// Runs `voigtfit WORDS...` and returns its exit status:
//   0  every peak fitted (or help asked for: `help`, `-h`, `--help`, or `COMMAND --help`)
//   1  some peaks not fitted (their rows say why)
//   2  bad usage: "voigtfit: MESSAGE" and the command's usage text on stderr (no command, or an
//      unknown one: the list of commands and the whole usage text);
//      input it cannot use: "voigtfit: MESSAGE" naming the file, line or field.
int run_cli(const std::vector<std::string>& words);

}  // namespace voigt

#endif  // VOIGT_NATIVE_CLI_H_
