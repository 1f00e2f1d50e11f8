/**
 * Scene documents: Save downloads `<title>.descent.json` and Open brings it back; damaged and
 * newer files are refused with a message while the current scene stays; share links carry a
 * whole scene; undo/redo and reload keep edits.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { E2E_VIEWPORT } from '../playwright.config.ts';
import { fileNameFor } from '../renderer/src/platform/clipboard.ts';
import { SCENE_EXTENSION, SCENE_VERSION } from '../shared/scene/document.ts';
import { commitNumber, expectColumn, openApp } from './helpers.ts';

const EXPRESSION = 'x^2 + 3*y^2';
const TITLE = 'Lesson 3: curvature';

/**
 * From the default scene (one GD run from (2.5, 2)): f = x² + 3y², η = 0.05 and a title.
 * GD's first step is then x₁ = 2.5 − 0.05·5 = 2.25 and y₁ = 2 − 0.05·12 = 1.4.
 */
async function makeScene(page: Page): Promise<void> {
  await openApp(page);
  const input = page.getByTestId('expression-input');
  await input.fill(EXPRESSION);
  await input.press('Enter');
  await commitNumber(page.getByTestId('lr-input'), '0.05');
  const title = page.getByLabel('Scene title');
  await title.fill(TITLE);
  await title.press('Enter');
  await expectScene(page);
}

/** The scene made by makeScene is on screen. */
async function expectScene(page: Page): Promise<void> {
  await expect(page.getByTestId('expression-input')).toHaveValue(EXPRESSION);
  await expect(page.getByTestId('lr-input')).toHaveValue('0.05');
  await expect(page.getByLabel('Scene title')).toHaveValue(TITLE);
  await expectColumn(page, 'x', [2.5, 2.25]);
  await expectColumn(page, 'y', [2, 1.4]);
}

/** The default scene is on screen (the bowl, η = 0.1). */
async function expectDefaultScene(page: Page): Promise<void> {
  await expect(page.getByTestId('expression-input')).toHaveValue('x^2 + y^2');
  await expect(page.getByTestId('lr-input')).toHaveValue('0.1');
  await expectColumn(page, 'x', [2.5, 2]);
}

/** Clicks Save and returns the downloaded file's name and text. */
async function save(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('save-scene').click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Opens a file through the toolbar's Open… file input. */
async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('open-file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

test.describe('save and open', () => {
  test('Save downloads <title>.descent.json and Open brings the scene back', async ({ page }) => {
    await makeScene(page);
    const file = await save(page);
    expect(file.name).toBe(fileNameFor(TITLE, SCENE_EXTENSION));
    expect(file.name).toBe('Lesson-3-curvature.descent.json');
    const doc = JSON.parse(file.text);
    expect(doc.version).toBe(SCENE_VERSION);
    expect(doc.kind).toBe('surface');
    expect(doc.title).toBe(TITLE);
    expect(doc.problem).toEqual({ kind: 'expression', source: EXPRESSION });
    expect(doc.runs[0].params.lr).toBe(0.05);

    await page.getByTestId('new-scene').click();
    await expectDefaultScene(page);

    await openFile(page, file.name, file.text);
    await expect(page.getByTestId('notice')).toContainText(`Opened ${file.name}`);
    await expectScene(page);
  });

  test('a malformed, a damaged and a newer-version file are refused; the scene stays', async ({
    page,
  }) => {
    await makeScene(page);
    const { text } = await save(page);
    const notice = page.getByTestId('notice');

    await openFile(page, 'broken.descent.json', text.slice(0, text.length / 2));
    await expect(notice).toHaveAttribute('role', 'alert');
    await expect(notice).toContainText('broken.descent.json was not opened');
    await expect(notice).toContainText('not valid JSON');
    await expectScene(page);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();

    const damaged = JSON.parse(text);
    damaged.runs[0].params.lr = -1;
    await openFile(page, 'damaged.descent.json', JSON.stringify(damaged));
    await expect(notice).toContainText('damaged.descent.json was not opened');
    await expect(notice).toContainText('damaged');
    await expect(notice).toContainText('lr');
    await expectScene(page);

    const newer = { ...JSON.parse(text), version: SCENE_VERSION + 1 };
    await openFile(page, 'future.descent.json', JSON.stringify(newer));
    await expect(notice).toContainText('future.descent.json was not opened');
    await expect(notice).toContainText(`newer Descent Studio (format ${SCENE_VERSION + 1})`);
    await expectScene(page);
    // A refused file adds no undo step: undo takes back the last real edit, the title.
    await page.getByTestId('undo').click();
    await expect(page.getByLabel('Scene title')).toHaveValue('Untitled scene');
    await expect(page.getByTestId('lr-input')).toHaveValue('0.05');
  });
});

test.describe('share links', () => {
  test('Share link copies a #scene= link that opens the same scene elsewhere', async ({
    page,
    browser,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await makeScene(page);
    await page.getByTestId('share-link').click();
    const notice = page.getByTestId('notice');
    await expect(notice).toContainText(/Link copied|Copy this link/);
    // Copied to the clipboard, or (where copying is not allowed) shown in the notice.
    const shown = /Copy this link: (\S+)/.exec((await notice.textContent()) ?? '');
    const link = shown ? shown[1]! : await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#scene=[A-Za-z0-9_-]+$/);

    // A fresh browser profile (nothing in localStorage) opens the link.
    const context = await browser.newContext({ viewport: E2E_VIEWPORT });
    try {
      const other = await context.newPage();
      await other.goto(link);
      await expectScene(other);
      // The fragment is dropped once opened, so a reload keeps later edits.
      await expect.poll(() => new URL(other.url()).hash).toBe('');
    } finally {
      await context.close();
    }
  });

  test('a damaged link is refused with a message and the app keeps its scene', async ({ page }) => {
    await openApp(page, '#scene=not*base64');
    await expect(page.getByTestId('notice')).toContainText('The link is damaged');
    await expectDefaultScene(page);
  });
});

test.describe('history', () => {
  test('undo and redo an edit with Ctrl+Z / Ctrl+Shift+Z', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('undo')).toBeDisabled();
    const lr = page.getByTestId('lr-input');
    await commitNumber(lr, '0.5');
    await expectColumn(page, 'x', [2.5, 0]);
    await expect(page.getByTestId('undo')).toBeEnabled();

    // Undo is the app's, not the text field's: leave the field first.
    await lr.blur();
    await page.keyboard.press('Control+z');
    await expect(lr).toHaveValue('0.1');
    await expectColumn(page, 'x', [2.5, 2]);
    await expect(page.getByTestId('redo')).toBeEnabled();

    await page.keyboard.press('Control+Shift+z');
    await expect(lr).toHaveValue('0.5');
    await expectColumn(page, 'x', [2.5, 0]);

    // The toolbar buttons do the same.
    await page.getByTestId('undo').click();
    await expect(lr).toHaveValue('0.1');
    await page.getByTestId('redo').click();
    await expect(lr).toHaveValue('0.5');
    await expect(page.getByTestId('redo')).toBeDisabled();
  });

  test('a reload restores the last scene', async ({ page }) => {
    await makeScene(page);
    await page.reload();
    await expectScene(page);
  });
});
