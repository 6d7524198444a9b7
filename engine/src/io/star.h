// The STAR syntax (Hall 1991; Hall & Spadaccini 1994) as NMR-STAR and NEF use it: one data block
// of save frames, each holding tag-value items and loops. Only what NEF files contain is
// accepted: no global_ blocks, no nested loops, every loop closed by stop_, no items or loops
// outside a save frame. Errors are std::invalid_argument "NAME:LINE: what".
#ifndef VOIGT_INTERNAL_IO_STAR_H_
#define VOIGT_INTERNAL_IO_STAR_H_

#include <string>
#include <string_view>
#include <vector>

namespace voigt::detail {

// One token of a STAR text.
struct StarToken {
  enum Kind { kDataBlock, kSaveBegin, kSaveEnd, kLoop, kStop, kTag, kValue };
  Kind kind = kValue;
  std::string text;     // data_/save_ name, tag (with its '_'), or the value without quotes
  int line = 0;         // 1-based line where the token starts
  bool quoted = false;  // a value in quotes or a ;-text field: "." and "?" are then literal
};

// The tokens of `text`. Comments ('#' where a token may start) and whitespace separate tokens;
// a value is bare, 'single' or "double" quoted (a quote closes only when whitespace or the line
// end follows it, so "it's" stays one value), or a text field between two lines that start with
// ';'. Throws for an unterminated quote or text field and for global_ (not used by NEF).
std::vector<StarToken> tokenize_star(std::string_view text, const std::string& name);

// A value as tokenize_star reads it back: bare when it can be, else quoted, else a ;-text field.
// "" is written as '.' (STAR's null).
std::string star_value_text(std::string_view value);

// A value with where it came from. Bare '.' (inapplicable) and '?' (unknown) are null.
struct StarValue {
  std::string text;
  int line = 0;
  bool quoted = false;
  bool is_null() const { return !quoted && (text == "." || text == "?"); }
};

struct StarLoop {
  int line = 0;                   // of loop_
  std::vector<std::string> tags;  // full names, "_nef_peak.position_1"
  std::vector<StarValue> values;  // row after row
  std::size_t num_rows() const { return tags.empty() ? 0 : values.size() / tags.size(); }
  // Column of `tag` (case-blind), or -1.
  int column(std::string_view tag) const;
  const StarValue& at(std::size_t row, int column) const {
    return values[row * tags.size() + static_cast<std::size_t>(column)];
  }
};

struct StarItem {
  std::string tag;
  StarValue value;
};

struct StarSaveFrame {
  std::string name;  // after save_
  int line = 0;
  std::vector<StarItem> items;
  std::vector<StarLoop> loops;
  // The item of `tag` (case-blind), or nullptr.
  const StarValue* item(std::string_view tag) const;
  // The first loop whose tags belong to `category` ("_nef_peak": tags "_nef_peak.*"), or nullptr.
  const StarLoop* loop(std::string_view category) const;
};

struct StarDataBlock {
  std::string name;  // after data_
  int line = 0;
  std::vector<StarSaveFrame> frames;
};

// The one data block of `text`. Throws for anything outside the subset above: a second data
// block, an item or loop outside a save frame, a save frame not closed by save_, a loop without
// tags or stop_, a loop whose value count is not a multiple of its tag count, a repeated tag.
StarDataBlock parse_star(std::string_view text, const std::string& name);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_IO_STAR_H_
