#include "cli.h"

#include <algorithm>
#include <exception>
#include <iostream>

#include "command.h"

namespace voigt {
namespace {

std::string command_names() {
  std::string names;
  for (const Command& c : commands()) names += (names.empty() ? "" : ", ") + c.name;
  return names;
}

bool asks_for_help(const std::vector<std::string>& words) {
  return std::find(words.begin(), words.end(), "--help") != words.end();
}

// Runs `command` on `words`; every error becomes exit status 2 and a message on stderr.
int run_reporting_errors(const Command& command, const std::vector<std::string>& words) {
  try {
    return run_command(command, words);
  } catch (const UsageError& e) {
    std::cerr << "voigtfit: " << e.what() << "\n" << usage_text({command});
  } catch (const std::exception& e) {
    std::cerr << "voigtfit: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace

int run_cli(const std::vector<std::string>& words) {
  if (words.empty()) {
    std::cerr << usage_text(commands());
    return 2;
  }
  const std::string& name = words.front();
  if (name == "help" || name == "-h" || name == "--help") {
    std::cout << usage_text(commands());
    return 0;
  }
  const Command* command = find_command(name);
  if (!command) {
    std::cerr << "voigtfit: unknown command '" << name << "'; commands: " << command_names() << "\n"
              << usage_text(commands());
    return 2;
  }
  const std::vector<std::string> rest(words.begin() + 1, words.end());
  if (asks_for_help(rest)) {
    std::cout << usage_text({*command});
    return 0;
  }
  return run_reporting_errors(*command, rest);
}

}  // namespace voigt
