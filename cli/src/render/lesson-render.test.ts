/**
 * The real `descent render` of a lesson (bin → bundle → one headless Chromium → the app's
 * export pipeline per beat → a .pptx or a folder of clips), kept small: a two-slide lesson of
 * gd-x2 (markers 0, 1, 2, 3: three beats) and derivative-x2 (a still), 320×180 at 24 fps.
 * Needs Chromium and ffprobe (apt: chromium, ffmpeg) and says so when it skips; converting the
 * deck to PDF needs LibreOffice (soffice) and is skipped without it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSON_VERSION, serializeLesson } from '../../../shared/lesson/document.ts';
import { presetScene } from '../../../shared/scene/presets.ts';
import { browserCandidates } from './browser.ts';

const bin = fileURLToPath(new URL('../../bin/descent.mjs', import.meta.url));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function descent(args: string[], timeout = 120_000): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const has = (cmd: string, flag = '-version'): boolean =>
  spawnSync(cmd, [flag], { stdio: 'ignore' }).status === 0;
const chromiumPath = browserCandidates(process.platform, process.env).find((p) => existsSync(p));
const missing = [!chromiumPath && 'Chromium/Chrome', !has('ffprobe') && 'ffprobe'].filter(Boolean);
if (missing.length > 0) {
  console.log(
    `lesson-render.test.ts: skipping the lesson renders: ${missing.join(', ')} not found.`,
  );
}
const hasSoffice = has('soffice', '--version');
if (!hasSoffice) {
  console.log(
    'lesson-render.test.ts: skipping the PDF conversion: LibreOffice (soffice) not found.',
  );
}

/** Codec and pixel format of a video's first stream, as ffprobe reads them. */
function probe(file: string): string {
  const r = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,pix_fmt',
      '-of',
      'csv=p=0',
      file,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

/** Files in `dir` that look like our temporary files (`.<name>.<12 hex>.tmp|part`). */
const temporaries = (dir: string): string[] =>
  readdirSync(dir).filter((f) => /^\..+\.[0-9a-f]{12}\.(tmp|part)$/.test(f));

const SMALL = ['--size', '320x180', '--fps', '24', '--speed', '3'];

describe.skipIf(missing.length > 0)('descent render of a lesson (headless Chromium)', () => {
  let dir = '';
  let lessonFile = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'descent-lesson-'));
    lessonFile = join(dir, 'two.descent-lesson.json');
    writeFileSync(
      lessonFile,
      serializeLesson({
        version: LESSON_VERSION,
        title: 'Two slides',
        slides: [
          {
            id: 'gd',
            title: 'Gradient descent',
            notes: 'Each step moves against the slope.',
            scene: presetScene('gd-x2')!,
          },
          {
            id: 'slope',
            title: 'Slope of x²',
            notes: 'Point at the tangent.',
            scene: presetScene('derivative-x2')!,
          },
        ],
      }),
    );
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes a deck: one slide and one H.264 clip per beat, with covers and notes', async () => {
    const deck = join(dir, 'lesson.pptx');
    const r = await descent(['render', lessonFile, '-o', deck, ...SMALL]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^descent render: wrote \S+lesson\.pptx \(4 slides\) from 2 lesson slides/,
    );
    const files = unzipSync(readFileSync(deck));
    const names = Object.keys(files);
    expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(4);
    const videos = names.filter((n) => /^ppt\/media\/.+\.mp4$/.test(n)).sort();
    expect(videos).toHaveLength(4);
    for (const [i, name] of videos.entries()) {
      const file = join(dir, `clip-${i}.mp4`);
      writeFileSync(file, files[name]!);
      expect(probe(file)).toBe('h264,yuv420p');
    }
    const covers = names.filter((n) => /^ppt\/media\/.+\.png$/.test(n));
    expect(covers).toHaveLength(4);
    const text = (n: string): string => new TextDecoder().decode(files[n]);
    expect(text('ppt/slides/slide2.xml')).toContain('Gradient descent (2/3)');
    expect(text('ppt/slides/slide4.xml')).toContain('Slope of x²');
    for (const n of [1, 2, 3]) {
      expect(text(`ppt/notesSlides/notesSlide${n}.xml`)).toContain('against the slope');
    }
    expect(text('ppt/notesSlides/notesSlide4.xml')).toContain('Point at the tangent.');
    expect(temporaries(dir)).toEqual([]);

    if (hasSoffice) {
      const pdf = spawnSync(
        'soffice',
        ['--headless', '--convert-to', 'pdf', '--outdir', dir, deck],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(pdf.status, pdf.stderr).toBe(0);
      expect(readFileSync(join(dir, 'lesson.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    }
  }, 120_000);

  it('writes a folder of numbered clips and titles.txt', async () => {
    const folder = join(dir, 'clips');
    const r = await descent(['render', lessonFile, '-o', `${folder}/`, ...SMALL, '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([
      '01-gradient-descent-1.mp4',
      '02-gradient-descent-2.mp4',
      '03-gradient-descent-3.mp4',
      '04-slope-of-x2.mp4',
      'titles.txt',
    ]);
    expect(probe(join(folder, '04-slope-of-x2.mp4'))).toBe('h264,yuv420p');
    const titles = readFileSync(join(folder, 'titles.txt'), 'utf8');
    expect(titles).toContain('03  Gradient descent (3/3)\n');
    expect(titles).toContain('    Point at the tangent.\n');
  }, 120_000);

  it('a failing render leaves an existing deck byte for byte and no temporary file', async () => {
    const sub = mkdtempSync(join(dir, 'fail-'));
    const deck = join(sub, 'lesson.pptx');
    writeFileSync(deck, 'the previous deck');
    const r = await descent([
      'render',
      lessonFile,
      '-o',
      deck,
      ...SMALL,
      '--browser',
      '/bin/false',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^descent: The browser at \/bin\/false did not start/);
    expect(readdirSync(sub)).toEqual(['lesson.pptx']);
    expect(readFileSync(deck, 'utf8')).toBe('the previous deck');
    // A folder of clips it had to make is removed again.
    const r2 = await descent([
      'render',
      lessonFile,
      '-o',
      join(sub, 'new') + '/',
      '--browser',
      '/bin/false',
    ]);
    expect(r2.code).toBe(2);
    expect(readdirSync(sub)).toEqual(['lesson.pptx']);
  }, 120_000);
});
