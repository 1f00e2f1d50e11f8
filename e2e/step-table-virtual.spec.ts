/**
 * The step table and the compare table are virtualised (issue 11): a run of 100,000 steps puts
 * only the rows in view in the DOM, each with its `data-step` and full-precision `data-value`s;
 * the playhead's row is always there, marked, wherever the table is scrolled; scrolling (by
 * script or keyboard) brings later rows in; a click on a row still seeks.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import type { Scene } from '../shared/scene/document.ts';
import { presetScene } from '../shared/scene/presets.ts';
import { counterStep, openApp } from './helpers.ts';

const STEPS = 100_000;
const LR = 1e-5;

/** Gradient descent on x² from 3 with η = LR, `steps` long, and more runs like it. */
function longScene(lrs: readonly number[] = [LR]): Scene {
  const scene = presetScene('gd-x2')!;
  const [first] = scene.runs;
  scene.runs = lrs.map((lr, i) => ({
    ...first!,
    id: `long-${i}`,
    name: `Long ${i}`,
    steps: STEPS,
    params: { ...first!.params, lr },
  }));
  scene.selectedRunId = 'long-0';
  scene.timeline = { ...scene.timeline, markers: [], position: 0 };
  return scene;
}

/** x after `k` steps of x ← x − η·2x from 3, as the solver computes it. */
function xAt(k: number, lr = LR): number {
  let x = 3;
  for (let i = 0; i < k; i++) x -= lr * 2 * x;
  return x;
}

/** What the table's body holds now: each row's step and x (its first number cell). */
async function bodyRows(table: Locator): Promise<{ step: number; x: number | null }[]> {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((tr) => {
      const x = tr.querySelector('td[data-value]')?.getAttribute('data-value');
      return { step: Number(tr.getAttribute('data-step')), x: x == null ? null : Number(x) };
    }),
  );
}

/** Whether the row lies within the scroller's visible box (below the sticky header). */
async function rowInView(page: Page, step: number): Promise<boolean> {
  return page.locator('.step-table-section .table-scroll').evaluate((scroller, step) => {
    const row = scroller.querySelector(`tbody tr[data-step="${step}"]`);
    if (!row) return false;
    const box = scroller.getBoundingClientRect();
    const head = scroller.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const r = row.getBoundingClientRect();
    return r.top >= box.top + head - 1 && r.bottom <= box.bottom + 1;
  }, step);
}

