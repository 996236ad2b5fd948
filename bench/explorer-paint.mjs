// First paint of weft serve's explorer in the installed Chromium (puppeteer-core from
// tests/cli/explorer): milliseconds from navigation to the first frame drawn with the graph.
// Usage: node bench/explorer-paint.mjs URL [RUNS]
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'cli', 'explorer', 'package.json'));
const puppeteer = require('puppeteer-core');
const url = process.argv[2];
const runs = Number(process.argv[3] || 3);
const browser = await puppeteer.launch({executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
                                        headless: true, args: ['--no-sandbox', '--disable-gpu']});
const results = [];
for (let i = 0; i < runs; ++i) {
  const page = await browser.newPage();
  await page.setViewport({width: 1200, height: 800});
  await page.goto(url, {waitUntil: 'load'});
  await page.waitForSelector('body[data-painted]', {timeout: 60000});
  results.push(await page.evaluate(() => [Number(document.body.dataset.painted),
                                          cy.nodes().length + cy.edges().length]));
  await page.close();
}
await browser.close();
console.log(JSON.stringify(results));
