/**
 * Export from the app (issue 5): the dialog's presets and memory, a PowerPoint MP4 downloaded
 * and checked with ffprobe, cancelling mid-way, an encoder this machine lacks, a transparent
 * PNG still, and the same frames as `descent render` from a script.
 *
 * Needs ffmpeg/ffprobe (apt: ffmpeg) for the file checks; those tests say so when they skip.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { CHROMIUM } from '../playwright.config.ts';
import { commitNumber, openPreset } from './helpers.ts';

const hasFfmpeg =
  spawnSync('ffprobe', ['-version'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
if (!hasFfmpeg) console.log('export.spec.ts: ffprobe/ffmpeg not found; file checks are skipped.');

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'descent-export-e2e-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openExport(page: Page): Promise<void> {
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await expect(page.getByTestId('export-format')).toBeVisible();
}

/** Sets a custom output size. */
async function customSize(page: Page, width: number, height: number): Promise<void> {
  await page.getByTestId('export-size').selectOption('custom');
  await commitNumber(page.getByTestId('export-width'), width);
  await commitNumber(page.getByTestId('export-height'), height);
}

/** Clicks Export and returns the file it downloads, saved under `name`. */
async function exportAndDownload(page: Page, name: string): Promise<string> {
  const download: Promise<Download> = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-start').click();
  const file = join(dir, name);
  await (await download).saveAs(file);
  await expect(page.getByTestId('export-status')).toContainText('Saved', { timeout: 30_000 });
  return file;
}

function probe(file: string): Record<string, string | number> {
  const r = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,profile,pix_fmt,width,height,nb_read_frames,color_range',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { streams: Record<string, string | number>[] }).streams[0]!;
}

function topLevelBoxes(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let at = 0; at + 8 <= bytes.length;) {
    out.push(bytes.toString('latin1', at + 4, at + 8));
    const size = bytes.readUInt32BE(at);
    at += size === 1 ? Number(bytes.readBigUInt64BE(at + 8)) : size || bytes.length;
  }
  return out;
}

test('presets fill the settings; the encoder and level follow the size', async ({ page }) => {
  await openPreset(page, 'lr-compare');
  await openExport(page);
  await page.getByTestId('export-preset-web-gif').click();
  await expect(page.getByTestId('export-format')).toHaveValue('gif');
  await expect(page.getByTestId('export-size')).toHaveValue('360p');
  await expect(page.getByTestId('export-fps')).toHaveValue('20');
  await expect(page.getByTestId('export-transparent')).toBeDisabled();

  await page.getByTestId('export-preset-transparent-webm').click();
  await expect(page.getByTestId('export-format')).toHaveValue('webm');
  await expect(page.getByTestId('export-transparent')).toBeChecked();

  await page.getByTestId('export-preset-powerpoint-1080p').click();
  await expect(page.getByTestId('export-format')).toHaveValue('mp4');
  await expect(page.getByTestId('export-transparent')).not.toBeChecked();
  // lr-compare: 6 steps at 1 step/s plus the 1 s hold, at 30 fps.
  await expect(page.getByTestId('export-summary')).toContainText(
    '1920×1080 · 211 frames at 30 fps',
  );
  await expect(page.getByTestId('export-codec')).toContainText(
    'H.264 High, level 4.0 (avc1.640028)',
  );

  await page.getByTestId('export-preset-4k-master').click();
  await expect(page.getByTestId('export-codec')).toContainText('level 5.1 (avc1.640033)');
  // Four markers on the timeline: one clip per slide.
  await page.getByTestId('export-clips').check();
  await expect(page.getByTestId('export-start')).toHaveText('Export 4 files');
});

test('PowerPoint 1080p: the MP4 download has every frame, H.264 yuv420p, moov first; the dialog remembers', async ({
  page,
}) => {
  test.skip(!hasFfmpeg, 'ffprobe is not installed');
  test.setTimeout(180_000);
  await openPreset(page, 'lr-compare');
  await openExport(page);
  await page.getByTestId('export-preset-powerpoint-1080p').click();
  const file = await exportAndDownload(page, 'powerpoint.mp4');
  expect(probe(file)).toMatchObject({
    codec_name: 'h264',
    profile: 'High',
    pix_fmt: 'yuv420p',
    color_range: 'tv',
    width: 1920,
    height: 1080,
    nb_read_frames: '211',
  });
  const boxes = topLevelBoxes(readFileSync(file));
  expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

  // Closed and opened again (even after a reload), the dialog shows the last choices.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();
  await page.reload();
  await openExport(page);
  await expect(page.getByTestId('export-preset-powerpoint-1080p')).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByTestId('export-size')).toHaveValue('1080p');
});

