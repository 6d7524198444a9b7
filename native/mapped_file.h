// A read-only memory mapping of a whole file (POSIX mmap), released by the destructor. Spectra
// are read through it so that the data are never copied: the engine's view points into the
// mapping, and fork-pool children share the same pages.
#ifndef VOIGT_NATIVE_MAPPED_FILE_H_
#define VOIGT_NATIVE_MAPPED_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

namespace voigt {

class MappedFile {
 public:
  // Maps `path`; throws std::invalid_argument naming the path and the reason (strerror, or
  // "is empty", "is not a regular file").
  static MappedFile open(const std::string& path);

  MappedFile() = default;  // empty: data() == nullptr, size() == 0
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  const std::uint8_t* data() const { return data_; }  // page-aligned, read-only
  std::size_t size() const { return size_; }          // bytes
  const std::string& path() const { return path_; }

  // "" while the mapped file is as it was when opened, else what changed. A file written in
  // place (same inode, other size or modification time) may show old and new bytes through the
  // mapping. A file replaced or deleted (a new inode at the path, or none) is not a change: the
  // mapping keeps the old one whole.
  std::string change_on_disk() const;

  // What change_on_disk() compares: the file's identity, size and modification time.
  struct Stamp {
    std::uint64_t device = 0, inode = 0;
    std::int64_t size = 0, modified_s = 0, modified_ns = 0;
  };

 private:
  MappedFile(const std::uint8_t* data, std::size_t size, std::string path, Stamp stamp)
      : data_(data), size_(size), path_(std::move(path)), stamp_(stamp) {}
  void release();

  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::string path_;
  Stamp stamp_;
};

// Reading a mapped page that a truncation removed raises SIGBUS. Installed once by the CLI: the
// process then prints that a mapped spectrum changed on disk and exits with status 2 (no output
// written: outputs are replaced atomically at the end) instead of dying of a bare "Bus error".
// A fork-pool child inherits it and exits the same way; its clusters become `crashed`.
void install_bus_error_message();

}  // namespace voigt

#endif  // VOIGT_NATIVE_MAPPED_FILE_H_
