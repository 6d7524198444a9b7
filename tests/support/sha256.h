// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex: the output-hash tests pin whole result
// tables with it, and `sha256sum` on a written file gives the same digest.
#ifndef VOIGT_TESTS_SUPPORT_SHA256_H_
#define VOIGT_TESTS_SUPPORT_SHA256_H_

#include <string>
#include <string_view>

namespace voigt::testing {

std::string sha256_hex(std::string_view bytes);

}  // namespace voigt::testing

#endif  // VOIGT_TESTS_SUPPORT_SHA256_H_
