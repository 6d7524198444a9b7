// How a NEF peak's assignment (chain, sequence code, residue name and atom name per dimension,
// possibly several alternatives) travels in the one text field Peak::assignment and
// PeakResult::assignment carry, so that a NEF list read, fitted and written again keeps it:
//   "A.12.GLY.H;A.12.GLY.N"          x (1H) atom, ';', y atom, each chain.sequence.residue.atom
//   "A.12.GLY.H;A.12.GLY.N|A.40.ALA.H;A.40.ALA.N"   alternatives (ambiguous peak) joined by '|'
// A dimension without assignment is empty ("A.12.GLY.H;"), a null field inside an atom too
// ("..GLY.H"). The form reads at a glance in the CSV and table, and needs no quoting in CSV.
#ifndef VOIGT_INTERNAL_IO_NEF_ASSIGNMENT_H_
#define VOIGT_INTERNAL_IO_NEF_ASSIGNMENT_H_

#include <string>
#include <string_view>
#include <vector>

namespace voigt::detail {

struct NefAtom {
  std::string chain_code, sequence_code, residue_name, atom_name;  // "" = null
  bool empty() const {
    return chain_code.empty() && sequence_code.empty() && residue_name.empty() &&
           atom_name.empty();
  }
};

struct NefAssignment {
  NefAtom x, y;
};

// The label of `alternatives`; "" when every atom is empty. Fields holding '.', ';', '|' or
// whitespace make a label that nef_assignment_from_label does not accept (then the NEF writer
// keeps the label in its own column instead).
std::string nef_assignment_label(const std::vector<NefAssignment>& alternatives);

// The alternatives of a label in the form above; false (and `alternatives` untouched) for any
// other label ("G12N-H", "peak 7").
bool nef_assignment_from_label(std::string_view label, std::vector<NefAssignment>* alternatives);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_IO_NEF_ASSIGNMENT_H_
