/**
 * The derivatives figure (§2): f′ typeset, the critical points of the chapter's examples, the
 * sweeping marker whose slope on f is the height of f′, and the controls.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { canvasStats, skipStartPage } from './helpers.ts';

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
/** The critical points listed in the numbers panel. */
async function criticalPoints(page: Page) {
  return page.getByTestId('critical-point').evaluateAll((items) =>
    items.map((li) => ({
      x: Number(li.getAttribute('data-x')),
      f: Number(li.getAttribute('data-f')),
      kind: li.getAttribute('data-kind'),
    })),
  );
}

test('rules-product: f′ = eˣ + x·eˣ, one valley at −1 with f = −1/e', async ({ page }) => {
  await openFigure(page, 'rules-product', 'derivative-formula');
  await expect(page.getByTestId('derivative-formula').locator('.katex')).toBeVisible();
  await expect(page.getByTestId('derivative-formula')).toHaveAttribute('data-text', /exp\(x\)/);
  await expect.poll(() => criticalPoints(page)).toHaveLength(1);
  const [valley] = await criticalPoints(page);
  expect(valley!.x).toBeCloseTo(-1, 9);
  expect(valley!.f).toBeCloseTo(-1 / Math.E, 9);
  expect(valley!.kind).toBe('valley');
  const stats = await canvasStats(page);
  expect(stats.foreground).toBeGreaterThan(0.01);
  expect(stats.colorful).toBeGreaterThan(0.001);

  // The marker opens on the critical point (position 60 of 100 on [−4, 1]): a flat tangent.
  await expectValue(page, 'marker-x', -1);
  await expectValue(page, 'marker-slope', 0, 12);
  await page.locator('body').press('End');
  await expectValue(page, 'marker-x', 1);
  await expectValue(page, 'marker-f', Math.E);
  await expectValue(page, 'marker-slope', 2 * Math.E);
});

test('rules-critical: a peak at −1 (f = 2) and a valley at 1 (f = −2); f″ typeset', async ({
  page,
}) => {
  await openFigure(page, 'rules-critical', 'derivative-formula');
  await expect.poll(() => criticalPoints(page)).toHaveLength(2);
  const [peak, valley] = await criticalPoints(page);
  expect(peak).toMatchObject({ kind: 'peak' });
  expect(peak!.x).toBeCloseTo(-1, 9);
  expect(peak!.f).toBeCloseTo(2, 9);
  expect(valley).toMatchObject({ kind: 'valley' });
  expect(valley!.x).toBeCloseTo(1, 9);
  expect(valley!.f).toBeCloseTo(-2, 9);
  await expect(page.getByTestId('second-derivative-formula')).toBeVisible();
  await page.getByTestId('derivatives-second').uncheck();
  await expect(page.getByTestId('second-derivative-formula')).toHaveCount(0);
});

test('rules-exp and rules-log: f′ = f, and 1/x with no critical point', async ({ page }) => {
  await openFigure(page, 'rules-exp', 'derivative-formula');
  await expect(page.getByTestId('no-critical-points')).toBeVisible();
  // The marker opens at x = 0, where both are 1.
  await expectValue(page, 'marker-x', 0, 12);
  await expectValue(page, 'marker-f', 1, 12);
  await expectValue(page, 'marker-slope', 1, 12);

  await openFigure(page, 'rules-log', 'derivative-formula');
  // Position 20 of 100 on [0.2, 4.2]: x = 1, slope 1/x = 1.
  await expectValue(page, 'marker-x', 1);
  await expectValue(page, 'marker-slope', 1);
  await expect(page.getByTestId('no-critical-points')).toBeVisible();
  const stats = await canvasStats(page);
  expect(stats.foreground).toBeGreaterThan(0.01);
});

test('a new f updates the numbers; a bad one shows why and changes nothing', async ({ page }) => {
  await openFigure(page, 'rules-critical', 'derivative-formula');
  const input = page.getByTestId('figure-f-input');
  await input.fill('x^2 - 2x');
  await input.press('Enter');
  await expect.poll(() => criticalPoints(page)).toHaveLength(1);
  const [valley] = await criticalPoints(page);
  expect(valley!.x).toBeCloseTo(1, 9);
  expect(valley!.f).toBeCloseTo(-1, 9);

  await input.fill('x^2 - 2x)');
  await input.press('Enter');
  await expect(page.getByTestId('figure-f-error')).toBeVisible();
  await expect(page.getByTestId('derivative-formula')).toHaveAttribute('data-text', /x/);
  expect(await criticalPoints(page)).toHaveLength(1);
  await input.fill('x*y');
  await input.press('Enter');
  await expect(page.getByTestId('figure-f-error')).toContainText('one variable');
  expect((await criticalPoints(page))[0]!.x).toBeCloseTo(1, 9);
});

// Only with DESCENT_SHOTS set: pictures for a person to review, nothing to assert.
if (process.env.DESCENT_SHOTS)
  test('screenshots for review', async ({ page }) => {
    for (const id of ['rules-product', 'rules-exp', 'rules-log', 'rules-critical']) {
      await openFigure(page, id, 'derivative-formula');
      for (const [width, height] of [
        [1280, 720],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        for (const theme of ['light', 'dark']) {
          await page.getByTestId('theme-select').selectOption(theme);
          await page.locator('body').click({ position: { x: 1, y: 1 } });
          await page.screenshot({
            path: `/tmp/shots/derivatives/${id}-${width}x${height}-${theme}.png`,
          });
        }
      }
      await page.getByTestId('theme-select').selectOption('light');
      await page.setViewportSize({ width: 1024, height: 720 });
    }
  });
