/**
 * The lesson as one HTML file (`descent render LESSON -o lesson.html`): the built-in lesson is
 * written with writeLessonHtml (which builds the player page when it is stale) and opened from
 * disk, as a double-click would, with every request that is not the file itself refused and
 * failing the test. It presents the lesson: the first slide, PageDown to the next, and η's slider
 * changes the drawn trajectory — all offline, the solver running in the inlined worker.
 *
 * Present mode's test ids: `present` (data-slide 1-based, data-slides, data-stop,
 * data-blackout), `present-title`, `present-lr-slider` (a range input), `present-final`
 * (data-value: the selected run's final f).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { writeLessonHtml } from '../cli/src/render/html.ts';
import { calculusLesson } from '../shared/lesson/builtin.ts';
import { thumbnailDistance } from './helpers.ts';

const lesson = calculusLesson();
/** A function plot with one run and a trajectory of 30 steps (stops at steps 0, 1, 2, 30). */
const SURFACE_SLIDE = lesson.slides.findIndex((s) => s.id === 'bowl-2d') + 1;

let dir = '';
let file = '';

test.beforeAll(async () => {
  // The first run after a change to the renderer builds the player page (vite, tens of seconds).
  test.setTimeout(300_000);
  dir = mkdtempSync(join(tmpdir(), 'descent-lesson-html-e2e-'));
  const written = await writeLessonHtml(lesson, join(dir, 'lesson.html'));
  file = written.path;
  expect(written.bytes, 'the lesson page stays under 3 MB').toBeLessThan(3 * 1024 * 1024);
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the page asked for, besides the file itself: must stay empty. */
interface NetworkLog {
  /** Requests for anything but the file, a data: or a blob: URL. */
  foreign: string[];
  /** Content-Security-Policy reports (something was attempted and blocked) and page errors. */
  errors: string[];
}

/** Opens the lesson file with every other request refused, and waits for present mode. */
async function openLesson(page: Page, context: BrowserContext): Promise<NetworkLog> {
  const url = pathToFileURL(file).href;
  const log: NetworkLog = { foreign: [], errors: [] };
  const local = (u: string): boolean => u === url || u.startsWith('data:') || u.startsWith('blob:');
  // Anything that reaches the router (http, https, ws… from the page or its worker) is refused.
  await context.route('**/*', async (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    log.foreign.push(u);
    return route.abort('blockedbyclient');
  });
  page.on('request', (r) => {
    if (!local(r.url())) log.foreign.push(r.url());
  });
  page.on('websocket', (ws) => log.foreign.push(ws.url()));
  page.on('pageerror', (e) => log.errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|net::ERR/i.test(m.text())) {
      log.errors.push(m.text());
    }
  });
  await page.goto(url);
  await expect(page).toHaveTitle(lesson.title);
  await expect(page.getByTestId('present')).toBeVisible();
  return log;
}

/** Nothing was requested from anywhere but the file (and data:/blob: URLs), nothing blocked. */
function expectOffline(log: NetworkLog): void {
  expect(log.foreign, 'requests for anything but the file').toEqual([]);
  expect(log.errors, 'blocked loads and page errors').toEqual([]);
}

/** The view's WebGL canvas in present mode. */
function presentCanvas(page: Page): Locator {
  return page.getByTestId('present').locator('canvas').first();
}

/** A grey-level thumbnail of the present view's canvas (as helpers.ts canvasThumbnail). */
async function thumbnail(page: Page, size = 64): Promise<number[]> {
  return presentCanvas(page).evaluate((gl: HTMLCanvasElement, n: number) => {
    const small = document.createElement('canvas');
    small.width = n;
    small.height = n;
    const ctx = small.getContext('2d', { willReadFrequently: true });
    if (!ctx || gl.width === 0 || gl.height === 0) return [];
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(gl, 0, 0, n, n);
    const data = ctx.getImageData(0, 0, n, n).data;
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4) {
      out.push(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
    }
    return out;
  }, size);
}

/** The canvas once it has stopped changing (two reads a moment apart agree). */
async function settledThumbnail(page: Page): Promise<number[]> {
  let last: number[] = [];
  await expect(async () => {
    const a = await thumbnail(page);
    await page.waitForTimeout(250);
    const b = await thumbnail(page);
    expect(a.length, 'the canvas has a size').toBeGreaterThan(0);
    expect(thumbnailDistance(a, b), 'the picture is still').toBeLessThan(0.01);
    last = b;
  }).toPass({ timeout: 20_000 });
  return last;
}

test('opens from disk and loads nothing from anywhere else', async ({ page, context }) => {
  const log = await openLesson(page, context);
  // Give the worker and the fonts time to load (they are inline; nothing should go out).
  await page.waitForTimeout(2_000);
  expectOffline(log);
});

test('shows the first slide; PageDown goes on to the second', async ({ page, context }) => {
  const log = await openLesson(page, context);
  const present = page.getByTestId('present');
  await expect(present).toHaveAttribute('data-slide', '1');
  await expect(present).toHaveAttribute('data-slides', String(lesson.slides.length));
  await expect(present).toHaveAttribute('data-blackout', 'false');
  await expect(page.getByTestId('present-title')).toContainText(lesson.slides[0]!.title);
  // A slide with beats plays to its next beat first: press until the slide changes (bounded).
  for (let i = 0; i < 12 && (await present.getAttribute('data-slide')) === '1'; i++) {
    await page.keyboard.press('PageDown');
    await expect(present)
      .not.toHaveAttribute('data-slide', '1', { timeout: 2_000 })
      .catch(() => undefined);
  }
  await expect(present).toHaveAttribute('data-slide', '2');
  await expect(page.getByTestId('present-title')).toContainText(lesson.slides[1]!.title);
  expectOffline(log);
});

test('dragging η changes the drawn trajectory', async ({ page, context }) => {
  expect(SURFACE_SLIDE, 'the built-in lesson has the bowl-2d slide').toBeGreaterThan(0);
  const log = await openLesson(page, context);
  const present = page.getByTestId('present');
  await expect(present).toHaveAttribute('data-slide', '1');
  // Jump: the slide's number, then Enter.
  await page.keyboard.type(String(SURFACE_SLIDE));
  await page.keyboard.press('Enter');
  await expect(present).toHaveAttribute('data-slide', String(SURFACE_SLIDE));
  await expect(page.getByTestId('present-title')).toContainText(
    lesson.slides[SURFACE_SLIDE - 1]!.title,
  );
  // Play the first beat, so the trajectory has moved off its start point.
  const stop = await present.getAttribute('data-stop');
  await page.keyboard.press('PageDown');
  await expect(present).not.toHaveAttribute('data-stop', stop ?? '');
  await expect(present).toHaveAttribute('data-slide', String(SURFACE_SLIDE));

  const final = page.getByTestId('present-final');
  await expect(final).toHaveAttribute('data-value', /\d/);
  const before = await final.getAttribute('data-value');
  const picture = await settledThumbnail(page);

  const slider = page.getByTestId('present-lr-slider');
  const lr = await slider.inputValue();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).not.toHaveValue(lr);
  // Still on the same slide (the arrow moved the slider, not the presentation).
  await expect(present).toHaveAttribute('data-slide', String(SURFACE_SLIDE));
  await expect(final).not.toHaveAttribute('data-value', before ?? '');
  expect(Number(await final.getAttribute('data-value'))).not.toBeNaN();
  await expect(async () => {
    const after = await thumbnail(page);
    expect(thumbnailDistance(picture, after), 'the picture changed').toBeGreaterThan(0.05);
  }).toPass({ timeout: 15_000 });
  expectOffline(log);
});
