/**
 * Every chapter preset opens from its link (`#preset=ID`) and shows the chapter's numbers in the
 * step table (full precision, from `data-value`), its caption and a table of finite numbers.
 * The expected values are the chapter's worked examples (shared/chapter/calculus-for-ml.md)
 * and the numbers each preset's caption quotes.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { isFigureKind } from '../shared/scene/figure.ts';
import { PRESETS } from '../shared/scene/presets.ts';
import { column, expectColumn, expectRowCount, openApp, openPreset, readTable } from './helpers.ts';
import type { StepTableView } from './helpers.ts';
import { resolveProblem } from '../shared/problem.ts';

/** Selects the run at `index` of the run list after checking it is the one named `name`. */
async function selectRun(page: Page, index: number, name: string): Promise<void> {
  const option = page.getByTestId('run-list').getByRole('listitem').nth(index);
  await expect(option.getByLabel('Run name')).toHaveValue(name);
  await option.getByTestId('run-status').click();
  await expect(option).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('.step-table-section h2')).toContainText(name);
}

/** Reads the table once it has `rows` rows (the selected run's steps + 1). */
async function tableWithRows(page: Page, rows: number): Promise<StepTableView> {
  await expectRowCount(page, rows);
  const table = await readTable(page);
  expect(table.rows).toHaveLength(rows);
  return table;
}

/** The last row's (x, y). */
function lastPoint(table: StepTableView): [number, number] {
  const x = column(table, 'x').at(-1);
  const y = column(table, 'y').at(-1);
  if (x == null || y == null) throw new Error('the last row has no position');
  return [x, y];
}

/** Waits until the last row of the selected run (`rows` rows) satisfies `check`. */
async function expectLastRow(
  page: Page,
  rows: number,
  check: (table: StepTableView) => void,
): Promise<void> {
  await expect(async () => check(await tableWithRows(page, rows))).toPass({
    timeout: 10_000,
  });
}

/** The readout line whose label is exactly `label` (e.g. '∇f', 'Hessian λ') or matches it. */
function readoutLine(page: Page, label: string | RegExp) {
  return page
    .getByTestId('readout')
    .locator('.readout-line')
    .filter({ has: page.locator('dt').getByText(label, { exact: true }) });
}

