// Telling spectra, peak lists and delays files apart by content (see voigt/input_kind.h). The
// readers' own detection decides, so this can never disagree with what they accept.
#include <cstring>
#include <exception>
#include <string_view>

#include "io/nmrpipe_header.h"
#include "voigt/input_kind.h"
#include "voigt/peak_list_io.h"
#include "voigt/series_io.h"

namespace voigt {
namespace {

bool is_spectrum(const std::uint8_t* bytes, std::size_t size) {
  if (size >= 8 && std::memcmp(bytes, "UCSF NMR", 8) == 0) return true;
  bool swap = false;
  return detail::pipe_byte_order(bytes, size, &swap);
}

// A file with a NUL byte is binary: no text reader should see it.
bool is_text(std::string_view text) { return text.find('\0') == std::string_view::npos; }

template <typename Parse>
bool parses(Parse parse) {
  try {
    parse();
    return true;
  } catch (const std::exception&) {  // a reader that refuses the text, however it says so
    return false;
  }
}

}  // namespace

InputKind classify_input(const std::uint8_t* bytes, std::size_t size) {
  if (bytes == nullptr || size == 0) return InputKind::kUnknown;
  if (is_spectrum(bytes, size)) return InputKind::kSpectrum;
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  if (!is_text(text)) return InputKind::kUnknown;
  if (parses([&] { detect_peak_list_format(text, "input"); })) return InputKind::kPeakList;
  if (parses([&] { parse_delays(text, "input"); })) return InputKind::kDelays;
  return InputKind::kUnknown;
}

const char* to_string(InputKind kind) {
  switch (kind) {
    case InputKind::kSpectrum: return "spectrum";
    case InputKind::kPeakList: return "peaks";
    case InputKind::kDelays: return "delays";
    case InputKind::kUnknown: break;
  }
  return "unknown";
}

}  // namespace voigt
