#include "task_result_codec.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace voigt {
namespace {

class Writer {
 public:
  template <typename T>
  void pod(const T& v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(const std::string& s) {
    pod(static_cast<std::uint64_t>(s.size()));
    out_ += s;
  }
  void doubles(const std::vector<double>& v) {
    pod(static_cast<std::uint64_t>(v.size()));
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  template <typename T>
  void pod(T& v) { copy(&v, sizeof v); }
  void str(std::string& s) {
    std::uint64_t n = 0;
    pod(n);
    need(n);
    s.assign(in_, pos_, n);
    pos_ += n;
  }
  void doubles(std::vector<double>& v) {
    std::uint64_t n = 0;
    pod(n);
    need(n * sizeof(double));
    v.resize(n);
    copy(v.data(), n * sizeof(double));
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  void need(std::uint64_t n) const {
    if (n > in_.size() - pos_) throw std::runtime_error("task result: truncated message");
  }
  void copy(void* dst, std::size_t n) {
    need(n);
    if (n == 0) return;  // dst may be an empty vector's null data()
    std::memcpy(dst, in_.data() + pos_, n);
    pos_ += n;
  }
  const std::string& in_;
  std::size_t pos_ = 0;
};

// One list of a row's fields serves both directions, so encoder and decoder cannot drift apart.
template <typename Io, typename Row>
void row_fields(Io& io, Row& r) {
  io.pod(r.index);
  io.str(r.assignment);
  for (auto* d : {&r.x_ppm_in, &r.y_ppm_in, &r.x_ppm_start, &r.y_ppm_start, &r.x_ppm, &r.y_ppm, &r.height, &r.volume, &r.fwhm_x_hz,
                  &r.fwhm_y_hz, &r.sigma_x_hz, &r.gamma_x_hz, &r.sigma_y_hz, &r.gamma_y_hz, &r.eta_x,
                  &r.eta_y, &r.x_ppm_err, &r.y_ppm_err, &r.height_err, &r.volume_err, &r.r2, &r.snr,
                  &r.chi2_red})
    io.pod(*d);
  io.pod(r.quality);
  io.pod(r.cluster);
  io.pod(r.cluster_size);
  io.pod(r.iterations);
  io.pod(r.status);
  io.str(r.message);
  io.str(r.flags);
}

template <typename Io, typename Slices>
void slice_fields(Io& io, Slices& s) {
  for (auto* v : {&s.x_ppm, &s.x_data, &s.x_fit, &s.y_ppm, &s.y_data, &s.y_fit}) io.doubles(*v);
}

}  // namespace

std::string encode_task_result(const TaskResult& result) {
  Writer w;
  w.pod(result.task_id);
  w.pod(result.status);
  w.str(result.message);
  w.pod(static_cast<std::uint64_t>(result.rows.size()));
  for (const PeakResult& row : result.rows) row_fields(w, row);
  w.pod(static_cast<std::uint64_t>(result.slices.size()));
  for (const PeakSlices& s : result.slices) slice_fields(w, s);
  w.doubles(result.values);
  return w.take();
}

TaskResult decode_task_result(const std::string& bytes) {
  Reader r(bytes);
  TaskResult result;
  r.pod(result.task_id);
  r.pod(result.status);
  r.str(result.message);
  std::uint64_t n = 0;
  r.pod(n);
  if (n > bytes.size()) throw std::runtime_error("task result: bad row count");
  result.rows.resize(n);
  for (PeakResult& row : result.rows) row_fields(r, row);
  r.pod(n);
  if (n > bytes.size()) throw std::runtime_error("task result: bad slice count");
  result.slices.resize(n);
  for (PeakSlices& s : result.slices) slice_fields(r, s);
  r.doubles(result.values);
  if (!r.done()) throw std::runtime_error("task result: trailing bytes");
  return result;
}

}  // namespace voigt
