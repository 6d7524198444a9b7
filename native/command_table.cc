// The table of voigtfit commands, and running one of them on its words.
#include <algorithm>

#include "command.h"

namespace voigt {

Flags operator+(Flags a, const Flags& b) {
  a.switches.insert(a.switches.end(), b.switches.begin(), b.switches.end());
  a.values.insert(a.values.end(), b.values.begin(), b.values.end());
  return a;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      fit_command(), series_command(), pick_command(), batch_command(), merge_command(),
      info_command(), simulate_command(), demo_command()};
  return kCommands;
}

const Command* find_command(const std::string& name) {
  const std::vector<Command>& all = commands();
  const auto it =
      std::find_if(all.begin(), all.end(), [&](const Command& c) { return c.name == name; });
  return it == all.end() ? nullptr : &*it;
}

std::string usage_text(const std::vector<Command>& list) {
  std::string text = "usage:\n";
  for (const Command& command : list) text += command.usage;
  return text;
}

int run_command(const Command& command, const std::vector<std::string>& words) {
  return command.run(parse_args(words, command.flags.switches, command.flags.values));
}

}  // namespace voigt
