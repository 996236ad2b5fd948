// Where weft's data files (the trained models) are looked for.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace weft {

// The places a data file named `name` may be, in order: beside the code that is running (the
// weft binary, or the Python extension module when weft runs inside Python) and in
// ../share/weft from there, then beside the running executable and in its ../share/weft.
// Duplicates are left out; whether the files exist is the caller's question.
std::vector<std::string> DataFileCandidates(std::string_view name);

}  // namespace weft
