/**
 * A real model's loss in the browser build: the minibatch-SGD preset draws linear regression's
 * mean squared error over (w, b) with its least-squares fit marked; the minibatch run's step
 * table carries each step's epoch, batch and batch loss beside the full loss; dragging η or the
 * batch size recomputes the path at once.
 */
import { expect, test } from '@playwright/test';
import {
  canvasThumbnail,
  column,
  expectSurfaceDrawn,
  openPreset,
  readTable,
  selectedRun,
  settledCanvasThumbnail,
  thumbnailDistance,
} from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await openPreset(page, 'minibatch-sgd');
  await expectSurfaceDrawn(page);
  await page.locator('li[data-run-id="batch8"]').click();
  await expect(selectedRun(page)).toHaveAttribute('data-run-id', 'batch8');
});

test('a minibatch run lists epoch, batch and batch loss beside the full loss', async ({ page }) => {
  await expect(page.getByTestId('model-panel')).toContainText('Linear regression');
  await expect(page.getByTestId('batch-slider')).toHaveAttribute('aria-valuetext', /8 points/);
  let table = await readTable(page);
  await expect.poll(async () => (table = await readTable(page)).headers).toContain('batch loss');
  expect(table.rows).toHaveLength(101);
  // 200 points in batches of 8: 25 batches make an epoch, so step 25 opens epoch 2.
  expect(column(table, 'epoch').slice(24, 26)).toEqual([1, 2]);
  expect(column(table, 'batch').slice(24, 26)).toEqual([25, 1]);
  const batchLoss = column(table, 'batch loss');
  const full = column(table, 'f(w,b)');
  expect(batchLoss[0]).not.toBeCloseTo(full[0]!, 2);
});

test('dragging η or the batch size recomputes the path', async ({ page }) => {
  const before = await readTable(page);
  const w = column(before, 'w');
  const picture = await canvasThumbnail(page);

  // η: a keyboard step on the slider (0.1 → 0.12) changes every step after the first.
  const lr = page.getByTestId('lr-slider');
  await lr.focus();
  await lr.press('ArrowRight');
  await expect(page.getByTestId('lr-input')).toHaveValue('0.12');
  await expect.poll(async () => column(await readTable(page), 'w')[1]).not.toBeCloseTo(w[1]!, 6);

  // Batch size: one stop down (8 → 4) gives other minibatches, so another path.
  const afterLr = column(await readTable(page), 'w');
  const batch = page.getByTestId('batch-slider');
  await batch.focus();
  await batch.press('ArrowLeft');
  await expect(batch).toHaveAttribute('aria-valuetext', /4 points/);
  await expect.poll(async () => column(await readTable(page), 'batch')[25]).toBe(26);
  expect(column(await readTable(page), 'w').slice(1, 5)).not.toEqual(afterLr.slice(1, 5));

  // All the way up is the full batch: no minibatch columns, plain gradient descent.
  for (let i = 0; i < 6; i++) await batch.press('ArrowRight');
  await expect(batch).toHaveAttribute('aria-valuetext', /Full batch/);
  await expect.poll(async () => (await readTable(page)).headers).not.toContain('batch loss');
  await expect
    .poll(async () => thumbnailDistance(picture, await canvasThumbnail(page)))
    .toBeGreaterThan(0.001);
});

test("the current minibatch's own loss is drawn under the path and changes with the step", async ({
  page,
}) => {
  const toggle = page.getByTestId('overlay-batchSurface');
  await expect(toggle).not.toBeChecked();
  const plain = await settledCanvasThumbnail(page);
  await toggle.check();
  const step0 = await settledCanvasThumbnail(page);
  expect(thumbnailDistance(plain, step0), 'the mesh is drawn').toBeGreaterThan(0.3);
  // The next step samples another minibatch: another surface.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-counter')).toContainText('step 1');
  const step1 = await settledCanvasThumbnail(page);
  expect(thumbnailDistance(step0, step1), 'another batch, another mesh').toBeGreaterThan(0.05);
  // Off again: the picture of step 1 without it.
  await toggle.uncheck();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.step-counter')).toContainText('step 0');
  expect(thumbnailDistance(plain, await settledCanvasThumbnail(page))).toBeLessThan(0.3);
});

test('the minibatch switch is offered only on a model’s loss', async ({ page }) => {
  await expect(page.getByTestId('overlay-batchSurface')).toBeVisible();
  await page.getByTestId('surface-select').selectOption('bowl');
  await expect(page.getByTestId('overlay-wireframe')).toBeVisible();
  await expect(page.getByTestId('overlay-batchSurface')).toHaveCount(0);
});
