#include <fmt/format.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/random_layout.hpp>
#include <boost/graph/topology.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <unordered_map>

#include "graph/base/error.h"
#include "graph/base/text.h"
#include "graph/base/union_find.h"
#include "graph/export/export.h"
#include "graph/export/viewer_assets.h"
#include "graph/snapshot/algorithms.h"

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
  <input id="predsearch" type="search" placeholder="Filter predicates">
  <p><button id="all">all</button> <button id="none">none</button></p>
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
  // Positions come laid out from weft (a force-directed layout computed at export time), so the
  // page paints at once instead of running a layout on its main thread.
  for (const n of data.nodes) elements.push({group: 'nodes', data: n, position: {x: n.x, y: n.y}});
  for (const e of data.edges) elements.push({group: 'edges', data: e});
  const cy = cytoscape({
    container: document.getElementById('cy'),
    elements: elements,
    style: [
      // Plain data-driven styles (no per-element functions): the page paints thousands of
      // nodes at once.
      {selector: 'node', style: {'label': '', 'font-size': 10, 'width': 'data(size)',
        'height': 'data(size)', 'background-color': colours.other}},
      ...Object.entries(colours).map(([type, colour]) =>
        ({selector: 'node[type = "' + type + '"]', style: {'background-color': colour}})),
      // Labels for the most important entities, and for any node under the pointer.
      {selector: 'node[rank < 60], node.hover, node.match, node:selected',
        style: {'label': 'data(label)', 'z-index': 10}},
      {selector: 'edge', style: {'font-size': 8, 'width': 1.2,
        'curve-style': 'haystack', 'line-color': '#ccc', 'color': '#555'}},
      {selector: 'edge.hover, edge:selected', style: {'label': 'data(label)',
        'curve-style': 'bezier', 'target-arrow-shape': 'triangle'}},
      {selector: '.hidden', style: {'display': 'none'}},
      {selector: '.match', style: {'border-width': 3, 'border-color': '#ff7f0e'}},
      {selector: 'edge:selected', style: {'line-color': '#ff7f0e', 'target-arrow-color': '#ff7f0e'}}
    ],
    layout: {name: 'preset', fit: true, padding: 20},
    pixelRatio: 1,
    textureOnViewport: true,
    hideEdgesOnViewport: data.edges.length > 2000
  });
  cy.on('mouseover', 'node, edge', (ev) => ev.target.addClass('hover'));
  cy.on('mouseout', 'node, edge', (ev) => ev.target.removeClass('hover'));
  const text = (tag, value) => { const el = document.createElement(tag); el.textContent = value; return el; };
  document.getElementById('counts').textContent =
      data.nodes.length + ' entities, ' + data.edges.length + ' statements' +
      (data.omitted ? '; not shown: ' + data.omitted.nodes + ' less connected entities and ' +
       data.omitted.edges + ' statements (narrow with weft export --around or --query, ' +
       'or browse all of it with weft serve)' : '');
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
  // Predicates, most used first, with a filter box and all/none.
  const preds = document.getElementById('preds');
  const counts = new Map();
  for (const e of data.edges) counts.set(e.label, (counts.get(e.label) || 0) + 1);
  const labels = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || (a < b ? -1 : 1));
  const hidden = new Set();
  const apply = () => {
    cy.batch(() => {
      cy.edges().forEach((e) => { e.toggleClass('hidden', hidden.has(e.data('label'))); });
    });
  };
  const boxes = [];
  for (const label of labels) {
    const row = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(label); else hidden.add(label);
      apply();
    });
    boxes.push([label, box, row]);
    row.appendChild(box);
    row.appendChild(document.createTextNode(' ' + label + ' (' + counts.get(label) + ')'));
    preds.appendChild(row);
  }
  document.getElementById('predsearch').addEventListener('input', (ev) => {
    const q = ev.target.value.toLowerCase();
    for (const [label, , row] of boxes) row.style.display = label.toLowerCase().includes(q) ? '' : 'none';
  });
  const setAll = (on) => {
    for (const [label, box, row] of boxes) {
      if (row.style.display === 'none') continue;  // all/none apply to what the filter shows
      box.checked = on;
      if (on) hidden.delete(label); else hidden.add(label);
    }
    apply();
  };
  document.getElementById('all').addEventListener('click', () => setAll(true));
  document.getElementById('none').addEventListener('click', () => setAll(false));
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
  // When the first frame with the graph is drawn, in milliseconds since navigation began.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    document.body.dataset.painted = String(Math.round(performance.now()));
  }));
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

