/**
 * Adaptive quality while interacting (issue 11): when frames are slow during a drag of η, an
 * orbit of the camera or a wheel zoom, the view first draws its static layer (surface, contours,
 * floor) from a cache (`data-static-cache`), then at a lower resolution (the view's `data-dpr`,
 * and the canvas's pixel size), step by step, then with a thinner surface mesh
 * (`data-mesh-stride`) and lighter moving objects (`data-objects`), then at the lowest
 * resolution, and at full quality again once the mouse is released or the wheel rests. The
 * next drag starts where the last one ended, from the static layer it kept. With the setting
 * "Always full" it never lowers. Exports are the same bytes whichever the setting.
 *
 * Slow frames are made on purpose: a loop in the page busy-waits in every animation frame, as
 * a slow renderer would hold the browser up. (This machine's software renderer is often slow
 * enough by itself; the busy-wait makes the test independent of that.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';
import { openPreset } from './helpers.ts';

/** What the spec reads of the page's globals. */
interface Globals {
  /** data-dpr values the view has shown, in order (recorded by a MutationObserver). */
  __dprs?: string[];
  /** data-static-cache values with the data-dpr of the moment, in order ('on@1', …). */
  __caches?: string[];
  /**
   * The canvas's picture as the first frame drawn from the cache left it (taken when the view
   * says so, in the same task as that frame, before any later frame can change the resolution).
   */
  __firstCached?: string;
  __stopSlowFrames?: () => void;
  /** The app's performance tracker (see view/hud/PerfHud.tsx): frames drawn for slider input. */
  __descentPerf?: { latency: { size: number; clear(): void } };
}

/** Makes every animation frame take at least `ms`, until `__stopSlowFrames()`. */
async function slowFrames(page: Page, ms: number): Promise<void> {
  await page.evaluate((ms) => {
    const g = window as unknown as Globals;
    let on = true;
    const tick = (): void => {
      if (!on) return;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // Busy: the frame cannot finish sooner.
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    g.__stopSlowFrames = () => {
      on = false;
    };
  }, ms);
}

/** Starts recording every data-dpr and data-static-cache the view shows. */
async function recordDpr(page: Page): Promise<void> {
  await page.getByTestId('canvas').evaluate((view) => {
    const g = window as unknown as Globals;
    g.__dprs = [view.getAttribute('data-dpr') ?? ''];
    new MutationObserver(() => g.__dprs!.push(view.getAttribute('data-dpr') ?? '')).observe(view, {
      attributes: true,
      attributeFilter: ['data-dpr'],
    });
    g.__caches = [];
    new MutationObserver(() => {
      const cache = view.getAttribute('data-static-cache');
      g.__caches!.push(`${cache}@${view.getAttribute('data-dpr') ?? ''}`);
      if (cache === 'on' && g.__firstCached === undefined) {
        g.__firstCached = view.querySelector('canvas')!.toDataURL('image/png');
      }
    }).observe(view, { attributes: true, attributeFilter: ['data-static-cache'] });
  });
}

const caches = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as Globals).__caches ?? []);

const staticCache = (page: Page): Promise<string | null> =>
  page.getByTestId('canvas').getAttribute('data-static-cache');

/** How many times the view has drawn its static layer into the cache. */
const staticBuilds = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('canvas').getAttribute('data-static-builds'));

/** The canvas's last drawn frame as a PNG data URL (its drawing buffer is kept). */
const picture = (page: Page): Promise<string> =>
  page
    .getByTestId('canvas')
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'));

/**
 * Compares two pictures of the view in the page, drawn at the first's size: the share of pixels
 * whose colour differs by more than `tolerance` in some channel, and the share of the first's
 * pixels that are not the background (its top-left pixel).
 */
