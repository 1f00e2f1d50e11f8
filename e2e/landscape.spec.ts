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
import {
  canvasThumbnail,
  commitNumber,
  expectSurfaceDrawn,
  openApp,
  thumbnailDistance,
} from './helpers.ts';

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

test('a projected training path is drawn on the landscape, listed, hidden and removed', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('landscape-file-input').setInputFiles(fixture('surface_2d.h5'));
  await expect(page.getByTestId('notice')).toContainText('Opened surface_2d.h5');
  await expectSurfaceDrawn(page);
  // Hide the run so the picture changes only by the imported path.
  await page
    .getByTestId('run-list')
    .getByRole('button', { name: /^Hide / })
    .click();
  // A thin path changes a few percent of the pixels: a small but clear mean difference.
  const before = await canvasThumbnail(page, 32);

  await page.getByTestId('path-file-input').setInputFiles(fixture('trajectory.npy'));
  await expect(page.getByTestId('notice')).toContainText('Drew trajectory.npy');
  const item = page.getByTestId('path-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-points', /^[1-9]\d*$/);
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('trajectory.npy');
  await expect
    .poll(async () => thumbnailDistance(before, await canvasThumbnail(page, 32)))
    .toBeGreaterThan(0.04);

  // loss-landscape's trajectory file opened where a landscape is expected is drawn on the open
  // landscape too.
  await page.getByTestId('landscape-file-input').setInputFiles(fixture('trajectory.h5'));
  await expect(item).toHaveCount(2);
  await expect(page.getByLabel('Scene title')).toHaveValue('Loss landscape: surface_2d.h5');

  await item.first().getByRole('button', { name: 'Hide trajectory.npy' }).click();
  await expect(page.getByRole('list', { name: 'Legend' })).not.toContainText('trajectory.npy');
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('trajectory.h5');
  await item.first().getByTestId('path-remove').click();
  await item.first().getByTestId('path-remove').click();
  await expect(item).toHaveCount(0);
  await expect
    .poll(async () => thumbnailDistance(before, await canvasThumbnail(page, 32)))
    .toBeLessThan(0.02);
});

test('a broken trajectory file is refused with the reason, and nothing changes', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('landscape-file-input').setInputFiles(fixture('surface_2d.h5'));
  await expect(page.getByTestId('notice')).toContainText('Opened surface_2d.h5');
  await page.getByTestId('path-file-input').setInputFiles({
    name: 'proj.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x,y\n0,0\n0.5,oops\n'),
  });
  await expect(page.getByTestId('notice')).toContainText('proj.csv was not added');
  await expect(page.getByTestId('path-item')).toHaveCount(0);
});
