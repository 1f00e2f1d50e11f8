/**
 * `descent render LOSS.h5 -o out.png`: a loss-landscape file as the input, read asynchronously
 * before the usual argument checks, `--surface` choosing a surface, every bad file refused in
 * one line; then the real command: a refusal (exit 2, nothing written) and one small PNG render
 * (needs Chromium and ffmpeg, skipped with a note without them).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANDSCAPE_EXTENSIONS } from '../../../shared/landscape/index.ts';
import { UsageError } from '../args.ts';
import { parseRenderCommand, readRenderCommand } from './args.ts';
import type { RenderOptions } from './args.ts';
import { browserCandidates } from './browser.ts';
import { LANDSCAPE_FILE_EXTENSIONS } from './landscape.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const fixtures = join(root, 'shared', 'landscape', 'fixtures');
const fixture = (name: string): string => join(fixtures, name);
const bin = join(root, 'cli', 'bin', 'descent.mjs');

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'descent-landscape-'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function sceneOf(args: string[]): Promise<RenderOptions> {
  const c = await readRenderCommand(args, scratch);
  if (c === 'help' || c.mode !== 'scene') throw new Error('not a scene render');
  return c.options;
}

async function usageMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('descent render with a landscape file', () => {
  it('reads an HDF5 surface file as a grid scene, with its notes', async () => {
    const o = await sceneOf([fixture('surface_2d.h5'), '-o', 'x.png', '--size', '320x180']);
    expect(o.scene.problem.kind).toBe('grid');
    expect(o.source).toBe('surface_2d.h5');
    expect(o.scene.title).toBe('Loss landscape: surface_2d.h5');
    expect(o.scene.caption).toMatch(/^train_loss from surface_2d\.h5/);
    expect(o.scene.runs).toHaveLength(1);
    expect(o.settings).toMatchObject({ kind: 'png', width: 320, height: 180 });
    expect(o.output).toBe(join(scratch, 'x.png'));
    expect(o.notes).toEqual(['The file also holds test_acc, test_loss, train_acc.']);
  });

  it('draws another surface with --surface, saying what it left out', async () => {
    const o = await sceneOf([fixture('surface_2d.h5'), '--surface', 'test_loss', '-o', 'x.gif']);
    expect(o.scene.caption).toMatch(/^test_loss from surface_2d\.h5/);
    expect(o.notes[0]).toMatch(/^2 of the 99 points of test_loss are not finite/);
    expect(o.notes[1]).toBe('The file also holds test_acc, train_acc, train_loss.');
    expect(o.settings.kind).toBe('gif');
  });

  it('reads .npy and .csv grids, and renders a landscape to a deck or a page like any scene', async () => {
    const npy = await sceneOf([fixture('grid_f8.npy'), '-o', 'x.mp4']);
    expect(npy.scene.problem.kind).toBe('grid');
    expect(npy.notes).toEqual([]);
    const csv = join(scratch, 'bowl.csv');
    writeFileSync(csv, '2,1,2\n1,0,1\n2,1,2\n');
    expect((await sceneOf(['bowl.csv', '-o', 'x.mp4'])).scene.problem.kind).toBe('grid');

    const page = await readRenderCommand([fixture('surface_2d.h5'), '-o', 'x.html'], scratch);
    if (page === 'help' || page.mode !== 'html') throw new Error('not an HTML render');
    expect(page.options.lesson.slides[0]!.scene.problem.kind).toBe('grid');
    expect(page.options.notes).toEqual(['The file also holds test_acc, test_loss, train_acc.']);
    const deck = await readRenderCommand([fixture('surface_2d.h5'), '-o', 'x.pptx'], scratch);
    if (deck === 'help' || deck.mode !== 'lesson') throw new Error('not a lesson render');
    expect(deck.options.notes[0]).toMatch(/also holds/);
  });

  it.each([
    [
      'broken_shape.h5',
      [],
      /broken_shape\.h5: 'train_loss' has shape \(10, 9\), expected \(11, 9\)/,
    ],
    ['broken_no_x.h5', [], /^broken_no_x\.h5: no dataset 'xcoordinates'/],
    ['surface_1d.h5', [], /^surface_1d\.h5 is a 1D plot .*only 2D landscapes/],
    ['curve.npy', [], /^curve\.npy is a 1D plot/],
    ['trajectory.h5', [], /no dataset 'xcoordinates'.*trajectory/],
    ['surface_2d.h5', ['--surface', 'nope'], /has no values named 'nope'; available: 'test_acc'/],
    ['grid_f8.npy', ['--surface', 'test_loss'], /has no values named 'test_loss'/],
  ])('refuses %s %j in one line naming the problem', async (name, extra, message) => {
    const text = await usageMessage(
      readRenderCommand([fixture(name), ...extra, '-o', 'x.png'], scratch),
    );
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('refuses a missing file, a folder and a file that is not what its name says', async () => {
    expect(await usageMessage(readRenderCommand(['gone.h5', '-o', 'x.png'], scratch))).toBe(
      'No such landscape file: gone.h5',
    );
    mkdirSync(join(scratch, 'folder.h5'));
    expect(await usageMessage(readRenderCommand(['folder.h5', '-o', 'x.png'], scratch))).toBe(
      'folder.h5 is a folder, not a landscape file.',
    );
    writeFileSync(join(scratch, 'fake.h5'), 'not hdf5 at all');
    expect(await usageMessage(readRenderCommand(['fake.h5', '-o', 'x.png'], scratch))).toMatch(
      /^fake\.h5 is not an HDF5 file/,
    );
  });

  it('refuses --surface for anything but a landscape file', async () => {
    const scene = join(root, 'examples', 'my-scene.descent.json');
    for (const input of [['--preset', 'gd-x2'], ['--lesson', 'calculus'], [scene]]) {
      const args = [...input, '--surface', 'test_loss', '-o', 'x.mp4'];
      expect(await usageMessage(readRenderCommand(args, scratch))).toMatch(
        /^--surface picks a surface of a loss-landscape file .*it does not apply to /,
      );
      expect(() => parseRenderCommand(args, scratch)).toThrow(UsageError);
    }
    // --help still wins, and one input at a time.
    expect(await readRenderCommand([fixture('surface_2d.h5'), '--surface', 'x', '-h'])).toBe(
      'help',
    );
    expect(
      await usageMessage(
        readRenderCommand([fixture('surface_2d.h5'), '--preset', 'gd-x2', '-o', 'x.png'], scratch),
      ),
    ).toMatch(/^Give one of/);
  });

  it('knows the same extensions as the landscape reader, without loading it', () => {
    expect([...LANDSCAPE_FILE_EXTENSIONS].sort()).toEqual(
      LANDSCAPE_EXTENSIONS.filter((e) => e !== '.txt').sort(),
    );
    // The synchronous parser never reads a landscape itself.
    expect(() => parseRenderCommand([fixture('surface_2d.h5'), '-o', 'x.png'], scratch)).toThrow(
      /readRenderCommand/,
    );
  });
});

// ─── The real command ────────────────────────────────────────────────────────────────────────

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function descent(args: string[], timeout: number): Promise<Result> {
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

describe('descent render LOSS.h5 (the real command)', () => {
  it('refuses a broken file: exit 2, one line, nothing written', async () => {
    const out = join(scratch, 'broken.png');
    const r = await descent(['render', fixture('broken_shape.h5'), '-o', out], 60_000);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^descent: .*broken_shape\.h5: 'train_loss' has shape \(10, 9\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(scratch).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  const has = (cmd: string): boolean =>
    spawnSync(cmd, ['-version'], { stdio: 'ignore' }).status === 0;
  const browser = browserCandidates(process.platform, process.env).some((p) => existsSync(p));
  const missing = [!browser && 'Chromium/Chrome', !has('ffmpeg') && 'ffmpeg'].filter(Boolean);
  if (missing.length > 0) {
    console.log(`landscape.test.ts: skipping the real render: ${missing.join(', ')} not found.`);
  }

  // The one real render: a small still of surface_2d.h5 (a stale browser build is rebuilt first).
  it.skipIf(missing.length > 0)(
    'renders surface_2d.h5 to a 320×180 PNG that is not blank',
    async () => {
      const out = join(scratch, 'landscape.png');
      const r = await descent(
        ['render', fixture('surface_2d.h5'), '-o', out, '--size', '320x180', '-q'],
        270_000,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^descent render: wrote \S+landscape\.png \(320×180, 1 frame/);
      expect(r.stdout).toMatch(/from surface_2d\.h5 in /);
      expect(r.stderr).toContain(
        'descent render: The file also holds test_acc, test_loss, train_acc.\n',
      );
      const pixels = spawnSync(
        'ffmpeg',
        ['-v', 'error', '-i', out, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      expect(pixels.status, pixels.stderr.toString()).toBe(0);
      expect(pixels.stdout.length).toBe(320 * 180 * 4);
      const colours = new Set<number>();
      for (let i = 0; i < pixels.stdout.length; i += 4) colours.add(pixels.stdout.readUInt32LE(i));
      expect(colours.size).toBeGreaterThan(200);
      expect(readdirSync(scratch).filter((f) => f.startsWith('.'))).toEqual([]);
    },
    300_000,
  );
});
