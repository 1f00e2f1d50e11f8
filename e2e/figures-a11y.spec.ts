/**
 * Accessibility of the main screens: axe over the studio, the export dialog, the presets
 * dialog and the start page, with no serious or critical violations; and the 3D view's text
 * alternative, reachable with the keyboard and saying what the picture shows.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openPreset } from './helpers.ts';

/** axe's serious and critical findings on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the studio, in both themes', async ({ page }) => {
  await openPreset(page, 'lr-compare');
  expect(await seriousViolations(page)).toEqual([]);
  await openPreset(page, 'bowl-2d');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the export and presets dialogs', async ({ page }) => {
  await openPreset(page, 'zigzag');
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Presets' }).click();
  await expect(page.getByTestId('presets-dialog')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the start page', async ({ page }) => {
  // Empty storage: a first run, which opens on the start page.
  await page.goto('./');
  await expect(page.getByTestId('start-page')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the 3D view has a text alternative that the keyboard reaches', async ({ page }) => {
  await openPreset(page, 'lr-compare');
  const view = page.getByTestId('canvas').getByRole('img', { name: 'The figure' });
  await view.focus();
  await expect(view).toBeFocused();
  const description = page.getByTestId('scene-description');
  await expect(view).toHaveAttribute('aria-describedby', 'scene-description');
  await expect(description).toContainText('Curve of f(x) = x^2');
  await expect(description).toContainText('Run η = 1.1: GD, learning rate 1.1');
  // It follows the playhead: the last step of the selected run (η = 1.1: 3 → … → 8.95795).
  await page.keyboard.press('End');
  await expect(description).toContainText('At step 6 of 6, η = 1.1 is at (8.95795)');
});
