/**
 * The timeline: step buttons, the scrubber, play/pause and the keyboard shortcuts all move one
 * playhead, and the step table's highlighted row, the step counter and the readout follow it.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { commitNumber, counterStep, expectCurrentStep, openPreset } from './helpers.ts';

/** bowl-2d: one run of 30 steps, played at 3 steps/s. */
const END = 30;

/** Checks that the table, the counter, the scrubber and the readout all show `step`. */
async function expectAtStep(page: Page, step: number): Promise<void> {
  await expectCurrentStep(page, step);
  await expect(page.locator('.step-counter')).toHaveText(`step ${step} / ${END}`);
  await expect(page.getByTestId('timeline')).toHaveValue(String(step));
  await expect(page.getByTestId('readout')).toHaveAttribute('data-step', String(step));
}

/** Drags the scrubber's thumb from where it is to `fraction` (0..1) of the track. */
async function scrubTo(page: Page, fraction: number): Promise<void> {
  const timeline = page.getByTestId('timeline');
  const box = await timeline.boundingBox();
  expect(box, 'the scrubber is laid out').not.toBeNull();
  expect(box!.width, 'the scrubber has room to be dragged').toBeGreaterThan(60);
  const value = Number(await timeline.inputValue());
  const max = Number(await timeline.getAttribute('max'));
  const y = box!.y + box!.height / 2;
  // The thumb's centre runs from half a thumb in from each end; 8 px is close enough to grab it.
  const xAt = (f: number) => box!.x + 8 + (box!.width - 16) * f;
  await page.mouse.move(xAt(value / max), y);
  await page.mouse.down();
  await page.mouse.move(xAt(fraction), y, { steps: 6 });
  await page.mouse.up();
}

test.beforeEach(async ({ page }) => {
  await openPreset(page, 'bowl-2d');
  await expectAtStep(page, 0);
});

test('step forward / back move the highlighted row', async ({ page }) => {
  await page.getByTestId('step-forward').click();
  await expectAtStep(page, 1);
  await page.getByTestId('step-forward').click();
  await expectAtStep(page, 2);
  await page.getByTestId('step-back').click();
  await expectAtStep(page, 1);
  // The readout shows that row's point: (2.4, 2.4).
  await expect(page.getByTestId('readout')).toContainText('[2.4000, 2.4000]');
  // Back past the start stays at 0.
  await page.getByTestId('step-back').click();
  await page.getByTestId('step-back').click();
  await expectAtStep(page, 0);
});

test('scrubbing the timeline moves the current row; clicking a row seeks to it', async ({
  page,
}) => {
  await scrubTo(page, 0.5);
  const middle = await counterStep(page);
  expect(middle).toBeGreaterThan(5);
  expect(middle).toBeLessThan(25);
  await expectAtStep(page, middle);

  await scrubTo(page, 1);
  await expectAtStep(page, END);

  await page.getByTestId('step-table').locator('tbody tr[data-step="7"]').click();
  await expectAtStep(page, 7);
});

test('play advances the playhead and pause stops on a row', async ({ page }) => {
  const play = page.getByTestId('play');
  await play.click();
  await expect(play).toHaveAttribute('data-playing', 'true');
  await expect(play).toHaveAccessibleName('Pause');
  // 3 steps per second: wait until it has moved past step 1.
  await expect.poll(() => counterStep(page)).toBeGreaterThanOrEqual(2);
  await play.click();
  await expect(play).toHaveAttribute('data-playing', 'false');
  await expect(play).toHaveAccessibleName('Play');
  const paused = await counterStep(page);
  expect(paused).toBeGreaterThanOrEqual(2);
  // Pausing lands on a row: table, counter, scrubber and readout agree.
  await expectAtStep(page, paused);
});

test('without loop, play runs to the last step and stops there', async ({ page }) => {
  await commitNumber(page.getByTestId('speed-input'), 200);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('data-playing', 'false');
  await expectAtStep(page, END);
});

test('keyboard: arrows, Home/End, space and the ? sheet', async ({ page }) => {
  // Nothing focused: the keys go to the app.
  await page.locator('body').press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expectAtStep(page, 3);
  await page.keyboard.press('ArrowLeft');
  await expectAtStep(page, 2);
  await page.keyboard.press('End');
  await expectAtStep(page, END);
  await page.keyboard.press('Home');
  await expectAtStep(page, 0);

  const play = page.getByTestId('play');
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('data-playing', 'true');
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('data-playing', 'false');
  await page.keyboard.press('Home');
  await expectAtStep(page, 0);

  // Keys typed into a field stay in the field.
  const speed = page.getByTestId('speed-input');
  await speed.focus();
  await speed.press('End');
  await speed.press('ArrowLeft');
  await speed.press(' ');
  await expect(play).toHaveAttribute('data-playing', 'false');
  await expectAtStep(page, 0);
  await speed.press('Escape');
  await speed.blur();

  // ? opens the shortcuts sheet, Escape closes it.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcuts-dialog');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Play / pause');
  await expect(sheet).toContainText('Undo');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  // The toolbar's ? button opens the same sheet.
  await page.getByTestId('shortcuts-button').click();
  await expect(sheet).toBeVisible();
  await page.keyboard.press('?');
  await expect(sheet).toBeHidden();
});
