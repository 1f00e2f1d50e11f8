/**
 * Slide-quality figures, the view's part: the camera's projection per preset (Top, Front and
 * Side orthographic, 3/4 perspective, reported by the canvas as `data-projection`), the colour
 * scale (linear, log, auto) and its colour bar, on screen and burned into an export. Colour
 * claims are measured on the canvas's pixels.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import { defaultRun, defaultScene } from '../shared/scene/document.ts';
import type { Scene } from '../shared/scene/document.ts';
import {
  canvasThumbnail,
  commitNumber,
  expectSurfaceDrawn,
  openApp,
  openPreset,
  settledCanvasThumbnail,
  thumbnailDistance,
} from './helpers.ts';

const canvas = (page: Page) => page.getByTestId('canvas');

test('each camera button sets the projection the canvas reports; orbiting keeps it', async ({
  page,
}) => {
  await openPreset(page, 'bowl-2d');
  await expectSurfaceDrawn(page);
  await expect(canvas(page)).toHaveAttribute('data-projection', 'perspective');
  for (const [button, projection] of [
    ['top', 'orthographic'],
    ['front', 'orthographic'],
    ['side', 'orthographic'],
    ['three-quarter', 'perspective'],
    ['top', 'orthographic'],
  ] as const) {
    await page.getByTestId(`camera-${button}`).click();
    await expect(canvas(page)).toHaveAttribute('data-projection', projection);
  }

  // Orbiting away from the map turns the picture but keeps the parallel projection.
  const before = await settledCanvasThumbnail(page);
  const box = (await canvas(page).locator('canvas').first().boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 60, cy - 50, { steps: 6 });
  await page.mouse.up();
  await expect
    .poll(async () => thumbnailDistance(before, await canvasThumbnail(page)))
    .toBeGreaterThan(3);
  await expect(canvas(page)).toHaveAttribute('data-projection', 'orthographic');
  // Reset goes back to the map.
  await page.getByTestId('camera-reset').click();
  await expect
    .poll(async () => thumbnailDistance(before, await canvasThumbnail(page)))
    .toBeLessThan(1.5);

  // A curve is seen straight on, in a parallel projection too.
  await openPreset(page, 'gd-x2');
  await expect(canvas(page)).toHaveAttribute('data-projection', 'orthographic');
});

test('the colour-scale select changes the picture and the colour bar', async ({ page }) => {
  await openPreset(page, 'himmelblau');
  await expectSurfaceDrawn(page);
  const select = page.getByTestId('colour-scale');
  const bar = page.getByTestId('colour-bar');
  // Himmelblau asks for log under `auto`; the option says what auto chose.
  await expect(select).toHaveValue('auto');
  await expect(select.locator('option[value="auto"]')).toHaveText('Auto (log)');
  await expect(bar).toHaveAttribute('data-scale', 'log');
  const log = await canvasThumbnail(page);

  await select.selectOption('linear');
  await expect(bar).toHaveAttribute('data-scale', 'linear');
  await expect
    .poll(async () => thumbnailDistance(log, await canvasThumbnail(page)))
    .toBeGreaterThan(3);
  // Linear ticks are evenly spaced values of f.
  await expect(bar).toContainText('200');
  await expect(bar).toContainText('400');

  await select.selectOption('log');
  await expect(bar).toHaveAttribute('data-scale', 'log');
  await expect(bar).toContainText('10');
  await expect(bar).toContainText('100');
  await expect
    .poll(async () => thumbnailDistance(log, await canvasThumbnail(page)))
    .toBeLessThan(1);
});

/** The colour bar's box, the view's and the legend's, in page px. */
async function boxes(page: Page) {
  return {
    bar: (await page.getByTestId('colour-bar').boundingBox())!,
    view: (await canvas(page).boundingBox())!,
    legend: (await page.getByRole('list', { name: 'Legend' }).boundingBox())!,
  };
}

type Box = { x: number; y: number; width: number; height: number };
const apart = (a: Box, b: Box): boolean =>
  a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

