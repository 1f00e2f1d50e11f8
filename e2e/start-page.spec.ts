/**
 * The start page: a first run (empty storage) opens on the chapter's figures, by section, each
 * with a sketch; a figure, "Blank scene" or "Open file…" puts a scene in place and closes it; it
 * can be turned off and opened again from the top bar; a link or an automation page never
 * shows it. Every test starts with empty storage, as a first run does.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { defaultScene, serializeScene } from '../shared/scene/document.ts';
import { presetScene, PRESETS } from '../shared/scene/presets.ts';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import { counterStep, expectColumn } from './helpers.ts';

// Several tests reload the app: on a shared, CPU-only machine a load can take many seconds.
test.describe.configure({ timeout: 120_000 });

const startPage = (page: Page) => page.getByTestId('start-page');

/** Waits until the app behind the page has solved its scene (the step table has rows). */
async function expectSolved(page: Page): Promise<void> {
  await expect(page.getByTestId('step-table').locator('tbody tr').first()).toBeVisible();
}

test('a first run opens on the chapter’s figures, by section, each with a sketch', async ({
  page,
}) => {
  await page.goto('./');
  const start = startPage(page);
  await expect(start).toBeVisible();
  await expect(start).toHaveAttribute('role', 'dialog');
  // Every preset, under its section's heading, in chapter order.
  const sections = [...new Set(PRESETS.map((p) => p.section))];
  await expect(start.locator('.start-section h2')).toHaveText(sections);
  for (const preset of PRESETS) {
    const section = start.getByRole('region', { name: preset.section, exact: true });
    await expect(section.getByTestId(`start-preset-${preset.id}`)).toContainText(preset.title);
  }
  // Each sketch is drawn (not blank): many colours in a surface's, at least two in a curve's.
  await expect(start.locator('.start-thumb[data-drawn="true"]')).toHaveCount(PRESETS.length);
  const colours = await start.locator('.start-thumb').evaluateAll((canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        seen.add(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4));
      }
      return seen.size;
    }),
  );
  PRESETS.forEach((preset, i) => {
    const minimum = preset.scene.kind === 'surface' ? 40 : 3;
    expect(colours[i], `colours in the sketch of ${preset.id}`).toBeGreaterThanOrEqual(minimum);
  });
  // Focus is inside the page; plain keys do not drive the scene behind it.
  await expect(start.getByTestId('start-blank')).toBeFocused();
  await expectSolved(page);
  await page.keyboard.press('End');
  await expect(start).toBeVisible();
  expect(await counterStep(page)).toBe(0);
  await page.keyboard.press('Tab');
  await expect(start.getByTestId('start-open')).toBeFocused();
});

test('a figure opens its preset and closes the page', async ({ page }) => {
  await page.goto('./');
  await startPage(page).getByTestId('start-preset-gd-x2').click();
  await expect(startPage(page)).toHaveCount(0);
  await expect(page.getByLabel('Scene title')).toHaveValue('Gradient descent on x²');
  await expectColumn(page, 'x', [3, 2.4, 1.92, 1.536]);
});

test('“Blank scene”, “Continue” and Escape close the page', async ({ page }) => {
  // A scene the app restored stays behind the page, and "Continue" names it.
  const restored = { ...defaultScene(), title: 'My lecture figure' };
  await page.addInitScript(
    ([key, text]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key!, text!);
        sessionStorage.setItem('seeded', '1');
      }
    },
    ['descent-studio.last-scene', serializeScene(restored)],
  );
  await page.goto('./');
  const start = startPage(page);
  await expect(start.getByTestId('start-continue')).toContainText('My lecture figure');
  await start.getByTestId('start-continue').click();
  await expect(start).toHaveCount(0);
  await expect(page.getByLabel('Scene title')).toHaveValue('My lecture figure');

  await page.reload();
  await expect(start).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(start).toHaveCount(0);
  await expect(page.getByLabel('Scene title')).toHaveValue('My lecture figure');

  await page.getByTestId('start-page-button').click();
  await expect(start).toBeVisible();
  await start.getByTestId('start-blank').click();
  await expect(start).toHaveCount(0);
  await expect(page.getByLabel('Scene title')).toHaveValue('Untitled scene');
  // A blank scene is one undo step: the restored scene is one click away.
  await page.getByTestId('undo').click();
  await expect(page.getByLabel('Scene title')).toHaveValue('My lecture figure');
});

test('“Open file…” opens a scene file and closes the page', async ({ page }) => {
  await page.goto('./');
  const scene = presetScene('bowl-2d')!;
  const chooser = page.waitForEvent('filechooser');
  await startPage(page).getByTestId('start-open').click();
  await (
    await chooser
  ).setFiles({
    name: 'bowl.descent.json',
    mimeType: 'application/json',
    buffer: Buffer.from(serializeScene({ ...scene, title: 'From a file' })),
  });
  await expect(startPage(page)).toHaveCount(0);
  await expect(page.getByLabel('Scene title')).toHaveValue('From a file');
  await expectColumn(page, 'x', [3, 2.4, 1.92]);
});

test('turned off, it stays closed at the next start and opens from the top bar', async ({
  page,
}) => {
  await page.goto('./');
  const checkbox = startPage(page).getByTestId('start-show-at-start');
  await expect(checkbox).toBeChecked();
  await checkbox.uncheck();
  await startPage(page).getByTestId('start-close').click();
  await expect(startPage(page)).toHaveCount(0);

  await page.reload();
  await expectSolved(page);
  await expect(startPage(page)).toHaveCount(0);
  await page.getByTestId('start-page-button').click();
  await expect(startPage(page)).toBeVisible();
  await expect(startPage(page).getByTestId('start-show-at-start')).not.toBeChecked();
  // Turned on again, it is back at the next start.
  await startPage(page).getByTestId('start-show-at-start').check();
  await page.reload();
  await expect(startPage(page)).toBeVisible();
});

test.describe('never over a scene that was asked for', () => {
  test('a #preset= link', async ({ page }) => {
    await page.goto('./#preset=bowl-2d');
    await expectSolved(page);
    await expect(page.getByLabel('Scene title')).toHaveValue('Gradient descent on a round bowl');
    await expect(startPage(page)).toHaveCount(0);
  });

  test('a #scene= link', async ({ page }) => {
    await page.goto(`./${sceneFragment({ ...defaultScene(), title: 'Linked' })}`);
    await expectSolved(page);
    await expect(page.getByLabel('Scene title')).toHaveValue('Linked');
    await expect(startPage(page)).toHaveCount(0);
  });

  test('a ?render page (automation)', async ({ page }) => {
    await page.goto('./?render');
    await expect(page.locator('html')).toHaveAttribute('data-render-ready', 'true');
    await expectSolved(page);
    await expect(startPage(page)).toHaveCount(0);
  });
});
