// The save-frame structure of a STAR data block, in the subset NEF uses (see star.h): tokens
// from star_tokenizer.cc become save frames of items and loops. Strict on purpose: a value
// that cannot be placed is an error with its line, never silently dropped, because a shifted
// loop row would give every later peak another peak's position.
#include <string>

#include "io/star.h"
#include "io/text_table.h"

namespace voigt::detail {
namespace {

// A token as messages quote it: "save_", "save_hsqc", "data_x", "tag '_a.b'", "value 'x'".
std::string describe(const StarToken& t) {
  switch (t.kind) {
    case StarToken::kDataBlock:
      return "data_" + t.text;
    case StarToken::kSaveBegin:
      return "save_" + t.text;
    case StarToken::kSaveEnd:
      return "save_";
    case StarToken::kLoop:
      return "loop_";
    case StarToken::kStop:
      return "stop_";
    case StarToken::kTag:
      return "tag '" + t.text + "'";
    case StarToken::kValue:
      break;
  }
  return "value '" + t.text + "'";
}

class Parser {
 public:
  Parser(std::vector<StarToken> tokens, const std::string& name)
      : tokens_(std::move(tokens)), name_(name) {}

  StarDataBlock run() {
    if (tokens_.empty()) throw_input_error(name_, 0, "empty (no data_ block)");
    const StarToken& first = tokens_[0];
    if (first.kind != StarToken::kDataBlock)
      fail(first, "expected data_NAME first, found " + describe(first));
    StarDataBlock block;
    block.name = first.text;
    block.line = first.line;
    for (pos_ = 1; pos_ < tokens_.size();) {
      const StarToken& t = tokens_[pos_];
      if (t.kind == StarToken::kDataBlock) fail(t, "second data_ block (NEF has one per file)");
      if (t.kind != StarToken::kSaveBegin)
        fail(t, describe(t) + " outside a save frame");
      block.frames.push_back(save_frame());
    }
    return block;
  }

 private:
  [[noreturn]] void fail(const StarToken& t, const std::string& what) const {
    throw_input_error(name_, t.line, what);
  }

  StarSaveFrame save_frame() {
    StarSaveFrame frame;
    frame.name = tokens_[pos_].text;
    frame.line = tokens_[pos_].line;
    for (++pos_; pos_ < tokens_.size(); ++pos_) {
      const StarToken& t = tokens_[pos_];
      if (t.kind == StarToken::kSaveEnd) {
        ++pos_;
        return frame;
      }
      if (t.kind == StarToken::kLoop) {
        frame.loops.push_back(loop());
      } else if (t.kind == StarToken::kTag) {
        if (frame.item(t.text) != nullptr) fail(t, "tag " + t.text + " given twice");
        if (pos_ + 1 >= tokens_.size() || tokens_[pos_ + 1].kind != StarToken::kValue)
          fail(t, "tag " + t.text + " has no value");
        const StarToken& v = tokens_[++pos_];
        frame.items.push_back({t.text, {v.text, v.line, v.quoted}});
      } else {
        fail(t, describe(t) + " inside save_" + frame.name +
                    " (line " + std::to_string(frame.line) + "), where a tag or loop_ belongs");
      }
    }
    throw_input_error(
        name_, frame.line, "save_" + frame.name + " is never closed by save_");
  }

  // From loop_ to stop_; leaves pos_ on stop_.
  StarLoop loop() {
    StarLoop l;
    l.line = tokens_[pos_].line;
    for (++pos_; pos_ < tokens_.size() && tokens_[pos_].kind == StarToken::kTag; ++pos_) {
      if (l.column(tokens_[pos_].text) >= 0)
        fail(tokens_[pos_], "tag " + tokens_[pos_].text + " given twice in one loop");
      l.tags.push_back(tokens_[pos_].text);
    }
    if (l.tags.empty()) throw_input_error(name_, l.line, "loop_ without tags");
    for (; pos_ < tokens_.size() && tokens_[pos_].kind == StarToken::kValue; ++pos_) {
      const StarToken& v = tokens_[pos_];
      l.values.push_back({v.text, v.line, v.quoted});
    }
    if (pos_ >= tokens_.size() || tokens_[pos_].kind != StarToken::kStop) {
      const std::string found =
          pos_ < tokens_.size() ? describe(tokens_[pos_]) : std::string("the end of the file");
      throw_input_error(name_,
                        pos_ < tokens_.size() ? tokens_[pos_].line : l.line,
                        "loop_ of line " + std::to_string(l.line) + " ends at " + found +
                            " instead of stop_");
    }
    const std::size_t width = l.tags.size(), extra = l.values.size() % width;
    if (extra != 0) {
      const StarValue& last_row = l.values[l.values.size() - extra];
      throw_input_error(name_,
                        last_row.line,
                        "loop_ of line " + std::to_string(l.line) + " has " +
                            std::to_string(l.values.size()) + " values for " +
                            std::to_string(width) + " tags; the row starting here has " +
                            std::to_string(extra) + " of its " + std::to_string(width) +
                            " values");
    }
    return l;
  }

  std::vector<StarToken> tokens_;
  const std::string& name_;
  std::size_t pos_ = 0;
};

bool in_category(std::string_view tag, std::string_view category) {
  return tag.size() > category.size() && tag[category.size()] == '.' &&
         iequals(tag.substr(0, category.size()), category);
}

}  // namespace

int StarLoop::column(std::string_view tag) const {
  for (std::size_t i = 0; i < tags.size(); ++i)
    if (iequals(tags[i], tag)) return static_cast<int>(i);
  return -1;
}

const StarValue* StarSaveFrame::item(std::string_view tag) const {
  for (const StarItem& i : items)
    if (iequals(i.tag, tag)) return &i.value;
  return nullptr;
}

const StarLoop* StarSaveFrame::loop(std::string_view category) const {
  for (const StarLoop& l : loops)
    if (in_category(l.tags[0], category)) return &l;
  return nullptr;
}

StarDataBlock parse_star(std::string_view text, const std::string& name) {
  return Parser(tokenize_star(text, name), name).run();
}

}  // namespace voigt::detail
