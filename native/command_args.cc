#include "command_args.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace voigt {

std::string Args::get(const std::string& flag, const std::string& fallback) const {
  auto it = flags.find(flag);
  return it == flags.end() ? fallback : it->second;
}

std::string Args::set_by(const std::string& flag) const {
  const std::string value = get(flag, "");
  return "\n  set by " + flag + (value.empty() ? "" : " " + value);
}

double Args::number(const std::string& flag, double fallback) const {
  if (!has(flag)) return fallback;
  const std::string& v = flags.at(flag);
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  if (v.empty() || *end) throw UsageError(flag + " '" + v + "' is not a number");
  return x;
}

int Args::integer(const std::string& flag, int fallback) const {
  const double x = number(flag, fallback);
  if (x != static_cast<int>(x))
    throw UsageError(flag + " '" + get(flag, "") + "' is not an integer");
  return static_cast<int>(x);
}

Args parse_args(const std::vector<std::string>& words,
                const std::vector<std::string>& switches,
                const std::vector<std::string>& value_flags) {
  auto contains = [](const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
  };
  Args a;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& s = words[i];
    const bool looks_like_flag = s.size() > 1 && s[0] == '-' &&
                                 !(std::isdigit(static_cast<unsigned char>(s[1])) || s[1] == '.');
    if (!looks_like_flag) {
      a.positional.push_back(s);
    } else if (contains(switches, s)) {
      a.flags[s] = "";
    } else if (!contains(value_flags, s)) {
      throw UsageError("unknown option '" + s + "'");
    } else {
      if (i + 1 >= words.size()) throw UsageError(s + " needs a value");
      a.flags[s] = words[++i];
    }
  }
  return a;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace voigt