async function comparePictures(
  page: Page,
  a: string,
  b: string,
  tolerance: number,
): Promise<{ differing: number; drawn: number }> {
  return page.evaluate(
    async ({ a, b, tolerance }) => {
      const load = async (url: string): Promise<HTMLImageElement> => {
        const image = new Image();
        image.src = url;
        await image.decode();
        return image;
      };
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      const read = (image: HTMLImageElement): Uint8ClampedArray => {
        const canvas = document.createElement('canvas');
        canvas.width = ia.width;
        canvas.height = ia.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(image, 0, 0, ia.width, ia.height);
        return ctx.getImageData(0, 0, ia.width, ia.height).data;
      };
      const pa = read(ia);
      const pb = read(ib);
      let differing = 0;
      let drawn = 0;
      const n = ia.width * ia.height;
      for (let i = 0; i < n * 4; i += 4) {
        let diff = 0;
        let fromBackground = 0;
        for (let c = 0; c < 3; c++) {
          diff = Math.max(diff, Math.abs(pa[i + c]! - pb[i + c]!));
          fromBackground = Math.max(fromBackground, Math.abs(pa[i + c]! - pa[c]!));
        }
        if (diff > tolerance) differing++;
        if (fromBackground > tolerance) drawn++;
      }
      return { differing: differing / n, drawn: drawn / n };
    },
    { a, b, tolerance },
  );
}

const dprs = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as Globals).__dprs ?? []);

const dpr = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('canvas').getAttribute('data-dpr'));

const meshStride = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('canvas').getAttribute('data-mesh-stride'));

/** The moving objects' form: 'full', or 'light' at the coarsest levels. */
const objects = (page: Page): Promise<string | null> =>
  page.getByTestId('canvas').getAttribute('data-objects');

/** The canvas's drawing-buffer width over its CSS width: the ratio it is really drawn at. */
const drawnRatio = (page: Page): Promise<number> =>
  page
    .getByTestId('canvas')
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => c.width / c.getBoundingClientRect().width);

/** Frames drawn for slider input since the last clear. */
const inputFrames = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as Globals).__descentPerf?.latency.size ?? 0);

/**
 * Presses the mouse on the η slider and returns a function that moves it a little (back and
 * forth across the slider's middle, within `span` of its width), so each call is new input for
 * the view to draw.
 */
async function holdSlider(page: Page, span = 0.3): Promise<() => Promise<void>> {
  const box = await page.getByTestId('lr-slider').boundingBox();
  if (!box) throw new Error('no η slider');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  let k = 0;
  return async () => {
    k++;
    await page.mouse.move(box.x + box.width * (0.5 - span / 2 + (span * ((k * 7) % 11)) / 10), y);
  };
}

/** How long a drag may take to get the view where a test wants it. */
const DRAG_TIMEOUT = 45_000;

/** A probe for `expect.poll`: moves the held slider a little, then reads `read` of the page. */
function moveThenRead<T>(
  page: Page,
  move: () => Promise<void>,
  read: (page: Page) => Promise<T>,
): () => Promise<T> {
  return async () => {
    await move();
    return read(page);
  };
}

/** Makes every frame slow (60 ms) and holds the η slider: returns {@link moveThenRead}'s probe. */
async function slowDrag<T>(
  page: Page,
  read: (page: Page) => Promise<T>,
): Promise<() => Promise<T>> {
  await slowFrames(page, 60);
  return moveThenRead(page, await holdSlider(page), read);
}

test.beforeEach(async ({ page }) => {
  await openPreset(page, 'bowl-2d');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-dpr', '1');
  await recordDpr(page);
});

test('slow frames during a drag lower the resolution step by step; release restores it', async ({
  page,
}) => {
  await expect(page.getByTestId('quality-setting')).toHaveValue('auto');
  const full = await drawnRatio(page);
  expect(full).toBeCloseTo(1, 2);
  // Keeps dragging until the view has stepped down to the coarsest level.
  await expect.poll(await slowDrag(page, dpr), { timeout: DRAG_TIMEOUT }).toBe(0.5);
  // The canvas really draws fewer pixels, and it got there through 0.75.
  expect(await drawnRatio(page)).toBeCloseTo(0.5, 1);
  expect(await dprs(page)).toEqual(['1', '0.75', '0.5']);
  expect(await meshStride(page)).toBe(1);
  expect(await objects(page)).toBe('full');
  // Still too slow at 0.5: the surface mesh is thinned next, and the moving objects (balls,
  // opaque lines) are drawn in their light forms.
  await expect.poll(await slowDrag(page, meshStride), { timeout: DRAG_TIMEOUT }).toBe(2);
  expect(await objects(page)).toBe('light');
  expect(await dpr(page)).toBe(0.5);
  // And still too slow: the last step, 0.35.
  await expect.poll(await slowDrag(page, dpr), { timeout: DRAG_TIMEOUT }).toBe(0.35);
  expect(await drawnRatio(page)).toBeCloseTo(0.35, 1);

  await page.mouse.up();
  await expect.poll(() => dpr(page)).toBe(1);
  expect(await meshStride(page)).toBe(1);
  expect(await objects(page)).toBe('full');
  expect(await drawnRatio(page)).toBeCloseTo(full, 2);
  expect(await dprs(page)).toEqual(['1', '0.75', '0.5', '0.35', '1']);
});

