/**
 * CSV data for a model scene: the import dialog previews the file, picks the columns, reports the
 * bad row by its line instead of dropping it silently, and Import replaces the linear
 * regression's data (so its loss surface and every path change); Cancel and Escape change nothing.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { column, expectSurfaceDrawn, openPreset, readTable } from './helpers.ts';

/** 20 points near score = 3·hours − 2, with a bad row on line 6 (header on line 1). */
function studyCsv(): string {
  const lines = ['hours,score'];
  for (let i = 0; i < 20; i++) {
    const hours = 0.5 + i * 0.25;
    // A fixed wiggle, so the fit is not exact but the file is the same every run.
    const score = 3 * hours - 2 + ((i * 7) % 5) * 0.1 - 0.2;
    lines.push(`${hours},${score.toFixed(2)}`);
    if (lines.length === 5) lines.push('2.5,n/a');
  }
  return `${lines.join('\n')}\n`;
}

async function chooseFile(page: Page): Promise<void> {
  await page.getByTestId('data-file-input').setInputFiles({
    name: 'study.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(studyCsv()),
  });
  await expect(page.getByTestId('data-import-dialog')).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await openPreset(page, 'minibatch-sgd');
  await expectSurfaceDrawn(page);
  await expect(page.getByTestId('model-panel')).toContainText('Noisy line');
});

test('importing a CSV reports the bad row and replaces the model’s data', async ({ page }) => {
  const before = column(await readTable(page), 'w');
  await chooseFile(page);
  const dialog = page.getByTestId('data-import-dialog');

  // The preview and the default columns: the first as input, the last as target.
  await expect(dialog.getByTestId('data-preview')).toContainText('hours');
  await expect(page.getByTestId('data-column-x1')).toBeFocused();
  await expect(page.getByTestId('data-column-x1')).toHaveValue('0');
  await expect(page.getByTestId('data-column-y')).toHaveValue('1');
  await expect(page.getByTestId('data-column-x2')).toHaveCount(0);

  await expect(page.getByTestId('data-usable')).toHaveText('20 rows usable, 1 skipped.');
  await expect(page.getByTestId('data-skipped')).toContainText(
    "Line 6: column 'score' is not a number: 'n/a'",
  );

  // The same column as input and target is refused in words, and Import waits.
  await page.getByTestId('data-column-y').selectOption('0');
  await expect(page.getByTestId('data-import-error')).toContainText('different column');
  await expect(page.getByTestId('data-import-confirm')).toBeDisabled();
  await page.getByTestId('data-column-y').selectOption('1');
  await expect(page.getByTestId('data-import-error')).toHaveCount(0);

  await page.getByTestId('data-import-confirm').click();
  await expect(dialog).toBeHidden();
  const panel = page.getByTestId('model-panel');
  await expect(panel).toContainText('Linear regression');
  await expect(page.getByTestId('data-inline-summary')).toContainText('study.csv, 20 points');
  await expect(page.getByTestId('data-points')).toHaveCount(0);
  // Other data, another loss surface: the path is recomputed.
  await expect.poll(async () => column(await readTable(page), 'w')[1]).not.toBe(before[1]);
  const after = column(await readTable(page), 'w');

  // And back to the generated line, with its recipe fields.
  await page.getByTestId('data-use-builtin').click();
  await expect(panel).toContainText('Noisy line');
  await expect(page.getByTestId('data-points')).toBeVisible();
  await expect.poll(async () => column(await readTable(page), 'w')[1]).not.toBe(after[1]);
  // Undo gives back the preset's data, box and path exactly (data edits in a row are one step).
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => column(await readTable(page), 'w')).toEqual(before);
});

test('Cancel or Escape leaves the scene as it was', async ({ page }) => {
  const before = await readTable(page);
  await chooseFile(page);
  await page.getByTestId('data-column-y').selectOption('0');
  await page.getByTestId('data-import-cancel').click();
  await expect(page.getByTestId('data-import-dialog')).toBeHidden();

  await chooseFile(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('data-import-dialog')).toBeHidden();

  await expect(page.getByTestId('model-panel')).toContainText('Noisy line');
  await expect(page.getByTestId('data-points')).toBeVisible();
  expect(await readTable(page)).toEqual(before);
});
