/**
 * Editing a scene from the left panel: typed expressions (and their errors), the learning rate
 * (exact field, slider, the chapter's quick buttons), runs, optimizer, start point, step count
 * and domain, each checked through the step table it changes.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  column,
  commitNumber,
  expectColumn,
  expectRowCount,
  expectSurfaceDrawn,
  openApp,
  openPreset,
  readTable,
  selectedRun,
} from './helpers.ts';

/** The formula overlay's text with whitespace removed (KaTeX splits it over many spans). */
async function formulaText(page: Page): Promise<string> {
  const text = await page.getByTestId('formula').textContent();
  return (text ?? '').replace(/\s+/g, '');
}

test.describe('typed expressions', () => {
  test('a bad expression shows the message and position while the last good surface stays', async ({
    page,
  }) => {
    await openApp(page);
    const input = page.getByTestId('expression-input');
    const bowlFormula = await formulaText(page);

    // A valid expression becomes f: new formula, new numbers (∂f/∂y = 6y at the start y = 2).
    await input.fill('x^2 + 3*y^2');
    await input.press('Enter');
    await expect.poll(() => formulaText(page)).not.toBe(bowlFormula);
    await expect(page.getByTestId('surface-select')).toHaveValue('__expression');
    await expectColumn(page, '∂f/∂y', [12]);
    const goodFormula = await formulaText(page);
    expect(goodFormula).toContain('3⋅y');
    const before = await readTable(page);

    // An unknown function: message, caret under it, field marked invalid.
    await input.fill('x + foo(y)');
    await input.press('Enter');
    const error = page.getByTestId('expression-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText("Unknown function 'foo'");
    // The caret line points at characters 4–6 ("foo").
    await expect(error.locator('pre')).toHaveText('x + foo(y)\n    ^^^');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveValue('x + foo(y)');

    // The scene keeps the last good f: same formula, same table, a surface still drawn.
    expect(await formulaText(page)).toBe(goodFormula);
    expect(await readTable(page)).toEqual(before);
    await expectSurfaceDrawn(page);

    // Escape drops the bad text and shows f again.
    await input.press('Escape');
    await expect(error).toBeHidden();
    await expect(input).toHaveValue('x^2 + 3*y^2');
  });

  test('an expression of x alone becomes a curve with a one-variable table', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('start-y')).toBeVisible();
    const input = page.getByTestId('expression-input');
    await input.fill('(x - 1)^2');
    await input.press('Enter');
    // One variable: no y anywhere, the table has the chapter's 1D layout.
    await expect(page.getByTestId('start-y')).toBeHidden();
    await expect(page.getByTestId('domain-y-min')).toBeHidden();
    await expect
      .poll(async () => (await readTable(page)).headers)
      .toEqual(['x', 'f′(x)', 'next x', 'f(x)']);
    // GD from the run's start x₀: x₁ = x₀ − 0.1 · 2(x₀ − 1).
    const x0 = Number(await page.getByTestId('start-x').inputValue());
    await expectColumn(page, 'x', [x0, x0 - 0.2 * (x0 - 1)]);
  });
});

