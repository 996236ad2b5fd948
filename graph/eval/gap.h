// GAP (gendered pronoun resolution): the data file and the scorer, as GAP's own scorer counts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace weft::eval {

struct GapExample {
  std::string id;
  std::string text;
  std::string pronoun;
  size_t pronoun_offset = 0;  // bytes into text (the file counts characters)
  std::string a;
  size_t a_offset = 0;
  bool a_coref = false;
  std::string b;
  size_t b_offset = 0;
  bool b_coref = false;
  uint64_t line = 0;
};

// Reads a GAP file: a header, then ID, Text, Pronoun, Pronoun-offset, A, A-offset, A-coref, B,
// B-offset, B-coref and URL, tab-separated. Character offsets become byte offsets. Throws
// InputError naming FILE:LINE for a line with the wrong number of fields, a bad offset or a
// coreference that is not TRUE or FALSE, and for a file without examples.
std::vector<GapExample> ReadGap(const std::string& path);

struct DecisionCounts {
  uint64_t tp = 0, fp = 0, fn = 0, tn = 0;
  double Precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 0; }
  double Recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct GapScore {
  DecisionCounts overall, masculine, feminine;
  uint64_t examples = 0;
  // Feminine F1 over masculine F1: 1 is unbiased.
  double Bias() const { return masculine.F1() > 0 ? feminine.F1() / masculine.F1() : 0; }
};

// Adds one example's two decisions (is the pronoun A? is it B?) to `score`.
void AddGap(const GapExample& example, bool a, bool b, GapScore* score);

}  // namespace weft::eval
