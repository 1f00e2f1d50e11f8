/**
 * The 3D view: the WebGL canvas really shows a surface (pixel statistics read back from the
 * canvas, not just "a canvas element exists"), screenshots of the bowl and the saddle for
 * people to look at, a one-variable f drawn as a curve, and the performance HUD's numbers.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  canvasStats,
  canvasThumbnail,
  colorPixels,
  expectSurfaceDrawn,
  openPreset,
  thumbnailDistance,
} from './helpers.ts';

test.describe('surfaces at the default window size', () => {
  // The one test at a full-size window (1280×800: a 612×720 canvas), so the saved screenshots
  // show the view as people see it; everything else runs in the smaller window of the config.
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the bowl and the saddle are drawn as different lit surfaces (screenshots saved)', async ({
    page,
  }, testInfo) => {
    // test-results/screenshots/ (the run's output folder): kept after the run, and attached.
    const shots = join(testInfo.project.outputDir, 'screenshots');
    await mkdir(shots, { recursive: true });
    const thumbnails: number[][] = [];
    for (const id of ['bowl-2d', 'saddle']) {
      await openPreset(page, id);
      const stats = await expectSurfaceDrawn(page);
      // Not blank, not one colour: a shaded, colour-mapped mesh has hundreds of distinct colours.
      expect(stats.colors).toBeGreaterThanOrEqual(200);
      thumbnails.push(await canvasThumbnail(page));
      const path = join(shots, `${id}.png`);
      await page.getByTestId('canvas').screenshot({ path });
      await testInfo.attach(id, { path, contentType: 'image/png' });
    }
    // The two pictures show two different functions, not the same (or an empty) frame.
    expect(thumbnailDistance(thumbnails[0]!, thumbnails[1]!)).toBeGreaterThan(4);
  });
});

test('f of one variable is drawn as a curve, not as a degenerate surface', async ({ page }) => {
  await openPreset(page, 'gd-x2');
  // Nothing about y: no y start, no y domain, no contour toggles.
  await expect(page.getByTestId('start-x')).toBeVisible();
  await expect(page.getByTestId('start-y')).toHaveCount(0);
  await expect(page.getByTestId('domain-x-min')).toBeVisible();
  await expect(page.getByTestId('domain-y-min')).toHaveCount(0);
  await expect(page.getByTestId('overlay-contours')).toHaveCount(0);
  await expect(page.getByTestId('formula')).toContainText('f(x)');

  // Pixels: lines on the background (curve, axes, grid), but no colour-mapped surface.
  await expect(async () => {
    const stats = await canvasStats(page);
    expect(stats.colors, 'distinct colours').toBeGreaterThanOrEqual(20);
    expect(stats.foreground, 'share of drawn pixels').toBeGreaterThan(0.004);
    expect(stats.colorful, 'share of surface-coloured pixels').toBeLessThan(0.02);
  }).toPass({ timeout: 15_000 });
  const curve = await canvasThumbnail(page);

  // The same page switched to a function of two variables draws a surface.
  await page.getByTestId('surface-select').selectOption('bowl');
  await expect(page.getByTestId('start-y')).toBeVisible();
  await expectSurfaceDrawn(page);
  expect(thumbnailDistance(curve, await canvasThumbnail(page))).toBeGreaterThan(4);
});

test('a run is drawn as a path in its colour, up to the ball, and goes when hidden', async ({
  page,
}) => {
  await openPreset(page, 'bowl-2d');
  await expectSurfaceDrawn(page);
  const color = await page.locator('.run-item .run-color').first().inputValue();
  // At step 0 only the faint path ahead is drawn; at the end the whole path is solid.
  const atStart = await colorPixels(page, color);
  await page.getByTestId('timeline').focus();
  await page.keyboard.press('End');
  await expect.poll(() => colorPixels(page, color)).toBeGreaterThan(Math.max(150, atStart * 2));
  await page
    .getByTestId('run-list')
    .getByRole('button', { name: /^Hide / })
    .first()
    .click();
  await expect.poll(() => colorPixels(page, color)).toBeLessThan(10);
});

test('the formula is wrapped, never cut off, in a narrow view', async ({ page }) => {
  // 1024 px wide (a classroom projector): the view is 384 px, the formula box 144 px.
  await page.setViewportSize({ width: 1024, height: 720 });
  await openPreset(page, 'saddle');
  const formula = page.getByTestId('formula');
  await expect(formula).toContainText('f(x,y)');
  // Everything typeset is inside the overlay's box (it hides overflow, so a clipped end of f
  // would silently change what the slide says).
  const overflow = await formula.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    right: Math.max(
      ...[...el.querySelectorAll('.katex .base')].map((b) => b.getBoundingClientRect().right),
    ),
    box: el.getBoundingClientRect().right,
  }));
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client + 1);
  expect(overflow.right).toBeLessThanOrEqual(overflow.box);
});

test('the performance HUD exposes fps and slider latency as numbers', async ({ page }) => {
  await openPreset(page, 'bowl-2d');
  const hud = page.getByTestId('perf-hud');
  // No idle "0 fps" badge on the figure: the HUD shows only once opened (Shift+Ctrl+P), but it
  // measures all along (the latency benchmark reads it hidden).
  await expect(hud).toBeHidden();
  const slider = page.getByTestId('lr-slider');
  await slider.focus();
  for (let i = 0; i < 8; i++) await slider.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
  await slider.press('ArrowRight');

  // The HUD samples twice a second: wait for the first latency numbers.
  await expect(hud).toHaveAttribute('data-latency-samples', /^[1-9]\d*$/);
  await expect(hud).toHaveAttribute('data-latency-p50', /^\d+\.\d+$/);
  const read = async (name: string) => Number(await hud.getAttribute(name));
  const p50 = await read('data-latency-p50');
  const p95 = await read('data-latency-p95');
  const fps = await read('data-fps');
  expect(Number.isFinite(p50)).toBe(true);
  expect(Number.isFinite(p95)).toBe(true);
  expect(Number.isFinite(fps)).toBe(true);
  expect(p50).toBeGreaterThanOrEqual(0);
  expect(p95).toBeGreaterThanOrEqual(p50);
  expect(fps).toBeGreaterThanOrEqual(0);
  await expect(hud).toHaveAttribute('data-solver-ms', /^\d+\.\d+$/);
  await expect(hud).toBeHidden();

  // Opened, it shows the same numbers as text; its button closes it again.
  await page.keyboard.press('Shift+Control+P');
  await expect(hud).toBeVisible();
  await expect(hud).toContainText('slider→redraw p50');
  await expect(hud).toContainText(/\d+\.\d ms/);
  await page.getByTestId('perf-toggle').click();
  await expect(hud).toBeHidden();
});

test('the Export button opens the export dialog; Escape closes it', async ({ page }) => {
  await openPreset(page, 'bowl-2d');
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toContainText('Export');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
