/**
 * File ▸ Export Lesson in the browser build: a two-slide lesson built in the slide sorter is
 * exported as a PowerPoint deck (one slide and one H.264 MP4 per beat, downloaded once complete),
 * as a .zip of clips and as one HTML page that presents it from disk with no network; Cancel
 * mid-way downloads nothing and gives the editor back.
 *
 * Needs ffprobe (apt: ffmpeg) for the codec check; that part says so when it skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { openPreset } from './helpers.ts';

const FFPROBE =
  spawnSync('/usr/bin/ffprobe', ['-version'], { stdio: 'ignore' }).status === 0
    ? '/usr/bin/ffprobe'
    : 'ffprobe';
const hasFfprobe = spawnSync(FFPROBE, ['-version'], { stdio: 'ignore' }).status === 0;

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'descent-lesson-export-e2e-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** gd-x2 (three beats), then derivative-x2 (one, a still) added through the Presets dialog. */
async function twoSlideLesson(page: Page): Promise<void> {
  await openPreset(page, 'gd-x2');
  await page.getByTestId('lesson-button').click();
  await page.getByTestId('lesson-new').click();
  const cards = page.getByTestId('slide-card');
  await expect(cards).toHaveCount(1);
  await page.getByTestId('slide-notes').fill('Point at the overshoot.');
  await page.getByTestId('slide-notes').blur();
  await page.getByTestId('presets-button').click();
  await page.getByTestId('preset-derivative-x2').click();
  await expect(page.getByTestId('presets-dialog')).toHaveCount(0);
  await page.getByTestId('slide-add').click();
  await expect(cards).toHaveCount(2);
}

async function openLessonExport(page: Page): Promise<void> {
  await page.getByTestId('lesson-export').click();
  await expect(page.getByTestId('lesson-export-dialog')).toBeVisible();
  await expect(page.getByTestId('lesson-export-summary')).toContainText('2 slides · 4 clips');
  await expect(page.getByTestId('lesson-export-start')).toBeEnabled();
}

test('a two-slide lesson becomes a PowerPoint deck with one slide and one MP4 per beat', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await twoSlideLesson(page);
  const titleBefore = await page.getByLabel('Scene title').inputValue();
  await openLessonExport(page);
  await page.getByTestId('lesson-export-size').selectOption('360p');
  const download: Promise<Download> = page.waitForEvent('download', { timeout: 240_000 });
  const started = Date.now();
  await page.getByTestId('lesson-export-start').click();
  await expect(page.getByTestId('lesson-export-status')).toContainText(/slide [12]\/2 · beat/);
  const file = join(dir, 'lesson.pptx');
  const got = await download;
  expect(got.suggestedFilename()).toMatch(/\.pptx$/);
  await got.saveAs(file);
  const seconds = (Date.now() - started) / 1000;
  console.log(`lesson-export.spec.ts: 4 clips at 640×360 exported in ${seconds.toFixed(1)} s`);
  await expect(page.getByTestId('lesson-export-status')).toContainText('Saved', {
    timeout: 30_000,
  });
  // The editor shows what it showed before.
  await expect(page.getByLabel('Scene title')).toHaveValue(titleBefore);

  const files = unzipSync(readFileSync(file));
  const names = Object.keys(files);
  expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(4);
  const media = names.filter((n) => /^ppt\/media\/.*\.mp4$/.test(n)).sort();
  expect(media).toHaveLength(4);
  const notes = names
    .filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n))
    .map((n) => strFromU8(files[n]!));
  expect(notes.filter((x) => x.includes('Point at the overshoot.'))).toHaveLength(3);
  expect(strFromU8(files['ppt/slides/slide1.xml']!)).toContain('(1/3)');

  test.skip(!hasFfprobe, 'ffprobe not found: the MP4 codec is not checked');
  const mp4 = join(dir, 'clip.mp4');
  writeFileSync(mp4, files[media[0]!]!);
  const r = spawnSync(
    FFPROBE,
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,pix_fmt,width,height',
      '-of',
      'json',
      mp4,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  const stream = (JSON.parse(r.stdout) as { streams: Record<string, string | number>[] })
    .streams[0]!;
  expect(stream).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p', width: 640, height: 360 });
});

