// All-or-nothing file replacement: write a temporary file beside the target, fsync, rename.
// Why each step: the temporary lives in the target's directory because rename(2) is atomic only
// within one file system; fsync before rename so a crash cannot leave the new name pointing at
// unwritten blocks (the ext4 "zero-length file" problem); O_EXCL so two processes writing the
// same target never share a temporary.
#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace voigt {
namespace {

std::string directory_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

[[noreturn]] void fail(const std::string& path, int error) {
  throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
}

// Owns the temporary file until it has been renamed: closes and removes it on every early exit.
class TempFile {
 public:
  explicit TempFile(const std::string& target) {
    static std::atomic<unsigned> counter{0};
    // O_EXCL fails on a leftover of a crashed run with the same pid; try further names then.
    for (int attempt = 0; attempt < 100; ++attempt) {
      path_ = target + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ >= 0 || errno != EEXIST) break;
    }
    if (fd_ < 0) {
      const int error = errno;
      path_.clear();  // nothing was created
      fail(target, error);
    }
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // close(2) reports delayed write errors (NFS, quota), so its result matters.
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }
  void release() { path_.clear(); }  // renamed: the name now belongs to the target

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  TempFile temp(path);
  // Replacing a file should not change who may read it: copy the old permission bits. Best
  // effort: if fchmod fails the file keeps the umask's bits, which is what a fresh file has.
  struct stat old {};
  if (::stat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode))
    (void)::fchmod(temp.fd(), old.st_mode & 07777);

  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(temp.fd(), data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, errno);  // e.g. ENOSPC, EFBIG (RLIMIT_FSIZE with SIGXFSZ ignored)
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(temp.fd()) != 0) fail(path, errno);
  if (temp.close() != 0) fail(path, errno);
  if (::rename(temp.path().c_str(), path.c_str()) != 0) fail(path, errno);
  temp.release();

  // Make the rename itself durable. Not an error if this fails: the target already holds the
  // complete new content, and reporting failure would claim otherwise.
  const int dir = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
}

void check_writable(const std::string& path) {
  if (path.empty()) throw std::invalid_argument("cannot write '': the path is empty");
  const std::string prefix = "cannot write " + path + ": ";
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw std::invalid_argument(prefix + "it is a directory");
  const std::string dir = directory_of(path);
  if (::stat(dir.c_str(), &st) != 0) {
    const int error = errno;
    if (error == ENOENT)
      throw std::invalid_argument(prefix + "directory " + dir + " does not exist");
    throw std::invalid_argument(prefix + "directory " + dir + ": " + std::strerror(error));
  }
  if (!S_ISDIR(st.st_mode)) throw std::invalid_argument(prefix + dir + " is not a directory");
  // Creating the temporary file needs write and search permission on the directory (the
  // target's own permission bits do not matter: rename replaces the directory entry).
  if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0) {
    const int error = errno;
    throw std::invalid_argument(prefix + "directory " + dir + " is not writable (" +
                                std::strerror(error) + ")");
  }
}

}  // namespace voigt
