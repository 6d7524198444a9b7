// NEF assignments in a text label and back (the form is described in nef_assignment.h).
#include "io/nef_assignment.h"

#include "io/text_table.h"

namespace voigt::detail {
namespace {

std::string atom_label(const NefAtom& a) {
  if (a.empty()) return "";
  return a.chain_code + "." + a.sequence_code + "." + a.residue_name + "." + a.atom_name;
}

bool atom_from_label(std::string_view text, NefAtom* atom) {
  if (text.empty()) return true;
  const std::vector<std::string_view> f = split_on(text, '.');
  if (f.size() != 4) return false;
  for (std::string_view field : f)
    for (char c : field)
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return false;
  *atom = {std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3])};
  return !atom->empty();
}

}  // namespace

std::string nef_assignment_label(const std::vector<NefAssignment>& alternatives) {
  std::string label;
  bool any = false;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    if (i > 0) label += '|';
    label += atom_label(alternatives[i].x) + ";" + atom_label(alternatives[i].y);
    any = any || !alternatives[i].x.empty() || !alternatives[i].y.empty();
  }
  return any ? label : "";
}

bool nef_assignment_from_label(std::string_view label, std::vector<NefAssignment>* alternatives) {
  if (label.empty()) return false;
  std::vector<NefAssignment> out;
  for (std::string_view alternative : split_on(label, '|')) {
    const std::vector<std::string_view> xy = split_on(alternative, ';');
    NefAssignment a;
    if (xy.size() != 2 || !atom_from_label(xy[0], &a.x) || !atom_from_label(xy[1], &a.y))
      return false;
    out.push_back(std::move(a));
  }
  *alternatives = std::move(out);
  return true;
}

}  // namespace voigt::detail