test.describe('learning rate η', () => {
  test.beforeEach(async ({ page }) => {
    await openPreset(page, 'gd-x2');
    await expectColumn(page, 'x', [3, 2.4, 1.92, 1.536]);
  });

  test('the exact field commits on Enter and on change (leaving the field)', async ({ page }) => {
    const lr = page.getByTestId('lr-input');
    await commitNumber(lr, '0.5');
    await expectColumn(page, 'x', [3, 0, 0, 0]);
    await expect(selectedRun(page)).toContainText('η = 0.5');

    // Typed, then Tab: the native change event commits it.
    await lr.fill('0.25');
    await lr.press('Tab');
    await expectColumn(page, 'x', [3, 1.5, 0.75, 0.375]);

    // Invalid input is refused with a message; the table keeps η = 0.25.
    await commitNumber(lr, '-1');
    await expect(page.locator('.lr-control').getByRole('alert')).toContainText(
      'Must be greater than 0',
    );
    await expectColumn(page, 'x', [3, 1.5, 0.75, 0.375]);
  });

  test('the slider changes η and the table follows', async ({ page }) => {
    const slider = page.getByTestId('lr-slider');
    const lr = page.getByTestId('lr-input');
    // The slider spans two decades around η = 0.1: 0.01 … 1.
    await expect(slider).toHaveAttribute('min', '-2');
    await expect(slider).toHaveAttribute('max', '0');

    // Keyboard: arrows step through readable values, ten per decade (0.1 → 0.12 → 0.1 → 0.08).
    await slider.focus();
    await slider.press('ArrowRight');
    await expect(lr).toHaveValue('0.12');
    await expectColumn(page, 'x', [3, 3 - 6 * 0.12]);
    await slider.press('ArrowLeft');
    await slider.press('ArrowDown');
    await expect(lr).toHaveValue('0.08');
    await expectColumn(page, 'x', [3, 3 - 6 * 0.08]);
    // Page Up: ten times η.
    await slider.press('PageUp');
    await expect(lr).toHaveValue('0.8');
    await expectColumn(page, 'x', [3, 3 - 6 * 0.8]);
    await slider.press('PageDown');
    await expect(lr).toHaveValue('0.08');

    // Home and End stay playback keys on the slider: η is kept, the timeline moves.
    await slider.press('End');
    await expect(page.locator('.step-counter')).toHaveText('step 3 / 3');
    await expect(lr).toHaveValue('0.08');
    await slider.press('Home');
    await expect(page.locator('.step-counter')).toHaveText('step 0 / 3');
    await expect(lr).toHaveValue('0.08');

    // Mouse: a click a quarter of the way along sets η ≈ 10^(−2 + 2/4); the table uses that η.
    const box = await slider.boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.click(box!.x + box!.width * 0.25, box!.y + box!.height / 2);
    await expect(lr).not.toHaveValue('0.08');
    const eta = Number(await lr.inputValue());
    expect(eta).toBeGreaterThan(0.02);
    expect(eta).toBeLessThan(0.05);
    await expectColumn(page, 'x', [3, 3 - 6 * eta, 3 * (1 - 2 * eta) ** 2]);

    // A drag (press, move, release): the table follows, and the slider gives up the keyboard.
    await page.mouse.move(box!.x + box!.width * 0.3, box!.y + box!.height / 2);
    await page.mouse.down();
    await page.mouse.move(box!.x + box!.width * 0.7, box!.y + box!.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect(lr).not.toHaveValue(String(eta));
    const dragged = Number(await lr.inputValue());
    expect(dragged).toBeGreaterThan(0.1);
    expect(dragged).toBeLessThan(0.3);
    await expectColumn(page, 'x', [3, 3 - 6 * dragged, 3 * (1 - 2 * dragged) ** 2]);
    await expect(slider).not.toBeFocused();
  });

  test("the chapter's quick buttons 0.1 / 0.5 / 1.1", async ({ page }) => {
    const quick = page.getByRole('group', { name: 'Chapter learning rates' });
    await quick.getByRole('button', { name: '0.5' }).click();
    await expect(quick.getByRole('button', { name: '0.5' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByTestId('lr-input')).toHaveValue('0.5');
    await expectColumn(page, 'x', [3, 0, 0, 0]);
    await quick.getByRole('button', { name: '1.1' }).click();
    await expectColumn(page, 'x', [3, -3.6, 4.32, -5.184]);
    await expectColumn(page, 'f(x)', [9, 12.96, 18.6624, 26.873856]);
    await quick.getByRole('button', { name: '0.1' }).click();
    await expectColumn(page, 'x', [3, 2.4, 1.92, 1.536]);
  });
});

test.describe('runs', () => {
  test('add a run, choose its optimizer, start point and step count', async ({ page }) => {
    await openApp(page);
    const options = page.getByTestId('run-list').getByRole('listitem');
    await expect(options).toHaveCount(1);
    await expectRowCount(page, 101);

    await page.getByTestId('add-run').click();
    await expect(options).toHaveCount(2);
    await expect(selectedRun(page).getByLabel('Run name')).toHaveValue('Run 2');
    await expect(page.getByRole('list', { name: 'Legend' }).getByRole('listitem')).toHaveCount(2);

    // Start (1, −2), 5 steps, plain GD with η = 0.1 on x² + y²: each coordinate × 0.8 per step.
    await commitNumber(page.getByTestId('start-x'), 1);
    await commitNumber(page.getByTestId('start-y'), -2);
    await commitNumber(page.getByTestId('steps-input'), 5);
    await expectRowCount(page, 6);
    await expectColumn(page, 'x', [1, 0.8, 0.64, 0.512, 0.4096, 0.32768]);
    await expectColumn(page, 'y', [-2, -1.6, -1.28]);

    // Heavy-ball momentum (β = 0.9): v ← βv + g, Δ = −ηv, so x₂ = 0.8 − 0.1·(0.9·2 + 1.6) = 0.46.
    await page.getByTestId('optimizer-select').selectOption('momentum');
    await expect(page.getByTestId('momentum-slider')).toBeVisible();
    await expect(selectedRun(page)).toContainText('MOMENTUM');
    await expectColumn(page, 'x', [1, 0.8, 0.46]);
    await expectColumn(page, 'y', [-2, -1.6, -0.92]);

    // A step count that is not a whole number is refused; the table keeps its 6 rows.
    await commitNumber(page.getByTestId('steps-input'), '2.5');
    await expect(page.locator('.run-editor').getByRole('alert')).toContainText('whole number');
    await expectRowCount(page, 6);

    // The first run is untouched: selecting it shows its own 101 rows from (2.5, 2).
    await options.first().getByTestId('run-status').click();
    await expect(options.first()).toHaveAttribute('aria-current', 'true');
    await expectRowCount(page, 101);
    await expectColumn(page, 'x', [2.5, 2]);
    await expectColumn(page, 'y', [2, 1.6]);
    await expect(page.getByTestId('optimizer-select')).toHaveValue('gd');
  });

  test('the domain fields refuse a minimum above the maximum', async ({ page }) => {
    await openApp(page);
    const xMin = page.getByTestId('domain-x-min');
    const xMax = page.getByTestId('domain-x-max');
    await expect(xMax).toHaveValue('3');
    await commitNumber(xMin, 5);
    await expect(page.locator('.domain-fields').getByRole('alert')).toContainText(
      'Must be below the maximum (3)',
    );
    await commitNumber(xMin, -2);
    await expect(page.locator('.domain-fields').getByRole('alert')).toHaveCount(0);
    // The new domain is part of the scene: it survives leaving the field, and undo restores -3.
    await xMin.blur();
    await expect(xMin).toHaveValue('-2');
    await page.getByTestId('undo').click();
    await expect(xMin).toHaveValue('-3');
    // The table never depended on the domain here: still the run from (2.5, 2).
    expect(column(await readTable(page), 'x')[0]).toBe(2.5);
  });
});
