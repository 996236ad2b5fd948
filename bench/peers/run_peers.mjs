// Loads weft's benchmark graph into Kùzu and Oxigraph and runs the same queries weft ran,
// checking that each returns the same number of rows.
//
// Usage: node run_peers.mjs GRAPH.tsv QUERIES.jsonl [REPS] [SYSTEMS]
// QUERIES.jsonl is written by weft_bench_query --out ("-": none, the load alone is timed);
// SYSTEMS is "kuzu", "oxigraph" or both comma-separated (the default), so that each can run in
// its own process and its peak memory be measured alone. Prints one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import kuzu from 'kuzu';
import oxigraph from 'oxigraph';

const [graphPath, queriesPath, repsArg, systemsArg] = process.argv.slice(2);
const reps = Number(repsArg || 5);
const systems = new Set((systemsArg || 'kuzu,oxigraph').split(','));
const now = () => Number(process.hrtime.bigint()) / 1000;  // microseconds

async function readTriples(file) {
  const seen = new Set();
  const triples = [];
  const rl = readline.createInterface({input: fs.createReadStream(file), crlfDelay: Infinity});
  for await (const line of rl) {
    if (!line || line.startsWith('#')) continue;
    const [s, p, o] = line.split('\t');
    const key = `${s}\t${p}\t${o}`;
    if (seen.has(key)) continue;
    seen.add(key);
    triples.push([s, p, o]);
  }
  return triples;
}

function percentile(values, p) {
  if (!values.length) return 0;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.round(p * (v.length - 1)))];
}

async function timeQuery(run) {
  const runs = [];
  let rows = 0;
  for (let i = 0; i < reps; i++) {
    const a = now();
    rows = await run();
    runs.push(now() - a);
  }
  runs.sort((a, b) => a - b);
  return {median: runs[Math.floor(runs.length / 2)], rows};
}

const iri = (kind, name) => `<urn:weft:${kind}:${encodeURIComponent(name)}>`;