test('the colour bar sits beside the plot, clear of the legend, and toggles', async ({ page }) => {
  // A wide view: the bar stands against its right edge.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openPreset(page, 'himmelblau');
  const bar = page.getByTestId('colour-bar');
  await expect(bar).toHaveAttribute('data-orientation', 'vertical');
  let b = await boxes(page);
  expect(b.bar.x).toBeGreaterThan(b.view.x + b.view.width * 0.8);
  expect(b.bar.x + b.bar.width).toBeLessThanOrEqual(b.view.x + b.view.width);
  expect(b.bar.y).toBeGreaterThan(b.view.y);
  expect(b.bar.y + b.bar.height).toBeLessThan(b.view.y + b.view.height);
  expect(apart(b.bar, b.legend)).toBe(true);
  // Text alternative for screen readers.
  await expect(bar).toHaveAttribute('aria-label', /Colour scale \(log\)/);

  // A narrow view (the test window): the bar lies under the plot, across.
  await page.setViewportSize({ width: 1024, height: 720 });
  await expect(bar).toHaveAttribute('data-orientation', 'horizontal');
  b = await boxes(page);
  expect(b.bar.y).toBeGreaterThan(b.view.y + b.view.height * 0.6);
  expect(b.bar.y + b.bar.height).toBeLessThan(b.view.y + b.view.height);
  expect(b.bar.x).toBeGreaterThan(b.view.x);
  expect(b.bar.x + b.bar.width).toBeLessThan(b.view.x + b.view.width);
  expect(apart(b.bar, b.legend)).toBe(true);

  const before = await canvasThumbnail(page);
  await page.getByTestId('overlay-colorBar').uncheck();
  await expect(bar).toHaveCount(0);
  // The camera no longer keeps the bar's room free: the plot takes it.
  await expect
    .poll(async () => thumbnailDistance(before, await canvasThumbnail(page)))
    .toBeGreaterThan(1);
  await page.getByTestId('overlay-colorBar').check();
  await expect(bar).toBeVisible();

  // Curves have no colour scale.
  await openPreset(page, 'gd-x2');
  await expect(page.getByTestId('colour-bar')).toHaveCount(0);
  await expect(page.getByTestId('colour-scale')).toBeDisabled();
});

/** Rosenbrock's map with nothing drawn on it but the colours: one run, never moving, at a corner. */
function rosenbrockMap(colorScale: Scene['view']['colorScale']): Scene {
  const scene = defaultScene();
  scene.title = 'Rosenbrock colours';
  scene.problem = { kind: 'surface', id: 'rosenbrock' };
  scene.domain = { x: [-2, 2], y: [-1, 3] };
  scene.runs = [{ ...defaultRun(0, [-1.9, -0.9]), steps: 0 }];
  scene.overlays = {
    ...scene.overlays,
    gradient: false,
    contours: false,
    floorContours: false,
    minima: false,
    colorBar: false,
  };
  scene.camera = { preset: 'top' };
  scene.view = { ...scene.view, colorScale, resolution: 128 };
  return scene;
}

/**
 * Distinct colours along the floor of Rosenbrock's valley, y = x² for x from −1.5 to 1.5, read
 * from the canvas: the map is the square of colourful pixels (the top view is a flat map, so
 * math coordinates map linearly onto it).
 */
async function valleyColours(page: Page): Promise<{ colours: number; map: number }> {
  return canvas(page)
    .locator('canvas')
    .first()
    .evaluate((gl: HTMLCanvasElement) => {
      const copy = document.createElement('canvas');
      copy.width = gl.width;
      copy.height = gl.height;
      const ctx = copy.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(gl, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, gl.width, gl.height);
      let left = width;
      let right = -1;
      let top = height;
      let bottom = -1;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          const r = data[i]!;
          const g = data[i + 1]!;
          const b = data[i + 2]!;
          if (Math.max(r, g, b) - Math.min(r, g, b) > 40) {
            left = Math.min(left, x);
            right = Math.max(right, x);
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
          }
        }
      }
      const seen = new Set<number>();
      for (let k = 0; k <= 60; k++) {
        const mx = -1.5 + (3 * k) / 60;
        const my = mx * mx;
        const px = Math.round(left + ((mx + 2) / 4) * (right - left));
        const py = Math.round(bottom - ((my + 1) / 4) * (bottom - top));
        const i = (py * width + px) * 4;
        seen.add(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4));
      }
      return { colours: seen.size, map: right - left };
    });
}

