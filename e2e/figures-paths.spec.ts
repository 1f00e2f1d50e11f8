/**
 * Paths stay in the plot: for every chapter preset, in each camera view, at the last step and at
 * the slide sizes, no pixel of a run's colour lies outside the plot box (its projected corners
 * come from the app's test hook `window.__descentPlotBox()`, labels from `__descentLabels()`),
 * give or take a few pixels of line width. A run that leaves the box (zigzag's η = 0.21) gets an
 * off-plot marker and says so: `data-left-plot-at` on its run item, its status line and the
 * readout. Also: reveal as it plays (nothing ahead of the ball), a probe Alt+clicked beyond the
 * domain lands on its edge, and the 1D tangent has no stray 2D patch.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import { UI_PREFS_KEY } from '../renderer/src/store/persistence.ts';
import type {} from '../renderer/src/view/plot/testHooks.ts';
import { TRAINING_PATH_COLOR } from '../shared/model/mlpSpec.ts';
import type { CameraPreset, Scene } from '../shared/scene/document.ts';
import { isFigureKind } from '../shared/scene/figure.ts';
import { PRESETS, presetScene } from '../shared/scene/presets.ts';
import { colorPixels, openApp } from './helpers.ts';

/** Opens a scene through its link, without the start page. */
async function openScene(page: Page, scene: Scene): Promise<void> {
  await page.addInitScript((key) => {
    localStorage.setItem(key, JSON.stringify({ showStartPage: false }));
  }, UI_PREFS_KEY);
  await openApp(page, sceneFragment(scene));
}

/** Pixels of the run colours inside and outside the plot box (grown by `slack` CSS px). */
interface PathPixels {
  inside: number;
  outside: number;
  /** A few outside pixels (page CSS px), to say where in a failure message. */
  where: [number, number][];
}

/**
 * Reads the view's canvas and counts pixels within `tolerance` of any of `colors`, inside and
 * outside the convex hull of the plot box's projected corners grown by `slack` px. Pixels under
 * a text label (e.g. an off-plot marker's label, outlined in its run's colour) do not count.
 */
async function pathPixels(page: Page, colors: string[], slack = 8, tolerance = 36) {
  return page
    .getByTestId('canvas')
    .locator('canvas')
    .first()
    .evaluate(
      (gl: HTMLCanvasElement, { colors, slack, tolerance }): PathPixels | null => {
        const box = window.__descentPlotBox?.();
        const labels = window.__descentLabels?.() ?? [];
        if (!box || gl.width === 0) return null;
        const rect = gl.getBoundingClientRect();
        const ratio = gl.width / rect.width;
        // Convex hull of the corners (monotone chain), in canvas pixels.
        const points = box.corners
          .map(([x, y]) => [(x - rect.left) * ratio, (y - rect.top) * ratio] as [number, number])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const cross = (o: number[], a: number[], b: number[]): number =>
          (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
        const lower: [number, number][] = [];
        for (const p of points) {
          while (lower.length >= 2 && cross(lower.at(-2)!, lower.at(-1)!, p) <= 0) lower.pop();
          lower.push(p);
        }
        const upper: [number, number][] = [];
        for (const p of [...points].reverse()) {
          while (upper.length >= 2 && cross(upper.at(-2)!, upper.at(-1)!, p) <= 0) upper.pop();
          upper.push(p);
        }
        const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)];
        const grow = slack * ratio;
        /** Whether p is inside the hull grown by `grow` (distance to each edge's line). */
        const inside = (x: number, y: number): boolean => {
          if (hull.length < 3) return false;
          for (let i = 0; i < hull.length; i++) {
            const a = hull[i]!;
            const b = hull[(i + 1) % hull.length]!;
            const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (len === 0) continue;
            // Counter-clockwise hull in y-down pixels: outside is where the cross product is < 0.
            const distance = ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0])) / len;
            if (distance < -grow) return false;
          }
          return true;
        };
        const underLabel = (x: number, y: number): boolean =>
          labels.some(
            (l) =>
              x >= (l.left - rect.left) * ratio - 2 &&
              x <= (l.left - rect.left + l.width) * ratio + 2 &&
              y >= (l.top - rect.top) * ratio - 2 &&
              y <= (l.top - rect.top + l.height) * ratio + 2,
          );
        const rgb = colors.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
        const copy = document.createElement('canvas');
        copy.width = gl.width;
        copy.height = gl.height;
        const ctx = copy.getContext('2d', { willReadFrequently: true })!;
        ctx.drawImage(gl, 0, 0);
        const data = ctx.getImageData(0, 0, gl.width, gl.height).data;
        const result: PathPixels = { inside: 0, outside: 0, where: [] };
        for (let y = 0; y < gl.height; y++) {
          for (let x = 0; x < gl.width; x++) {
            const i = (y * gl.width + x) * 4;
            const hit = rgb.some(
              (c) =>
                Math.abs(data[i]! - c[0]!) +
                  Math.abs(data[i + 1]! - c[1]!) +
                  Math.abs(data[i + 2]! - c[2]!) <=
                tolerance,
            );
            if (!hit) continue;
            if (inside(x, y)) result.inside++;
            else if (!underLabel(x, y)) {
              result.outside++;
              if (result.where.length < 5) {
                result.where.push([Math.round(x / ratio), Math.round(y / ratio)]);
              }
            }
          }
        }
        return result;
      },
      { colors, slack, tolerance },
    );
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

