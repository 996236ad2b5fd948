#include "cli/server/explorer.h"

#include "graph/base/error.h"
#include "graph/export/viewer_assets.h"

namespace weft::server {

namespace {

// Everything the page shows from the graph goes through textContent or Cytoscape's labels, never
// innerHTML: names are data, and data may hold markup.
constexpr const char kHead[] = R"weft(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>weft explorer</title>
<style>
body{margin:0;font:14px system-ui,sans-serif;display:flex;height:100vh;color:#222}
#side{width:340px;overflow:auto;border-right:1px solid #ccc;padding:8px;box-sizing:border-box}
#main{flex:1;display:flex;flex-direction:column}
#cy{flex:1}
#bar{padding:6px;border-bottom:1px solid #ccc;display:flex;gap:6px;flex-wrap:wrap}
input,textarea,button{font:inherit}
#q{flex:1;min-width:300px;height:2.2em}
#status{padding:4px 8px;background:#f4f4f4;font-size:12px}
.hit{cursor:pointer;padding:2px 4px}.hit:hover{background:#eef}
.err{color:#b00;white-space:pre-wrap;font-family:monospace}
h3{margin:10px 0 4px}
#preds{max-height:180px;overflow:auto;border:1px solid #ddd;padding:2px}
.src{margin:4px 0;padding:4px;background:#fafafa;border-left:3px solid #99c}
</style></head><body>
<div id="side">
<input id="search" placeholder="search an entity" autocomplete="off" style="width:100%">
<div id="hits"></div>
<h3>Details</h3><div id="details">Click a node or an edge.</div>
<h3>Types</h3><div id="types"></div>
<h3>Predicates</h3>
<input id="predsearch" placeholder="filter predicates" style="width:100%">
<div><button id="all">all</button> <button id="none">none</button></div>
<div id="preds"></div>
</div>
<div id="main">
<div id="bar">
<textarea id="q" placeholder="a query, e.g. ?c -acquire-> ?x, or neighbors Reuters hops 2"></textarea>
<button id="run">Run</button><button id="clear">Clear</button>
<button id="png">PNG</button><button id="graphml">GraphML</button>
</div>
<div id="status"></div>
<div id="cy"></div>
</div>
<script>)weft";

constexpr const char kTail[] = R"weft(</script>
<script>
"use strict";
const MAX_ELEMENTS = 2000;
const $ = (id) => document.getElementById(id);
const cy = cytoscape({container: $("cy"), style: [
  {selector: "node", style: {"label": "data(name)", "font-size": 10, "width": "mapData(degree,0,50,10,40)",
    "height": "mapData(degree,0,50,10,40)", "background-color": "#889", "text-opacity": 0.85,
    "min-zoomed-font-size": 8}},
  {selector: "node[type='person']", style: {"background-color": "#d66"}},
  {selector: "node[type='organisation']", style: {"background-color": "#57c"}},
  {selector: "node[type='place']", style: {"background-color": "#5a5"}},
  {selector: "edge", style: {"label": "data(label)", "font-size": 8, "curve-style": "bezier",
    "target-arrow-shape": "triangle", "width": 1.2, "line-color": "#bbb",
    "target-arrow-color": "#bbb", "min-zoomed-font-size": 10, "text-rotation": "autorotate"}},
  {selector: ":selected", style: {"background-color": "#fa0", "line-color": "#fa0"}},
  {selector: ".hidden", style: {"display": "none"}}],
  // Two clicks count as a double click within half a second, the usual desktop setting
  // (Cytoscape's own 250 ms misses many people's double clicks).
  multiClickDebounceTime: 500});
const hiddenTypes = new Set(), hiddenPreds = new Set();

function status(text, error) {
  $("status").textContent = text;
  $("status").className = error ? "err" : "";
}
async function api(path, params) {
  const url = path + "?" + new URLSearchParams(params).toString();
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) {
    const e = body.error || {};
    throw new Error(e.message || ("HTTP " + res.status));
  }
  return body;
}
function text(tag, content, cls) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (cls) el.className = cls;
  return el;
}
// Adds elements, keeping what is drawn in place: only new nodes move, placed near `around`.
function add(elements, around) {
  const room = MAX_ELEMENTS - cy.elements().length;
  let nodes = elements.nodes.filter((n) => cy.getElementById(n.data.id).empty());
  let edges = elements.edges.filter((e) => cy.getElementById(e.data.id).empty());
  let left = 0;
  if (nodes.length + edges.length > room) {
    left = nodes.length + edges.length - room;
    nodes = nodes.slice(0, Math.max(0, Math.floor(room / 2)));
    const ids = new Set(nodes.map((n) => n.data.id));
    cy.nodes().forEach((n) => ids.add(n.id()));
    edges = edges.filter((e) => ids.has(e.data.source) && ids.has(e.data.target))
                 .slice(0, Math.max(0, room - nodes.length));
  }
  const centre = around && !around.empty() ? around.position() : {x: 0, y: 0};
  // A neighbourhood drawn on an empty canvas is a star: its centre in the middle, the rest on a
  // circle, with no layout to run before the first paint.
  const hub = cy.elements().empty() && elements.centre !== undefined
      ? nodes.find((n) => n.data.name === elements.centre) : undefined;
  const ring = nodes.filter((n) => n !== hub);
  if (hub) hub.position = {x: centre.x, y: centre.y};
  ring.forEach((n, i) => {
    const a = 2 * Math.PI * i / Math.max(1, ring.length), r = 80 + 6 * Math.sqrt(ring.length);
    n.position = {x: centre.x + r * Math.cos(a), y: centre.y + r * Math.sin(a)};
  });
  const before = cy.elements();
  const added = cy.add(nodes.concat(edges));
  applyFilters();
  refreshFilters();
  if (hub) {
    cy.fit(undefined, 30);
  } else if (added.nodes().length > 0) {
    before.nodes().lock();
    cy.layout({name: "cose", animate: false, randomize: false, fit: before.empty(),
               numIter: 300}).run();
    before.nodes().unlock();
  }
  const omitted = elements.omitted ? elements.omitted.nodes + elements.omitted.edges : 0;
  let note = cy.nodes().length + " nodes, " + cy.edges().length + " edges drawn";
  if (left + omitted > 0) {
    note += "; " + (left + omitted) + " more not drawn (at most " + MAX_ELEMENTS +
            " at once: narrow the query, or Clear and expand from one entity)";
  }
  status(note);
  return added;
}
async function expand(name, node) {
  try {
    add((await api("/api/neighbors", {name: name, hops: 1, limit: 200})), node);
  } catch (e) { status(e.message, true); }
}
async function show(name) {
  try {
    const card = await api("/api/entity", {name: name});
    const d = $("details");
    d.replaceChildren(text("b", card.name), text("div", card.type + ", degree " + card.degree));
    if (card.aliases.length) d.append(text("div", "also: " + card.aliases.join(", ")));
    for (const s of card.statements) {
      const q = Object.entries(s.qualifiers).map(([k, v]) => k + ": " + v).join(", ");
      const row = text("div", s.subject + " -" + s.predicate + "-> " + s.object +
                       (q ? " (" + q + ")" : ""), "hit");
      row.onclick = () => sources(s.statement);
      d.append(row);
    }
  } catch (e) { status(e.message, true); }
}
async function sources(statement) {
  try {
    const r = await api("/api/sources", {statement: statement});
    const d = $("details");
    d.append(text("h3", "Sources of statement " + statement));
    for (const s of r.sources) {
      const box = text("div", "", "src");
      box.append(text("div", (s.document || "?") + " #" + s.sentence));
      if (s.text) box.append(text("div", s.text));
      d.append(box);
    }
  } catch (e) { status(e.message, true); }
}
function applyFilters() {
  cy.batch(() => {
    cy.elements().removeClass("hidden");
    cy.nodes().filter((n) => hiddenTypes.has(n.data("type"))).addClass("hidden");
    cy.edges().filter((e) => hiddenPreds.has(e.data("label"))).addClass("hidden");
  });
}
function checkbox(label, set, value) {
  const l = document.createElement("label");
  const c = document.createElement("input");
  c.type = "checkbox";
  c.checked = !set.has(value);
  c.onchange = () => { if (c.checked) set.delete(value); else set.add(value); applyFilters(); };
  l.append(c, document.createTextNode(" " + label + " "));
  return l;
}
function refreshFilters() {
  const types = [...new Set(cy.nodes().map((n) => n.data("type")))].sort();
  $("types").replaceChildren(...types.map((t) => checkbox(t, hiddenTypes, t)));
  const filter = $("predsearch").value.toLowerCase();
  const counts = new Map();
  cy.edges().forEach((e) => counts.set(e.data("label"), (counts.get(e.data("label")) || 0) + 1));
  const preds = [...counts.keys()].filter((p) => p.toLowerCase().includes(filter))
                                  .sort((a, b) => counts.get(b) - counts.get(a));
  $("preds").replaceChildren(...preds.map((p) => {
    const d = document.createElement("div");
    d.append(checkbox(p + " (" + counts.get(p) + ")", hiddenPreds, p));
    return d;
  }));
}
$("predsearch").oninput = refreshFilters;
$("all").onclick = () => { hiddenPreds.clear(); applyFilters(); refreshFilters(); };
$("none").onclick = () => {
  cy.edges().forEach((e) => hiddenPreds.add(e.data("label")));
  applyFilters(); refreshFilters();
};
let searchTimer = null;
$("search").oninput = () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const prefix = $("search").value.trim();
    if (!prefix) { $("hits").replaceChildren(); return; }
    try {
      const r = await api("/api/search", {prefix: prefix, limit: 15});
      $("hits").replaceChildren(...r.matches.map((m) => {
        const h = text("div", m.name + " (" + m.type + ", " + m.degree + ")", "hit");
        h.onclick = () => { expand(m.name, null); show(m.name); };
        return h;
      }));
    } catch (e) { status(e.message, true); }
  }, 150);
};
$("run").onclick = async () => {
  try {
    const r = await api("/api/query", {q: $("q").value, limit: 500});
    add(r.elements, null);
    if (r.notices.length) status(r.notices.join("; "));
  } catch (e) { status(e.message, true); }
};
$("clear").onclick = () => { cy.elements().remove(); refreshFilters(); status(""); };
cy.on("dblclick dbltap", "node", (ev) => expand(ev.target.data("name"), ev.target));
cy.on("tap", "node", (ev) => show(ev.target.data("name")));
cy.on("tap", "edge", (ev) => {
  const e = ev.target.data();
  const q = Object.entries(e.qualifiers || {}).map(([k, v]) => k + ": " + v).join(", ");
  $("details").replaceChildren(
      text("div", cy.getElementById(e.source).data("name") + " -" + e.label + "-> " +
                  cy.getElementById(e.target).data("name")),
      text("div", "confidence " + e.confidence + ", support " + e.support + (q ? ", " + q : "")));
  sources(e.statement);
});
function download(name, url) {
  const a = document.createElement("a");
  a.href = url; a.download = name; a.click();
}
$("png").onclick = () => download("weft.png", cy.png({full: true, bg: "white"}));
$("graphml").onclick = () => {
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;")
                              .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  let x = '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n' +
          '<key id="name" for="node" attr.name="name" attr.type="string"/>\n' +
          '<key id="type" for="node" attr.name="type" attr.type="string"/>\n' +
          '<key id="label" for="edge" attr.name="label" attr.type="string"/>\n<graph edgedefault="directed">\n';
  cy.nodes(":visible").forEach((n) => {
    x += '<node id="' + esc(n.id()) + '"><data key="name">' + esc(n.data("name")) +
         '</data><data key="type">' + esc(n.data("type")) + "</data></node>\n";
  });
  cy.edges(":visible").forEach((e) => {
    x += '<edge id="' + esc(e.id()) + '" source="' + esc(e.data("source")) + '" target="' +
         esc(e.data("target")) + '"><data key="label">' + esc(e.data("label")) + "</data></edge>\n";
  });
  x += "</graph>\n</graphml>\n";
  download("weft.graphml", URL.createObjectURL(new Blob([x], {type: "application/xml"})));
};
// First paint: the most connected entities, so the page never opens empty.
(async () => {
  try {
    const stats = await api("/api/stats", {});
    status(stats.entities + " entities, " + stats.statements + " statements");
    if (stats.top.length) {
      await expand(stats.top[0].name, null);
      await show(stats.top[0].name);
      status(stats.entities + " entities, " + stats.statements + " statements; showing the " +
             "neighbours of the most connected, " + stats.top[0].name);
    }
  } catch (e) { status(e.message, true); }
  document.body.dataset.ready = String(cy.nodes().length);
  // When the first frame with the graph is drawn, in milliseconds since navigation began.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    document.body.dataset.painted = String(Math.round(performance.now()));
  }));
})();
</script></body></html>
)weft";

}  // namespace

std::string ExplorerPage() {
  if (graph::kCytoscapeJsSize == 0) {
    throw Error("weft was built without Cytoscape.js: the explorer is unavailable");
  }
  std::string page(kHead);
  page.append(graph::kCytoscapeJs, graph::kCytoscapeJsSize);
  page += kTail;
  return page;
}

}  // namespace weft::server
