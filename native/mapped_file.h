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

 private:
  MappedFile(const std::uint8_t* data, std::size_t size, std::string path)
      : data_(data), size_(size), path_(std::move(path)) {}
  void release();

  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::string path_;
};

}  // namespace voigt

#endif  // VOIGT_NATIVE_MAPPED_FILE_H_