for (const size of SIZES) {
  test.describe(`paths at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    // Paths are runs: the flat figures have none.
    for (const preset of PRESETS.filter((p) => !isFigureKind(p.scene.kind))) {
      test(`${preset.id}: at the last step no path pixel lies outside the plot box`, async ({
        page,
      }) => {
        const scene = presetScene(preset.id)!;
        await openScene(page, scene);
        await page.getByTestId('timeline').focus();
        await page.keyboard.press('End');
        const colors = scene.runs.filter((r) => r.visible).map((r) => r.color);
        // A network's slice draws its training path too.
        if (scene.problem.kind === 'mlp') colors.push(TRAINING_PATH_COLOR);
        const views: (CameraPreset | null)[] =
          scene.kind === 'surface' ? ['three-quarter', 'top', 'front', 'side'] : [null];
        let seen = 0;
        for (const view of views) {
          if (view) await page.getByTestId(`camera-${view}`).click();
          // The view draws the new camera within a frame or two.
          await page.evaluate(
            () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
          );
          await expect(async () => {
            const pixels = await pathPixels(page, colors);
            expect(pixels, 'the plot box is reported').not.toBeNull();
            expect(
              pixels!.outside,
              `path pixels outside the box (${view ?? 'curve'}) at ${pixels!.where.join(' ')}`,
            ).toBeLessThanOrEqual(3);
            seen = Math.max(seen, pixels!.inside);
          }).toPass({ timeout: 20_000 });
        }
        // The paths were drawn in some view (a surface may hide them from one side), so "none
        // outside" says something.
        expect(seen, 'path pixels in the box').toBeGreaterThan(20);
      });
    }
  });
}

test.describe('a run that leaves the plot (zigzag, η = 0.21)', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('is marked where it leaves, and the run list and readout say at which step', async ({
    page,
  }) => {
    await openScene(page, presetScene('zigzag')!);
    const items = page.getByTestId('run-list').locator('[data-run-id]');
    const leaving = page.locator('[data-run-id="lr-0.21"]');
    // y grows by a factor 1.1 each step from 2: it crosses y = 4 during step 8.
    await expect(leaving).toHaveAttribute('data-left-plot-at', '8');
    await expect(page.locator('[data-run-id="lr-0.05"]')).toHaveAttribute('data-left-plot-at', '');
    await expect(page.locator('[data-run-id="lr-0.15"]')).toHaveAttribute('data-left-plot-at', '');
    await expect(items).toHaveCount(3);
    await expect(leaving.getByTestId('run-status')).toContainText('left the plot at step 8');
    // No marker before the ball gets there.
    const markers = async () =>
      (await page.evaluate(() => window.__descentLabels?.() ?? [])).filter((l) =>
        l.text.startsWith('left at step'),
      );
    await expect
      .poll(async () => (await page.evaluate(() => window.__descentLabels?.() ?? [])).length)
      .toBeGreaterThan(0);
    expect(await markers()).toEqual([]);
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('End');
    await expect.poll(async () => (await markers()).map((m) => m.text)).toEqual(['left at step 8']);
    // The readout of the leaving run says so too.
    await leaving.click();
    await expect(page.getByTestId('left-plot')).toHaveText('left the plot at step 8');
    // The marker sits at the top edge (y = 4) in the top view, above the path's last point.
    await page.getByTestId('camera-top').click();
    await expect(async () => {
      const [marker] = await markers();
      const box = await page.evaluate(() => window.__descentPlotBox?.() ?? null);
      expect(marker).toBeDefined();
      const top = Math.min(...box!.corners.map((c) => c[1]));
      // The label is next to the top edge, not somewhere across the caption or the axes.
      expect(Math.abs(marker!.top + marker!.height - top)).toBeLessThan(60);
    }).toPass({ timeout: 10_000 });
  });
});

test('reveal as it plays: nothing of a path is drawn ahead of the ball', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const scene = presetScene('bowl-2d')!;
  scene.camera = { preset: 'top' };
  // −∇f would lie right on the path here.
  scene.overlays.gradient = false;
  const color = scene.runs[0]!.color;
  // The path ahead is the run's colour faded towards the white background (see runPathObjects.ts).
  const faded = (hex: string): string => {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return `#${c
      .map((v) =>
        Math.round(255 + (v - 255) * 0.6)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
  };
  await openScene(page, scene);
  // At step 0 with the whole path shown, its faint colour is on the view.
  await expect.poll(() => colorPixels(page, faded(color), 24)).toBeGreaterThan(150);
  const toggle = page.getByTestId('reveal-toggle');
  if ((await toggle.count()) > 0) {
    await toggle.check();
  } else {
    // The path options panel is mounted by the app's left panel; the scene flag does the same.
    scene.view.reveal = true;
    await openScene(page, scene);
  }
  await expect.poll(() => colorPixels(page, faded(color), 24)).toBeLessThan(15);
  // Played to the end, the whole path is there (solid).
  await page.getByTestId('timeline').focus();
  await page.keyboard.press('End');
  await expect.poll(() => colorPixels(page, color)).toBeGreaterThan(150);
});

