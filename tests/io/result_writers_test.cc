#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "voigt/result_io.h"

namespace voigt {
namespace {

constexpr const char* kCsvHeader =
    "index,assignment,x_ppm_in,y_ppm_in,x_ppm_start,y_ppm_start,x_ppm,y_ppm,height,volume,fwhm_x_hz,fwhm_y_hz,"
    "sigma_x_hz,gamma_x_hz,sigma_y_hz,gamma_y_hz,eta_x,eta_y,x_ppm_err,y_ppm_err,height_err,"
    "volume_err,r2,snr,chi2_red,quality,cluster,cluster_size,iterations,status,flags,message";

std::vector<std::string> Split(const std::string& line, char delimiter) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == delimiter)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

PeakResult FittedRow(int index) {
  PeakResult r;
  r.index = index;
  r.assignment = "G" + std::to_string(index) + "N-H";
  r.x_ppm_in = 8.0 + 0.1 * index;
  r.y_ppm_in = 120.0 + index;
  r.x_ppm = r.x_ppm_in + 1e-4;
  r.y_ppm = r.y_ppm_in - 2e-3;
  r.height = 3.5e7;
  r.volume = 2.25e8;
  r.fwhm_x_hz = 15.1;
  r.fwhm_y_hz = 20.2;
  r.sigma_x_hz = 4.0;
  r.gamma_x_hz = 5.0;
  r.sigma_y_hz = 6.0;
  r.gamma_y_hz = 7.0;
  r.x_ppm_err = 1e-5;
  r.y_ppm_err = 1e-4;
  r.height_err = 1e4;
  r.volume_err = 1e5;
  r.r2 = 0.95;
  r.snr = 1100;
  r.chi2_red = 1.05;
  r.quality = Quality::kExcellent;
  r.cluster = index;
  r.cluster_size = 1;
  r.iterations = 12;
  r.status = PeakStatus::kOk;
  r.message = "";
  return r;
}

// A strict little JSON reader (RFC 8259), so the tests check that the output parses.
struct Json {
  enum Type { kNull, kNumber, kString, kArray, kObject, kBool } type = kNull;
  double number = 0;
  std::string text;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;  // in file order
  const Json& operator[](const std::string& key) const {
    for (const auto& m : members)
      if (m.first == key) return m.second;
    throw std::out_of_range("no key " + key);
  }
  bool has(const std::string& key) const {
    for (const auto& m : members)
      if (m.first == key) return true;
    return false;
  }
};

class JsonReader {
 public:
  explicit JsonReader(const std::string& s) : s_(s) {}
  Json Document() {
    Json v = Value();
    Space();
    if (i_ != s_.size()) Fail("trailing text");
    return v;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) {
    throw std::runtime_error("JSON " + what + " at byte " + std::to_string(i_));
  }
  void Space() {
    while (i_ < s_.size() && std::strchr(" \t\r\n", s_[i_])) ++i_;
  }
  void Expect(char c) {
    Space();
    if (i_ >= s_.size() || s_[i_] != c) Fail(std::string("expected '") + c + "'");
    ++i_;
  }
  bool Peek(char c) {
    Space();
    return i_ < s_.size() && s_[i_] == c;
  }
  bool Literal(const char* word) {
    if (s_.compare(i_, std::strlen(word), word) != 0) return false;
    i_ += std::strlen(word);
    return true;
  }
  std::string String() {
    Expect('"');
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) Fail("unterminated string");
      const unsigned char c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') return out;
      if (c < 0x20) Fail("raw control character");
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      const char e = s_[i_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const unsigned code = std::stoul(s_.substr(i_, 4), nullptr, 16);
          i_ += 4;
          if (code < 0x80) {
            out += static_cast<char>(code);
          } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
          }
          break;
        }
        default:
          Fail("bad escape");
      }
    }
  }
  Json Value() {
    Space();
    Json v;
    if (i_ >= s_.size()) Fail("unexpected end");
    const char c = s_[i_];
    if (c == '{') {
      v.type = Json::kObject;
      ++i_;
      if (Peek('}')) return ++i_, v;
      do {
        std::string key = String();
        Expect(':');
        v.members.emplace_back(key, Value());
      } while (Peek(',') && ++i_);
      Expect('}');
    } else if (c == '[') {
      v.type = Json::kArray;
      ++i_;
      if (Peek(']')) return ++i_, v;
      do v.items.push_back(Value());
      while (Peek(',') && ++i_);
      Expect(']');
    } else if (c == '"') {
      v.type = Json::kString;
      v.text = String();
    } else if (Literal("null")) {
      v.type = Json::kNull;
    } else if (Literal("true") || Literal("false")) {
      v.type = Json::kBool;
    } else {
      // number = [-] int [frac] [exp]
      const size_t start = i_;
      if (s_[i_] == '-') ++i_;
      auto digits = [this] {
        const size_t from = i_;
        while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        if (i_ == from) Fail("expected digits");
      };
      digits();
      if (i_ < s_.size() && s_[i_] == '.') ++i_, digits();
      if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
        ++i_;
        if (s_[i_] == '+' || s_[i_] == '-') ++i_;
        digits();
      }
      v.type = Json::kNumber;
      v.number = std::strtod(s_.substr(start, i_ - start).c_str(), nullptr);
    }
    return v;
  }

  const std::string& s_;
  size_t i_ = 0;
};

