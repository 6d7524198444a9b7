// The message of an options struct's validate(): "Struct::field = value; must constraint".
#ifndef VOIGT_INTERNAL_PIPELINE_OPTION_ERRORS_H_
#define VOIGT_INTERNAL_PIPELINE_OPTION_ERRORS_H_

#include <cmath>
#include <sstream>
#include <string>

namespace voigt::detail {

template <typename T>
std::string field_error(const char* type, const char* field, T value, const char* constraint) {
  std::ostringstream msg;
  msg << type << "::" << field << " = " << value << "; must " << constraint;
  return msg.str();
}

inline bool positive_finite(double v) { return v > 0 && std::isfinite(v); }

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_OPTION_ERRORS_H_
