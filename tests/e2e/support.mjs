// Shared by the end-to-end tests (not a test file itself): the dev server (web/serve.mjs), headless
// Chromium through playwright-core, the native CLI, and the output folder.
// Builds as for tests/parity: VOIGTFIT_NATIVE_BUILD (default build), VOIGTFIT_WASM_BUILD (default
// build-wasm) and VOIGTFIT_WASM_ST_BUILD (default $VOIGTFIT_WASM_BUILD-st).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web/serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const outDir = path.join(root, 'build-e2e');
export const screenshotDir = path.join(outDir, 'screenshots');
fs.rmSync(outDir, { recursive: true, force: true });  // each run starts with an empty output folder
fs.mkdirSync(screenshotDir, { recursive: true });

export const kTimeout = 60_000;  // any single wait; a pthread deadlock hangs rather than fails

// The page's demo (web/app.js DEMO) as `voigtfit simulate` arguments.
export const DEMO_ARGS = ['--peaks', '150', '--seed', '1'];

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Starts the server (isolation headers on or off) and a fresh Chromium profile; returns
// {page, url, console, close}. console collects the page's messages and errors.
// mounts: what to serve (default: the source tree, as web/serve.mjs).
export async function openPage({ isolation = true, mounts } = {}) {
  const { server, url } = await startServer({ port: 0, host: '127.0.0.1', isolation, ...(mounts ? { mounts } : {}) });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voigtfit-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: chromiumArgs,
    viewport: { width: 1400, height: 900 }, acceptDownloads: true, timeout: kTimeout,
  });
  context.setDefaultTimeout(kTimeout);
  const page = context.pages()[0] || await context.newPage();
  const messages = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  // Long tasks on the main thread, from page start (the fit's window is picked out later).
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // A second gauge: the longest gap between 10 ms timer ticks (a blocked main thread stretches it).
    window.__gaps = [];
    let last = performance.now();
    setInterval(() => { const now = performance.now(); window.__gaps.push({ at: now, gap: now - last }); last = now; }, 10);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.voigtfitApp?.ready === true);
  const close = async () => {
    await context.close().catch(() => {});
    await new Promise((r) => server.close(r));
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { page, url, messages, close };
}

// Runs `work` while another process keeps one core busy (a spinning node), as on a shared
// machine: the page's main thread must stay free even then.
export async function withBusyCore(work) {
  const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  try {
    return await work();
  } finally {
    spinner.kill('SIGKILL');
  }
}

// Sets the thread count, clicks "Fit all peaks", waits for the results (and their display);
// returns {rows, summary, longestTaskMs, fitMs}: the longest main-thread long task (>= 50 ms,
// else 0) between the click and the end of the display. One core is kept busy meanwhile.
export async function fit(page, threads) {
  if (threads) await page.fill('#threads', String(threads));
  const t0 = await page.evaluate(() => {
    window.voigtfitApp.state.results = null;
    return performance.now();
  });
  await withBusyCore(async () => {
    await page.click('#run-button');
    await page.waitForFunction(() => window.voigtfitApp.state.results !== null && !window.voigtfitApp.state.fitting);
  });
  return page.evaluate((start) => {
    const { rows, summary } = window.voigtfitApp.state.results;
    const end = performance.now();
    const during = window.__longtasks.filter((t) => t.start + t.duration >= start && t.start <= end);
    return { rows, summary, fitMs: end - start,
             longestTaskMs: Math.max(0, ...during.map((t) => t.duration)),
             longestTimerGapMs: Math.max(0, ...window.__gaps.filter((g) => g.at >= start).map((g) => g.gap)) };
  }, t0);
}

// Clicks an export button and returns the downloaded file's path (in build-e2e/).
export async function exportFile(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = path.join(outDir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

// Clicks an export button and returns the downloaded text.
export const exportText = async (page, button) => fs.readFileSync(await exportFile(page, button), 'utf8');

export const screenshot = (page, name) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });

