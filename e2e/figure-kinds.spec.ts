/**
 * What every figure kind (secant, derivatives, graph, activations, Jacobian, integral) shares:
 * each preset opens from its link and draws a picture that is not blank, shows its caption and
 * no function-plot panels; its timeline plays to an end; the app's export and `descent render
 * --preset` give the same frames; and a still renders from the command line for every kind.
 * The numbers of each kind are checked in its own spec (figure-<kind>.spec.ts).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { CHROMIUM } from '../playwright.config.ts';
import { FIGURE_KINDS, isFigureKind } from '../shared/scene/figure.ts';
import { PRESETS } from '../shared/scene/presets.ts';
import { canvasStats, commitNumber, openPreset } from './helpers.ts';

const FIGURE_PRESETS = PRESETS.filter((p) => isFigureKind(p.scene.kind));

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'descent-figures-e2e-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Waits until the figure's canvas has drawn more than its background. */
async function expectFigureDrawn(page: Page): Promise<void> {
  await expect(async () => {
    const stats = await canvasStats(page);
    // Lines, text and fills: a good share of pixels differ from the background, in colour.
    expect(stats.foreground).toBeGreaterThan(0.01);
    expect(stats.colors).toBeGreaterThan(8);
  }).toPass({ timeout: 15_000 });
}

test('every figure preset opens with its picture, caption and own panels', async ({ page }) => {
  test.setTimeout(40_000 + FIGURE_PRESETS.length * 8_000);
  for (const preset of FIGURE_PRESETS) {
    await test.step(preset.id, async () => {
      await openPreset(page, preset.id);
      await expectFigureDrawn(page);
      await expect(page.getByTestId('caption')).toContainText(preset.caption.slice(0, 40));
      // A figure brings its own controls and numbers: no run list, step table or formula.
      await expect(page.getByTestId('run-list')).toHaveCount(0);
      await expect(page.getByTestId('step-table')).toHaveCount(0);
      await expect(page.getByTestId('formula')).toHaveCount(0);
    });
  }
});

test('a figure plays its timeline to the end', async ({ page }) => {
  await openPreset(page, 'secant-x2');
  const before = await canvasStats(page);
  await page.getByTestId('play').click();
  // 60 steps at 15 steps/s: it stops by itself at the end.
  await expect(page.getByTestId('timeline')).toHaveValue('60', { timeout: 20_000 });
  await expect(page.getByTestId('play')).toHaveAttribute('data-playing', 'false');
  // The secant has turned into the tangent: the picture changed.
  expect(await canvasStats(page)).not.toEqual(before);
});

test('a figure’s viewing box is a field of its panel; the numbers do not depend on it', async ({
  page,
}) => {
  await openPreset(page, 'secant-x2');
  const slope = page.getByTestId('secant-slope');
  await expect(slope).toHaveAttribute('data-value', '7');
  const before = await canvasStats(page);
  await commitNumber(page.getByTestId('domain-x-max'), 10);
  await expect(async () => expect(await canvasStats(page)).not.toEqual(before)).toPass();
  await expect(slope).toHaveAttribute('data-value', '7');
  // A range the wrong way round is refused under the field, and nothing changes.
  await commitNumber(page.getByTestId('domain-x-min'), 20);
  await expect(page.getByTestId('domain-x-min')).toHaveAttribute('aria-invalid', 'true');
  // The graph draws no axes, so it has no box; the Jacobian's grid has both ranges.
  await openPreset(page, 'chain-fork');
  await expect(page.getByTestId('domain-x-max')).toHaveCount(0);
  await openPreset(page, 'jacobian-x2-xy');
  await expect(page.getByTestId('domain-y-max')).toHaveValue('3');
});

async function exportAndDownload(page: Page, name: string): Promise<string> {
  const download: Promise<Download> = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-start').click();
  const file = join(dir, name);
  await (await download).saveAs(file);
  await expect(page.getByTestId('export-status')).toContainText('Saved', { timeout: 30_000 });
  return file;
}

function hashes(file: string): string[] {
  return Object.entries(unzipSync(readFileSync(file)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, bytes]) => createHash('sha256').update(bytes).digest('hex'));
}

function render(args: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(
    process.execPath,
    ['cli/bin/descent.mjs', 'render', ...args, '--browser', CHROMIUM],
    { encoding: 'utf8', timeout: 100_000 },
  );
}

test('the app and `descent render --preset` give the same frames of a graph’s passes', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await openPreset(page, 'chain-fork');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-format').selectOption('zip');
  await page.getByTestId('export-size').selectOption('custom');
  await commitNumber(page.getByTestId('export-width'), 320);
  await commitNumber(page.getByTestId('export-height'), 180);
  await page.getByTestId('export-fps').selectOption('25');
  await page.getByTestId('export-range').selectOption('steps');
  await commitNumber(page.getByTestId('export-from'), 4);
  await commitNumber(page.getByTestId('export-to'), 6);
  await commitNumber(page.getByTestId('export-hold'), 0);
  const fromApp = hashes(await exportAndDownload(page, 'app.zip'));
  // 2 steps at 1.5 steps/s and 25 fps: 33.3 frames, so 35 with both ends.
  expect(fromApp.length).toBeGreaterThan(30);
  // The passes move: the frames are not all one picture.
  expect(new Set(fromApp).size).toBeGreaterThan(5);

  const cli = join(dir, 'cli.zip');
  const r = render([
    '--preset',
    'chain-fork',
    '-o',
    cli,
    '--size',
    '320x180',
    '--fps',
    '25',
    '--steps',
    '4:6',
    '--hold',
    '0',
  ]);
  expect(r.status, String(r.stderr)).toBe(0);
  expect(hashes(cli)).toEqual(fromApp);
});

test('`descent render --preset` makes a still of every figure kind', () => {
  test.setTimeout(40_000 * FIGURE_KINDS.length);
  for (const kind of FIGURE_KINDS) {
    const preset = FIGURE_PRESETS.find((p) => p.scene.kind === kind)!;
    const file = join(dir, `${preset.id}.png`);
    const r = render(['--preset', preset.id, '-o', file, '--size', '480x270']);
    expect(r.status, `${preset.id}: ${String(r.stderr)}`).toBe(0);
    const png = readFileSync(file);
    // A PNG of the requested size (IHDR width and height at bytes 16–23).
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([480, 270]);
    // A figure drawn, not an empty background: a flat PNG of one colour compresses to little.
    expect(png.length, preset.id).toBeGreaterThan(8_000);
  }
});