namespace {

// Iterations of the force-directed layout; its cost is linear in them.
constexpr int kLayoutIterations = 120;
// Room per vertex on the layout's square, in page pixels.
constexpr double kLayoutSpacing = 45;

// Positions for a connected set of `n` vertices from Boost's Fruchterman-Reingold force-directed
// layout with grid-based repulsion (near linear per iteration), seeded so that an export is
// reproducible. Coordinates are relative to the component's top-left corner.
std::vector<std::pair<double, double>> LayoutComponent(
    size_t n, const std::vector<std::pair<size_t, size_t>>& links) {
  std::vector<std::pair<double, double>> out(n, {0, 0});
  if (n < 2) return out;
  using Topology = boost::square_topology<std::minstd_rand>;
  using LayoutGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  LayoutGraph lg(n);
  for (const auto& [a, b] : links) {
    if (a != b) boost::add_edge(a, b, lg);
  }
  std::minstd_rand rng(42);
  // Room enough that the walls of the square rarely stop a vertex.
  Topology topology(rng, 1.5 * kLayoutSpacing * std::sqrt(static_cast<double>(n)));
  std::vector<Topology::point_type> points(n);
  auto position =
      boost::make_iterator_property_map(points.begin(), boost::get(boost::vertex_index, lg));
  boost::random_graph_layout(lg, position, topology);
  boost::fruchterman_reingold_force_directed_layout(
      lg, position, topology, boost::cooling(boost::linear_cooling<double>(kLayoutIterations)));
  double min_x = points[0][0], min_y = points[0][1];
  for (const auto& p : points) {
    min_x = std::min(min_x, p[0]);
    min_y = std::min(min_y, p[1]);
  }
  for (size_t i = 0; i < n; ++i) out[i] = {points[i][0] - min_x, points[i][1] - min_y};
  return out;
}

// Lays out each weakly connected component on its own and packs them in rows, largest first: a
// force layout of a fragmented graph on one square pushes the fragments against its walls.
std::vector<std::pair<double, double>> Layout(size_t n,
                                              const std::vector<std::pair<size_t, size_t>>& links) {
  UnionFind sets(n);
  for (const auto& [a, b] : links) sets.Unite(a, b);
  std::unordered_map<size_t, std::vector<size_t>> members;
  for (size_t i = 0; i < n; ++i) members[sets.Find(i)].push_back(i);
  std::vector<std::vector<size_t>> components;
  for (auto& [root, list] : members) components.push_back(std::move(list));
  std::sort(components.begin(), components.end(), [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() > b.size() : a.front() < b.front();
  });
  std::vector<size_t> local(n);
  std::vector<std::vector<std::pair<size_t, size_t>>> component_links(components.size());
  std::vector<size_t> component_of(n);
  for (size_t c = 0; c < components.size(); ++c) {
    for (size_t i = 0; i < components[c].size(); ++i) {
      local[components[c][i]] = i;
      component_of[components[c][i]] = c;
    }
  }
  for (const auto& [a, b] : links) {
    component_links[component_of[a]].emplace_back(local[a], local[b]);
  }
  struct Placed {
    std::vector<std::pair<double, double>> at;
    double width = 0, height = 0;
  };
  std::vector<Placed> placed(components.size());
  double area = 0;
  for (size_t c = 0; c < components.size(); ++c) {
    placed[c].at = LayoutComponent(components[c].size(), component_links[c]);
    for (const auto& [x, y] : placed[c].at) {
      placed[c].width = std::max(placed[c].width, x);
      placed[c].height = std::max(placed[c].height, y);
    }
    area += (placed[c].width + kLayoutSpacing) * (placed[c].height + kLayoutSpacing);
  }
  const double row_width = std::max(placed.empty() ? 0.0 : placed[0].width, 1.3 * std::sqrt(area));
  std::vector<std::pair<double, double>> out(n);
  double x = 0, y = 0, row_height = 0;
  for (size_t c = 0; c < components.size(); ++c) {
    if (x > 0 && x + placed[c].width > row_width) {
      x = 0;
      y += row_height + kLayoutSpacing;
      row_height = 0;
    }
    for (size_t i = 0; i < components[c].size(); ++i) {
      out[components[c][i]] = {x + placed[c].at[i].first, y + placed[c].at[i].second};
    }
    x += placed[c].width + kLayoutSpacing;
    row_height = std::max(row_height, placed[c].height);
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
  std::vector<VertexId> vertices;
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    if (keep[v]) vertices.push_back(v);
  }
  // Most important first: named entities, then PageRank over the whole graph (computed only when
  // the page must leave some out), then degree.
  std::vector<double> rank;
  if (options.max_html_nodes > 0 && vertices.size() > options.max_html_nodes) rank = PageRank(g);
  auto importance = [&](VertexId a, VertexId b) {
    if (IsNamedType(g.VertexType(a)) != IsNamedType(g.VertexType(b)))
      return IsNamedType(g.VertexType(a));
    if (!rank.empty() && rank[a] != rank[b]) return rank[a] > rank[b];
    size_t da = g.InDegree(a) + g.OutDegree(a), db = g.InDegree(b) + g.OutDegree(b);
    if (da != db) return da > db;
    return a < b;
  };
  std::sort(vertices.begin(), vertices.end(), importance);
  const size_t all_vertices = vertices.size(), all_edges = edges.size();
  if (options.max_html_nodes > 0 && vertices.size() > options.max_html_nodes) {
    for (size_t i = options.max_html_nodes; i < vertices.size(); ++i) keep[vertices[i]] = false;
    vertices.resize(options.max_html_nodes);
    std::erase_if(edges, [&](EdgeId e) { return !keep[g.Source(e)] || !keep[g.Target(e)]; });
  }
  std::unordered_map<VertexId, size_t> index;
  for (size_t i = 0; i < vertices.size(); ++i) index.emplace(vertices[i], i);
  std::vector<std::pair<size_t, size_t>> links;
  links.reserve(edges.size());
  for (EdgeId e : edges) links.emplace_back(index.at(g.Source(e)), index.at(g.Target(e)));
  std::vector<std::pair<double, double>> at = Layout(vertices.size(), links);
  // A node's size grows with its degree on the page, as the square root, within 10 to 40 px.
  std::vector<size_t> degree(vertices.size(), 0);
  for (const auto& [a, b] : links) ++degree[a], ++degree[b];
  std::vector<double> size(vertices.size());
  for (size_t i = 0; i < vertices.size(); ++i) {
    size[i] = std::round(10 + std::min(30.0, 2 * std::sqrt(static_cast<double>(degree[i]))));
  }

  nlohmann::json data = {{"nodes", nlohmann::json::array()}, {"edges", nlohmann::json::array()}};
  for (size_t i = 0; i < vertices.size(); ++i) {
    VertexId v = vertices[i];
    data["nodes"].push_back({{"id", "n" + std::to_string(v)},
                             {"label", SanitiseUtf8(g.VertexName(v))},
                             {"type", EntityTypeName(g.VertexType(v))},
                             {"rank", i},
                             {"size", size[i]},
                             {"x", std::round(at[i].first)},
                             {"y", std::round(at[i].second)}});
  }
  if (vertices.size() < all_vertices) {
    data["omitted"] = {{"nodes", all_vertices - vertices.size()},
                       {"edges", all_edges - edges.size()}};
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