/** Chapter numbers per preset, checked after the generic checks. */
const CHAPTER: Record<string, (page: Page) => Promise<void>> = {
  // §1: f′(3) = 6 for f(x) = x² (a single row: the point itself).
  'derivative-x2': async (page) => {
    await expectColumn(page, 'x', [3]);
    await expectColumn(page, 'f′(x)', [6]);
    await expectColumn(page, 'f(x)', [9]);
  },
  // §5 worked table: x 3 → 2.4 → 1.92 → 1.536, f 9 → 5.76 → 3.6864 → 2.359296.
  'gd-x2': async (page) => {
    await expectColumn(page, 'x', [3, 2.4, 1.92, 1.536]);
    await expectColumn(page, 'f′(x)', [6, 4.8, 3.84]);
    await expectColumn(page, 'next x', [2.4, 1.92, 1.536]);
    await expectColumn(page, 'f(x)', [9, 5.76, 3.6864, 2.359296]);
    // The last row has no next step: a dash, not a number.
    expect(column(await readTable(page), 'next x')[3]).toBeNull();
  },
  // §5 learning-rate table: one start, three η.
  'lr-compare': async (page) => {
    // The preset opens with η = 1.1 selected.
    await expect(page.getByTestId('run-list').getByRole('listitem')).toHaveCount(3);
    await expectColumn(page, 'x', [3, -3.6, 4.32, -5.184]);
    await selectRun(page, 0, 'η = 0.1');
    await expectColumn(page, 'x', [3, 2.4, 1.92, 1.536]);
    await selectRun(page, 1, 'η = 0.5');
    await expectColumn(page, 'x', [3, 0, 0, 0]);
    await selectRun(page, 2, 'η = 1.1');
    await expectColumn(page, 'x', [3, -3.6, 4.32, -5.184]);
  },
  // §5 in 2D: each coordinate follows 3 → 2.4 → 1.92.
  'bowl-2d': async (page) => {
    await expectColumn(page, 'x', [3, 2.4, 1.92]);
    await expectColumn(page, 'y', [3, 2.4, 1.92]);
    await expectColumn(page, '∂f/∂x', [6, 4.8, 3.84]);
    await expectColumn(page, '∂f/∂y', [6, 4.8, 3.84]);
  },
  // §4: ∇f(1, 2) = [4, 1]; §6: Hessian eigenvalues 1 ± √2; caption: f from 3 to −1.5 in 15 steps.
  'x2-plus-xy': async (page) => {
    await expectColumn(page, 'x', [1]);
    await expectColumn(page, 'y', [2]);
    await expectColumn(page, '∂f/∂x', [4]);
    await expectColumn(page, '∂f/∂y', [1]);
    await expectColumn(page, 'f(x,y)', [3]);
    await expectLastRow(page, 16, (t) => expect(column(t, 'f(x,y)').at(-1)!).toBeCloseTo(-1.5, 1));
    await expect(readoutLine(page, '∇f')).toContainText('[4.0000, 1.0000]');
    await expect(readoutLine(page, 'Hessian λ')).toContainText('2.4142');
    await expect(readoutLine(page, 'Hessian λ')).toContainText('-0.4142');
    await expect(readoutLine(page, 'Hessian λ')).toContainText('saddle');
  },
  // §7: tangent at 3 predicts f(3.1) ≈ 9.6, the true value is 9.61, the error 0.01.
  'taylor-x2': async (page) => {
    const taylor = readoutLine(page, /^Taylor at /);
    await expect(taylor).toContainText('tangent 9.6000');
    await expect(taylor).toContainText('f 9.6100');
    await expect(taylor).toContainText('error 0.0100');
    await expect(taylor).toContainText('at [3.1000]');
  },
  // §6 saddle: 0.05 off the axis, y grows by 1.2 per step: y₂₀ = 0.05 · 1.2²⁰ ≈ 1.92.
  saddle: async (page) => {
    await expectColumn(page, 'y', [0.05, 0.06, 0.072]);
    await expectLastRow(page, 21, (t) => expect(lastPoint(t)[1]).toBeCloseTo(1.92, 2));
    await selectRun(page, 1, 'Start (2.5, 0)');
    await expectLastRow(page, 21, (t) => expect(column(t, 'y').every((v) => v === 0)).toBe(true));
  },
  // Curvature 10 across: each step multiplies y by 1 − 10η = −0.5 at η = 0.15.
  zigzag: async (page) => {
    await expectColumn(page, 'y', [2, -1, 0.5, -0.25]);
    await expectColumn(page, 'x', [-3.5, -2.975]);
  },
  'momentum-vs-gd': async (page) => {
    const distance = (t: StepTableView) => Math.hypot(lastPoint(t)[0] - 1, lastPoint(t)[1] - 1);
    await expectLastRow(page, 501, (t) => expect(distance(t)).toBeLessThan(0.1));
    await selectRun(page, 0, 'GD η = 0.001');
    await expectLastRow(page, 501, (t) => expect(distance(t)).toBeCloseTo(1.68, 2));
  },
  'adam-vs-sgd': async (page) => {
    const distance = (t: StepTableView) => Math.hypot(lastPoint(t)[0] - 3, lastPoint(t)[1] - 0.5);
    await expectLastRow(page, 201, (t) => expect(distance(t)).toBeLessThan(0.01));
    await selectRun(page, 0, 'SGD η = 0.005, σ = 3');
    await expectLastRow(page, 201, (t) => expect(distance(t)).toBeGreaterThan(0.4));
  },
  'warmup-cosine': async (page) => {
    // A schedule adds the η column: warm-up starts at 0.05 / 10.
    await expectColumn(page, 'η', [0.005]);
    await expectLastRow(page, 301, (t) =>
      expect(Math.hypot(lastPoint(t)[0] - 3, lastPoint(t)[1] - 0.5)).toBeLessThan(0.04),
    );
  },
  nonconvex: async (page) => {
    await expectLastRow(page, 101, (t) => {
      expect(lastPoint(t)[0]).toBeCloseTo(0.96, 1);
      expect(column(t, 'f(x,y)').at(-1)!).toBeCloseTo(0.29, 1);
    });
    await selectRun(page, 1, 'Start (−0.3, 1.5)');
    await expectLastRow(page, 101, (t) => {
      expect(lastPoint(t)[0]).toBeCloseTo(-1.04, 1);
      expect(column(t, 'f(x,y)').at(-1)!).toBeCloseTo(-0.31, 1);
    });
  },
  himmelblau: async (page) => {
    await expectLastRow(page, 101, (t) => {
      expect(lastPoint(t)[0]).toBeCloseTo(3, 2);
      expect(lastPoint(t)[1]).toBeCloseTo(2, 2);
    });
  },
};

