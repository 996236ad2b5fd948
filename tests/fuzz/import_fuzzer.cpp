// libFuzzer target: the TSV, JSON Lines and N-Triples readers. The first byte picks the format.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "graph/import/triple_reader.h"

namespace {

struct Discard : weft::import::RecordSink {
  void OnRecord(const weft::StatementRecord&, std::string_view) override {}
  void OnBadLine(uint64_t, const std::string&) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  weft::import::Format format = data[0] % 3 == 0   ? weft::import::Format::kTsv
                                : data[0] % 3 == 1 ? weft::import::Format::kJsonl
                                                   : weft::import::Format::kNTriples;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  Discard sink;
  try {
    weft::import::ReadRecords(in, format, sink);
  } catch (const std::exception&) {
  }
  return 0;
}
