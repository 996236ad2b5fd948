#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "graph/base/error.h"
#include "graph/base/text.h"
#include "graph/export/export.h"
#include "graph/export/viewer_assets.h"

namespace weft::graph {

namespace {

// The page: the graph drawn with Cytoscape.js's force layout, colours by entity type, a legend,
// a search box, predicate filters, and a panel with the statement behind a clicked edge. Names
// reach the page only as JSON data and are shown with textContent, never as markup.
constexpr const char* kPageHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>weft graph</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px system-ui, sans-serif; color: #222; }
  #cy { position: absolute; left: 0; top: 0; right: 320px; bottom: 0; background: #fafafa; }
  #side { position: absolute; top: 0; right: 0; width: 300px; bottom: 0; padding: 10px;
          overflow: auto; border-left: 1px solid #ddd; background: #fff; }
  h1 { font-size: 16px; margin: 0 0 8px; }
  input[type=search] { width: 100%; box-sizing: border-box; padding: 4px; }
  .legend span { display: inline-block; margin-right: 10px; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; }
  #preds label { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  #details { margin-top: 10px; padding-top: 8px; border-top: 1px solid #ddd; }
  #details dt { font-weight: 600; } #details dd { margin: 0 0 6px 0; }
</style>
</head>
<body data-ready="0">
<div id="cy"></div>
<div id="side">
  <h1>weft graph</h1>
  <div id="counts"></div>
  <p><input id="search" type="search" placeholder="Find an entity"></p>
  <div class="legend" id="legend"></div>
  <p><label><input id="named" type="checkbox"> named entities only</label></p>
  <h1 style="margin-top:10px">Predicates</h1>
  <div id="preds"></div>
  <div id="details">Click a statement (an edge) to see it with its qualifiers and sources.</div>
</div>
<script id="weft-data" type="application/json">)";

constexpr const char* kPageScript = R"(</script>
<script>
(function () {
  const data = JSON.parse(document.getElementById('weft-data').textContent);
  const colours = {organisation: '#1f77b4', person: '#d62728', place: '#2ca02c', misc: '#9467bd',
      concept: '#bcbd22', money: '#ff9896', percent: '#c5b0d5', date: '#17becf', quantity: '#c49c94',
      other: '#7f7f7f'};
  const elements = [];
  for (const n of data.nodes) elements.push({group: 'nodes', data: n});
  for (const e of data.edges) elements.push({group: 'edges', data: e});
  const cy = cytoscape({
    container: document.getElementById('cy'),
    elements: elements,
    style: [
      {selector: 'node', style: {'label': 'data(label)', 'font-size': 10, 'width': 14, 'height': 14,
        'background-color': (n) => colours[n.data('type')] || colours.other}},
      {selector: 'edge', style: {'label': 'data(label)', 'font-size': 8, 'width': 1.5,
        'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#bbb',
        'target-arrow-color': '#bbb', 'color': '#555'}},
      {selector: '.hidden', style: {'display': 'none'}},
      {selector: '.match', style: {'border-width': 3, 'border-color': '#ff7f0e'}},
      {selector: 'edge:selected', style: {'line-color': '#ff7f0e', 'target-arrow-color': '#ff7f0e'}}
    ],
    layout: {name: 'cose', animate: false, randomize: false, nodeRepulsion: 8000}
  });
  const text = (tag, value) => { const el = document.createElement(tag); el.textContent = value; return el; };
  document.getElementById('counts').textContent =
      data.nodes.length + ' entities, ' + data.edges.length + ' statements';
  const legend = document.getElementById('legend');
  const present = new Set(data.nodes.map((n) => n.type));
  for (const [type, colour] of Object.entries(colours)) {
    if (!present.has(type)) continue;
    const item = document.createElement('span');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colour;
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(type));
    legend.appendChild(item);
  }
  const preds = document.getElementById('preds');
  const labels = [...new Set(data.edges.map((e) => e.label))].sort();
  for (const label of labels) {
    const row = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', () => {
      cy.edges().filter((e) => e.data('label') === label).toggleClass('hidden', !box.checked);
    });
    row.appendChild(box);
    row.appendChild(document.createTextNode(' ' + label));
    preds.appendChild(row);
  }
  // People, organisations, places and misc names; concepts and values hide with their edges.
  const namedTypes = new Set(['person', 'organisation', 'place', 'misc']);
  const namedBox = document.getElementById('named');
  const showNamed = (only) => {
    const others = cy.nodes().filter((n) => !namedTypes.has(n.data('type')));
    others.toggleClass('hidden', only);
    others.connectedEdges().toggleClass('hidden', only);
    document.body.dataset.visible = String(cy.nodes().not('.hidden').length);
  };
  namedBox.addEventListener('change', (ev) => showNamed(ev.target.checked));
  // graph.html#named opens with the filter on.
  namedBox.checked = location.hash === '#named';
  showNamed(namedBox.checked);
  document.getElementById('search').addEventListener('input', (ev) => {
    const q = ev.target.value.toLowerCase();
    cy.nodes().removeClass('match');
    if (!q) return;
    const hits = cy.nodes().filter((n) => String(n.data('label')).toLowerCase().includes(q));
    hits.addClass('match');
    if (hits.length) cy.animate({fit: {eles: hits, padding: 80}}, {duration: 300});
  });
  cy.on('tap', 'edge', (ev) => {
    const e = ev.target.data();
    const details = document.getElementById('details');
    details.replaceChildren();
    const dl = document.createElement('dl');
    const add = (k, v) => { dl.appendChild(text('dt', k)); dl.appendChild(text('dd', v)); };
    add('statement', cy.getElementById(e.source).data('label') + ' \u2014' + e.label + '\u2192 ' +
        cy.getElementById(e.target).data('label'));
    for (const [role, value] of Object.entries(e.qualifiers || {})) add(role, value);
    add('confidence', String(e.confidence));
    add('support', String(e.support));
    if (e.sources) add('sources', e.sources);
    for (const s of e.sentences || []) add('sentence', s);
    details.appendChild(dl);
  });
  document.body.dataset.ready = String(cy.nodes().length);
})();
</script>
</body>
</html>
)";

