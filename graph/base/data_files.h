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

// Where a model is looked for: the file the environment variable `env` names, alone, when it is
// set; else DataFileCandidates(name) and then `source_path` (the source tree's copy; may be
// null).
std::vector<std::string> ModelSearchPath(const char* env, std::string_view name,
                                         const char* source_path);

}  // namespace weft
