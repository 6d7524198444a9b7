#include "spectrum_loader.h"

#include <stdexcept>
#include <utility>

#include "voigt/spectrum_io.h"

namespace voigt {

OpenSpectrum open_spectrum(const std::vector<std::string>& paths) {
  if (paths.empty()) throw std::invalid_argument("open_spectrum: no spectrum file given");
  OpenSpectrum out;
  if (paths.size() == 1) {
    out.files.push_back(MappedFile::open(paths[0]));
    const MappedFile& file = out.files.back();
    out.spectrum = read_spectrum(file.data(), file.size(), paths[0]);
    return out;
  }
  // Each plane is read (and checked) through its own mapping, then copied once into the
  // stacked series; the mappings are released when this function returns.
  std::vector<MappedFile> files;
  std::vector<LoadedSpectrum> planes;
  files.reserve(paths.size());
  planes.reserve(paths.size());
  for (const std::string& path : paths) {
    files.push_back(MappedFile::open(path));
    planes.push_back(read_spectrum(files.back().data(), files.back().size(), path));
  }
  out.spectrum = stack_planes(std::move(planes),
                              paths.front() + " ... " + paths.back() + " (" +
                                  std::to_string(paths.size()) + " plane files)");
  return out;
}

void check_unchanged(const OpenSpectrum& open) {
  for (const MappedFile& file : open.files)
    if (const std::string change = file.change_on_disk(); !change.empty())
      throw std::invalid_argument(change + "; the results may mix old and new data: not written");
}

}  // namespace voigt