Json ParseJson(const std::string& s) { return JsonReader(s).Document(); }

TEST(ResultCsvWriter, HeaderHasTheDesignColumnsInOrder) {
  const std::string csv = format_results_csv({});
  EXPECT_EQ(csv, std::string(kCsvHeader) + "\n");
}

TEST(ResultCsvWriter, UnfittedRowWritesNanNotZero) {
  const std::string csv = format_results_csv({PeakResult{}});
  const std::string row = csv.substr(csv.find('\n') + 1);
  std::string nans;
  for (int i = 0; i < 23; ++i) nans += "nan,";
  EXPECT_EQ(row, "0,," + nans + "none,-1,0,0,failed,,not fitted\n");
}

TEST(ResultCsvWriter, NumbersRoundTripExactly) {
  const double values[] = {0.1 + 0.2,
                           1.0 / 3.0,
                           1e-300,
                           -2.5e10,
                           5e-324,
                           1.7976931348623157e308,
                           8.123456789012345,
                           -0.0};
  for (double v : values) {
    PeakResult r = FittedRow(0);
    r.height = v;
    const std::string csv = format_results_csv({r});
    const std::string row = csv.substr(csv.find('\n') + 1);
    const std::string field = Split(row, ',')[8];  // height
    const double back = std::strtod(field.c_str(), nullptr);
    EXPECT_EQ(std::memcmp(&back, &v, sizeof v), 0) << field << " from " << v;
  }
}

TEST(ResultCsvWriter, TextFieldsAreQuotedPerRfc4180) {
  PeakResult r = FittedRow(3);
  r.assignment = "A,\"x\"";
  r.flags = "gamma_x@upper";
  r.message = "line one\nline two";
  const std::string csv = format_results_csv({r});
  EXPECT_NE(csv.find(",\"A,\"\"x\"\"\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",ok,gamma_x@upper,\"line one\nline two\"\n"), std::string::npos) << csv;
}

TEST(ResultCsvWriter, SameRowsGiveIdenticalBytes) {
  std::vector<PeakResult> rows;
  for (int i = 0; i < 50; ++i) rows.push_back(FittedRow(i));
  const std::string a = format_results_csv(rows);
  const std::vector<PeakResult> copy = rows;
  EXPECT_EQ(a, format_results_csv(copy));
  EXPECT_EQ(std::count(a.begin(), a.end(), '\n'), 51);
}

TEST(ResultJsonWriter, KeysAreTheCsvColumnsInOrder) {
  const Json doc = ParseJson(format_results_json({FittedRow(0)}, nullptr));
  const Json& peak = doc["peaks"].items.at(0);
  std::vector<std::string> keys;
  for (const auto& m : peak.members) keys.push_back(m.first);
  EXPECT_EQ(keys, Split(kCsvHeader, ','));
  EXPECT_EQ(peak["status"].text, "ok");
  EXPECT_EQ(peak["quality"].text, "excellent");
  EXPECT_EQ(peak["x_ppm"].number, FittedRow(0).x_ppm);  // exact round trip
  EXPECT_FALSE(peak.has("slices"));
}

TEST(ResultJsonWriter, NanAndInfinityAreNull) {
  PeakResult r;  // every number NaN
  r.snr = INFINITY;
  const Json doc = ParseJson(format_results_json({r}, nullptr));
  const Json& peak = doc["peaks"].items.at(0);
  EXPECT_EQ(peak["height"].type, Json::kNull);
  EXPECT_EQ(peak["snr"].type, Json::kNull);
  EXPECT_EQ(peak["cluster"].number, -1);
  EXPECT_EQ(peak["message"].text, "not fitted");
}

TEST(ResultJsonWriter, StringsAreEscapedAndAlwaysUtf8) {
  PeakResult r = FittedRow(1);
  r.assignment = "q\"b\\s\n\t\x01 \xC3\xA9";  // quote, backslash, controls, valid 'é'
  r.message = std::string("bad \xFF byte");
  const std::string json = format_results_json({r}, nullptr);
  EXPECT_EQ(json.find('\x01'), std::string::npos);
  EXPECT_EQ(json.find('\xFF'), std::string::npos);
  const Json doc = ParseJson(json);
  const Json& peak = doc["peaks"].items.at(0);
  EXPECT_EQ(peak["assignment"].text, r.assignment);
  EXPECT_EQ(peak["message"].text, "bad \xEF\xBF\xBD byte");  // U+FFFD
}

