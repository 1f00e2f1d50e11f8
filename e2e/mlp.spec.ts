/**
 * A tiny network on a slice of its loss, in the browser build: the mlp-slice preset trains a
 * 2–8–1 network on two moons in the worker, draws its cross-entropy on the plane of the training
 * path's principal components with the training path on it, and says which plane. Changing the
 * settings retrains with a progress bar over the last picture; settings that cannot be drawn are
 * refused in words and the picture stays.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  column,
  expectSurfaceDrawn,
  readTable,
  openPreset,
  settledCanvasThumbnail,
  thumbnailDistance,
} from './helpers.ts';

/**
 * Starts recording the progress bar: every aria-valuenow it shows, and whether the canvas was
 * on the page the whole time (the last picture stays while the new one is computed).
 */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="slice-progress"]');
      const value = Number(bar?.getAttribute('aria-valuenow'));
      if (bar && seen.at(-1) !== value) seen.push(value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const progressSeen = (page: Page): Promise<number[]> =>
  page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);

test.beforeEach(async ({ page }) => {
  await openPreset(page, 'mlp-slice');
  await expectSurfaceDrawn(page);
});

test('the slice is drawn with the training path on it and the plane stated', async ({ page }) => {
  await expect(page.getByTestId('mlp-panel')).toContainText('2–8–1 tanh');
  // Plain descent on minibatches of 20 is named SGD in the list, as in the legend.
  await expect(page.getByTestId('mlp-optimizer').locator('option:checked')).toHaveText(
    'Minibatch SGD',
  );
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect(legend).toContainText(/Training: SGD η = 0\.5, batch 20, \d+ epochs/);
  await expect(page.getByTestId('slice-plane')).toHaveText(
    /^Plane: path's 2 principal components \(\d+%, \d+%\)$/,
  );
  // With no run selected, the step table lists the training: one row per step, with the
  // minibatch each step used, and the loss falling from 0.870 to 0.043.
  await expect(page.getByTestId('step-table')).toHaveAttribute('data-row-count', '601');
  const table = await readTable(page);
  expect(table.headers).toEqual(expect.arrayContaining(['epoch', 'batch', 'batch loss']));
  const f = column(table, 'f(x,y)');
  expect(f[0]!.toFixed(3)).toBe('0.870');
  expect(f.at(-1)!.toFixed(3)).toBe('0.043');
  // Playing the timeline moves the ball along the training path: the picture changes.
  const before = await settledCanvasThumbnail(page);
  await page.keyboard.press('End');
  expect(thumbnailDistance(before, await settledCanvasThumbnail(page))).toBeGreaterThan(0.05);
});

test("the learning curve shows the network's training, full and batch loss", async ({ page }) => {
  await page.getByTestId('table-tab-curve').click();
  const curve = page.getByTestId('learning-curve');
  // With no run selected the curve is the training's, as the step table is: 600 steps, the
  // full loss from 0.870 down, and one dot per step for the loss of that step's minibatch.
  await expect(curve).toHaveAttribute('data-run', 'training');
  await expect(curve).toHaveAttribute('data-steps', '600');
  expect(Number(await curve.getAttribute('data-first'))).toBeCloseTo(0.87, 3);
  expect(Number(await curve.getAttribute('data-last'))).toBeLessThan(0.05);
  // (Dots that land on the same pixel are drawn once.)
  const dots = Number(await curve.getAttribute('data-batch-points'));
  expect(dots).toBeGreaterThan(500);
  expect(dots).toBeLessThanOrEqual(600);
  await expect(page.locator('.learning-curve-legend')).toContainText('batch loss (batch 20)');
  // The export offers it as an inset while the tab is shown.
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-preset-png-still').click();
  await expect(page.getByTestId('export-learning-curve')).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();
  // It follows the settings: more epochs, more steps.
  await page.getByTestId('mlp-epochs').fill('80');
  await page.getByTestId('mlp-epochs').press('Enter');
  await expect(curve).toHaveAttribute('data-steps', '800');
});

test('new settings retrain with progress over the last picture; Undo goes back', async ({
  page,
}) => {
  const before = await settledCanvasThumbnail(page);
  await watchProgress(page);
  // A wider network takes longer to sample, so the bar is on screen for a while.
  await page.getByTestId('mlp-hidden').selectOption('32');
  await expect(page.getByTestId('mlp-panel')).toContainText('2–32–1 tanh');
  await expect
    .poll(async () => (await progressSeen(page)).length, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('slice-progress')).toBeHidden({ timeout: 30_000 });
  const seen = await progressSeen(page);
  expect(seen.every((v) => v >= 0 && v < 100)).toBe(true);
  const wider = await settledCanvasThumbnail(page);
  expect(thumbnailDistance(before, wider)).toBeGreaterThan(0.5);

  // The other plane: random directions, and the figure says so.
  await page.getByTestId('mlp-plane').selectOption('random');
  await expect(page.getByTestId('slice-plane')).toHaveText(
    'Plane: 2 random filter-normalised directions',
  );

  // η is a live slider: a keyboard step (log10 η −0.30 → −0.29) retrains, and the legend follows.
  const lr = page.getByTestId('mlp-lr-slider');
  await lr.focus();
  await lr.press('ArrowRight');
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('η = 0.513');

  // Undo three times: back to the preset's network, plane and numbers.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await expect(page.getByTestId('mlp-panel')).toContainText('2–8–1 tanh');
  // Back on minibatches of 20: the list names SGD again.
  await expect(page.getByTestId('mlp-optimizer').locator('option:checked')).toHaveText(
    'Minibatch SGD',
  );
  await expect(page.getByTestId('slice-plane')).toContainText('principal components');
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('η = 0.5,');
  await expect
    .poll(async () => column(await readTable(page), 'f(x,y)')[0]?.toFixed(3))
    .toBe('0.870');
});

test('training too long to draw is refused in words and the picture stays', async ({ page }) => {
  const before = await settledCanvasThumbnail(page);
  const epochs = page.getByTestId('mlp-epochs');
  await epochs.fill('5000');
  await epochs.press('Enter');
  await expect(page.getByTestId('mlp-steps')).toContainText('at most 20000');
  await expect(page.getByRole('alert').filter({ hasText: 'at most 20000' })).toBeVisible();
  expect(thumbnailDistance(before, await settledCanvasThumbnail(page))).toBeLessThan(0.5);
});
