/**
 * An imported loss landscape in the browser build: a file written in the loss-landscape code's
 * layout (shared/landscape/fixtures/surface_2d.h5, read by the HDF5 reader in the page) opens as
 * a new scene from the Surface list, is drawn (not blank) and records a GIF like any scene; a
 * broken file is refused with a message naming what is wrong and changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Download } from '@playwright/test';
import { commitNumber, expectSurfaceDrawn, openApp } from './helpers.ts';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../shared/landscape/fixtures/${name}`, import.meta.url));

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'descent-landscape-e2e-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a loss-landscape .h5 file opens, is drawn and records a GIF', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByTestId('landscape-file-input').setInputFiles(fixture('surface_2d.h5'));
  await expect(page.getByTestId('notice')).toContainText('Opened surface_2d.h5');
  await expect(page.getByLabel('Scene title')).toHaveValue('Loss landscape: surface_2d.h5');
  await expect(page.getByTestId('surface-select')).toHaveValue('__other');
  const stats = await expectSurfaceDrawn(page);
  expect(stats.colors).toBeGreaterThan(20);

  // A short run keeps the GIF small: 20 steps.
  await commitNumber(page.getByTestId('steps-input'), 20);
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-preset-web-gif').click();
  await expect(page.getByTestId('export-format')).toHaveValue('gif');
  const download: Promise<Download> = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('export-start').click();
  const file = join(dir, 'landscape.gif');
  await (await download).saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  // More than one image block: the run animates on the landscape.
  const frames = bytes.toString('latin1').split('\u0021\u00f9\u0004').length - 1;
  expect(frames).toBeGreaterThan(1);
});

test('a broken landscape file is refused with the reason, and nothing changes', async ({
  page,
}) => {
  await openApp(page);
  const title = await page.getByLabel('Scene title').inputValue();
  await page.getByTestId('landscape-file-input').setInputFiles(fixture('broken_shape.h5'));
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('broken_shape.h5 was not opened');
  await expect(notice).toContainText('shape');
  await expect(page.getByLabel('Scene title')).toHaveValue(title);
});
