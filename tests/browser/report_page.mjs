// `hindsight report --format html` in a real browser (headless Chromium through playwright-core,
// the VS Code end-to-end test's own packages): the page loads with no console error and no
// request beyond itself, every story card and the question matrix are in the DOM, and it
// renders to a 1280×900 PNG (the README's picture) and to a PDF of several pages, not one long
// page. usage: node tests/browser/report_page.mjs HINDSIGHT_BIN OUT_DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'editors/vscode/package.json'));
const { chromium } = require('playwright-core');

const [bin, outDir] = process.argv.slice(2);
if (!bin || !outDir) {
  console.error('usage: report_page.mjs HINDSIGHT_BIN OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const run = (format) => execFileSync(bin, ['report', '--format', format, 'examples'], { cwd: root, encoding: 'utf8' });
const html = run('html');
const data = JSON.parse(run('json'));
const stories = data.files.reduce((n, f) => n + f.experiences.length, 0);
const pagePath = join(outDir, 'report.html');
writeFileSync(pagePath, html);
const pageUrl = pathToFileURL(pagePath).href;

let failures = 0;
const check = (name, ok, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
  if (!ok) failures += 1;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (r.url() !== pageUrl) requests.push(r.url());
  });
  await page.goto(pageUrl, { waitUntil: 'load', timeout: 20_000 });
  check('no console errors', errors.length === 0, errors.join('; '));
  check('no request beyond the page itself', requests.length === 0, requests.join(', '));
  const cards = await page.locator('article.card').count();
  check(`a card per story (${stories})`, cards === stories, `${cards} cards`);
  const rows = await page.locator('table.matrix tbody tr').count();
  check(`a matrix row per question (${data.coverage.total})`, rows === data.coverage.total, `${rows} rows`);
  const bars = await page.locator('article.card svg.bar rect').count();
  check('a five-cell bar per card', bars === 5 * stories, `${bars} cells`);
  await page.screenshot({ path: join(outDir, 'report.png') });
  await page.pdf({ path: join(outDir, 'report.pdf'), format: 'A4', printBackground: true });
  const pdf = readFileSync(join(outDir, 'report.pdf'), 'latin1');
  const pages = (pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  // One page per few cards: more than one page, fewer pages than cards.
  check(`the PDF has one page per few cards (${pages} pages, ${stories} cards)`, pages > 1 && pages < stories);
} finally {
  await browser.close();
}
if (failures > 0) {
  console.log(`report-page: ${failures} failed`);
  process.exit(1);
}
console.log('report-page: all passed');