// JSON for a <script> element: "</" cannot end the element early, and U+2028/9 stay escaped.
std::string ScriptSafe(const nlohmann::json& j) {
  std::string s = j.dump(-1, ' ', /*ensure_ascii=*/true);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      out += "\\u003c";
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

void WriteHtml(const Graph& g, const ExportSelection& selection, const ExportOptions& options,
               std::ostream& out) {
  if (kCytoscapeJsSize == 0) {
    throw Error(
        "this weft was built without the HTML viewer's Cytoscape.js; run scripts/setup-deps "
        "and rebuild");
  }
  std::vector<bool> keep(g.num_vertices(), selection.edges == nullptr);
  std::vector<EdgeId> edges;
  if (selection.edges) {
    edges = *selection.edges;
  } else {
    for (EdgeId e = 0; e < g.num_edges(); ++e) edges.push_back(e);
  }
  for (EdgeId e : edges) keep[g.Source(e)] = keep[g.Target(e)] = true;
  if (selection.vertices) {
    for (VertexId v : *selection.vertices) keep[v] = true;
  }
  nlohmann::json data = {{"nodes", nlohmann::json::array()}, {"edges", nlohmann::json::array()}};
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    if (!keep[v]) continue;
    data["nodes"].push_back({{"id", "n" + std::to_string(v)},
                             {"label", SanitiseUtf8(g.VertexName(v))},
                             {"type", EntityTypeName(g.VertexType(v))}});
  }
  for (EdgeId e : edges) {
    nlohmann::json q = nlohmann::json::object();
    for (const QualifierRef& r : g.Qualifiers(e)) {
      q[SanitiseUtf8(g.String(r.role))] = SanitiseUtf8(g.String(r.value));
    }
    nlohmann::json edge = {
        {"id", "e" + std::to_string(e)},
        {"source", "n" + std::to_string(g.Source(e))},
        {"target", "n" + std::to_string(g.Target(e))},
        {"label", SanitiseUtf8(g.LabelName(g.Label(e)))},
        {"qualifiers", q},
        {"confidence", std::round(static_cast<double>(g.Confidence(e)) * 1e3) / 1e3},
        {"support", g.Support(e)}};
    if (options.sources) edge["sources"] = SanitiseUtf8(options.sources(g.Statement(e)));
    if (options.sentences) {
      nlohmann::json list = nlohmann::json::array();
      for (const std::string& s : options.sentences(g.Statement(e)))
        list.push_back(SanitiseUtf8(s));
      edge["sentences"] = list;
    }
    data["edges"].push_back(std::move(edge));
  }
  out << kPageHead << ScriptSafe(data) << "</script>\n<script>";
  out.write(kCytoscapeJs, static_cast<std::streamsize>(kCytoscapeJsSize));
  out << kPageScript;
}

}  // namespace weft::graph
