/**
 * The activations figure (§3): its presets read out the chapter's numbers (σ(2) = 0.8808,
 * σ′(2) = 0.105, 0.25ⁿ = 1/1024 at n = 5), the controls change them, refused input changes
 * nothing, and the picture is drawn. With DESCENT_SHOTS=1 it also writes screenshots of each
 * preset at 1280×720 and 1920×1080 in both themes to /tmp/shots/activations/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { canvasStats, commitNumber, openPreset } from './helpers.ts';

/** The full-precision number a readout carries. */
async function valueOf(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-value'));
}

/** Waits until the readout `testId` is close to `expected` (the panel follows the store). */
async function expectValue(page: Page, testId: string, expected: number, digits = 9) {
  await expect(async () => {
    expect(await valueOf(page, testId)).toBeCloseTo(expected, digits);
  }).toPass({ timeout: 10_000 });
}

async function expectDrawn(page: Page): Promise<void> {
  await expect(async () => {
    const stats = await canvasStats(page);
    expect(stats.foreground).toBeGreaterThan(0.02);
    expect(stats.colorful).toBeGreaterThan(0.003);
    expect(stats.colors).toBeGreaterThan(20);
  }).toPass({ timeout: 15_000 });
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

test('sigmoid-slope reads σ(2) = 0.8808 and σ′(2) = 0.105, and follows z', async ({ page }) => {
  await openPreset(page, 'sigmoid-slope');
  await expectDrawn(page);
  await expectValue(page, 'activation-value', sigmoid(2), 12);
  expect((await valueOf(page, 'activation-value')).toFixed(4)).toBe('0.8808');
  expect((await valueOf(page, 'activation-slope')).toFixed(3)).toBe('0.105');
  await expect(page.getByTestId('activation-value')).toHaveText('0.8808');
  const slope = sigmoid(2) * (1 - sigmoid(2));
  await expectValue(page, 'vanishing-product', slope ** 5, 15);
  await expectValue(page, 'vanishing-bound', 0.25 ** 5, 15);
  await expect(page.getByTestId('layer-table').locator('tbody tr')).toHaveCount(5);

  const before = await canvasStats(page);
  await commitNumber(page.getByTestId('activation-z'), -1);
  await expectValue(page, 'activation-value', sigmoid(-1), 12);
  await expectValue(page, 'activation-slope', sigmoid(-1) * (1 - sigmoid(-1)), 12);
  await expect(async () => expect(await canvasStats(page)).not.toEqual(before)).toPass();
});

test('vanishing-sigmoid multiplies quarters: 1/1024 for 5 layers, 1/16 for 2', async ({ page }) => {
  await openPreset(page, 'vanishing-sigmoid');
  await expectDrawn(page);
  await expectValue(page, 'vanishing-product', 1 / 1024, 15);
  expect((await valueOf(page, 'vanishing-product')).toFixed(5)).toBe('0.00098');
  const cells = page.getByTestId('layer-table').locator('tbody tr td:nth-of-type(1)');
  await expect(cells).toHaveCount(5);
  const products = await cells.evaluateAll((tds) => tds.map((td) => Number(td.dataset.value)));
  expect(products).toEqual([1 / 4, 1 / 16, 1 / 64, 1 / 256, 1 / 1024]);

  await page.getByTestId('activation-depth').fill('2');
  await expectValue(page, 'vanishing-product', 0.0625, 15);
  await expectValue(page, 'vanishing-bound', 0.0625, 15);
  await expect(page.getByTestId('layer-table').locator('tbody tr')).toHaveCount(2);
  // The timeline is as long as the stack: n = 2 layers, 2 steps.
  await expect(page.getByTestId('timeline')).toHaveAttribute('max', '2');
});

test('activations shows ReLU’s kink, switches focus, and refuses a bad z', async ({ page }) => {
  await openPreset(page, 'activations');
  await expectDrawn(page);
  await expectValue(page, 'activation-value', 0, 15);
  // The framework's choice at the kink.
  await expectValue(page, 'activation-slope', 0, 15);
  await expect(page.getByTestId('activations-readout')).toContainText('[0, 1]');

  await page.getByTestId('activation-select').selectOption('gelu');
  await commitNumber(page.getByTestId('activation-z'), 1);
  // GELU(1) = Φ(1), GELU′(1) = Φ(1) + φ(1).
  await expectValue(page, 'activation-value', 0.8413447460685429, 12);
  await expectValue(page, 'activation-slope', 1.0833154705876864, 12);

  await page.getByTestId('activation-select').selectOption('leaky-relu');
  await commitNumber(page.getByTestId('activation-z'), -2);
  await expectValue(page, 'activation-value', -0.02, 15);
  await expectValue(page, 'activation-slope', 0.01, 15);

  // Not a number: an error under the field, and the figure keeps z = −2.
  await commitNumber(page.getByTestId('activation-z'), 'two');
  await expect(page.getByTestId('activations-controls').getByRole('alert')).toBeVisible();
  await expectValue(page, 'activation-value', -0.02, 15);
  await expect(page.getByTestId('activation-z-slider')).toHaveValue('-2');
});

test('the bars grow with the playhead, layer by layer', async ({ page }) => {
  await openPreset(page, 'vanishing-sigmoid');
  await expectDrawn(page);
  const timeline = page.getByTestId('timeline');
  await timeline.fill('0');
  await expect(page.getByTestId('layer-table').locator('tr.current')).toHaveCount(0);
  const empty = await canvasStats(page);
  await timeline.fill('3');
  await expect(page.getByTestId('layer-table').locator('tr.current')).toHaveAttribute(
    'data-k',
    '3',
  );
  await expect(async () => {
    expect((await canvasStats(page)).colorful).toBeGreaterThan(empty.colorful);
  }).toPass();
});

// Only with DESCENT_SHOTS set: pictures for a person to review, nothing to assert.
if (process.env.DESCENT_SHOTS)
  test('screenshots for review', async ({ page }) => {
    test.setTimeout(240_000);
    const dir = '/tmp/shots/activations';
    mkdirSync(dir, { recursive: true });
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const id of ['sigmoid-slope', 'activations', 'vanishing-sigmoid']) {
        await openPreset(page, id);
        for (const theme of ['light', 'dark']) {
          await page.getByTestId('theme-select').selectOption(theme);
          await expectDrawn(page);
          await page.screenshot({ path: `${dir}/${id}-${width}-${theme}.png` });
        }
        await page.getByTestId('theme-select').selectOption('light');
      }
    }
  });
