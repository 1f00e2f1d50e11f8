/**
 * The integral figure (§9): the Riemann sum at the playhead against the exact area, the slices
 * that multiply along the timeline, the convergence table, and the controls.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { canvasStats, commitNumber, skipStartPage } from './helpers.ts';

/** Opens a figure preset by its link and waits for its numbers. */
async function openFigure(page: Page, id: string, ready: string): Promise<void> {
  await skipStartPage(page);
  await page.goto(`./#preset=${id}`);
  await expect(page.getByLabel('Scene title')).not.toHaveValue('Untitled scene');
  await expect(page.getByTestId(ready)).toBeVisible();
}

/** A readout's full-precision number. */
async function value(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-value'));
}

async function expectValue(page: Page, testId: string, expected: number, digits = 9) {
  await expect.poll(() => value(page, testId)).toBeCloseTo(expected, digits);
}
test('integral-x2: six midpoint slices give 8.9375 against the exact 9; one slice at the start', async ({
  page,
}) => {
  await openFigure(page, 'integral-x2', 'area-estimate');
  await expectValue(page, 'area-n', 6);
  await expectValue(page, 'area-estimate', 8.9375, 12);
  await expectValue(page, 'area-exact', 9, 12);
  await expectValue(page, 'area-error', -0.0625, 12);
  await expect(page.getByTestId('area-exact-kind')).toContainText('antiderivative');
  const stats = await canvasStats(page);
  expect(stats.foreground).toBeGreaterThan(0.02);

  await page.locator('body').press('Home');
  await expectValue(page, 'area-n', 1);
  await expectValue(page, 'area-estimate', 3 * 1.5 ** 2, 12);
  await page.keyboard.press('ArrowRight');
  await expectValue(page, 'area-n', 2);
  await expectValue(page, 'area-estimate', 8.4375, 12);

  // The midpoint errors shrink by 4 per doubling: order 2.
  const table = page.getByTestId('integral-table');
  await expect(table.locator('tbody tr')).toHaveCount(6);
  await expectValue(page, 'integral-order', 2, 6);
});

test('controls: rule, n and bounds change the numbers; a ≥ b and a bad f are refused', async ({
  page,
}) => {
  await openFigure(page, 'integral-x2', 'area-estimate');
  await page.getByTestId('integral-rule').selectOption('left');
  // Left sum of x² on [0, 3] with 6 slices: 0.5·(0 + 0.25 + 1 + 2.25 + 4 + 6.25) = 6.875.
  await expectValue(page, 'area-estimate', 6.875, 12);
  await expectValue(page, 'integral-order', 1, 1);

  await commitNumber(page.getByTestId('integral-n-input'), '12');
  // Keys typed into a field stay there: leave it before seeking with End.
  await page.getByTestId('integral-n-input').blur();
  await page.keyboard.press('End');
  await expectValue(page, 'area-n', 12);
  await expect(page.locator('.step-counter')).toHaveText('step 11 / 11');

  await commitNumber(page.getByTestId('integral-b-input'), '-1');
  await expect(page.getByRole('alert')).toContainText('below the upper bound');
  await expectValue(page, 'area-exact', 9, 12);
  await commitNumber(page.getByTestId('integral-b-input'), '2');
  await expectValue(page, 'area-exact', 8 / 3, 12);

  const input = page.getByTestId('figure-f-input');
  await input.fill('x^2 +* 1');
  await input.press('Enter');
  await expect(page.getByTestId('figure-f-error')).toBeVisible();
  await expectValue(page, 'area-exact', 8 / 3, 12);
});

test('integral-density: 0.6827 by adaptive quadrature', async ({ page }) => {
  await openFigure(page, 'integral-density', 'area-estimate');
  await expectValue(page, 'area-exact', 0.6826894921370859, 10);
  await expect(page.getByTestId('area-exact-kind')).toContainText('quadrature');
  await expectValue(page, 'area-n', 10);
  const error = await value(page, 'area-error');
  expect(Math.abs(error)).toBeLessThan(2e-3);
  const stats = await canvasStats(page);
  expect(stats.foreground).toBeGreaterThan(0.02);
});

// Only with DESCENT_SHOTS set: pictures for a person to review, nothing to assert.
if (process.env.DESCENT_SHOTS)
  test('screenshots for review', async ({ page }) => {
    for (const id of ['integral-x2', 'integral-density']) {
      await openFigure(page, id, 'area-estimate');
      for (const [width, height] of [
        [1280, 720],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        for (const theme of ['light', 'dark']) {
          await page.getByTestId('theme-select').selectOption(theme);
          await page.locator('body').click({ position: { x: 1, y: 1 } });
          await page.screenshot({
            path: `/tmp/shots/integral/${id}-${width}x${height}-${theme}.png`,
          });
        }
      }
      await page.getByTestId('theme-select').selectOption('light');
      await page.setViewportSize({ width: 1024, height: 720 });
    }
  });
