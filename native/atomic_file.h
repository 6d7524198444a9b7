// Writing result files so that a reader never sees half of one: all-or-nothing replacement.
#ifndef VOIGT_NATIVE_ATOMIC_FILE_H_
#define VOIGT_NATIVE_ATOMIC_FILE_H_

#include <string>
#include <string_view>

namespace voigt {

// Writes `content` to a new file in the directory of `path` (unique name "PATH.tmp.PID.N",
// created with O_EXCL), fsyncs it, then rename(2)s it over `path`. rename within one directory
// is atomic on POSIX file systems, so `path` holds either its old content or all of `content`,
// even if the process dies or the disk fills midway. An existing target keeps its permission
// bits; a new one gets 0666 minus the umask, as any created file would.
// On any failure the temporary file is removed and std::runtime_error is thrown:
// "cannot write PATH: REASON" (REASON from strerror, e.g. "File too large").
void write_file_atomically(const std::string& path, std::string_view content);

// Checks, before a long fit, that write_file_atomically(path, ...) can work: `path` is not a
// directory, and its directory exists and is writable and searchable by this process.
// Throws std::invalid_argument("cannot write PATH: REASON") otherwise. It cannot promise the
// later write succeeds (the disk may fill), only that it is not doomed from the start.
void check_writable(const std::string& path);

}  // namespace voigt

#endif  // VOIGT_NATIVE_ATOMIC_FILE_H_
