/**
 * Labels in the view never overlap: with the gradient, tangent and Hessian overlays on, the
 * labels at the current point (∇f, −∇f, λ₁, λ₂, the curvature word, the Taylor error) are laid
 * out apart from each other and from the fixed labels (ticks, axis names), in every camera view,
 * at the slide sizes 1280×720 and 1920×1080. Rectangles come from the app's test hook
 * `window.__descentLabels()` (view/plot/LabelLayer.tsx). Also the chapter's §4 directional
 * derivative: ∇f·d̂ = 4 along x and 0 along the contour of x² + xy at (1, 2), with d̂ typed or
 * dragged on the view.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import { UI_PREFS_KEY } from '../renderer/src/store/persistence.ts';
import type {} from '../renderer/src/view/plot/testHooks.ts';
import type { CameraPreset, Scene } from '../shared/scene/document.ts';
import { presetScene } from '../shared/scene/presets.ts';
import { openApp } from './helpers.ts';

interface Label {
  text: string;
  role: 'overlay' | 'fixed';
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Every visible label of the view, as the app reports it. */
async function labels(page: Page): Promise<Label[]> {
  return page.evaluate(() => window.__descentLabels?.() ?? []);
}

const overlap = (a: Label, b: Label): boolean =>
  a.left < b.left + b.width &&
  b.left < a.left + a.width &&
  a.top < b.top + b.height &&
  b.top < a.top + a.height;

/** Pairs of labels that overlap where at least one is an overlay label (placed by the layout). */
function overlaps(all: Label[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if ((a.role === 'overlay' || b.role === 'overlay') && overlap(a, b)) {
        found.push(`"${a.text}" × "${b.text}"`);
      }
    }
  }
  return found;
}

/** Opens a scene through its link, without the start page. */
async function openScene(page: Page, scene: Scene): Promise<void> {
  await page.addInitScript((key) => {
    localStorage.setItem(key, JSON.stringify({ showStartPage: false }));
  }, UI_PREFS_KEY);
  await openApp(page, sceneFragment(scene));
}

