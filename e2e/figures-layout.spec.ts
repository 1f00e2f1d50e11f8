/**
 * The window's layout for slides: side panels that hide and come back (by hand, and by
 * themselves in narrow windows), HTML overlays over the view that never run into each other,
 * keep the caption off the plot and scale with the view (not the window), and the η plot under
 * the timeline, which shows the selected run's schedule and follows the playhead.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { isFigureKind } from '../shared/scene/figure.ts';
import { presetScene, PRESETS } from '../shared/scene/presets.ts';
import type { Scene } from '../shared/scene/document.ts';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import { openApp } from './helpers.ts';

const leftPanel = (page: Page) => page.getByRole('complementary', { name: 'Function and runs' });
const rightPanel = (page: Page) => page.getByRole('complementary', { name: 'Numbers' });

/** The view's width in CSS px. */
async function viewWidth(page: Page): Promise<number> {
  return (await page.getByTestId('canvas').boundingBox())!.width;
}

test.describe('side panels', () => {
  test('hide and show with their toggles, by mouse and keyboard; remembered, never in the scene', async ({
    page,
  }) => {
    await openApp(page);
    await expect(leftPanel(page)).toBeVisible();
    await expect(rightPanel(page)).toBeVisible();
    const narrow = await viewWidth(page);

    const left = page.getByTestId('toggle-left-panel');
    const right = page.getByTestId('toggle-right-panel');
    await expect(left).toHaveAttribute('aria-expanded', 'true');
    await left.click();
    await expect(leftPanel(page)).toHaveCount(0);
    await expect(left).toHaveAttribute('aria-expanded', 'false');
    await expect.poll(() => viewWidth(page)).toBeGreaterThan(narrow + 250);

    // From the keyboard: the toggle is a button in the tab order.
    await right.focus();
    await page.keyboard.press('Enter');
    await expect(rightPanel(page)).toHaveCount(0);
    await expect(right).toHaveAccessibleName('Show the numbers panel');
    await expect.poll(() => viewWidth(page)).toBeGreaterThan(narrow + 600);

    // UI state, not the document: nothing to undo, and the saved scene says nothing of it.
    await expect(page.getByTestId('undo')).toBeDisabled();
    const saved = await page.evaluate(() => localStorage.getItem('descent-studio.last-scene'));
    expect(saved ?? '').not.toContain('panel');

    // Remembered for the next start.
    await page.reload();
    await expect(page.getByTestId('formula')).toBeVisible();
    await expect(leftPanel(page)).toHaveCount(0);
    await expect(rightPanel(page)).toHaveCount(0);
    await left.focus();
    await page.keyboard.press('Space');
    await expect(leftPanel(page)).toBeVisible();
    await right.click();
    await expect(rightPanel(page)).toBeVisible();
    await expect(page.getByTestId('step-table').locator('tbody tr').first()).toBeVisible();
  });

  test('hide themselves in narrow windows, and the toggles bring them back', async ({ page }) => {
    await openApp(page);
    // Below 1000 px the numbers go first; below 720 px the controls too.
    await page.setViewportSize({ width: 900, height: 720 });
    await expect(rightPanel(page)).toHaveCount(0);
    await expect(leftPanel(page)).toBeVisible();
    await page.setViewportSize({ width: 700, height: 720 });
    await expect(leftPanel(page)).toHaveCount(0);
    const right = page.getByTestId('toggle-right-panel');
    await expect(right).toBeVisible();
    await expect(right).toHaveAttribute('aria-expanded', 'false');
    await right.click();
    await expect(rightPanel(page)).toBeVisible();
    // Wide again: the left panel follows the window, the right one keeps the user's choice.
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect(leftPanel(page)).toBeVisible();
    await expect(rightPanel(page)).toBeVisible();
    await page.setViewportSize({ width: 700, height: 720 });
    await expect(leftPanel(page)).toHaveCount(0);
    await expect(rightPanel(page)).toBeVisible();
  });
});

/** A box in page CSS px. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

/** The overlays' boxes, the canvas's and the view's, and the legend's font size. */
async function measure(page: Page) {
  return page.getByTestId('canvas').evaluate((view) => {
    const box = (el: Element | null): Box | null => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const pick = (selector: string) => box(view.querySelector(`:scope > ${selector}`));
    const legend = view.querySelector(':scope > .legend');
    return {
      view: box(view)!,
      canvas: box(view.querySelector('canvas'))!,
      overlays: {
        formula: pick('[data-testid="formula"]'),
        legend: pick('.legend'),
        caption: pick('[data-testid="caption"]'),
        camera: pick('.camera-buttons'),
        colourBar: pick('[data-testid="colour-bar"]'),
      },
      legendFont: legend ? parseFloat(getComputedStyle(legend).fontSize) : null,
    };
  });
}

