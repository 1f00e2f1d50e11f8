/**
 * The real `descent render` command (bin → bundle → headless Chromium → the app's export
 * pipeline → files): first the refusals that need no browser (exit 2, one line, nothing
 * written, pre-existing files untouched), then renders end to end checked with ffprobe/ffmpeg.
 * The end-to-end part needs Chromium and ffmpeg (apt: chromium, ffmpeg) and says so when it
 * skips. Sizes are small except the 1280×720 MP4 the acceptance criteria name.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRun, defaultScene } from '../../../shared/scene/document.ts';
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

/** A scratch folder per test file, removed at the end. */
let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'descent-render-'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Files in `dir` that look like our temporary files (`.<name>.<12 hex>.tmp|part`). */
const temporaries = (dir: string): string[] =>
  readdirSync(dir).filter((f) => /^\..+\.[0-9a-f]{12}\.(tmp|part)$/.test(f));

/** A refusal: exit 2, one line on stderr, nothing on stdout. */
function expectRefused(r: Result, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('descent render refuses before rendering (no browser needed)', () => {
  it('exits 2 with a clear message when the browser is missing or will not start', async () => {
    const out = join(scratch, 'x.mp4');
    const [missing, broken] = await Promise.all([
      descent(['render', '--preset', 'gd-x2', '-o', out, '--browser', '/no/such/browser']),
      descent(['render', '--preset', 'gd-x2', '-o', out, '--browser', '/bin/false']),
    ]);
    expectRefused(missing, /No browser at \/no\/such\/browser/);
    expectRefused(broken, /^descent: The browser at \/bin\/false did not start: /);
    expect(existsSync(out)).toBe(false);
    expect(temporaries(scratch)).toEqual([]);
  });

  it('reports an unknown flag like the other subcommands', async () => {
    const r = await descent(['render', '--preset', 'gd-x2', '-o', 'x.mp4', '--colour', 'red']);
    expectRefused(
      r,
      /^descent: Unknown option '--colour' for descent render \(see descent render --help\)\.$/m,
    );
  });

  it('refuses an output path that is a folder, leaving it as it was', async () => {
    const dir = mkdtempSync(join(scratch, 'folder-'));
    mkdirSync(join(dir, 'x.png'));
    writeFileSync(join(dir, 'x.png', 'inside.txt'), 'keep me');
    const r = await descent(['render', '--preset', 'gd-x2', '-o', join(dir, 'x.png')]);
    expectRefused(r, /Cannot write .*x\.png: That is a folder, not a file\./);
    expect(readdirSync(dir)).toEqual(['x.png']);
    expect(readFileSync(join(dir, 'x.png', 'inside.txt'), 'utf8')).toBe('keep me');
  });

  it.skipIf(process.platform !== 'linux')(
    'refuses a folder that takes no new files (/proc)',
    async () => {
      const r = await descent(['render', '--preset', 'gd-x2', '-o', '/proc/x.png']);
      expectRefused(r, /^descent: Cannot write \/proc\/x\.png: /);
    },
  );

  it('with --clips, checks every clip first: a folder in the way leaves the others untouched', async () => {
    const dir = mkdtempSync(join(scratch, 'clips-'));
    writeFileSync(join(dir, 'out-01.gif'), 'old clip 1');
    writeFileSync(join(dir, 'out-02.gif'), 'old clip 2');
    mkdirSync(join(dir, 'out-03.gif'));
    // gd-x2 has markers at 0, 1, 2, 3: three clips.
    const r = await descent(['render', '--preset', 'gd-x2', '-o', join(dir, 'out.gif'), '--clips']);
    expectRefused(r, /Cannot write .*out-03\.gif: That is a folder/);
    expect(readdirSync(dir).sort()).toEqual(['out-01.gif', 'out-02.gif', 'out-03.gif']);
    expect(readFileSync(join(dir, 'out-01.gif'), 'utf8')).toBe('old clip 1');
    expect(readFileSync(join(dir, 'out-02.gif'), 'utf8')).toBe('old clip 2');
  });

  it('refuses a scene whose run cannot start, naming the run', async () => {
    const scene = {
      ...defaultScene(),
      kind: 'curve',
      problem: { kind: 'expression', source: 'log(x)' },
      runs: [{ ...defaultRun(0, [-1]), name: 'Left of zero' }],
      selectedRunId: 'run-1',
    };
    const file = join(scratch, 'log.descent.json');
    writeFileSync(file, JSON.stringify(scene));
    const r = await descent(['render', file, '-o', join(scratch, 'log.mp4')]);
    expectRefused(r, /^descent: Run 'Left of zero' of log\.descent\.json cannot start: .*-1/);
    expect(existsSync(join(scratch, 'log.mp4'))).toBe(false);
  });
});

// ─── End to end ──────────────────────────────────────────────────────────────────────────────

function has(cmd: string): boolean {
  return spawnSync(cmd, ['-version'], { stdio: 'ignore' }).status === 0;
}
const chromiumPath = browserCandidates(process.platform, process.env).find((p) => existsSync(p));
const missing = [
  !chromiumPath && 'Chromium/Chrome',
  !has('ffprobe') && 'ffprobe',
  !has('ffmpeg') && 'ffmpeg',
].filter(Boolean);
if (missing.length > 0) {
  console.log(`render.test.ts: skipping the end-to-end renders: ${missing.join(', ')} not found.`);
}

function ffprobe(file: string, ...args: string[]): Record<string, unknown> {
  const r = spawnSync('ffprobe', ['-v', 'error', ...args, '-of', 'json', file], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function videoStream(file: string): Record<string, string | number | Record<string, string>> {
  const doc = ffprobe(
    file,
    '-count_frames',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,profile,pix_fmt,width,height,nb_read_frames,r_frame_rate:stream_tags',
  ) as { streams: Record<string, string | number | Record<string, string>>[] };
  return doc.streams[0]!;
}

/** MD5 of every decoded frame. */
function frameHashes(file: string, decoder: string[] = []): string[] {
  const r = spawnSync('ffmpeg', ['-v', 'error', ...decoder, '-i', file, '-f', 'framemd5', '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').at(-1)!.trim());
}

/** RGBA pixels of an image (or frame `n` of a video) decoded by ffmpeg. */
function rgba(file: string, decoder: string[] = [], n = 0): Buffer {
  const r = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      ...decoder,
      '-i',
      file,
      '-vf',
      `select=eq(n\\,${n})`,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-',
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  expect(r.status, r.stderr.toString()).toBe(0);
  return r.stdout;
}

/** Top-level MP4 boxes in file order. */
function mp4Boxes(bytes: Buffer): string[] {
  const boxes: string[] = [];
  let at = 0;
  while (at + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (size === 1) size = Number(bytes.readBigUInt64BE(at + 8));
    if (size === 0) size = bytes.length - at;
    boxes.push(type);
    at += size;
  }
  return boxes;
}

/** Frame delays (hundredths of a second) and the NETSCAPE loop count of a GIF. */
function gifTiming(bytes: Buffer): { frames: number; delays: number[]; loop: number | null } {
  let at = 6;
  const packed = bytes[at + 4]!;
  at += 7;
  if (packed & 0x80) at += 3 * (1 << ((packed & 7) + 1));
  const delays: number[] = [];
  let frames = 0;
  let loop: number | null = null;
  const skipBlocks = (): void => {
    while (bytes[at]! !== 0) at += bytes[at]! + 1;
    at++;
  };
  while (at < bytes.length) {
    const b = bytes[at++]!;
    if (b === 0x3b) break;
    if (b === 0x21) {
      const label = bytes[at++]!;
      if (label === 0xf9) delays.push(bytes.readUInt16LE(at + 2));
      if (label === 0xff && bytes.toString('latin1', at + 1, at + 12) === 'NETSCAPE2.0') {
        loop = bytes.readUInt16LE(at + 14);
      }
      skipBlocks();
    } else if (b === 0x2c) {
      frames++;
      const flags = bytes[at + 8]!;
      at += 9;
      if (flags & 0x80) at += 3 * (1 << ((flags & 7) + 1));
      at++; // LZW minimum code size
      skipBlocks();
    } else {
      throw new Error(`unexpected GIF block 0x${b.toString(16)} at ${at - 1}`);
    }
  }
  return { frames, delays, loop };
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe.skipIf(missing.length > 0)('descent render end to end (headless Chromium)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'descent-render-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const out = (name: string): string => join(dir, name);
  const render = async (args: string[]): Promise<Result> => {
    const r = await descent(['render', ...args]);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };

  it('MP4 from the lr-compare preset: H.264 yuv420p 1280×720, 60 frames in 2 s, fast start', async () => {
    const file = out('lr.mp4');
    const r = await render([
      '--preset',
      'lr-compare',
      '-o',
      file,
      '--size',
      '1280x720',
      '--fps',
      '30',
      '--duration',
      '2',
    ]);
    expect(r.stdout).toMatch(
      /^descent render: wrote \/\S+\/lr\.mp4 \(1280×720, 60 frames at 30 fps, H\.264 High/,
    );
    const v = videoStream(file);
    expect(v).toMatchObject({
      codec_name: 'h264',
      pix_fmt: 'yuv420p',
      width: 1280,
      height: 720,
      nb_read_frames: '60',
      r_frame_rate: '30/1',
    });
    const boxes = mp4Boxes(readFileSync(file));
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    const hashes = frameHashes(file);
    expect(hashes).toHaveLength(60);
    // The trajectory moved: the first and last pictures differ.
    expect(hashes[0]).not.toBe(hashes[59]);
    expect(r.stdout).toContain(`wrote ${file} (`);
    expect(temporaries(dir)).toEqual([]);
  }, 120_000);

  it('transparent WebM: VP9 with an alpha channel (alpha_mode=1, decodes to yuva420p)', async () => {
    const file = out('alpha.webm');
    await render([
      '--preset',
      'bowl-2d',
      '-o',
      file,
      '--size',
      '320x180',
      '--duration',
      '1',
      '--transparent',
    ]);
    const v = videoStream(file);
    expect(v).toMatchObject({ codec_name: 'vp9', width: 320, height: 180, nb_read_frames: '30' });
    expect(v.tags).toMatchObject({ alpha_mode: '1' });
    const probe = spawnSync(
      'ffmpeg',
      ['-hide_banner', '-c:v', 'libvpx-vp9', '-i', file, '-frames:v', '1', '-f', 'null', '-'],
      {
        encoding: 'utf8',
      },
    );
    expect(probe.stderr).toMatch(/Video: vp9.*yuva420p/);
    const px = rgba(file, ['-c:v', 'libvpx-vp9'], 10);
    const alphaAt = (x: number, y: number): number => px[(y * 320 + x) * 4 + 3]!;
    expect(alphaAt(0, 0)).toBeLessThan(8); // background: transparent
    expect(alphaAt(160, 90)).toBeGreaterThan(247); // the surface: opaque
  }, 120_000);

  it('PNG sequence: the right count, transparent background, identical on a second render', async () => {
    const args = [
      '--preset',
      'bowl-2d',
      '--size',
      '320x180',
      '--fps',
      '25',
      '--steps',
      '0:2',
      '--transparent',
    ];
    await render([...args, '-o', out('seq-a.zip')]);
    await render([...args, '-o', out('seq-b.zip')]);
    const a = unzipSync(readFileSync(out('seq-a.zip')));
    const b = unzipSync(readFileSync(out('seq-b.zip')));
    // bowl-2d plays 3 steps/s: 2 steps at 25 fps are frames 0…17 (the last exactly on step 2).
    const names = Object.keys(a).sort();
    expect(names).toHaveLength(18);
    expect(names[0]).toBe('frame-0000.png');
    expect(names.map((n) => sha(a[n]!))).toEqual(names.map((n) => sha(b[n] ?? new Uint8Array())));
    const first = out('frame-0000.png');
    writeFileSync(first, a['frame-0000.png']!);
    const px = rgba(first);
    expect(px[3]).toBe(0); // top-left corner: no background
    expect(px[(90 * 320 + 160) * 4 + 3]).toBe(255);
  }, 120_000);

  it('GIF: frame count, delay and loop', async () => {
    const file = out('gd.gif');
    await render([
      '--preset',
      'gd-x2',
      '-o',
      file,
      '--size',
      '320x180',
      '--fps',
      '20',
      '--hold',
      '0.5',
    ]);
    const timing = gifTiming(readFileSync(file));
    // gd-x2: 3 steps at 1 step/s → 61 moving frames at 20 fps, then 10 held.
    expect(timing.frames).toBe(71);
    expect(new Set(timing.delays)).toEqual(new Set([5]));
    expect(timing.loop).toBe(0); // forever
    expect(videoStream(file)).toMatchObject({ codec_name: 'gif', nb_read_frames: '71' });
  }, 120_000);

  it('one numbered clip per slide marker', async () => {
    const r = await render([
      '--preset',
      'gd-x2',
      '-o',
      out('slides.mp4'),
      '--size',
      '320x180',
      '--clips',
    ]);
    expect(r.stdout).toContain(`wrote 3 files: ${out('slides-01.mp4')}, ${out('slides-02.mp4')},`);
    const files = readdirSync(dir)
      .filter((f) => f.startsWith('slides'))
      .sort();
    // Markers 0, 1, 2, 3 on a 3-step run: three clips of one step each.
    expect(files).toEqual(['slides-01.mp4', 'slides-02.mp4', 'slides-03.mp4']);
    for (const f of files) expect(videoStream(out(f)).nb_read_frames).toBe('31');
  }, 120_000);

  it('a PNG still with the caption at the requested step', async () => {
    const file = out('still.png');
    await render(['--preset', 'zigzag', '-o', file, '--size', '640x360', '--caption', '--at', '4']);
    expect(videoStream(file)).toMatchObject({ codec_name: 'png', width: 640, height: 360 });
  }, 120_000);

  it('an unsupported encoder: a clear message, exit 2, nothing written', async () => {
    const file = out('huge.mp4');
    const r = await descent([
      'render',
      '--preset',
      'gd-x2',
      '-o',
      file,
      '--size',
      '8192x4320',
      '--duration',
      '1',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /cannot encode H\.264 at 8192×4320.*isConfigSupported refused avc1\.64003c/,
    );
    expect(r.stderr).toMatch(/Alternatives: .*PNG sequence/);
    expect(readdirSync(dir).filter((f) => f.includes('huge'))).toEqual([]);
  }, 120_000);

  it('Ctrl+C mid-way: exit 130, the existing file untouched, no temporary file left', async () => {
    const sub = mkdtempSync(join(dir, 'cancel-'));
    const file = join(sub, 'long.mp4');
    writeFileSync(file, 'the previous render');
    const child = spawn(
      process.execPath,
      [bin, 'render', '--preset', 'bowl-2d', '-o', file, '--size', '640x360'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Wait until frames are being written (the hidden .part file exists), then interrupt.
    const started = Date.now();
    while (!readdirSync(sub).some((f) => f.endsWith('.part'))) {
      if (Date.now() - started > 60_000) throw new Error(`render never started: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/cancelled; nothing was written/);
    expect(readdirSync(sub)).toEqual(['long.mp4']);
    expect(readFileSync(file, 'utf8')).toBe('the previous render');
  }, 120_000);
});
