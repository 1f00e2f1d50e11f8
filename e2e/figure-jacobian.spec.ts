/**
 * The Jacobian figure (§8): its preset reads out J = [[2, 0], [2, 1]] at (1, 2) with det 2,
 * the point's fields move it (J = [[4, 0], [1, 2]] at (2, 1)), a refused expression changes
 * nothing, and playing shrinks the square until the area ratio meets det J. With
 * DESCENT_SHOTS=1 it also writes screenshots at 1280×720 and 1920×1080 in both themes to
 * /tmp/shots/jacobian/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { canvasStats, commitNumber, openPreset } from './helpers.ts';

/** J as the panel exposes it: cells by data-row / data-col, full precision. */
async function readJ(page: Page): Promise<number[][]> {
  const cells = await page
    .getByTestId('jacobian')
    .getByTestId('jacobian-cell')
    .evaluateAll((tds) =>
      tds.map((td) => ({
        row: Number(td.getAttribute('data-row')),
        col: Number(td.getAttribute('data-col')),
        value: Number(td.getAttribute('data-value')),
      })),
    );
  const J = [
    [NaN, NaN],
    [NaN, NaN],
  ];
  for (const c of cells) J[c.row]![c.col] = c.value;
  return J;
}

async function expectJ(page: Page, expected: number[][], det: number): Promise<void> {
  await expect(async () => {
    expect(await readJ(page)).toEqual(expected);
    expect(Number(await page.getByTestId('jacobian-det').getAttribute('data-value'))).toBe(det);
  }).toPass({ timeout: 10_000 });
}

async function ratio(page: Page): Promise<number> {
  return Number(await page.getByTestId('jacobian-area-ratio').getAttribute('data-value'));
}

async function expectDrawn(page: Page): Promise<void> {
  await expect(async () => {
    const stats = await canvasStats(page);
    expect(stats.foreground).toBeGreaterThan(0.02);
    expect(stats.colorful).toBeGreaterThan(0.003);
    expect(stats.colors).toBeGreaterThan(20);
  }).toPass({ timeout: 15_000 });
}

test('jacobian-x2-xy reads J = [[2, 0], [2, 1]] and det 2 at (1, 2)', async ({ page }) => {
  await openPreset(page, 'jacobian-x2-xy');
  await expectDrawn(page);
  await expectJ(
    page,
    [
      [2, 0],
      [2, 1],
    ],
    2,
  );
  await expect(page.getByTestId('jacobian').getByTestId('jacobian-cell')).toHaveCount(4);
  // Typeset with KaTeX, symbolic entries included.
  await expect(page.getByTestId('jacobian').locator('.katex')).toBeVisible();
  // The symbolic matrix [[2x, 0], [y, x]] names the variables; J at the point does not.
  await expect(page.getByTestId('jacobian').locator('.katex')).toContainText('y');
  // At the start the square has side 0.5: the image's area is 2 + 0.5²/6 times the square's.
  await expect(async () => expect(await ratio(page)).toBeCloseTo(2 + 0.25 / 6, 5)).toPass();
});

test('moving the point to (2, 1) gives J = [[4, 0], [1, 2]]', async ({ page }) => {
  await openPreset(page, 'jacobian-x2-xy');
  await expectDrawn(page);
  const before = await canvasStats(page);
  await commitNumber(page.getByTestId('jacobian-x-input'), 2);
  await commitNumber(page.getByTestId('jacobian-y-input'), 1);
  await expectJ(
    page,
    [
      [4, 0],
      [1, 2],
    ],
    8,
  );
  await expect(async () => expect(await canvasStats(page)).not.toEqual(before)).toPass();
});

test('a bad expression shows why and changes nothing', async ({ page }) => {
  await openPreset(page, 'jacobian-x2-xy');
  await expectDrawn(page);
  const f = page.getByTestId('jacobian-f-input');
  await f.fill('x^');
  await f.press('Enter');
  await expect(page.getByTestId('jacobian-f-error')).toBeVisible();
  await expect(page.getByTestId('jacobian-f-error')).toHaveAttribute('role', 'alert');
  // A third variable is refused too: F maps (x, y).
  const g = page.getByTestId('jacobian-g-input');
  await g.fill('x*z');
  await g.press('Enter');
  await expect(page.getByTestId('jacobian-g-error')).toContainText('F₂');
  await expectJ(
    page,
    [
      [2, 0],
      [2, 1],
    ],
    2,
  );
  // A good one is taken: F₁ = x·y has the row [y, x] = [2, 1].
  await f.fill('x*y');
  await f.press('Enter');
  await expect(page.getByTestId('jacobian-f-error')).toHaveCount(0);
  await expectJ(
    page,
    [
      [2, 1],
      [2, 1],
    ],
    0,
  );
});

test('the square shrinks along the timeline and the area ratio meets det J', async ({ page }) => {
  await openPreset(page, 'jacobian-x2-xy');
  await expectDrawn(page);
  const start = await ratio(page);
  expect(start - 2).toBeGreaterThan(0.04);
  await page.getByTestId('timeline').fill('60');
  await expect(async () => {
    expect(Number(await page.getByTestId('jacobian-side').getAttribute('data-value'))).toBeCloseTo(
      0.05,
      12,
    );
    expect(Math.abs((await ratio(page)) - 2)).toBeLessThan(1e-3);
  }).toPass({ timeout: 10_000 });
});

// Only with DESCENT_SHOTS set: pictures for a person to review.
if (process.env.DESCENT_SHOTS)
  test('screenshots for review', async ({ page }) => {
    test.setTimeout(240_000);
    const dir = '/tmp/shots/jacobian';
    mkdirSync(dir, { recursive: true });
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await openPreset(page, 'jacobian-x2-xy');
      for (const position of ['0', '60']) {
        await page.getByTestId('timeline').fill(position);
        for (const theme of ['light', 'dark']) {
          await page.getByTestId('theme-select').selectOption(theme);
          await expectDrawn(page);
          await page.screenshot({
            path: `${dir}/jacobian-x2-xy-${width}-${theme}-p${position}.png`,
          });
        }
      }
      await page.getByTestId('theme-select').selectOption('light');
    }
  });