test('log colours the floor of the Rosenbrock valley that linear paints as one colour', async ({
  page,
}) => {
  await openApp(page, sceneFragment(rosenbrockMap('linear')));
  await expect(canvas(page)).toHaveAttribute('data-projection', 'orthographic');
  // Wait for the map (a square of colour most of the canvas wide).
  await expect.poll(async () => (await valleyColours(page)).map).toBeGreaterThan(150);
  const linear = (await valleyColours(page)).colours;
  expect(linear).toBeLessThanOrEqual(3);
  await page.getByTestId('colour-scale').selectOption('log');
  await expect
    .poll(async () => (await valleyColours(page)).colours)
    .toBeGreaterThanOrEqual(Math.max(8, linear * 3));
});

const hasFfmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;

test('an export burns the colour bar in where the view shows it', async ({ page }) => {
  test.skip(!hasFfmpeg, 'ffmpeg is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'descent-figures-view-'));
  try {
    await openPreset(page, 'himmelblau');
    await expect(page.getByTestId('colour-bar')).toBeVisible();
    const exportStill = async (name: string): Promise<Buffer> => {
      await page.getByTestId('export-button').click();
      await expect(page.getByTestId('export-dialog')).toBeVisible();
      await page.getByTestId('export-preset-png-still').click();
      await page.getByTestId('export-size').selectOption('custom');
      await commitNumber(page.getByTestId('export-width'), 640);
      await commitNumber(page.getByTestId('export-height'), 360);
      const download = page.waitForEvent('download', { timeout: 120_000 });
      await page.getByTestId('export-start').click();
      const file = join(dir, name);
      await (await download).saveAs(file);
      await expect(page.getByTestId('export-status')).toContainText('Saved', {
        timeout: 30_000,
      });
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('export-dialog')).toBeHidden();
      const raw = spawnSync(
        'ffmpeg',
        ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      ).stdout;
      expect(raw.length).toBe(640 * 360 * 3);
      return raw;
    };
    /** Rows of the right-hand strip holding the map's top (yellow) and bottom (purple) colours. */
    const strip = (raw: Buffer): { yellow: number[]; purple: number[] } => {
      const yellow: number[] = [];
      const purple: number[] = [];
      for (let y = 0; y < 360; y++) {
        for (let x = Math.round(640 * 0.9); x < 640; x++) {
          const i = (y * 640 + x) * 3;
          const [r, g, b] = [raw[i]!, raw[i + 1]!, raw[i + 2]!];
          if (r > 220 && g > 200 && b < 90) yellow.push(y);
          if (r > 50 && r < 90 && g < 30 && b > 65 && b < 105) purple.push(y);
        }
      }
      return { yellow, purple };
    };
    const on = strip(await exportStill('with-bar.png'));
    expect(on.yellow.length).toBeGreaterThan(10);
    expect(on.purple.length).toBeGreaterThan(10);
    // The bar runs from yellow at the top to purple at the bottom, around the middle.
    expect(Math.max(...on.yellow)).toBeLessThan(Math.min(...on.purple));
    expect(Math.min(...on.yellow)).toBeGreaterThan(360 * 0.15);
    expect(Math.max(...on.purple)).toBeLessThan(360 * 0.85);

    await page.getByTestId('overlay-colorBar').uncheck();
    const off = strip(await exportStill('without-bar.png'));
    expect(off.purple.length).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