test('a 100,000-step run: only the rows in view are in the DOM, the current one always', async ({
  page,
}) => {
  await openApp(page, sceneFragment(longScene()));
  const table = page.getByTestId('step-table');
  await expect(table).toHaveAttribute('data-row-count', String(STEPS + 1));
  await expect(table).toHaveAttribute('aria-rowcount', String(STEPS + 2));

  // At rest at step 0: the first rows, with their numbers.
  const first = await bodyRows(table);
  expect(first.length).toBeGreaterThan(5);
  expect(first.length).toBeLessThan(200);
  expect(first.map((r) => r.step)).toEqual(first.map((_, k) => k));
  expect(first[0]!.x).toBe(3);
  expect(first[1]!.x).toBeCloseTo(xAt(1), 12);
  await expect(table.locator('tbody tr.current')).toHaveAttribute('data-step', '0');

  // End (keyboard, from the focused table) moves the playhead to the last step: its row is
  // rendered, marked and scrolled into view, with its full-precision values.
  await page.getByRole('region', { name: 'Step table' }).focus();
  await page.keyboard.press('End');
  const current = table.locator('tbody tr.current');
  await expect(current).toHaveAttribute('data-step', String(STEPS));
  await expect(current).toHaveAttribute('aria-current', 'step');
  expect(
    Number(await current.locator('td[data-value]').first().getAttribute('data-value')),
  ).toBeCloseTo(xAt(STEPS), 9);
  await expect.poll(() => rowInView(page, STEPS)).toBe(true);
  expect((await bodyRows(table)).length).toBeLessThan(200);

  // Scrolled back to the top, away from the playhead: its row stays in the DOM, still marked.
  const scroller = page.locator('.step-table-section .table-scroll');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expect(table.locator('tbody tr[data-step="0"]')).toBeAttached();
  await expect(current).toHaveAttribute('data-step', String(STEPS));
  const top = await bodyRows(table);
  expect(top.length).toBeLessThan(200);
  // The rows from 0 (in order), then the playhead's row after them.
  expect(top.at(-1)!.step).toBe(STEPS);
  expect(top.slice(0, -1).map((r) => r.step)).toEqual(top.slice(0, -1).map((_, k) => k));
  expect(await rowInView(page, 0)).toBe(true);

  // Halfway down: the rows there, with their own numbers.
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect.poll(async () => (await bodyRows(table))[0]!.step).toBeGreaterThan(STEPS / 2 - 1000);
  const middle = (await bodyRows(table)).filter((r) => r.step !== STEPS);
  expect(middle.length).toBeLessThan(200);
  expect(middle[0]!.step).toBeLessThan(STEPS / 2 + 1000);
  for (const row of [middle[0]!, middle.at(-1)!]) {
    expect(row.x!).toBeCloseTo(xAt(row.step), 9);
  }
  // Every row the user sees there is in the DOM: consecutive steps filling the scroller.
  const seen = middle.map((r) => r.step);
  expect(seen).toEqual(seen.map((_, k) => seen[0]! + k));
  const visible = seen[Math.floor(seen.length / 2)]!;
  expect(await rowInView(page, visible)).toBe(true);

  // A click on a row there seeks to it.
  await table.locator(`tbody tr[data-step="${visible}"]`).click();
  await expect(current).toHaveAttribute('data-step', String(visible));
  expect(await counterStep(page)).toBe(visible);
});

test('the keyboard scrolls the table: Page Down brings later rows in', async ({ page }) => {
  await openApp(page, sceneFragment(longScene()));
  const table = page.getByTestId('step-table');
  await expect(table).toHaveAttribute('data-row-count', String(STEPS + 1));
  const region = page.getByRole('region', { name: 'Step table' });
  await region.focus();
  const before = (await bodyRows(table)).at(-1)!.step;
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageDown');
  await expect.poll(() => region.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await expect.poll(async () => (await bodyRows(table)).at(-1)!.step).toBeGreaterThan(before);
  // The playhead did not move: Page Down scrolls, and the marked row is still step 0.
  await expect(table.locator('tbody tr.current')).toHaveAttribute('data-step', '0');
  expect(await counterStep(page)).toBe(0);
});

test('the compare table: far fewer rows than steps, one value per run and quantity', async ({
  page,
}) => {
  await openApp(page, sceneFragment(longScene([LR, 2 * LR])));
  await page.getByTestId('table-tab-compare').click();
  const table = page.getByTestId('compare-table');
  await expect(table).toHaveAttribute('data-row-count', String(STEPS + 1));
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-step', '0');
  const count = await rows.count();
  expect(count).toBeGreaterThan(5);
  expect(count).toBeLessThan(200);
  // 1D: x and f for each of the two runs.
  for (const row of (await rows.all()).slice(0, 3)) {
    await expect(row.locator('[data-value]')).toHaveCount(4);
  }

  await page.getByRole('region', { name: 'Runs compared' }).focus();
  await page.keyboard.press('End');
  const current = table.locator('tbody tr.current');
  await expect(current).toHaveAttribute('data-step', String(STEPS));
  const x = (run: string) =>
    current.locator(`td[data-run-id="${run}"][data-quantity="x"]`).getAttribute('data-value');
  expect(Number(await x('long-0'))).toBeCloseTo(xAt(STEPS, LR), 9);
  expect(Number(await x('long-1'))).toBeCloseTo(xAt(STEPS, 2 * LR), 9);
  expect(await rows.count()).toBeLessThan(200);
});
