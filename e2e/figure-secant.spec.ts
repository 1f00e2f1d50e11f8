/**
 * The secant figure (§1): the slope of the secant through x₀ and x₀ + h is read from the
 * numbers panel as the playhead shrinks h to 0, the picture is drawn, and the controls change
 * the numbers (or refuse a bad expression, changing nothing).
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

test.beforeEach(async ({ page }) => {
  await openFigure(page, 'secant-x2', 'secant-slope');
});

test('secant-x2: slope 7 at h = 1, then 6 + h on the way, 6 on the tangent at the end', async ({
  page,
}) => {
  await expectValue(page, 'secant-h', 1);
  await expectValue(page, 'secant-slope', 7);
  await expectValue(page, 'secant-derivative', 6);
  const stats = await canvasStats(page);
  expect(stats.foreground, 'the figure draws something').toBeGreaterThan(0.01);
  expect(stats.colors).toBeGreaterThan(8);

  // Half way: h = 0.5, slope 6.5.
  await page.locator('body').press('ArrowRight');
  for (let i = 1; i < 30; i++) await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-counter')).toHaveText('step 30 / 60');
  await expectValue(page, 'secant-h', 0.5);
  await expectValue(page, 'secant-slope', 6.5);

  await page.keyboard.press('End');
  await expectValue(page, 'secant-h', 0);
  await expectValue(page, 'secant-slope', 6, 12);
  await expect(page.getByTestId('secant-readout')).toContainText('the tangent');

  // The limit table: h → slope, closing in on 6 from both sides.
  const table = page.getByTestId('secant-table');
  await expect(table.locator('tbody tr')).toHaveCount(8);
  const slopeAt = async (h: number) =>
    Number(await table.locator(`tr[data-h="${h}"] td`).first().getAttribute('data-value'));
  expect(await slopeAt(1)).toBeCloseTo(7, 12);
  expect(await slopeAt(0.001)).toBeCloseTo(6.001, 9);
  expect(await slopeAt(-0.001)).toBeCloseTo(5.999, 9);
});

test('controls: h either side, x₀, f — and a bad f changes nothing', async ({ page }) => {
  await commitNumber(page.getByTestId('secant-h-input'), '-0.5');
  await expectValue(page, 'secant-slope', 5.5);
  await commitNumber(page.getByTestId('secant-x0-input'), '1');
  await expectValue(page, 'secant-derivative', 2);
  await expectValue(page, 'secant-slope', 1.5);

  // The slider moves h live (keyboard on the focused slider).
  const slider = page.getByTestId('secant-h-slider');
  await slider.focus();
  await slider.press('ArrowRight');
  expect(await value(page, 'secant-h')).toBeGreaterThan(-0.5);

  const before = await value(page, 'secant-slope');
  const input = page.getByTestId('figure-f-input');
  await input.fill('x^3 +');
  await input.press('Enter');
  await expect(page.getByTestId('figure-f-error')).toBeVisible();
  await expect(page.getByTestId('figure-f-error')).toHaveAttribute('role', 'alert');
  await expectValue(page, 'secant-slope', before);

  await input.fill('x^3');
  await input.press('Enter');
  await expect(page.getByTestId('figure-f-error')).toHaveCount(0);
  await expectValue(page, 'secant-derivative', 3);
});

// Only with DESCENT_SHOTS set: pictures for a person to review, nothing to assert.
if (process.env.DESCENT_SHOTS)
  test('screenshots for review', async ({ page }) => {
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const theme of ['light', 'dark']) {
        await page.getByTestId('theme-select').selectOption(theme);
        await page.locator('body').press('Home');
        await page.screenshot({
          path: `/tmp/shots/secant/secant-x2-${width}x${height}-${theme}.png`,
        });
        await page.keyboard.press('End');
        await page.screenshot({
          path: `/tmp/shots/secant/secant-x2-${width}x${height}-${theme}-end.png`,
        });
      }
    }
  });
