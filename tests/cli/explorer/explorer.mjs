// Drives weft serve's explorer in the installed Chromium through puppeteer-core: first paint,
// search, expand on double click, sources of a clicked edge, hostile names as text, no console
// error. Usage: node explorer.mjs URL   (the store holds tests/cli/fixtures/hostile.tsv)
import puppeteer from 'puppeteer-core';

const url = process.argv[2];
const hostile = 'Fabrikam <script>alert(1)</script>';
const problems = [];
// Chromium logs a 4xx answer as a console error: expected only while a bad query is run.
let expect400 = false;
const check = (ok, what) => { if (!ok) throw new Error(what); };

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({width: 1200, height: 800});
  page.on('console', (m) => {
    if (expect400 && m.text().includes('status of 400')) return;
    if (m.type() === 'error' || m.type() === 'warn') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('dialog', async (d) => { problems.push('a dialog opened: ' + d.message()); await d.dismiss(); });
  page.on('requestfailed', (r) => problems.push('request failed: ' + r.url()));
  page.on('request', (r) => {
    if (!r.url().startsWith(url.replace(/\/$/, ''))) problems.push('fetched elsewhere: ' + r.url());
  });
  await page.goto(url, {waitUntil: 'load'});
  await page.waitForSelector('body[data-ready]', {timeout: 30000});
  const count = () => page.evaluate(() => [cy.nodes().length, cy.edges().length]);

  // First paint: the most connected entity's neighbours, and its card as text.
  let [nodes, edges] = await count();
  check(nodes === 3 && edges === 2, `first paint drew ${nodes} nodes, ${edges} edges`);
  const card = await page.$eval('#details', (d) => d.textContent);
  check(card.includes(hostile), 'the card does not show the hostile name as text: ' + card);
  check(await page.$eval('#details', (d) => d.querySelector('script') === null), 'markup in the card');

  // Double click a node: its neighbours are added, the nodes already drawn stay where they were.
  const before = await page.evaluate(() => cy.getElementById('Ana').position());
  const target = await page.evaluate(() => {
    const n = cy.nodes().filter((x) => x.data('name') === 'Lit"ware & Co')[0];
    const box = document.getElementById('cy').getBoundingClientRect();
    const p = n.renderedPosition();
    return {x: box.left + p.x, y: box.top + p.y};
  });
  // Two clicks as a person makes them (Cytoscape counts taps), the second a double click, sent
  // back to back: the page counts them as one double click when they are half a second apart.
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  await page.mouse.up();
  await page.mouse.down({clickCount: 2});
  await page.mouse.up({clickCount: 2});
  await page.waitForFunction(() => cy.nodes().length === 4, {timeout: 10000});
  const after = await page.evaluate(() => cy.getElementById('Ana').position());
  check(before.x === after.x && before.y === after.y, 'expanding moved a node already drawn');

  // Click an edge: its statement and both sources.
  const mid = await page.evaluate(() => {
    const e = cy.edges().filter((x) => x.data('label') === 'join')[0];
    const box = document.getElementById('cy').getBoundingClientRect();
    const p = e.renderedMidpoint();
    return {x: box.left + p.x, y: box.top + p.y};
  });
  await page.mouse.click(mid.x, mid.y);
  await page.waitForFunction(() => document.querySelectorAll('#details .src').length === 2,
                             {timeout: 10000});

  // Search, then click a match: its neighbourhood is drawn.
  await page.type('#search', 'zü');
  await page.waitForSelector('#hits .hit', {timeout: 10000});
  await page.click('#hits .hit');
  await page.waitForFunction(() => cy.nodes().some((n) => n.data('name') === '北京'), {timeout: 10000});

  // A query: its subgraph is added; a bad one shows the message and caret.
  await page.type('#q', '?a -acquire-> ?b');
  await page.click('#run');
  await page.waitForFunction(() => cy.edges().some((e) => e.data('label') === 'acquire'));
  await page.$eval('#q', (q) => { q.value = '?a -acquire ?b'; });
  expect400 = true;
  await page.click('#run');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('^'));
  expect400 = false;

  // Filters: hiding a predicate hides its edges.
  await page.evaluate(() => {
    const box = [...document.querySelectorAll('#preds label')]
        .find((l) => l.textContent.startsWith(' join'));
    box.querySelector('input').click();
  });
  check(await page.evaluate(() => cy.edges('.hidden').length === 1), 'the predicate filter');

  [nodes, edges] = await count();
  check(problems.length === 0, 'problems: ' + problems.join(' | '));
  console.log(`explorer: ok (${nodes} nodes, ${edges} edges drawn)`);
} finally {
  await browser.close();
}
