#include "graph/import/triple_reader.h"

#include <raptor2.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "graph/base/text.h"

namespace weft::import {

std::optional<Format> ParseFormatName(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "tsv") return Format::kTsv;
  if (n == "jsonl" || n == "json" || n == "ndjson") return Format::kJsonl;
  if (n == "nt" || n == "ntriples" || n == "n-triples") return Format::kNTriples;
  return std::nullopt;
}

std::optional<Format> FormatFromPath(std::string_view path) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  return ParseFormatName(path.substr(dot + 1));
}

namespace {

constexpr uint64_t kProgressEvery = 4096;

// Checks a term; returns an error reason or an empty string. `utf8_checked`: the text it came
// from is known to be valid UTF-8.
std::string CheckTerm(std::string_view what, std::string_view value, bool utf8_checked = false) {
  if (value.empty()) return std::string(what) + " is empty";
  if (utf8_checked) return {};
  if (auto bad = FindInvalidUtf8(value)) {
    return std::string(what) + " has invalid UTF-8 at byte " + std::to_string(*bad);
  }
  return {};
}

// TSV fields may escape tab, newline, carriage return and backslash with a backslash.
void UnescapeTsv(std::string_view field, std::string* out) {
  if (field.find('\\') == std::string_view::npos) {
    out->assign(field);
    return;
  }
  out->clear();
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 1 < field.size()) {
      char n = field[i + 1];
      if (n == 't' || n == 'n' || n == 'r' || n == '\\') {
        out->push_back(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : '\\');
        ++i;
        continue;
      }
    }
    out->push_back(field[i]);
  }
}

std::string UnescapeTsv(std::string_view field) {
  std::string out;
  UnescapeTsv(field, &out);
  return out;
}

// `fields` is scratch space the caller keeps between lines.
std::string ReadTsvLine(std::string_view line, StatementRecord* rec,
                        std::vector<std::string_view>& fields) {
  fields.clear();
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (fields.size() < 3) {
    return "expected at least 3 tab-separated columns (subject, predicate, object), found " +
           std::to_string(fields.size());
  }
  // Tabs and escapes are ASCII, so the fields of a line of valid UTF-8 are valid UTF-8: the
  // line is checked once, and the fields one by one only to name what is wrong.
  const bool utf8_checked = !FindInvalidUtf8(line);
  UnescapeTsv(fields[0], &rec->subject);
  UnescapeTsv(fields[1], &rec->predicate);
  UnescapeTsv(fields[2], &rec->object);
  for (auto [what, value] : {std::pair<const char*, const std::string*>{"subject", &rec->subject},
                             {"predicate", &rec->predicate},
                             {"object", &rec->object}}) {
    if (std::string err = CheckTerm(what, *value, utf8_checked); !err.empty()) return err;
  }
  for (size_t i = 3; i < fields.size(); ++i) {
    if (fields[i].empty()) continue;
    size_t eq = fields[i].find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return "column " + std::to_string(i + 1) + ": a qualifier is written role=value";
    }
    std::string role = UnescapeTsv(fields[i].substr(0, eq));
    std::string value = UnescapeTsv(fields[i].substr(eq + 1));
    if (role == "confidence") {
      char* end = nullptr;
      double c = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || !(c >= 0.0 && c <= 1.0)) {
        return "column " + std::to_string(i + 1) + ": confidence must be a number in [0, 1]";
      }
      rec->evidence.confidence = static_cast<float>(c);
      continue;
    }
    if (std::string err = CheckTerm("qualifier role", role, utf8_checked); !err.empty()) {
      return err;
    }
    if (std::string err = CheckTerm("qualifier value", value, utf8_checked); !err.empty()) {
      return err;
    }
    rec->qualifiers.push_back({std::move(role), std::move(value)});
  }
  NormaliseQualifiers(rec->qualifiers);
  return {};
}

std::string JsonString(const nlohmann::json& obj, const char* key, std::string* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::string("missing \"") + key + "\"";
  if (!it->is_string()) return std::string("\"") + key + "\" must be a string";
  *out = it->get<std::string>();
  return CheckTerm(key, *out);
}

// What a JSON line was: a statement, or one of the extraction records around statements.
enum class JsonKind { kStatement, kDocument, kEntity };

// The document and sentence a statement's source names ("" and nullopt when it names none).
struct JsonSource {
  std::string document;
  std::optional<uint64_t> sentence;
};

