// Documents from paths: files, directories, standard input and JSON Lines records, as text.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace weft::cli {

// One document to extract from: a file, standard input, or a JSON Lines record.
struct InputDocument {
  std::string name;
  std::string text;
  std::string hash;  // ContentHash(text), filled in by ingest
};

// Expands paths (files, directories recursively, "-") into documents, calling fn for each.
// Problems (missing files, binary data, bad records) are reported on stderr and counted in
// *problems; invalid UTF-8 is replaced and reported unless `quiet`.
void ForEachDocument(const std::vector<std::string>& paths, bool quiet, uint64_t* problems,
                     const std::function<void(InputDocument)>& fn);

}  // namespace weft::cli
