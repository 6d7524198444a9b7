// One flag bound to the options field it sets, and reading a table of them: the one parser
// behind command_options.h.
#ifndef VOIGT_NATIVE_FLAG_FIELD_H_
#define VOIGT_NATIVE_FLAG_FIELD_H_

#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "command.h"
#include "command_args.h"

namespace voigt {

template <typename Options>
struct FlagField {
  std::string flag;   // as the usage text spells it: "--window-x"
  std::string field;  // as Options::validate() names it: "window_x_ppm"
  bool is_switch;     // true: takes no value
  std::function<void(const Args&, Options&)> read;  // sets the field when the flag is given
};

template <typename Options>
using FlagTable = std::vector<FlagField<Options>>;

// --flag VALUE, a real number (a double field) or an integer (an int field).
template <typename Options, typename T>
FlagField<Options> number_flag(const std::string& flag,
                               const std::string& field,
                               T Options::*member) {
  static_assert(std::is_same_v<T, double> || std::is_same_v<T, int>, "a double or int field");
  return {flag, field, false, [flag, member](const Args& a, Options& o) {
            if constexpr (std::is_same_v<T, int>)
              o.*member = a.integer(flag, o.*member);
            else
              o.*member = a.number(flag, o.*member);
          }};
}

// --flag NAME, one of the names `parse` knows (an engine spelling: shape_from_string).
template <typename Options, typename T>
FlagField<Options> named_flag(const std::string& flag,
                              const std::string& field,
                              T Options::*member,
                              T (*parse)(const std::string&)) {
  return {flag, field, false, [flag, member, parse](const Args& a, Options& o) {
            o.*member = a.choice(flag, o.*member, parse);
          }};
}

// --flag alone sets the field to `value`.
template <typename Options>
FlagField<Options> switch_flag(const std::string& flag,
                               const std::string& field,
                               bool Options::*member,
                               bool value) {
  return {flag, field, true, [flag, member, value](const Args& a, Options& o) {
            if (a.has(flag)) o.*member = value;
          }};
}

// The flags of `table`, for a command's entry.
template <typename Options>
Flags flags_of(const FlagTable<Options>& table) {
  Flags flags;
  for (const FlagField<Options>& f : table)
    (f.is_switch ? flags.switches : flags.values).push_back(f.flag);
  return flags;
}

// "\n  set by FLAG VALUE" for each given flag whose field the validate() message `message`
// ("Options::FIELD[, FIELD] = VALUE; must ...") names; "" when it names none.
std::string flags_named_in(const std::string& message,
                           const Args& args,
                           const std::vector<std::string>& flags,
                           const std::vector<std::string>& fields);

// `options` with every flag of `table` that `args` holds read over it, then validated: a
// UsageError with validate()'s message and the flags that set the fields it names.
template <typename Options>
Options read_flags(const Args& args, const FlagTable<Options>& table, Options options) {
  for (const FlagField<Options>& f : table) f.read(args, options);
  const std::string message = options.validate();
  if (message.empty()) return options;
  std::vector<std::string> flags, fields;
  for (const FlagField<Options>& f : table) {
    flags.push_back(f.flag);
    fields.push_back(f.field);
  }
  throw UsageError(message + flags_named_in(message, args, flags, fields));
}

}  // namespace voigt

#endif  // VOIGT_NATIVE_FLAG_FIELD_H_