test('the app and `descent render` give the same frames', async ({ page }) => {
  test.setTimeout(120_000);
  await openPreset(page, 'lr-compare');
  await openExport(page);
  await page.getByTestId('export-format').selectOption('zip');
  await customSize(page, 320, 180);
  await page.getByTestId('export-fps').selectOption('25');
  await page.getByTestId('export-range').selectOption('steps');
  await commitNumber(page.getByTestId('export-from'), 0);
  await commitNumber(page.getByTestId('export-to'), 2);
  await commitNumber(page.getByTestId('export-hold'), 0);
  const fromApp = await exportAndDownload(page, 'app.zip');

  const fromCli = join(dir, 'cli.zip');
  const args = ['--preset', 'lr-compare', '-o', fromCli, '--size', '320x180', '--fps', '25'];
  const r = spawnSync(
    process.execPath,
    ['cli/bin/descent.mjs', 'render', ...args, '--steps', '0:2', '--browser', CHROMIUM],
    { encoding: 'utf8', timeout: 100_000 },
  );
  expect(r.status, r.stderr).toBe(0);

  const hashes = (file: string): Record<string, string> => {
    const entries = unzipSync(readFileSync(file));
    return Object.fromEntries(
      Object.entries(entries).map(([name, bytes]) => [
        name,
        createHash('sha256').update(bytes).digest('hex'),
      ]),
    );
  };
  const app = hashes(fromApp);
  // 2 steps at 1 step/s and 25 fps: frames 0…50.
  expect(Object.keys(app)).toHaveLength(51);
  expect(hashes(fromCli)).toEqual(app);
});

test('Cancel mid-way: nothing is downloaded and the dialog says so', async ({ page }) => {
  await openPreset(page, 'lr-compare');
  await openExport(page);
  await page.getByTestId('export-preset-powerpoint-720p').click();
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-status')).toContainText(/Frame [1-9]\d* of 211/, {
    timeout: 30_000,
  });
  // The page stays responsive while it renders: the Cancel button answers.
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('export-status')).toHaveText(
    'Export cancelled: nothing was saved.',
  );
  await page.waitForTimeout(1000);
  expect(downloads).toBe(0);
  // The view is drawn again and the playhead is back where it was.
  await expect(page.locator('.step-counter')).toHaveText('step 0 / 6');
});

test('an encoder this machine lacks is explained, with alternatives that work', async ({
  page,
}) => {
  // This machine has H.264; pretend it does not.
  await page.addInitScript(() => {
    const original = VideoEncoder.isConfigSupported.bind(VideoEncoder);
    VideoEncoder.isConfigSupported = (config: VideoEncoderConfig) =>
      config.codec.startsWith('avc1')
        ? Promise.resolve({ supported: false, config })
        : original(config);
  });
  await openPreset(page, 'lr-compare');
  await openExport(page);
  await page.getByTestId('export-preset-powerpoint-1080p').click();
  const problem = page.getByTestId('export-unsupported');
  await expect(problem).toContainText('This machine cannot encode H.264 at 1920×1080 at 30 fps');
  await expect(problem).toContainText('isConfigSupported refused avc1.640028');
  await expect(page.getByTestId('export-start')).toBeDisabled();
  await expect(page.getByTestId('export-alternative-0')).toHaveText('WebM (VP9) at 1920×1080');
  await page.getByTestId('export-alternative-0').click();
  await expect(page.getByTestId('export-format')).toHaveValue('webm');
  await expect(problem).toBeHidden();
  await expect(page.getByTestId('export-start')).toBeEnabled();
});

test('a transparent PNG still of the current step', async ({ page }) => {
  test.skip(!hasFfmpeg, 'ffmpeg is not installed');
  await openPreset(page, 'bowl-2d');
  await openExport(page);
  await page.getByTestId('export-preset-png-still').click();
  await customSize(page, 320, 180);
  await page.getByTestId('export-scale').selectOption('2');
  await page.getByTestId('export-transparent').check();
  await expect(page.getByTestId('export-summary')).toContainText('PNG still · 640×360');
  const file = await exportAndDownload(page, 'still.png');
  const raw = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  ).stdout;
  expect(raw.length).toBe(640 * 360 * 4);
  expect(raw[3]).toBe(0); // corner: transparent background
  expect(raw[(180 * 640 + 320) * 4 + 3]).toBe(255); // the surface
});