/** A preset with the chapter's point overlays switched on. */
function withOverlays(id: string): Scene {
  const scene = presetScene(id)!;
  scene.overlays = { ...scene.overlays, gradient: true, tangent: true, hessian: true };
  return scene;
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const PRESETS = ['bowl-2d', 'zigzag', 'saddle', 'x2-plus-xy', 'taylor-x2'];

for (const size of SIZES) {
  test.describe(`labels at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    for (const id of PRESETS) {
      test(`${id}: no label overlaps another in any camera view`, async ({ page }) => {
        const scene = withOverlays(id);
        await openScene(page, scene);
        // The point moves a little: step 1 has a step ahead (Taylor error) and a gradient.
        await page.getByTestId('timeline').focus();
        await page.keyboard.press('ArrowRight');
        const views: (CameraPreset | null)[] =
          scene.kind === 'surface' ? ['three-quarter', 'top', 'front', 'side'] : [null];
        for (const view of views) {
          if (view) await page.getByTestId(`camera-${view}`).click();
          await expect(async () => {
            const all = await labels(page);
            const texts = all.filter((l) => l.role === 'overlay').map((l) => l.text);
            // The layout had something to do: the gradient labels and the curvature word are
            // there (a label may hide only when there is no room at all).
            expect(texts, `overlay labels in ${view ?? 'the curve view'}`).toEqual(
              expect.arrayContaining(['∇f', '−∇f']),
            );
            expect(texts.some((t) => /^(bowl|saddle|cap|flat)/.test(t))).toBe(true);
            expect(overlaps(all), `overlapping labels in ${view ?? 'the curve view'}`).toEqual([]);
          }).toPass({ timeout: 15_000 });
        }
      });
    }
  });
}

test('labels stay apart when the overlays crowd one point (zigzag, Hessian + gradient + tangent)', async ({
  page,
}) => {
  const scene = withOverlays('zigzag');
  scene.overlays.directional = true;
  await openScene(page, scene);
  await page.getByTestId('camera-top').click();
  await expect(async () => {
    const all = await labels(page);
    const overlay = all.filter((l) => l.role === 'overlay');
    // ∇f, −∇f, λ₁, λ₂, bowl, the Taylor error, ∇f·d̂, contour: most of them fit.
    expect(overlay.length).toBeGreaterThanOrEqual(6);
    expect(overlaps(all)).toEqual([]);
  }).toPass({ timeout: 15_000 });
});

test.describe('directional derivative (chapter §4)', () => {
  /** x² + xy at (1, 2), ∇f = [4, 1], with d̂ at `degrees`, seen from the top. */
  function directional(degrees: number): Scene {
    const scene = presetScene('x2-plus-xy')!;
    scene.overlays = { ...scene.overlays, directional: true, hessian: false };
    scene.direction = degrees;
    scene.camera = { preset: 'top' };
    return scene;
  }

  const value = (page: Page) => page.getByTestId('directional-value');

  test('∇f·d̂ = 4 along x and 0 along the contour, in the readout and on the view', async ({
    page,
  }) => {
    await openScene(page, directional(0));
    await expect(value(page)).toHaveAttribute('data-value', /^4(\.0+)?$/);
    await expect.poll(async () => (await labels(page)).map((l) => l.text)).toContain('∇f·d̂ = 4');
    // d̂⊥ = (−1, 4)/√17, i.e. atan2(4, −1) = 104.036…°: the rate of change along the contour is 0.
    const contour = (Math.atan2(4, -1) * 180) / Math.PI;
    await openScene(page, directional(contour));
    await expect
      .poll(async () => Number(await value(page).getAttribute('data-value')))
      .toBeCloseTo(0, 9);
    await expect.poll(async () => (await labels(page)).map((l) => l.text)).toContain('∇f·d̂ = 0');
  });

  test('typing the angle turns d̂', async ({ page }) => {
    await openScene(page, directional(0));
    const field = page.getByTestId('direction-angle');
    // The field lives in the path options panel, in the left panel.
    await expect(field).toBeVisible();
    await field.fill('90');
    await field.press('Enter');
    // ∇f·(0, 1) = ∂f/∂y = x = 1.
    await expect
      .poll(async () => Number(await value(page).getAttribute('data-value')))
      .toBeCloseTo(1, 12);
  });

  test("dragging the arrow's head on the view turns d̂ (one undo step)", async ({ page }) => {
    await openScene(page, directional(0));
    // The top view has settled (the label is on the arrow's head).
    await expect.poll(async () => (await labels(page)).map((l) => l.text)).toContain('∇f·d̂ = 4');
    await expect(value(page)).toHaveAttribute('data-value', /^4(\.0+)?$/);
    // Top view: an orthographic map, so math (x, y) → page is affine; fit it from the box corners.
    const scene = directional(0);
    const box = await page.evaluate(() => window.__descentPlotBox?.() ?? null);
    const domain = [...scene.domain.x, ...scene.domain.y];
    expect(box).not.toBeNull();
    const [x0, x1, y0, y1] = domain as [number, number, number, number];
    // Corner order: x (min, max) × height (0, top) × world z (−, +); world −z is math y max.
    const c = box!.corners;
    const origin = c[1]!; // (x min, y min)
    const xEnd = c[5]!; // (x max, y min)
    const yEnd = c[0]!; // (x min, y max)
    const at = (x: number, y: number): [number, number] => {
      const u = (x - x0) / (x1 - x0);
      const v = (y - y0) / (y1 - y0);
      return [
        origin[0] + (xEnd[0] - origin[0]) * u + (yEnd[0] - origin[0]) * v,
        origin[1] + (xEnd[1] - origin[1]) * u + (yEnd[1] - origin[1]) * v,
      ];
    };
    // The arrow is 0.3 world units long; the box's half-width is 1 world unit.
    const length = (0.3 * Math.max(x1 - x0, y1 - y0)) / 2;
    const [hx, hy] = at(1 + length, 2);
    const [tx, ty] = at(1, 2 + length);
    await page.mouse.move(hx, hy);
    await page.mouse.down();
    await page.mouse.move((hx + tx) / 2 + 5, (hy + ty) / 2 - 5, { steps: 4 });
    await page.mouse.move(tx, ty, { steps: 4 });
    await page.mouse.up();
    // Now d̂ ≈ (0, 1): ∇f·d̂ ≈ ∂f/∂y = 1.
    await expect
      .poll(async () => Number(await value(page).getAttribute('data-value')))
      .toBeCloseTo(1, 1);
    // The camera did not orbit meanwhile (the top view is still a flat map) and one undo
    // brings d̂ back to x.
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(value(page)).toHaveAttribute('data-value', /^4(\.0+)?$/);
  });
});
