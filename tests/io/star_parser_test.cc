// The STAR subset NEF uses: tokens (quotes, comments, text fields), save frames and loops, and
// errors that name the line.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "io/star.h"

namespace voigt::detail {
namespace {

std::string ErrorOf(const std::string& text) {
  try {
    parse_star(text, "f.nef");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(StarTokenizer, QuotesCloseOnlyBeforeWhitespace) {
  const auto t = tokenize_star("data_x 'it's' \"a \"b\"c\" H5'' '.' . ? # comment 'x\n", "f");
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].kind, StarToken::kDataBlock);
  EXPECT_EQ(t[0].text, "x");
  EXPECT_EQ(t[1].text, "it's");
  EXPECT_EQ(t[2].text, "a \"b\"c");
  EXPECT_EQ(t[3].text, "H5''");  // a quote inside a bare value is part of it
  EXPECT_FALSE(t[3].quoted);
  EXPECT_TRUE(t[4].quoted);
  EXPECT_EQ(t[4].text, ".");
  EXPECT_FALSE(t[5].quoted);
  EXPECT_EQ(t[6].text, "?");
}

TEST(StarTokenizer, TextFieldRunsBetweenLinesStartingWithSemicolon) {
  const auto t = tokenize_star("data_x\n_a\n;first\n  second; not the end\n;\n_b 1\n", "f");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[2].text, "first\n  second; not the end");
  EXPECT_TRUE(t[2].quoted);
  EXPECT_EQ(t[2].line, 3);
  EXPECT_EQ(t[4].line, 6);
}

TEST(StarTokenizer, ValueTextReadsBackAsTheSameValue) {
  for (const std::string v : {"ALA", "", ".", "?", "it's", "a b", "x' y", "x' \"y\" z", "_tag",
                              "#5", "data_block", "Save_x", "two\nlines", "a' b\n;c", "H5''"}) {
    const std::string text = "data_x save_f _t " + star_value_text(v) + " save_\n";
    const StarDataBlock b = parse_star(text, "f");
    ASSERT_EQ(b.frames.size(), 1u) << v;
    const StarValue* got = b.frames[0].item("_t");
    ASSERT_NE(got, nullptr) << v;
    if (v.empty()) {
      EXPECT_TRUE(got->is_null());
    } else {
      EXPECT_EQ(got->text, v == "a' b\n;c" ? "a' b\n ;c" : v) << star_value_text(v);
      EXPECT_FALSE(got->is_null()) << v;
    }
  }
}

TEST(StarParser, ReadsItemsAndLoopsOfSaveFrames) {
  const StarDataBlock b = parse_star(
      "# header\ndata_nef_p\n\nsave_one\n  _c.sf_category one  # a comment\n  loop_\n"
      "    _l.a\n    _l.b\n    1 'x y'\n    2 .\n  stop_\n  loop_ _m.z stop_\nsave_\n"
      "save_two\nsave_\n",
      "f");
  EXPECT_EQ(b.name, "nef_p");
  ASSERT_EQ(b.frames.size(), 2u);
  const StarSaveFrame& f = b.frames[0];
  EXPECT_EQ(f.line, 4);
  EXPECT_EQ(f.item("_C.SF_CATEGORY")->text, "one");  // tags are case-blind
  const StarLoop* l = f.loop("_l");
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->num_rows(), 2u);
  EXPECT_EQ(l->at(0, l->column("_l.b")).text, "x y");
  EXPECT_TRUE(l->at(1, 1).is_null());
  EXPECT_EQ(l->at(1, 0).line, 10);
  EXPECT_EQ(f.loop("_m")->num_rows(), 0u);  // an empty loop is allowed
  EXPECT_EQ(f.loop("_n"), nullptr);
}

TEST(StarParser, ErrorsNameTheFileAndLine) {
  EXPECT_EQ(ErrorOf("data_x\nsave_f\n _a 'open\nsave_\n"), "f.nef:3: unterminated ' quoted value");
  EXPECT_EQ(ErrorOf("data_x\nsave_f\n _a\n;never closed\n"),
            "f.nef:4: text field opened by ';' is never closed by a line starting with ';'");
  EXPECT_EQ(ErrorOf("data_x\nsave_f\nloop_\n_l.a\n_l.b\n1 2\n3\nstop_\nsave_\n"),
            "f.nef:7: loop_ of line 3 has 3 values for 2 tags; the row starting here has 1 of "
            "its 2 values");
  EXPECT_EQ(ErrorOf("data_x\nsave_f\nloop_\n_l.a\n1\nsave_\n"),
            "f.nef:6: loop_ of line 3 ends at save_ instead of stop_");
  EXPECT_EQ(ErrorOf("data_x\n_a 1\n"), "f.nef:2: tag '_a' outside a save frame");
  EXPECT_EQ(ErrorOf("data_x\nsave_f\n_a 1\n"), "f.nef:2: save_f is never closed by save_");
  EXPECT_EQ(ErrorOf("data_x\nsave_f\n_a 1\n_a 2\nsave_\n"), "f.nef:4: tag _a given twice");
  EXPECT_EQ(ErrorOf("data_x\nsave_f\n_a\nsave_\n"), "f.nef:3: tag _a has no value");
  EXPECT_EQ(ErrorOf("save_f\n"), "f.nef:1: expected data_NAME first, found save_f");
  EXPECT_EQ(ErrorOf("data_a\ndata_b\n"), "f.nef:2: second data_ block (NEF has one per file)");
  EXPECT_EQ(ErrorOf("global_\n"), "f.nef:1: global_ blocks are not part of NEF");
  EXPECT_EQ(ErrorOf("# only a comment\n"), "f.nef: empty (no data_ block)");
}

}  // namespace
}  // namespace voigt::detail
