// STAR tokens, after the CIF 1.1 syntax specification (International Union of Crystallography,
// "CIF 1.1 syntax", paragraphs 14-19 on quoting and text fields) that NMR-STAR and NEF share:
//   - whitespace separates tokens; '#' where a token may start comments out the rest of the line;
//   - a token starting with ' or " is quoted; it ends at the same quote followed by whitespace
//     or the line end, so a quote inside ("it's", "H5''") does not end it;
//   - a line starting with ';' opens a text field that runs to the next line starting with ';'
//     (the text is everything between, the first line's rest included, minus the final line
//     break);
//   - data_NAME, save_NAME, save_, loop_, stop_ and global_ are reserved (case-blind); tags start
//     with '_'; anything else is a value.
#include <string>

#include "io/star.h"
#include "io/text_table.h"

namespace voigt::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool starts_with_word(std::string_view token, std::string_view word) {
  return token.size() >= word.size() && iequals(token.substr(0, word.size()), word);
}

// Walks the text once, keeping the line number and whether the position is at a line start.
class Tokenizer {
 public:
  Tokenizer(std::string_view text, const std::string& name) : text_(text), name_(name) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // UTF-8 byte order mark
  }

  std::vector<StarToken> run() {
    std::vector<StarToken> tokens;
    while (skip_blanks_and_comments()) {
      if (at_line_start_ && text_[pos_] == ';')
        tokens.push_back(text_field());
      else if (text_[pos_] == '\'' || text_[pos_] == '"')
        tokens.push_back(quoted());
      else
        tokens.push_back(bare());
    }
    return tokens;
  }

 private:
  void advance() {
    at_line_start_ = text_[pos_] == '\n';
    if (at_line_start_) ++line_;
    ++pos_;
  }

  // False at the end of the text.
  bool skip_blanks_and_comments() {
    while (pos_ < text_.size()) {
      if (is_blank(text_[pos_])) {
        advance();
      } else if (text_[pos_] == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') advance();
      } else {
        return true;
      }
    }
    return false;
  }

  StarToken text_field() {
    StarToken t{StarToken::kValue, "", line_, true};
    advance();  // the opening ';'
    while (pos_ < text_.size()) {
      if (at_line_start_ && text_[pos_] == ';') {
        advance();
        if (!t.text.empty() && t.text.back() == '\n') t.text.pop_back();
        if (!t.text.empty() && t.text.back() == '\r') t.text.pop_back();
        return t;
      }
      t.text += text_[pos_];
      advance();
    }
    throw_input_error(name_, t.line, "text field opened by ';' is never closed by a line starting with ';'");
  }

  StarToken quoted() {
    const char quote = text_[pos_];
    StarToken t{StarToken::kValue, "", line_, true};
    advance();
    while (pos_ < text_.size() && text_[pos_] != '\n') {
      const char c = text_[pos_];
      if (c == quote && (pos_ + 1 == text_.size() || is_blank(text_[pos_ + 1]))) {
        advance();
        return t;
      }
      t.text += c;
      advance();
    }
    throw_input_error(name_, t.line, std::string("unterminated ") + quote + " quoted value");
  }

  StarToken bare() {
    const std::size_t start = pos_;
    StarToken t{StarToken::kValue, "", line_, false};
    while (pos_ < text_.size() && !is_blank(text_[pos_])) advance();
    const std::string_view word = text_.substr(start, pos_ - start);
    t.text = std::string(word);
    if (word[0] == '_') {
      t.kind = StarToken::kTag;
    } else if (starts_with_word(word, "data_")) {
      t.kind = StarToken::kDataBlock;
      t.text = std::string(word.substr(5));
    } else if (iequals(word, "save_")) {
      t.kind = StarToken::kSaveEnd;
    } else if (starts_with_word(word, "save_")) {
      t.kind = StarToken::kSaveBegin;
      t.text = std::string(word.substr(5));
    } else if (iequals(word, "loop_")) {
      t.kind = StarToken::kLoop;
    } else if (iequals(word, "stop_")) {
      t.kind = StarToken::kStop;
    } else if (starts_with_word(word, "global_")) {
      throw_input_error(name_, t.line, "global_ blocks are not part of NEF");
    }
    return t;
  }

  std::string_view text_;
  const std::string& name_;
  std::size_t pos_ = 0;
  int line_ = 1;
  bool at_line_start_ = true;
};

bool is_reserved_start(std::string_view v) {
  for (std::string_view word : {"data_", "save_", "loop_", "stop_", "global_"})
    if (starts_with_word(v, word)) return true;
  return false;
}

}  // namespace

std::vector<StarToken> tokenize_star(std::string_view text, const std::string& name) {
  return Tokenizer(text, name).run();
}

std::string star_value_text(std::string_view value) {
  if (value.empty()) return ".";
  bool blank = false, line_break = false;
  for (char c : value) {
    blank = blank || is_blank(c);
    line_break = line_break || c == '\n' || c == '\r';
  }
  const char first = value[0];
  const bool bare_ok = !blank && first != '_' && first != '#' && first != '\'' && first != '"' &&
                       first != ';' && value != "." && value != "?" && !is_reserved_start(value);
  if (bare_ok) return std::string(value);
  // A quote closes when whitespace follows it, so the quote must not appear before a blank.
  auto closes_early = [&value](char quote) {
    for (std::size_t i = 0; i + 1 < value.size(); ++i)
      if (value[i] == quote && is_blank(value[i + 1])) return true;
    return false;
  };
  if (!line_break && !closes_early('\'')) return "'" + std::string(value) + "'";
  if (!line_break && !closes_early('"')) return "\"" + std::string(value) + "\"";
  // A text field ends at a line starting with ';', so such lines cannot be inside one; they are
  // indented by a space (the only change a value ever gets here).
  std::string field = "\n;";
  bool line_start = true;
  for (char c : value) {
    if (line_start && c == ';') field += ' ';
    field += c;
    line_start = c == '\n';
  }
  return field + "\n;";
}

}  // namespace voigt::detail