test('the next drag starts at the level the last one reached', async ({ page }) => {
  await expect.poll(await slowDrag(page, dpr), { timeout: DRAG_TIMEOUT }).toBe(0.5);
  await page.mouse.up();
  await expect.poll(() => dpr(page)).toBe(1);
  const builds = await staticBuilds(page);
  expect(builds).toBeGreaterThan(0);
  // The frames are as slow as before: the second drag's first frame is drawn at 0.5 straight
  // away, without stepping through 0.75 again.
  await expect
    .poll(moveThenRead(page, await holdSlider(page), dpr), { timeout: DRAG_TIMEOUT })
    .toBe(0.5);
  expect(await dprs(page)).toEqual(['1', '0.75', '0.5', '1', '0.5']);
  // Nothing static changed between the drags: the second one draws from the layer kept since
  // the first, without drawing it again.
  expect(await staticCache(page)).toBe('on');
  expect(await staticBuilds(page)).toBe(builds);
  await page.mouse.up();
  await expect.poll(() => dpr(page)).toBe(1);
  expect(await drawnRatio(page)).toBeCloseTo(1, 2);
});

test('a slow drag first draws the static layer from its cache, at full resolution', async ({
  page,
}) => {
  expect(await staticCache(page)).toBe('off');
  await slowFrames(page, 60);
  // Small moves: η changes a little, so the path the cached frame shows is close to the
  // release's.
  await expect
    .poll(moveThenRead(page, await holdSlider(page, 0.04), staticCache), {
      timeout: DRAG_TIMEOUT,
    })
    .toBe('on');
  // The first step changed no resolution.
  expect((await caches(page))[0]).toBe('on@1');
  const cached = await page.evaluate(() => (window as unknown as Globals).__firstCached ?? '');
  expect(cached).toMatch(/^data:image\/png/);
  await page.evaluate(() => (window as unknown as Globals).__stopSlowFrames?.());
  await page.mouse.up();
  await expect.poll(() => staticCache(page)).toBe('off');
  await expect.poll(() => dpr(page)).toBe(1);
  const released = await picture(page);
  // The first frame drawn from the cache is the picture the release draws in full (the same
  // surface, contours and floor, in the same colours and places; only the path may have moved
  // a little with η), not a blank or shifted one.
  const same = await comparePictures(page, cached, released, 40);
  // (Measured: 12 % of the view drawn, under 0.1 % of it differing; with the layer cached in
  // linear colour instead of the screen's, 10.6 % differs.)
  expect(same.drawn).toBeGreaterThan(0.08);
  expect(same.differing).toBeLessThan(0.01);
});

test('a wheel zoom over the view lowers it too, and full quality returns when it rests', async ({
  page,
}) => {
  await slowFrames(page, 60);
  // A zoom gesture as a wheel or trackpad sends it: a wheel event every 30 ms, in and out so
  // the camera stays where it was on average. (Sent in the page: each of Playwright's own
  // wheel calls waits for the slow frames, leaving gaps a real gesture does not have.)
  await page
    .getByTestId('canvas')
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const box = canvas.getBoundingClientRect();
      let k = 0;
      const timer = setInterval(() => {
        canvas.dispatchEvent(
          new WheelEvent('wheel', {
            deltaY: k++ % 2 ? 40 : -40,
            clientX: box.x + box.width / 2,
            clientY: box.y + box.height / 2,
            bubbles: true,
            cancelable: true,
          }),
        );
      }, 30);
      (window as unknown as { __stopWheel: () => void }).__stopWheel = () => clearInterval(timer);
    });
  await expect.poll(() => dpr(page), { timeout: DRAG_TIMEOUT }).toBeLessThan(1);
  expect(await drawnRatio(page)).toBeLessThan(0.9);
  // No release for a wheel: it rests once no wheel event (and no frame) has come for a moment.
  await page.evaluate(() => (window as unknown as { __stopWheel: () => void }).__stopWheel());
  await expect.poll(() => dpr(page)).toBe(1);
  expect(await drawnRatio(page)).toBeCloseTo(1, 2);
});

