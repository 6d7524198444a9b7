#include "campaign_folder.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace voigt {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, const fs::path& path, const std::error_code& e) {
  throw std::runtime_error("cannot " + what + " " + path.string() + ": " + e.message());
}

}  // namespace

std::string done_record_path(const std::string& outdir, const std::string& name) {
  return outdir + "/" + name + ".done.json";
}

std::string staging_folder(const std::string& outdir, const std::string& name) {
  return outdir + "/.staging/" + name;
}

std::string manifest_copy_path(const std::string& outdir) { return outdir + "/.manifest.csv"; }

void make_folder(const std::string& folder) {
  std::error_code e;
  fs::create_directories(folder, e);
  if (e) fail("create", folder, e);
}

void clear_job(const std::string& outdir, const std::string& name) {
  std::error_code e;
  fs::remove(done_record_path(outdir, name), e);
  if (e) fail("remove", done_record_path(outdir, name), e);
  const std::string prefix = name + ".";
  for (const fs::directory_entry& entry : fs::directory_iterator(outdir)) {
    const std::string file = entry.path().filename().string();
    if (file.compare(0, prefix.size(), prefix) == 0 && !entry.is_directory()) {
      fs::remove(entry.path(), e);
      if (e) fail("remove", entry.path(), e);
    }
  }
  fs::remove_all(staging_folder(outdir, name), e);
  if (e) fail("remove", staging_folder(outdir, name), e);
  make_folder(staging_folder(outdir, name));
}

std::vector<std::string> commit_staged(const std::string& outdir, const std::string& name) {
  const fs::path staging = staging_folder(outdir, name);
  std::vector<std::string> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(staging))
    files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  std::error_code e;
  for (const std::string& file : files) {
    fs::rename(staging / file, fs::path(outdir) / file, e);
    if (e) fail("move", staging / file, e);
  }
  fs::remove_all(staging, e);
  if (e) fail("remove", staging, e);
  return files;
}

}  // namespace voigt