std::string ReadDocumentHeader(const nlohmann::json& obj, DocumentHeader* header) {
  if (std::string err = JsonString(obj, "document", &header->name); !err.empty()) return err;
  auto hash = obj.find("hash");
  if (hash == obj.end() || !hash->is_string() || hash->get<std::string>().empty())
    return "a document header needs \"hash\": the content hash, as a string";
  header->hash = hash->get<std::string>();
  return {};
}

std::string ReadEntity(const nlohmann::json& obj, EntityRecord* e) {
  if (std::string err = JsonString(obj, "entity", &e->name); !err.empty()) return err;
  std::string type;
  if (std::string err = JsonString(obj, "type", &type); !err.empty()) return err;
  std::optional<EntityType> t = ParseEntityType(type);
  if (!t) return "unknown entity type '" + type + "'";
  e->type = *t;
  if (auto it = obj.find("aliases"); it != obj.end() && !it->is_null()) {
    if (!it->is_array()) return "\"aliases\" must be an array of strings";
    for (const auto& a : *it) {
      if (!a.is_string()) return "\"aliases\" must be an array of strings";
      e->aliases.push_back(a.get<std::string>());
      if (std::string err = CheckTerm("alias", e->aliases.back()); !err.empty()) return err;
    }
  }
  if (auto it = obj.find("document"); it != obj.end() && it->is_string())
    e->document = it->get<std::string>();
  return {};
}

std::string ReadJsonStatement(const nlohmann::json& obj, StatementRecord* rec,
                              std::string* sentence, JsonSource* source);

std::string ReadJsonLine(std::string_view line, JsonKind* kind, StatementRecord* rec,
                         std::string* sentence, JsonSource* source, DocumentHeader* header,
                         EntityRecord* entity) {
  nlohmann::json obj = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (obj.is_discarded()) return "not valid JSON";
  if (!obj.is_object()) return "expected a JSON object";
  if (obj.contains("entity")) {
    *kind = JsonKind::kEntity;
    return ReadEntity(obj, entity);
  }
  if (obj.contains("document") && !obj.contains("subject")) {
    *kind = JsonKind::kDocument;
    return ReadDocumentHeader(obj, header);
  }
  *kind = JsonKind::kStatement;
  return ReadJsonStatement(obj, rec, sentence, source);
}

std::string ReadJsonStatement(const nlohmann::json& obj, StatementRecord* rec,
                              std::string* sentence, JsonSource* source) {
  for (const char* key : {"subject", "predicate", "object"}) {
    std::string* target = key[0] == 's'   ? &rec->subject
                          : key[0] == 'p' ? &rec->predicate
                                          : &rec->object;
    if (std::string err = JsonString(obj, key, target); !err.empty()) return err;
  }
  if (auto it = obj.find("qualifiers"); it != obj.end() && !it->is_null()) {
    if (!it->is_object()) return "\"qualifiers\" must be an object of role: value";
    for (auto& [role, value] : it->items()) {
      std::vector<std::string> values;
      if (value.is_string()) {
        values.push_back(value.get<std::string>());
      } else if (value.is_array()) {
        for (const auto& v : value) {
          if (!v.is_string()) return "qualifier \"" + role + "\" must be a string or strings";
          values.push_back(v.get<std::string>());
        }
      } else {
        return "qualifier \"" + role + "\" must be a string or strings";
      }
      if (std::string err = CheckTerm("qualifier role", role); !err.empty()) return err;
      for (std::string& v : values) {
        if (std::string err = CheckTerm("qualifier value", v); !err.empty()) return err;
        rec->qualifiers.push_back({role, std::move(v)});
      }
    }
  }
  NormaliseQualifiers(rec->qualifiers);
  if (auto it = obj.find("confidence"); it != obj.end() && !it->is_null()) {
    if (!it->is_number()) return "\"confidence\" must be a number";
    double c = it->get<double>();
    if (!(c >= 0.0 && c <= 1.0)) return "\"confidence\" must be in [0, 1]";
    rec->evidence.confidence = static_cast<float>(c);
  }
  if (auto it = obj.find("source"); it != obj.end() && !it->is_null()) {
    if (it->is_string()) {
      *sentence = it->get<std::string>();
    } else if (it->is_object()) {
      auto text = it->find("text");
      if (text != it->end() && text->is_string()) *sentence = text->get<std::string>();
      auto document = it->find("document");
      if (document != it->end() && document->is_string())
        source->document = document->get<std::string>();
      auto index = it->find("sentence");
      if (index != it->end()) {
        if (!index->is_number_unsigned() || index->get<uint64_t>() > UINT32_MAX)
          return "source \"sentence\" must be a sentence index >= 0";
        source->sentence = index->get<uint64_t>();
      }
      for (const char* key : {"begin", "end"}) {
        auto v = it->find(key);
        if (v == it->end()) continue;
        if (!v->is_number_unsigned()) return std::string("source \"") + key + "\" must be >= 0";
        uint64_t n = v->get<uint64_t>();
        if (n > UINT32_MAX) return std::string("source \"") + key + "\" is too large";
        (key[0] == 'b' ? rec->evidence.begin : rec->evidence.end) = static_cast<uint32_t>(n);
      }
    } else {
      return "\"source\" must be a string (the sentence) or an object";
    }
    if (auto bad = FindInvalidUtf8(*sentence)) {
      return "source text has invalid UTF-8 at byte " + std::to_string(*bad);
    }
  }
  return {};
}

