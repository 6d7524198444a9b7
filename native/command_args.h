// Command-line words into positional arguments and flags, shared by every voigtfit command.
#ifndef VOIGT_NATIVE_COMMAND_ARGS_H_
#define VOIGT_NATIVE_COMMAND_ARGS_H_

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace voigt {

// Bad usage: the CLI prints the message, then the command's usage text, and exits 2.
struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Runs `check` and turns the std::invalid_argument it throws into a UsageError with the same
// message: for an engine check of a flag's value against the input (check_plane_index).
template <typename Check>
void as_usage_error(Check&& check) {
  try {
    check();
  } catch (const UsageError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

// Positional arguments and --flag values; switches (flags without a value) map to "".
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> flags;
  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  std::string get(const std::string& flag, const std::string& fallback) const;
  double number(const std::string& flag, double fallback) const;  // UsageError if not a number
  int integer(const std::string& flag, int fallback) const;       // UsageError if not an integer
  // "\n  set by FLAG VALUE" (no VALUE for a switch): the line that follows an engine message
  // about the value, which names the field or the value but not the flag.
  std::string set_by(const std::string& flag) const;
  // The value read by `parse` (an engine spelling such as shape_from_string); its
  // std::invalid_argument becomes a UsageError with the same first line (the engine's message,
  // as the page shows it), then set_by(flag).
  template <typename T>
  T choice(const std::string& flag, T fallback, T (*parse)(const std::string&)) const {
    if (!has(flag)) return fallback;
    try {
      return parse(get(flag, ""));
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what() + set_by(flag));
    }
  }
};

// A word starting with '-' (but not a negative number) is a flag: one of `switches` stands
// alone, one of `value_flags` takes the next word as its value, any other is a UsageError.
Args parse_args(const std::vector<std::string>& words,
                const std::vector<std::string>& switches,
                const std::vector<std::string>& value_flags);

// A whole text file; std::invalid_argument naming the path when unreadable.
std::string read_text_file(const std::string& path);

}  // namespace voigt

#endif  // VOIGT_NATIVE_COMMAND_ARGS_H_
