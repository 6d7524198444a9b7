#include "done_record.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#ifndef VOIGTFIT_VERSION
#define VOIGTFIT_VERSION "unknown"
#endif

namespace voigt {
namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t fnv1a(std::uint64_t hash, const char* bytes, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    hash ^= static_cast<unsigned char>(bytes[i]);
    hash *= kFnvPrime;
  }
  return hash;
}

std::string hex(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[7];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

template <typename List, typename Format>
std::string json_list(const List& list, Format format, const std::string& separator) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? separator : "") + format(list[i]);
  return out + "]";
}

// The JSON string starting at text[i] (a '"'), unescaped as json_string escapes.
std::string read_json_string(std::string_view text, std::size_t i) {
  std::string out;
  for (++i; i < text.size() && text[i] != '"'; ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out += text[i];
    } else if (text[++i] == 'u' && i + 4 < text.size()) {
      out += static_cast<char>(std::strtol(std::string(text.substr(i + 1, 4)).c_str(), nullptr, 16));
      i += 4;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The value text of the top-level field `field` ("" when absent): a string unescaped, else the
// rest of its line without the trailing comma.
std::string field_value(std::string_view text, const std::string& field, bool* found) {
  const std::string prefix = "\n  " + json_string(field) + ": ";
  const std::size_t at = text.find(prefix);
  *found = at != std::string_view::npos;
  if (!*found) return "";
  const std::size_t start = at + prefix.size();
  if (start < text.size() && text[start] == '"') return read_json_string(text, start);
  std::string value(text.substr(start, text.find('\n', start) - start));
  if (!value.empty() && value.back() == ',') value.pop_back();
  return value;
}

}  // namespace

const char* voigtfit_version() { return VOIGTFIT_VERSION; }

InputFingerprint fingerprint_file(const std::string& as_written, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  struct stat info {};
  if (!in || ::stat(path.c_str(), &info) != 0)
    throw std::invalid_argument("cannot read " + path + ": " + std::strerror(errno));
  std::uint64_t hash = kFnvOffset;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hash = fnv1a(hash, buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw std::invalid_argument("cannot read " + path + ": " + std::strerror(errno));
  InputFingerprint f;
  f.path = as_written;
  f.size = static_cast<std::uint64_t>(info.st_size);
  f.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
  f.hash = "fnv1a64:" + hex(hash);
  return f;
}

std::string job_key(const DoneRecord& r) {
  // Each piece ends in a NUL, so no two different lists of pieces read the same.
  std::string text = r.command + '\0' + r.version + '\0';
  for (const std::string& o : r.options) text += o + '\0';
  text += '\0';
  for (const InputFingerprint& f : r.inputs)
    text += f.path + '\0' + std::to_string(f.size) + '\0' + f.hash + '\0';
  return hex(fnv1a(kFnvOffset, text.data(), text.size()));
}

std::string format_done_json(const DoneRecord& r) {
  std::ostringstream out;
  out.precision(6);
  out << "{\n  \"name\": " << json_string(r.name) << ",\n  \"command\": "
      << json_string(r.command) << ",\n  \"version\": " << json_string(r.version)
      << ",\n  \"key\": " << json_string(r.key) << ",\n  \"status\": " << json_string(r.status())
      << ",\n  \"exit_status\": " << r.exit_status << ",\n  \"reason\": " << json_string(r.reason)
      << ",\n  \"summary\": " << json_string(r.summary) << ",\n  \"wall_time_s\": "
      << r.wall_time_s << ",\n  \"finished_at\": " << json_string(r.finished_at)
      << ",\n  \"options\": " << json_list(r.options, json_string, ", ") << ",\n  \"inputs\": "
      << json_list(r.inputs, [](const InputFingerprint& f) {
           return "{\"path\": " + json_string(f.path) + ", \"size\": " + std::to_string(f.size) +
                  ", \"mtime_ns\": " + std::to_string(f.mtime_ns) + ", \"hash\": " +
                  json_string(f.hash) + "}";
         }, ",\n    ")
      << ",\n  \"outputs\": " << json_list(r.outputs, json_string, ", ") << "\n}\n";
  return out.str();
}

DoneRecord parse_done_json(std::string_view text, const std::string& path) {
  bool has_key = false, has_status = false, found = false;
  DoneRecord r;
  r.key = field_value(text, "key", &has_key);
  const std::string status = field_value(text, "exit_status", &has_status);
  char* end = nullptr;
  r.exit_status = static_cast<int>(std::strtol(status.c_str(), &end, 10));
  if (!has_key || !has_status || status.empty() || *end)
    throw std::invalid_argument(path + ": not a done record");
  r.name = field_value(text, "name", &found);
  r.command = field_value(text, "command", &found);
  r.version = field_value(text, "version", &found);
  r.reason = field_value(text, "reason", &found);
  r.summary = field_value(text, "summary", &found);
  r.wall_time_s = std::strtod(field_value(text, "wall_time_s", &found).c_str(), nullptr);
  r.finished_at = field_value(text, "finished_at", &found);
  return r;
}

}  // namespace voigt