test('a folder of clips is one .zip: the numbered MP4s and titles.txt', async ({ page }) => {
  test.setTimeout(240_000);
  await twoSlideLesson(page);
  await openLessonExport(page);
  await page.getByTestId('lesson-export-format').selectOption('clips');
  await page.getByTestId('lesson-export-size').selectOption('360p');
  await expect(page.getByTestId('lesson-export-summary')).toContainText('-clips.zip');
  const download: Promise<Download> = page.waitForEvent('download', { timeout: 180_000 });
  await page.getByTestId('lesson-export-start').click();
  const got = await download;
  expect(got.suggestedFilename()).toMatch(/-clips\.zip$/);
  const file = join(dir, 'clips.zip');
  await got.saveAs(file);
  const files = unzipSync(readFileSync(file));
  const names = Object.keys(files).sort();
  expect(names.filter((n) => /^\d{2}-.*\.mp4$/.test(n))).toHaveLength(4);
  expect(names[0]).toMatch(/^01-gradient-descent-on-x2-1\.mp4$/);
  expect(names).toContain('titles.txt');
  expect(strFromU8(files['titles.txt']!)).toContain('(3/3)');
});

test('the lesson as one HTML page presents it from disk, offline', async ({ page, browser }) => {
  await twoSlideLesson(page);
  await openLessonExport(page);
  await page.getByTestId('lesson-export-format').selectOption('html');
  // The page renders no clip: no size or frame rate to choose.
  await expect(page.getByTestId('lesson-export-size')).toHaveCount(0);
  await expect(page.getByTestId('lesson-export-summary')).toContainText('.html');
  const download: Promise<Download> = page.waitForEvent('download');
  await page.getByTestId('lesson-export-start').click();
  const got = await download;
  expect(got.suggestedFilename()).toMatch(/\.html$/);
  const file = join(dir, 'lesson.html');
  await got.saveAs(file);
  await expect(page.getByTestId('lesson-export-status')).toContainText('Saved');

  // Opened as a double-click would, with every other request refused and recorded.
  const context = await browser.newContext();
  const viewer = await context.newPage();
  const url = pathToFileURL(file).href;
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    foreign.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  viewer.on('pageerror', (e) => foreign.push(`page error: ${e.message}`));
  await viewer.goto(url);
  const present = viewer.getByTestId('present');
  await expect(present).toHaveAttribute('data-slides', '2');
  await expect(viewer.getByTestId('present-title')).toContainText('gradient descent', {
    ignoreCase: true,
  });
  await viewer.keyboard.press('End');
  await expect(present).toHaveAttribute('data-slide', '2');
  expect(foreign).toEqual([]);
  await context.close();
});

test('Cancel during a lesson export downloads nothing and gives the editor back', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await twoSlideLesson(page);
  const titleBefore = await page.getByLabel('Scene title').inputValue();
  let downloads = 0;
  page.on('download', () => downloads++);
  await openLessonExport(page);
  await page.getByTestId('lesson-export-start').click();
  await expect(page.getByTestId('lesson-export-status')).toContainText('slide 1/2 · beat 1/3');
  await expect
    .poll(async () =>
      Number(await page.getByTestId('lesson-export-progress').getAttribute('value')),
    )
    .toBeGreaterThan(0);
  await page.getByTestId('lesson-export-cancel').click();
  await expect(page.getByTestId('lesson-export-status')).toHaveText(
    'Export cancelled: nothing was saved.',
  );
  await page.waitForTimeout(1000);
  expect(downloads).toBe(0);
  await expect(page.getByLabel('Scene title')).toHaveValue(titleBefore);
  await expect(page.getByTestId('slide-card').nth(1)).toHaveAttribute('aria-current', 'true');
});