async function main() {
  const triples = await readTriples(graphPath);
  const queries = queriesPath === '-' ? []
    : fs.readFileSync(queriesPath, 'utf8').trim().split('\n').map(JSON.parse);
  const report = {triples: triples.length, systems: {}};

  const runs = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-kuzu-'));
  if (systems.has('kuzu')) {
    // --- Kùzu: one node table, one relationship table with the label as a property.
    const names = new Set();
    for (const [s, , o] of triples) { names.add(s); names.add(o); }
    fs.writeFileSync(path.join(dir, 'nodes.csv'), [...names].join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'rels.csv'), triples.map(([s, p, o]) => `${s},${o},${p}`).join('\n') + '\n');
    const kdb = new kuzu.Database(path.join(dir, 'db'));
    const kc = new kuzu.Connection(kdb);
    // Kùzu bounds recursive patterns at 30 hops unless told otherwise; weft's closures are
    // unbounded, so the bound is raised past any path in these graphs.
    await kc.query('CALL var_length_extend_max_depth=10000');
    let t = now();
    await kc.query('CREATE NODE TABLE E(name STRING, PRIMARY KEY(name))');
    await kc.query('CREATE REL TABLE R(FROM E TO E, label STRING)');
    await kc.query(`COPY E FROM '${path.join(dir, 'nodes.csv')}' (HEADER=false)`);
    await kc.query(`COPY R FROM '${path.join(dir, 'rels.csv')}' (HEADER=false)`);
    const kuzuLoad = (now() - t) / 1e6;
    const kq = {
      '1-hop': await kc.prepare('MATCH (a:E {name: $s})-[r:R]->(b:E) WHERE r.label = $p RETURN DISTINCT b.name'),
      '2-hop': await kc.prepare('MATCH (a:E {name: $s})-[r1:R]->(m:E)-[r2:R]->(b:E) WHERE r1.label = $p1 AND r2.label = $p2 RETURN DISTINCT m.name, b.name'),
      'join': await kc.prepare('MATCH (a:E {name: $s})-[r1:R]->(m:E)<-[r2:R]-(b:E) WHERE r1.label = $p1 AND r2.label = $p2 RETURN DISTINCT m.name, b.name'),
      'shortest-path': await kc.prepare('MATCH p = (a:E {name: $s})-[r:R* SHORTEST 1..6]-(b:E {name: $t}) RETURN length(r) LIMIT 1'),
    };
    let projected = false;
    const kuzuRun = async (q) => {
      if (q.class === 'pagerank') {
        // Kùzu's algo extension (built in): project the graph once, then rank; the ten highest
        // are compared with weft's.
        if (!projected) {
          await kc.query("CALL project_graph('G', ['E'], ['R'])");
          projected = true;
        }
        const res = await kc.query(
          "CALL page_rank('G', dampingFactor := 0.85, maxIterations := 20, tolerance := 0.0) " +
          'RETURN node.name AS name, rank ORDER BY rank DESC LIMIT 10');
        const top = (await res.getAll()).map((r) => r.name);
        return {rows: q.rows, overlap: top.filter((n) => q.top.includes(n)).length};
      }
      if (q.class === 'closure') {
        const res = await kc.query(`MATCH (a:E {name: '${q.s}'})-[r:R* SHORTEST 1..10000 (e, n | WHERE e.label = '${q.p}')]->(b:E) RETURN DISTINCT b.name`);
        return (await res.getAll()).length;
      }
      const names = {'1-hop': ['s', 'p'], '2-hop': ['s', 'p1', 'p2'], 'join': ['s', 'p1', 'p2'],
                     'shortest-path': ['s', 't']}[q.class];
      const params = Object.fromEntries(names.map((n) => [n, q[n]]));
      const res = await kc.execute(kq[q.class], params);
      const rows = await res.getAll();
      if (q.class === 'shortest-path') return rows.length ? Number(Object.values(rows[0])[0]) : 0;
      return rows.length;
    };

    runs.push(['kuzu', kuzuRun, kuzuLoad]);
  }

  if (systems.has('oxigraph')) {
    // --- Oxigraph: N-Triples in, SPARQL 1.1 with property paths.
    const ox = new oxigraph.Store();
    // In chunks: one string of 10M triples would pass V8's string length limit.
    const nt = [];
    for (let i = 0; i < triples.length; i += 100000) {
      nt.push(triples.slice(i, i + 100000)
        .map(([s, p, o]) => `${iri('e', s)} ${iri('p', p)} ${iri('e', o)} .\n`).join(''));
    }
    const t = now();
    // Its bulk path: no transaction, the fastest load the store offers.
    ox.load(nt, {format: 'application/n-triples', no_transaction: true});
    const oxLoad = (now() - t) / 1e6;
    const oxRun = async (q) => {
      let sparql;
      switch (q.class) {
        case '1-hop': sparql = `SELECT DISTINCT ?o WHERE { ${iri('e', q.s)} ${iri('p', q.p)} ?o }`; break;
        case '2-hop': sparql = `SELECT DISTINCT ?a ?b WHERE { ${iri('e', q.s)} ${iri('p', q.p1)} ?a . ?a ${iri('p', q.p2)} ?b }`; break;
        case 'join': sparql = `SELECT DISTINCT ?a ?b WHERE { ${iri('e', q.s)} ${iri('p', q.p1)} ?a . ?b ${iri('p', q.p2)} ?a }`; break;
        case 'closure': sparql = `SELECT DISTINCT ?x WHERE { ${iri('e', q.s)} ${iri('p', q.p)}+ ?x }`; break;
        default: return null;  // no shortest path in SPARQL
      }
      return ox.query(sparql).length;
    };

    runs.push(['oxigraph', oxRun, oxLoad]);
  }

  for (const [system, run, load] of runs) {
    const classes = {};
    const overlaps = {};
    const mismatches = [];
    for (const q of queries) {
      const probe = await run(q);
      if (probe === null) continue;
      const {median, rows: answer} = await timeQuery(() => run(q));
      (classes[q.class] ||= []).push(median);
      // PageRank answers with the overlap of the two top tens, reported rather than required:
      // the systems treat rank on dangling vertices differently.
      const result = typeof answer === 'object' ? answer : {rows: answer};
      if (result.overlap !== undefined) overlaps[q.class] = result.overlap;
      if (result.rows !== q.rows) mismatches.push({...q, peer_rows: result.rows});
    }
    const summary = {};
    for (const [cls, v] of Object.entries(classes)) {
      summary[cls] = {queries: v.length, median_us: percentile(v, 0.5), p95_us: percentile(v, 0.95)};
      if (overlaps[cls] !== undefined) summary[cls].top10_overlap = overlaps[cls];
    }
    report.systems[system] = {load_seconds: load, classes: summary, mismatches: mismatches.length,
                              mismatch_examples: mismatches.slice(0, 3)};
  }
  report.peak_rss_kb = Math.round(process.resourceUsage().maxRSS);
  console.log(JSON.stringify(report, null, 2));
  fs.rmSync(dir, {recursive: true, force: true});
}

main().catch((e) => { console.error(e); process.exit(1); });
