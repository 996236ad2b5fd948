// Reads a GraphML file with graphology-graphml and prints its edges as read_export.py does:
// source|label|target|confidence|support|role=value,... one JSON string a line, sorted.
import fs from 'node:fs';
import graphology from 'graphology';
import graphml from 'graphology-graphml';

const graph = graphml.parse(graphology.MultiDirectedGraph, fs.readFileSync(process.argv[2], 'utf8'));
const fixed = new Set(['label', 'confidence', 'support', 'statement', 'sources']);
const lines = [];
graph.forEachEdge((edge, a, source, target, sa, ta) => {
  const quals = Object.keys(a).filter((k) => !fixed.has(k)).map((k) => `${k}=${a[k]}`).sort();
  lines.push(`${sa.label}|${a.label}|${ta.label}|${Number(a.confidence)}|${a.support}|${quals.join(',')}`);
});
lines.sort();
for (const l of lines) console.log(JSON.stringify(l));