void ReadLines(std::istream& in, Format format, RecordSink& sink) {
  LineReader reader(in, kMaxLineBytes);
  std::string line;
  std::vector<std::string_view> fields;
  StatementRecord rec;
  std::string sentence;
  bool first = true;
  std::optional<std::string> document;  // the document whose records these are (extraction)
  for (;;) {
    if (sink.ShouldStop()) return;
    LineReader::Result r = reader.Next(&line);
    if (r == LineReader::Result::kEnd) break;
    if (reader.line_number() % kProgressEvery == 0) sink.OnProgress(reader.bytes_read());
    if (r == LineReader::Result::kTooLong) {
      sink.OnBadLine(reader.line_number(),
                     "line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB");
      first = false;
      continue;
    }
    std::string_view view = line;
    if (first && view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);  // byte-order mark
    bool header = first && format == Format::kTsv && view.starts_with("subject\tpredicate\tobject");
    first = false;
    if (header || TrimView(view).empty() || view.starts_with('#')) continue;
    // The record and sentence are reused from line to line: their strings keep their memory.
    rec.qualifiers.clear();
    rec.evidence = Evidence();
    rec.evidence.sentence =
        static_cast<uint32_t>(std::min<uint64_t>(reader.line_number(), UINT32_MAX));
    sentence.clear();
    if (format == Format::kTsv) {
      if (std::string err = ReadTsvLine(view, &rec, fields); !err.empty()) {
        sink.OnBadLine(reader.line_number(), err);
        continue;
      }
      sink.OnRecord(rec, sentence);
      continue;
    }
    JsonKind kind = JsonKind::kStatement;
    JsonSource source;
    DocumentHeader opened;
    EntityRecord entity;
    std::string err = ReadJsonLine(view, &kind, &rec, &sentence, &source, &opened, &entity);
    if (err.empty() && kind == JsonKind::kStatement && document) {
      if (source.document != *document) {
        err = "the source names document '" + source.document + "', not '" + *document +
              "' whose records these are";
      } else if (!source.sentence) {
        err = "the source gives no sentence index";
      } else {
        rec.evidence.sentence = static_cast<uint32_t>(*source.sentence);
      }
    }
    if (err.empty() && kind == JsonKind::kEntity) {
      if (!document) {
        err = "an entity record before any document header";
      } else if (!entity.document.empty() && entity.document != *document) {
        err = "the entity names document '" + entity.document + "', not '" + *document +
              "' whose records these are";
      }
    }
    if (!err.empty()) {
      sink.OnBadLine(reader.line_number(), err);
      continue;
    }
    switch (kind) {
      case JsonKind::kStatement:
        sink.OnRecord(rec, sentence);
        break;
      case JsonKind::kDocument:
        opened.line = reader.line_number();
        document = opened.name;
        sink.OnDocument(opened);
        break;
      case JsonKind::kEntity:
        sink.OnEntity(entity);
        break;
    }
  }
  sink.OnProgress(reader.bytes_read());
  if (in.bad()) throw std::runtime_error("read error");
}

// The parts of a raptor parse that its C callbacks reach.
struct RaptorContext {
  RecordSink* sink;
  uint64_t bad_line = 0;  // the last line reported, so one line gives one report
};

