/**
 * The learning-curve tab of the tables, shown for a model's loss: the selected run's full loss
 * on a log axis and, for a minibatch run, each step's batch loss as dots; absent for a surface.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openPreset, selectedRun } from './helpers.ts';

async function selectRun(page: Page, id: string): Promise<void> {
  await page.locator(`li[data-run-id="${id}"]`).click();
  await expect(selectedRun(page)).toHaveAttribute('data-run-id', id);
}

test('a minibatch run shows its full loss falling and its batch loss as dots', async ({ page }) => {
  await openPreset(page, 'minibatch-sgd');
  await selectRun(page, 'batch8');
  await page.getByTestId('table-tab-curve').click();
  await expect(page.getByTestId('table-tab-curve')).toHaveAttribute('aria-selected', 'true');
  const curve = page.getByTestId('learning-curve');
  await expect(curve).toHaveAttribute('data-run', 'batch8');
  await expect(curve).toHaveAttribute('data-steps', '100');
  await expect(curve).toHaveAttribute('role', 'img');
  await expect(curve).toHaveAttribute(
    'aria-label',
    /^Full loss of Batch 8.*batch loss \(batch 8\)/,
  );
  const points = Number(await curve.getAttribute('data-batch-points'));
  expect(points).toBeGreaterThan(0);
  expect(points).toBeLessThanOrEqual(100);
  const first = Number(await curve.getAttribute('data-first'));
  const last = Number(await curve.getAttribute('data-last'));
  expect(first).toBeGreaterThan(last);
  await expect(page.getByText('batch loss (batch 8)')).toBeVisible();

  // The marker follows the playhead, and a click on the plot seeks to the step under it.
  await expect(curve).toHaveAttribute('data-step', '0');
  await page.getByTestId('step-forward').click();
  await expect(curve).toHaveAttribute('data-step', '1');
  const box = (await curve.boundingBox())!;
  await curve.click({ position: { x: box.width - 14, y: box.height / 2 } });
  await expect(curve).toHaveAttribute('data-step', /^(9\d|100)$/);

  // The full-batch run has no minibatches: no dots, and no batch entry in the legend.
  await selectRun(page, 'full');
  await expect(curve).toHaveAttribute('data-run', 'full');
  await expect(curve).toHaveAttribute('data-batch-points', '0');
  await expect(page.getByText(/batch loss \(batch/)).toHaveCount(0);
});

test('the arrows move through the three tabs', async ({ page }) => {
  await openPreset(page, 'minibatch-sgd');
  await page.getByTestId('table-tab-steps').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('table-tab-compare')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('table-tab-curve')).toBeFocused();
  await expect(page.getByTestId('table-tab-curve')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('table-tab-steps')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('table-tab-curve')).toBeFocused();
});

test('a surface has no learning-curve tab', async ({ page }) => {
  await openPreset(page, 'bowl-2d');
  await expect(page.getByTestId('table-tab-steps')).toBeVisible();
  await expect(page.getByTestId('table-tab-compare')).toBeVisible();
  await expect(page.getByTestId('table-tab-curve')).toHaveCount(0);
});

test('leaving the model for a surface falls back to the steps tab', async ({ page }) => {
  await openPreset(page, 'minibatch-sgd');
  await page.getByTestId('table-tab-curve').click();
  await expect(page.getByTestId('learning-curve')).toBeVisible();
  await page.getByRole('combobox', { name: 'Surface' }).selectOption({ label: 'Round bowl' });
  await expect(page.getByTestId('table-tab-curve')).toHaveCount(0);
  await expect(page.getByTestId('table-tab-steps')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('step-table')).toBeVisible();
});