test('an orbit drag on the view lowers it too, and the release restores it', async ({ page }) => {
  const box = (await page.getByTestId('canvas').locator('canvas').first().boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await slowFrames(page, 60);
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  let k = 0;
  await expect
    .poll(
      async () => {
        k++;
        // Round and round the middle: each move turns the camera, a new frame to draw.
        await page.mouse.move(cx + 40 * Math.cos(k), cy + 20 * Math.sin(k));
        return dpr(page);
      },
      { timeout: DRAG_TIMEOUT },
    )
    .toBeLessThan(1);
  expect(await drawnRatio(page)).toBeLessThan(0.9);
  await page.mouse.up();
  await expect.poll(() => dpr(page)).toBe(1);
  expect(await drawnRatio(page)).toBeCloseTo(1, 2);
});

test('"Always full" never lowers the resolution, however slow the frames', async ({ page }) => {
  await page.getByTestId('quality-setting').selectOption('full');
  await page.evaluate(() => (window as unknown as Globals).__descentPerf?.latency.clear());
  // As many slow frames drawn for the drag as lower "auto" twice over (three windows of four).
  await expect
    .poll(await slowDrag(page, inputFrames), { timeout: DRAG_TIMEOUT })
    .toBeGreaterThanOrEqual(12);
  expect(await dprs(page)).toEqual(['1']);
  expect(await caches(page)).not.toContain('on@1');
  expect(await drawnRatio(page)).toBeCloseTo(1, 2);
  await page.mouse.up();
  expect(await dprs(page)).toEqual(['1']);
  // The choice is remembered with the window's preferences.
  await page.reload();
  await expect(page.getByTestId('quality-setting')).toHaveValue('full');
});

test.describe('exports', () => {
  let dir = '';
  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'descent-quality-e2e-'));
  });
  test.afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Exports a small PNG still of the current step and returns its bytes. */
  async function exportPng(page: Page, name: string): Promise<Buffer> {
    await page.getByTestId('export-button').click();
    await expect(page.getByTestId('export-dialog')).toBeVisible();
    await page.getByTestId('export-preset-png-still').click();
    await page.getByTestId('export-size').selectOption('custom');
    for (const [id, value] of [
      ['export-width', 320],
      ['export-height', 180],
    ] as const) {
      await page.getByTestId(id).fill(String(value));
      await page.getByTestId(id).press('Enter');
    }
    await expect(page.getByTestId('export-summary')).toContainText('PNG still');
    const download: Promise<Download> = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('export-start').click();
    const file = join(dir, name);
    await (await download).saveAs(file);
    await expect(page.getByTestId('export-status')).toContainText('Saved', { timeout: 30_000 });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('export-dialog')).toBeHidden();
    return readFileSync(file);
  }

  test('a PNG still is the same bytes after an adaptive drag as with "Always full"', async ({
    page,
  }) => {
    // A drag that lowered the resolution, then released.
    await expect.poll(await slowDrag(page, dpr), { timeout: DRAG_TIMEOUT }).toBeLessThan(1);
    await page.mouse.up();
    await expect.poll(() => dpr(page)).toBe(1);
    await page.evaluate(() => (window as unknown as Globals).__stopSlowFrames?.());
    const adaptive = await exportPng(page, 'auto.png');

    await page.getByTestId('quality-setting').selectOption('full');
    const full = await exportPng(page, 'full.png');
    expect(adaptive.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(adaptive.length).toBeGreaterThan(1000);
    expect(adaptive.equals(full)).toBe(true);
  });
});
