// The validate() message's fields back to the flags that set them.
#include "flag_field.h"

#include <istream>
#include <sstream>

namespace voigt {

std::string flags_named_in(const std::string& message,
                           const Args& args,
                           const std::vector<std::string>& flags,
                           const std::vector<std::string>& fields) {
  // "Options::a, b = ..." -> the names "a" and "b".
  const std::string head = message.substr(0, message.find(" = "));
  const std::size_t scope = head.find("::");
  std::istringstream names(scope == std::string::npos ? head : head.substr(scope + 2));
  std::string hint, name;
  while (std::getline(names >> std::ws, name, ',')) {
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (fields[k] == name && args.has(flags[k])) hint += args.set_by(flags[k]);
    }
  }
  return hint;
}

}  // namespace voigt