/** Opens `scene` in the same page (a link: the hash changes) and waits until it is shown. */
async function show(page: Page, scene: Scene): Promise<void> {
  await page.goto(`./${sceneFragment(scene)}`);
  await expect(page.getByLabel('Scene title')).toHaveValue(scene.title);
  await expect(page.getByTestId('caption')).toContainText(scene.title);
  await expect(page.getByTestId('formula')).toBeVisible();
  // A network's slice adds its training path and the line naming the plane.
  const extra = scene.problem.kind === 'mlp' ? 2 : 0;
  await expect(page.locator('.legend li')).toHaveCount(
    scene.runs.filter((r) => r.visible).length + extra,
  );
}

/** Checks the overlays of the view as it is now. */
async function expectTidyOverlays(page: Page, what: string): Promise<void> {
  // The canvas follows its box (R3F measures it) a moment after the layout changed.
  await expect
    .poll(() =>
      page
        .getByTestId('canvas')
        .evaluate(
          (view) =>
            view.querySelector('canvas')!.getBoundingClientRect().height -
            view.querySelector(':scope > div')!.getBoundingClientRect().height,
        ),
    )
    .toBeCloseTo(0, 0);
  const m = await measure(page);
  const named = Object.entries(m.overlays).filter((e): e is [string, Box] => e[1] !== null);
  // The colour bar is there for surfaces only.
  expect(named.map(([n]) => n).slice(0, 4), what).toEqual([
    'formula',
    'legend',
    'caption',
    'camera',
  ]);
  for (const [name, b] of named) {
    // Inside the view.
    expect(b.x, `${what}: ${name} left`).toBeGreaterThanOrEqual(m.view.x - 0.5);
    expect(b.y, `${what}: ${name} top`).toBeGreaterThanOrEqual(m.view.y - 0.5);
    expect(b.x + b.width, `${what}: ${name} right`).toBeLessThanOrEqual(
      m.view.x + m.view.width + 0.5,
    );
    expect(b.y + b.height, `${what}: ${name} bottom`).toBeLessThanOrEqual(
      m.view.y + m.view.height + 0.5,
    );
  }
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const [a, boxA] = named[i]!;
      const [b, boxB] = named[j]!;
      expect(overlap(boxA, boxB), `${what}: ${a} and ${b} overlap`).toBe(false);
    }
  }
  // The caption and the camera buttons sit under the canvas, never over the plot, and the
  // caption takes well under a third of the view.
  const canvasBottom = m.canvas.y + m.canvas.height;
  expect(m.overlays.caption!.y, `${what}: caption over the canvas`).toBeGreaterThanOrEqual(
    canvasBottom - 0.5,
  );
  expect(m.overlays.camera!.y, `${what}: camera buttons over the canvas`).toBeGreaterThanOrEqual(
    canvasBottom - 0.5,
  );
  expect(m.view.y + m.view.height - canvasBottom, `${what}: caption strip`).toBeLessThan(
    m.view.height / 4,
  );
  // Text follows the view: 2.2 % of its short side (as an export lays it out), within limits.
  const expected = Math.min(24, Math.max(11.5, 0.022 * Math.min(m.view.width, m.view.height)));
  expect(m.legendFont!, `${what}: legend font`).toBeCloseTo(expected, 0);
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${size.width}×${size.height} the overlays of every figure stay apart, with panels and without`, async ({
    page,
  }) => {
    test.setTimeout(360_000);
    await page.setViewportSize(size);
    await openApp(page);
    // The flat figures draw no HTML overlays over their picture: their draw tests check that
    // every text stays apart and inside the canvas.
    for (const preset of PRESETS.filter((p) => !isFigureKind(p.scene.kind))) {
      const scene = presetScene(preset.id)!;
      // A surface in the view with the most on it: the 3/4 view.
      if (scene.kind === 'surface') scene.camera = { preset: 'three-quarter' };
      await show(page, scene);
      await expectTidyOverlays(page, `${preset.id} with panels`);
      const withPanels = (await measure(page)).legendFont!;
      await page.getByTestId('toggle-left-panel').click();
      await page.getByTestId('toggle-right-panel').click();
      await expect(page.getByTestId('toggle-right-panel')).toHaveAttribute(
        'aria-expanded',
        'false',
      );
      await expectTidyOverlays(page, `${preset.id} without panels`);
      // The window did not change; the view did, and the text with it (not shrinking).
      expect((await measure(page)).legendFont!).toBeGreaterThanOrEqual(withPanels);
      await page.getByTestId('toggle-left-panel').click();
      await page.getByTestId('toggle-right-panel').click();
      await expect(page.getByTestId('toggle-right-panel')).toHaveAttribute('aria-expanded', 'true');
    }
  });
}

test('a long caption shows in full while hovered, over the canvas, which keeps its size', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, '#preset=adam-vs-sgd');
  const caption = page.getByTestId('caption');
  const text = caption.locator('p');
  const canvasBox = async () => (await page.getByTestId('canvas').locator('canvas').boundingBox())!;
  const before = await canvasBox();
  // Cut to a few lines at rest…
  expect(await text.evaluate((p) => p.scrollHeight > p.clientHeight + 1)).toBe(true);
  // …and whole while hovered.
  await caption.hover();
  await expect.poll(() => text.evaluate((p) => p.scrollHeight <= p.clientHeight + 1)).toBe(true);
  const after = await canvasBox();
  expect(after.height).toBe(before.height);
  expect(after.width).toBe(before.width);
});

test.describe('η over time', () => {
  /** The plot's test attributes as numbers. */
  async function plotState(plot: Locator) {
    return plot.evaluate((el) => ({
      run: el.getAttribute('data-run'),
      scale: el.getAttribute('data-scale'),
      count: Number(el.getAttribute('data-count')),
      first: Number(el.getAttribute('data-first')),
      max: Number(el.getAttribute('data-max')),
      step: Number(el.getAttribute('data-step')),
      lr: Number(el.getAttribute('data-lr')),
    }));
  }

  /** Pixels of the plot's canvas within a small distance of a #rrggbb colour. */
  async function pixelsOf(plot: Locator, hex: string): Promise<number> {
    return plot.locator('canvas').evaluate((canvas: HTMLCanvasElement, hex) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (
          data[i + 3]! > 200 &&
          Math.abs(data[i]! - c[0]!) +
            Math.abs(data[i + 1]! - c[1]!) +
            Math.abs(data[i + 2]! - c[2]!) <
            40
        )
          n++;
      }
      return n;
    }, hex);
  }

  test('plots the selected run’s schedule, follows the playhead and the selection', async ({
    page,
  }) => {
    const scene = presetScene('warmup-cosine')!;
    scene.overlays.lrPlot = true;
    await openApp(page, sceneFragment(scene));
    const plot = page.getByTestId('lr-plot');
    await expect(plot).toBeVisible();
    await expect(plot).toHaveAttribute('role', 'img');
    // Warm-up from 0.005 to the peak 0.05 over 10 steps, then cosine down to 0 at step 300.
    await expect
      .poll(() => plotState(plot))
      .toMatchObject({
        run: 'warmup-cosine',
        scale: 'linear',
        count: 301,
        first: 0.005,
        max: 0.05,
        step: 0,
        lr: 0.005,
      });
    expect(await pixelsOf(plot, '#d55e00')).toBeGreaterThan(100);

    // The playhead: η at step 3 is 4/10 of the peak; at the end the cosine reaches 0.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => plotState(plot)).toMatchObject({ step: 3, lr: 0.02 });
    await expect(plot).toHaveAccessibleName(/At step 3: η = 0\.02\./);
    await page.keyboard.press('End');
    await expect.poll(() => plotState(plot)).toMatchObject({ step: 300, lr: 0 });

    // Another run selected: its η (constant 0.05; it diverges within a few steps).
    const constant = page.getByTestId('run-list').getByRole('listitem').nth(0);
    await constant.getByTestId('run-status').click();
    await expect(constant).toHaveAttribute('aria-current', 'true');
    await expect
      .poll(() => plotState(plot))
      .toMatchObject({
        run: 'constant',
        first: 0.05,
        max: 0.05,
      });
    // It diverged at step 3: a short line at the left end.
    await expect.poll(() => pixelsOf(plot, '#0072b2')).toBeGreaterThan(0);
    expect(await pixelsOf(plot, '#d55e00')).toBe(0);

    // Switched off: gone.
    await page.getByTestId('overlay-lrPlot').uncheck();
    await expect(plot).toHaveCount(0);
  });
});