TEST(ResultJsonWriter, SlicesCarryDataFitAndResidual) {
  PeakSlices s;
  s.x_ppm = {8.2, 8.1, 8.0};
  s.x_data = {1.0, 5.0, 2.0};
  s.x_fit = {0.5, 5.5, NAN};
  s.y_ppm = {121.0, 120.0};
  s.y_data = {3.0, 4.0};
  s.y_fit = {3.0, 3.0};
  const std::vector<PeakSlices> slices = {s, PeakSlices{}};
  const Json doc = ParseJson(format_results_json({FittedRow(0), FittedRow(1)}, &slices));
  const Json& x = doc["peaks"].items.at(0)["slices"]["x"];
  ASSERT_EQ(x["residual"].items.size(), 3u);
  EXPECT_EQ(x["ppm"].items[1].number, 8.1);
  EXPECT_EQ(x["residual"].items[0].number, 0.5);
  EXPECT_EQ(x["residual"].items[1].number, -0.5);
  EXPECT_EQ(x["residual"].items[2].type, Json::kNull);
  EXPECT_EQ(doc["peaks"].items.at(0)["slices"]["y"]["residual"].items[1].number, 1.0);
  EXPECT_FALSE(doc["peaks"].items.at(1).has("slices"));  // empty slices are left out
}

TEST(ResultJsonWriter, MismatchedSlicesAreMisuse) {
  const std::vector<PeakSlices> one(1);
  EXPECT_THROW(format_results_json({FittedRow(0), FittedRow(1)}, &one), std::logic_error);
  PeakSlices ragged;
  ragged.x_ppm = {1, 2};
  ragged.x_data = {1};
  ragged.x_fit = {1, 2};
  const std::vector<PeakSlices> bad = {ragged};
  EXPECT_THROW(format_results_json({FittedRow(0)}, &bad), std::logic_error);
}

TEST(ResultJsonWriter, NoRowsIsAnEmptyPeakArray) {
  const std::string json = format_results_json({}, nullptr);
  EXPECT_EQ(json, "{\"peaks\":[]}\n");
  EXPECT_EQ(ParseJson(json)["peaks"].type, Json::kArray);
}

TEST(ResultLunaNmrWriter, HeaderIsLunaNmrs) {
  const std::string csv = format_results_lunanmr({});
  EXPECT_EQ(csv,
            "Assignment,Peak_Number,Position_X,Position_Y,Height,Volume,SNR,Quality,Detected,"
            "R_Squared,Sigma,Gamma,Fit_Success\n");
}

TEST(ResultLunaNmrWriter, QualityFollowsLunaNmrR2Classes) {
  const std::map<double, std::string> expected = {{0.95, "Excellent"},
                                                  {0.9, "Excellent"},
                                                  {0.8999, "Good"},
                                                  {0.8, "Good"},
                                                  {0.75, "Fair"},
                                                  {0.7, "Fair"},
                                                  {0.5, "Poor"}};
  for (const auto& [r2, quality] : expected) {
    PeakResult r = FittedRow(0);
    r.r2 = r2;
    const std::string csv = format_results_lunanmr({r});
    EXPECT_EQ(Split(Split(csv, '\n')[1], ',')[7], quality) << r2;
  }
}

TEST(ResultLunaNmrWriter, RowsCarryNumberDetectionAndSuccess) {
  PeakResult ok = FittedRow(0);
  PeakResult added = FittedRow(1);
  added.status = PeakStatus::kAdded;
  PeakResult failed;  // not fitted: NaN numbers, input position kept
  failed.index = 2;
  failed.assignment = "T3N-H";
  failed.x_ppm_in = 8.5;
  failed.y_ppm_in = 119.25;
  const std::vector<std::string> lines = Split(format_results_lunanmr({ok, added, failed}), '\n');
  ASSERT_EQ(lines.size(), 5u);  // header, 3 rows, "" after the last '\n'
  EXPECT_EQ(lines[1], "G0N-H,1,8.0001,119.998,3.5e+07,2.25e+08,1100,Excellent,False,0.95,4,5,True");
  EXPECT_EQ(Split(lines[2], ',')[8], "True");   // Detected: added by the fit
  EXPECT_EQ(Split(lines[2], ',')[12], "True");  // Fit_Success
  EXPECT_EQ(lines[3], "T3N-H,3,8.5,119.25,,,,,False,,,,False");
}

}  // namespace
}  // namespace voigt
