#include "mapped_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace voigt {
namespace {

[[noreturn]] void throw_os_error(const std::string& path, const char* what, int error) {
  throw std::invalid_argument(path + ": " + what + ": " + std::strerror(error));
}

// Closes the descriptor on every path out of open(); the mapping stays valid without it.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

MappedFile::Stamp stamp_of(const struct stat& info) {
  MappedFile::Stamp s;
  s.device = static_cast<std::uint64_t>(info.st_dev);
  s.inode = static_cast<std::uint64_t>(info.st_ino);
  s.size = static_cast<std::int64_t>(info.st_size);
  s.modified_s = static_cast<std::int64_t>(info.st_mtim.tv_sec);
  s.modified_ns = static_cast<std::int64_t>(info.st_mtim.tv_nsec);
  return s;
}

}  // namespace

MappedFile MappedFile::open(const std::string& path) {
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw_os_error(path, "cannot open", errno);
  struct stat info;
  if (::fstat(fd.get(), &info) != 0) throw_os_error(path, "cannot stat", errno);
  if (!S_ISREG(info.st_mode)) throw std::invalid_argument(path + ": is not a regular file");
  // mmap of length 0 fails with EINVAL, a less helpful message than this.
  if (info.st_size == 0) throw std::invalid_argument(path + ": is empty");
  const std::size_t size = static_cast<std::size_t>(info.st_size);
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (data == MAP_FAILED) throw_os_error(path, "cannot map", errno);
  return MappedFile(static_cast<const std::uint8_t*>(data), size, path, stamp_of(info));
}

std::string MappedFile::change_on_disk() const {
  struct stat info;
  if (data_ == nullptr || ::stat(path_.c_str(), &info) != 0) return "";
  const Stamp now = stamp_of(info);
  if (now.device != stamp_.device || now.inode != stamp_.inode) return "";
  if (now.size != stamp_.size)
    return path_ + ": changed on disk while it was being read (size " +
           std::to_string(stamp_.size) + " -> " + std::to_string(now.size) + " bytes)";
  if (now.modified_s != stamp_.modified_s || now.modified_ns != stamp_.modified_ns)
    return path_ + ": changed on disk while it was being read (modification time)";
  return "";
}

void install_bus_error_message() {
  struct sigaction action {};
  action.sa_handler = [](int) {
    static const char kMessage[] =
        "voigtfit: bus error reading a memory-mapped spectrum: the file was truncated or "
        "changed on disk during the run; stopped, no output written\n";
    const ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    (void)ignored;
    ::_exit(2);
  };
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGBUS, &action, nullptr);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      path_(std::move(other.path_)),
      stamp_(other.stamp_) {
  other.path_.clear();
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    path_ = std::move(other.path_);
    stamp_ = other.stamp_;
    other.path_.clear();
  }
  return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() {
  if (data_ != nullptr) ::munmap(const_cast<std::uint8_t*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
}

}  // namespace voigt
