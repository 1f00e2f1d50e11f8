/**
 * The learning curve in an export (issue 14): while the learning-curve tab is shown, the export
 * dialog offers "Include learning curve", on by default, and a PNG still then carries the curve
 * as an inset in the lower-right corner; unchecked, that corner is the plain picture.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';
import { commitNumber, openPreset, selectedRun } from './helpers.ts';

const W = 640;
const H = 360;

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'descent-lc-export-e2e-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openExport(page: Page): Promise<void> {
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await expect(page.getByTestId('export-format')).toBeVisible();
}

async function exportPng(page: Page, name: string): Promise<Buffer> {
  const download: Promise<Download> = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-start').click();
  const file = join(dir, name);
  await (await download).saveAs(file);
  await expect(page.getByTestId('export-status')).toContainText('Saved', { timeout: 30_000 });
  return readFileSync(file);
}

/** Decodes a PNG in the page (no colour conversion) into RGBA bytes. */
async function decode(page: Page, png: Buffer): Promise<number[]> {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    return Array.from(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data);
  }, png.toString('base64'));
}

test('a PNG still carries the learning curve while its tab is shown', async ({ page }) => {
  await openPreset(page, 'minibatch-sgd');
  await page.locator('li[data-run-id="batch8"]').click();
  await expect(selectedRun(page)).toHaveAttribute('data-run-id', 'batch8');
  const color = await page.locator('li[data-run-id="batch8"] input.run-color').inputValue();

  // Without the tab open the dialog does not offer it.
  await openExport(page);
  await expect(page.getByTestId('export-learning-curve')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  await page.getByTestId('table-tab-curve').click();
  await expect(page.getByTestId('learning-curve')).toBeVisible();
  await openExport(page);
  await page.getByTestId('export-preset-png-still').click();
  await page.getByTestId('export-size').selectOption('custom');
  await commitNumber(page.getByTestId('export-width'), W);
  await commitNumber(page.getByTestId('export-height'), H);
  await expect(page.getByTestId('export-summary')).toContainText(`PNG still · ${W}×${H}`);
  const option = page.getByTestId('export-learning-curve');
  await expect(option).toBeEnabled();
  await expect(option).toBeChecked();
  const withCurve = await decode(page, await exportPng(page, 'with.png'));
  await option.uncheck();
  const without = await decode(page, await exportPng(page, 'without.png'));
  expect(withCurve).toHaveLength(W * H * 4);
  expect(without).toHaveLength(W * H * 4);

  // Every changed pixel lies in the lower-right corner, and there are many of them.
  let changed = 0;
  let outside = 0;
  const r = parseInt(color.slice(1, 3), 16);
  const g = parseInt(color.slice(3, 5), 16);
  const b = parseInt(color.slice(5, 7), 16);
  const runColored = (px: number[], i: number): boolean =>
    Math.abs(px[i]! - r) + Math.abs(px[i + 1]! - g) + Math.abs(px[i + 2]! - b) <= 40;
  let curveWith = 0;
  let curveWithout = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 4;
      const differs =
        withCurve[i] !== without[i] ||
        withCurve[i + 1] !== without[i + 1] ||
        withCurve[i + 2] !== without[i + 2];
      const corner = x >= W * 0.6 && y >= H * 0.55;
      if (differs) {
        changed++;
        if (!corner) outside++;
      }
      if (corner && runColored(withCurve, i)) curveWith++;
      if (corner && runColored(without, i)) curveWithout++;
    }
  }
  expect(outside).toBe(0);
  expect(changed).toBeGreaterThan(2000);
  // The curve is drawn in the run's colour.
  expect(curveWith).toBeGreaterThan(curveWithout + 40);
});