std::string TermText(raptor_term* term) {
  switch (term->type) {
    case RAPTOR_TERM_TYPE_URI:
      return reinterpret_cast<const char*>(raptor_uri_as_string(term->value.uri));
    case RAPTOR_TERM_TYPE_LITERAL:
      return std::string(reinterpret_cast<const char*>(term->value.literal.string),
                         term->value.literal.string_len);
    case RAPTOR_TERM_TYPE_BLANK:
      return "_:" + std::string(reinterpret_cast<const char*>(term->value.blank.string),
                                term->value.blank.string_len);
    default:
      return {};
  }
}

void OnRaptorStatement(void* user_data, raptor_statement* triple) {
  auto* ctx = static_cast<RaptorContext*>(user_data);
  StatementRecord rec;
  rec.subject = TermText(triple->subject);
  rec.predicate = TermText(triple->predicate);
  rec.object = TermText(triple->object);
  // raptor does not expose a per-statement line in the handler; the locator is read instead.
  rec.evidence.sentence = 0;
  for (auto [what, value] : {std::pair<const char*, const std::string*>{"subject", &rec.subject},
                             {"predicate", &rec.predicate},
                             {"object", &rec.object}}) {
    if (std::string err = CheckTerm(what, *value); !err.empty()) {
      ctx->sink->OnBadLine(0, err);
      return;
    }
  }
  if (triple->object->type == RAPTOR_TERM_TYPE_LITERAL && triple->object->value.literal.language) {
    rec.qualifiers.push_back(
        {"lang", reinterpret_cast<const char*>(triple->object->value.literal.language)});
  }
  ctx->sink->OnRecord(rec, {});
}

void OnRaptorLog(void* user_data, raptor_log_message* message) {
  auto* ctx = static_cast<RaptorContext*>(user_data);
  if (message->level < RAPTOR_LOG_LEVEL_WARN) return;
  uint64_t line = message->locator && message->locator->line > 0
                      ? static_cast<uint64_t>(message->locator->line)
                      : 0;
  if (line != 0 && line == ctx->bad_line) return;
  ctx->bad_line = line;
  ctx->sink->OnBadLine(line, message->text ? message->text : "N-Triples syntax error");
}

void ReadNTriples(std::istream& in, RecordSink& sink) {
  RaptorContext ctx{&sink};
  std::unique_ptr<raptor_world, decltype(&raptor_free_world)> world(raptor_new_world(),
                                                                    &raptor_free_world);
  if (!world || raptor_world_open(world.get()) != 0) throw std::runtime_error("raptor failed");
  raptor_world_set_log_handler(world.get(), &ctx, &OnRaptorLog);
  std::unique_ptr<raptor_parser, decltype(&raptor_free_parser)> parser(
      raptor_new_parser(world.get(), "ntriples"), &raptor_free_parser);
  if (!parser) throw std::runtime_error("raptor has no N-Triples parser");
  raptor_parser_set_statement_handler(parser.get(), &ctx, &OnRaptorStatement);
  std::unique_ptr<raptor_uri, decltype(&raptor_free_uri)> base(
      raptor_new_uri(world.get(), reinterpret_cast<const unsigned char*>("file:///import")),
      &raptor_free_uri);
  if (raptor_parser_parse_start(parser.get(), base.get()) != 0) {
    throw std::runtime_error("raptor could not start");
  }
  // Feed whole lines so that a line never straddles two chunks the parser sees apart.
  LineReader reader(in, kMaxLineBytes);
  std::string line, chunk;
  for (;;) {
    if (sink.ShouldStop()) return;
    LineReader::Result r = reader.Next(&line);
    if (r == LineReader::Result::kEnd) break;
    if (r == LineReader::Result::kTooLong) {
      line = "# (line skipped: too long)";
      sink.OnBadLine(reader.line_number(), "line longer than 1 MiB");
    }
    chunk += line;
    chunk += '\n';
    if (chunk.size() >= (256u << 10)) {
      raptor_parser_parse_chunk(parser.get(), reinterpret_cast<const unsigned char*>(chunk.data()),
                                chunk.size(), 0);
      chunk.clear();
      sink.OnProgress(reader.bytes_read());
    }
  }
  raptor_parser_parse_chunk(parser.get(), reinterpret_cast<const unsigned char*>(chunk.data()),
                            chunk.size(), 1);
  sink.OnProgress(reader.bytes_read());
}

}  // namespace

void ReadRecords(std::istream& in, Format format, RecordSink& sink) {
  if (format == Format::kNTriples) {
    ReadNTriples(in, sink);
  } else {
    ReadLines(in, format, sink);
  }
}

}  // namespace weft::import