// ---- the native CLI and result comparison (as tests/parity, kept here so the two can evolve apart)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
const nativeBuild = path.resolve(root, process.env.VOIGTFIT_NATIVE_BUILD || 'build');
export const voigtfit = path.join(nativeBuild, 'native', 'voigtfit');

// The page's numbers equal the native CLI's within 1e-9 relative (or 1e-12 absolute),
// every number including iterations; text columns identical.
export const kRelative = 1e-9;
export const kAbsolute = 1e-12;

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'voigtfit-e2e-'));

export function nativeSimulate(prefix, args) {
  execFileSync(voigtfit, ['simulate', prefix, ...args], { stdio: 'pipe', timeout: kTimeout });
  return { spectrum: `${prefix}.ft2`, peaks: `${prefix}.peaks.csv` };
}

// `voigtfit fit` with default options (plus `args`); returns the CSV text and the parsed JSON.
export function nativeFit(spectrum, peaks, dir, args = []) {
  const csv = path.join(dir, 'native.csv'), json = path.join(dir, 'native.json');
  const r = spawnSync(voigtfit, ['fit', spectrum, peaks, '-o', csv, '--json', json, '--quiet', ...args],
                      { encoding: 'utf8', timeout: kTimeout });
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`voigtfit fit failed: ${r.stderr}`);
  return { csv: fs.readFileSync(csv, 'utf8'), json: JSON.parse(fs.readFileSync(json, 'utf8')) };
}

// RFC 4180 CSV -> {header, rows: [{column: text}]}.
export function parseCsv(text) {
  const records = [];
  let record = [], field = '', quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += '"', ++i;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), field = '';
    else if (c === '\n') record.push(field), records.push(record), record = [], field = '';
    else field += c;
  }
  if (field !== '' || record.length) record.push(field), records.push(record);
  const [header, ...rows] = records;
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]]))) };
}

export const asNumber = (text) => ({ nan: NaN, '': NaN, inf: Infinity, '-inf': -Infinity })[text] ?? Number(text);
const isNumeric = (text) => typeof text === 'number' || text in { nan: 1, inf: 1, '-inf': 1 } ||
                            (text !== '' && !Number.isNaN(Number(text)));

export function closeEnough(a, b, relative = kRelative, absolute = kAbsolute) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(absolute, relative * Math.max(Math.abs(a), Math.abs(b)));
}

// Expected CSV text against actual rows (CSV text, or the page's row objects); numbers of the
// `skip` columns are counted but not judged. Returns {problems, numbers, differing, maxRelative}.
export function compareResults(expectedCsv, actual, { skip = [] } = {}) {
  const expected = parseCsv(expectedCsv);
  const rows = typeof actual === 'string' ? parseCsv(actual) : { header: expected.header, rows: actual };
  const problems = [];
  let numbers = 0, differing = 0, maxRelative = 0;
  if (expected.header.join() !== rows.header.join()) problems.push('headers differ');
  if (expected.rows.length !== rows.rows.length) problems.push(`${expected.rows.length} rows vs ${rows.rows.length}`);
  expected.rows.forEach((e, i) => {
    const a = rows.rows[i] || {};
    for (const column of expected.header) {
      const x = e[column], y = a[column] ?? '';
      if (!isNumeric(x) || !isNumeric(y)) {
        if (x !== String(y)) problems.push(`row ${i} ${column}: '${x}' vs '${y}'`);
        continue;
      }
      const p = asNumber(x), q = typeof y === 'number' ? y : asNumber(y);
      ++numbers;
      if (!Object.is(p, q)) ++differing;
      if (p !== q && Number.isFinite(p) && Number.isFinite(q))
        maxRelative = Math.max(maxRelative, Math.abs(p - q) / Math.max(Math.abs(p), Math.abs(q)));
      if (!skip.includes(column) && !closeEnough(p, q)) problems.push(`row ${i} ${column}: ${x} vs ${y}`);
    }
  });
  return { problems, numbers, differing, maxRelative };
}