test.describe('objects of a curve stay in its plot', () => {
  test('taylor-x2: a probe Alt+clicked beyond the domain lands on its edge', async ({ page }) => {
    await openScene(page, presetScene('taylor-x2')!);
    const box = await page.evaluate(() => window.__descentPlotBox?.() ?? null);
    expect(box).not.toBeNull();
    // Corners of a curve: (x min, bottom), (x min, top), (x max, bottom), (x max, top).
    const right = Math.max(...box!.corners.map((c) => c[0]));
    const bottom = Math.max(...box!.corners.map((c) => c[1]));
    const top = Math.min(...box!.corners.map((c) => c[1]));
    await page.keyboard.down('Alt');
    await page.mouse.click(right + 25, (top + bottom) / 2);
    await page.keyboard.up('Alt');
    // x = 4 is the domain's edge: the tangent predicts 9 + 6·1 = 15, f(4) = 16.
    await expect(page.getByTestId('readout')).toContainText('at [4.0000]');
    await expect(page.getByTestId('readout')).toContainText('tangent 15.0000, f 16.0000');
  });

  test('taylor-x2: the tangent line has no stray 2D patch beside it', async ({ page }) => {
    await openScene(page, presetScene('taylor-x2')!);
    // Tangent-coloured pixels (#f2a541) and how far each is from the line f = 9 + 6(x − 3) on
    // screen: the box's corners map x ∈ [−4, 4] and f ∈ [0, 16] onto the page.
    const far = async () =>
      page
        .getByTestId('canvas')
        .locator('canvas')
        .first()
        .evaluate((gl: HTMLCanvasElement) => {
          const box = window.__descentPlotBox?.();
          if (!box) return null;
          const rect = gl.getBoundingClientRect();
          const ratio = gl.width / rect.width;
          const xs = box.corners.map((c) => c[0]);
          const ys = box.corners.map((c) => c[1]);
          const [left, right] = [Math.min(...xs), Math.max(...xs)];
          const [top, bottom] = [Math.min(...ys), Math.max(...ys)];
          const screen = (x: number, f: number): [number, number] => [
            (left + ((x + 4) / 8) * (right - left) - rect.left) * ratio,
            (bottom - (f / 16) * (bottom - top) - rect.top) * ratio,
          ];
          const a = screen(2.5, 6);
          const b = screen(3.5, 12);
          const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
          const copy = document.createElement('canvas');
          copy.width = gl.width;
          copy.height = gl.height;
          const ctx = copy.getContext('2d', { willReadFrequently: true })!;
          ctx.drawImage(gl, 0, 0);
          const data = ctx.getImageData(0, 0, gl.width, gl.height).data;
          let on = 0;
          let away = 0;
          for (let y = 0; y < gl.height; y++) {
            for (let x = 0; x < gl.width; x++) {
              const i = (y * gl.width + x) * 4;
              const d =
                Math.abs(data[i]! - 0xf2) +
                Math.abs(data[i + 1]! - 0xa5) +
                Math.abs(data[i + 2]! - 0x41);
              if (d > 40) continue;
              const distance =
                Math.abs((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0])) / len;
              if (distance <= 6 * ratio) on++;
              else away++;
            }
          }
          return { on, away };
        });
    await expect(async () => {
      const pixels = await far();
      expect(pixels).not.toBeNull();
      // The line is drawn…
      expect(pixels!.on).toBeGreaterThan(40);
      // …and nothing of the tangent's colour away from it (the parallelogram used to be).
      expect(pixels!.away).toBeLessThanOrEqual(3);
    }).toPass({ timeout: 15_000 });
  });
});
