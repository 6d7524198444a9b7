// End-to-end tests of the page's fit-option controls (shape, baseline, connect level), imported by
// page.test.mjs (one process: support.mjs empties build-e2e/ when a test file imports it). The
// controls start at the engine's default_fit_options(); a fit with other values equals
// `voigtfit fit --shape ... --baseline ... --connect-level ...`; a value the engine refuses shows
// the CLI's message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { openPage, fit, screenshot, DEMO_ARGS, compareResults, nativeSimulate, nativeFit, tempDir, voigtfit,
         kTimeout, root } from './support.mjs';

let dir, sim;
before(() => {
  dir = tempDir();
  sim = nativeSimulate(path.join(dir, 'demo'), DEMO_ARGS);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('fit options: engine defaults, a Gaussian fit with a constant baseline equals the CLI\'s, bad values refused', async (t) => {
  const { page, close } = await openPage({ isolation: true });
  try {
    await t.test('the controls show default_fit_options()', async () => {
      const d = await page.evaluate(() => window.voigtfitApp.bridge.env.defaultFitOptions);
      assert.equal(await page.inputValue('#fit-shape'), d.shape);
      assert.equal(await page.inputValue('#fit-baseline'), d.baseline);
      assert.equal(Number(await page.inputValue('#fit-connect')), d.connect_level_noise);
    });

    await t.test('shape gauss, baseline constant, connect level 4: the CLI\'s numbers', async () => {
      await page.setInputFiles('#file-input', [sim.spectrum, sim.peaks]);
      await page.waitForFunction(() => /demo\.peaks\.csv \(150 peaks\)/.test(document.getElementById('source-name').textContent));
      await page.selectOption('#fit-shape', 'gauss');
      await page.selectOption('#fit-baseline', 'constant');
      await page.fill('#fit-connect', '4');
      const r = await fit(page, 2);
      const native = nativeFit(sim.spectrum, sim.peaks, dir, ['--shape', 'gauss', '--baseline', 'constant', '--connect-level', '4']);
      // This test is about the options reaching the engine (a wrong one moves numbers far beyond
      // 1e-9). Iteration counts are left free: a Gaussian solve that stops at its tolerance was
      // seen to take 5 iterations in wasm and 4 natively with every number within 1e-9.
      const c = compareResults(native.csv, r.rows, { skip: ['iterations'] });
      t.diagnostic(JSON.stringify({ numbers: c.numbers, differing: c.differing, maxRelative: c.maxRelative }));
      assert.deepEqual(c.problems.slice(0, 20), []);
      await screenshot(page, 'o1-gauss-constant');
    });

    await t.test('plane 2 of protein L (pseudo-3D opened as 2D), missed peaks off: the CLI\'s --plane 2 --no-detect', async () => {
      await page.selectOption('#fit-shape', 'voigt');
      await page.selectOption('#fit-baseline', 'none');
      await page.fill('#fit-connect', '2');
      const L = path.join(root, '..', 'shared', 'data', 'proteinL_pseudo3d');
      await page.setInputFiles('#file-input', [path.join(L, 'test1.ft2'), path.join(L, 'test.tab')]);
      await page.waitForFunction(() => /test\.tab \(63 peaks\)/.test(document.getElementById('source-name').textContent));
      assert.equal(await page.isVisible('#plane-choice'), true, 'a pseudo-3D spectrum offers its planes');
      await page.fill('#plane', '2');
      await page.dispatchEvent('#plane', 'change');
      await page.waitForFunction(() => /\(plane 2\)/.test(document.getElementById('summary').textContent));
      await page.waitForSelector('#contour svg[data-contours="drawn"]');
      await page.uncheck('#fit-detect');
      const r = await fit(page, 2);
      await page.check('#fit-detect');
      const native = nativeFit(path.join(L, 'test1.ft2'), path.join(L, 'test.tab'), dir, ['--plane', '2', '--no-detect']);
      const c = compareResults(native.csv, r.rows);
      t.diagnostic(JSON.stringify({ numbers: c.numbers, differing: c.differing, maxRelative: c.maxRelative }));
      assert.deepEqual(c.problems.slice(0, 20), []);
      await screenshot(page, 'o2-plane-2');
      await page.setInputFiles('#file-input', [sim.spectrum, sim.peaks]);
      await page.waitForFunction(() => /demo\.peaks\.csv \(150 peaks\)/.test(document.getElementById('source-name').textContent));
      assert.equal(await page.isVisible('#plane-choice'), false, 'a 2D spectrum has no plane choice');
    });

    await t.test('a connect level the engine refuses shows the CLI\'s message', async () => {
      await page.fill('#fit-connect', '0');
      await page.click('#run-button');
      await page.waitForSelector('#message:not([hidden])');
      const cli = spawnSync(voigtfit, ['fit', sim.spectrum, sim.peaks, '--connect-level', '0'], { encoding: 'utf8', timeout: kTimeout });
      assert.equal(cli.status, 2);
      const message = cli.stderr.split('\n')[0].replace(/^voigtfit: /, '');
      assert.equal(await page.textContent('#message'), `fit failed: ${message}`);
      await page.fill('#fit-connect', '2');
    });
  } finally {
    await close();
  }
});