test.describe('chapter presets from #preset= links', () => {
  // The flat figures have no runs or step table: figure-kinds.spec.ts and figure-<kind>.spec.ts
  // open each of them and read their numbers. A network's slice has no runs either; its table
  // is its training (mlp.spec.ts).
  const withRuns = PRESETS.filter(
    (p) => !isFigureKind(p.scene.kind) && p.scene.problem.kind !== 'mlp',
  );
  for (const preset of withRuns) {
    test(`${preset.id}: caption, finite step table and the chapter's numbers`, async ({ page }) => {
      await openPreset(page, preset.id);
      await expect(page.getByLabel('Scene title')).toHaveValue(preset.title);

      const caption = page.getByTestId('caption');
      await expect(caption).toBeVisible();
      await expect(caption.locator('p')).toHaveText(preset.caption);

      // One row per step of the selected run, every number finite.
      const selected = preset.scene.runs.find((r) => r.id === preset.scene.selectedRunId);
      expect(selected, 'the preset selects one of its runs').toBeDefined();
      const table = await tableWithRows(page, selected!.steps + 1);
      expect(table.rows.map((r) => r.step)).toEqual(table.rows.map((_, i) => i));
      const numbers = table.rows.flatMap((r) => r.cells).filter((v) => v !== null);
      expect(numbers.length).toBeGreaterThan(0);
      expect(numbers.filter((v) => !Number.isFinite(v))).toEqual([]);

      // Start point in the table = the run's start in the preset (a model's loss names its
      // parameters w and b, not x and y).
      const [first] = resolveProblem(preset.scene.problem).variables;
      await expectColumn(page, first!, [selected!.start[0]!]);

      const chapter = CHAPTER[preset.id];
      if (chapter) await chapter(page);
    });
  }

  test('an unknown preset id is refused with the list of presets', async ({ page }) => {
    await openApp(page, '#preset=no-such-preset');
    const notice = page.getByTestId('notice');
    await expect(notice).toContainText("There is no preset 'no-such-preset'");
    await expect(notice).toContainText('gd-x2');
    // The scene the app had (the default one) stays.
    await expect(page.getByLabel('Scene title')).toHaveValue('Untitled scene');
  });
});

test('a preset opens from the Presets dialog', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('caption')).toHaveCount(0);
  await page.getByTestId('presets-button').click();
  const dialog = page.getByTestId('presets-dialog');
  await expect(dialog).toBeVisible();
  // Every preset is offered.
  for (const preset of PRESETS)
    await expect(dialog.getByTestId(`preset-${preset.id}`)).toBeVisible();
  await dialog.getByTestId('preset-gd-x2').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Scene title')).toHaveValue('Gradient descent on x²');
  await expect(page.getByTestId('caption')).toContainText('3 → 2.4 → 1.92 → 1.536');
  await expectColumn(page, 'x', [3, 2.4, 1.92, 1.536]);
  await expectColumn(page, 'f(x)', [9, 5.76, 3.6864, 2.359296]);
  // Opening a preset is one undo step: undo brings the previous scene back.
  await page.getByTestId('undo').click();
  await expect(page.getByLabel('Scene title')).toHaveValue('Untitled scene');
});
