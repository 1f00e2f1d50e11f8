/**
 * An imported loss landscape in the browser build: a file written in the loss-landscape code's
 * layout (shared/landscape/fixtures/surface_2d.h5, read by the HDF5 reader in the page) opens as
 * a new scene from the Surface list, is drawn (not blank) and records a GIF like any scene; a
 * broken file is refused with a message naming what is wrong and changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Download } from '@playwright/test';
import {
  canvasThumbnail,
  column,
  commitNumber,
  expectSurfaceDrawn,
  openApp,
  readTable,
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

test('a big landscape crosses to the solver once; η edits then send only its name', async ({
  page,
}) => {
  // Count what the page posts to its solver worker: whole grids, and grids sent by name.
  await page.addInitScript(() => {
    const seen = { whole: 0, named: 0 };
    (window as unknown as { gridMessages: typeof seen }).gridMessages = seen;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
      const problem = (message as { problem?: { kind?: string } } | null)?.problem;
      if (problem?.kind === 'grid') seen.whole++;
      if (problem?.kind === 'ref') seen.named++;
      return post.call(this, message, ...rest);
    } as typeof post;
  });
  // 80 × 80 points in long form: a bowl tilted so a run visibly moves.
  const lines = ['x,y,loss'];
  for (let j = 0; j < 80; j++) {
    for (let i = 0; i < 80; i++) {
      const x = -1 + (2 * i) / 79;
      const y = -1 + (2 * j) / 79;
      lines.push(`${x},${y},${(x * x + 3 * y * y + 0.1).toFixed(6)}`);
    }
  }
  const file = join(dir, 'bowl80.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  await openApp(page);
  await page.getByTestId('landscape-file-input').setInputFiles(file);
  await expect(page.getByTestId('notice')).toContainText('Opened bowl80.csv');
  await expectSurfaceDrawn(page);
  await commitNumber(page.getByTestId('steps-input'), 10);
  const counts = (): Promise<{ whole: number; named: number }> =>
    page.evaluate(
      () => (window as unknown as { gridMessages: { whole: number; named: number } }).gridMessages,
    );
  const x0 = column(await readTable(page), 'x');
  const before = await counts();
  expect(before.whole).toBeGreaterThan(0);

  await commitNumber(page.getByTestId('lr-input'), 0.2);
  await expect.poll(async () => column(await readTable(page), 'x')).not.toEqual(x0);
  await commitNumber(page.getByTestId('lr-input'), 0.1);
  const after = await counts();
  // The edits reached the solver by name only: no whole grid crossed again.
  expect(after.named).toBeGreaterThan(before.named);
  expect(after.whole).toBe(before.whole);
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
