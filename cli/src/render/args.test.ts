/**
 * `descent render`'s arguments, without a browser: formats, sizes, settings from flags, the
 * files a render plans to write, and every refusal's wording (the flag as typed, never the
 * contents of a file).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../args.ts';
import { kindOf, outputTargets, parseRenderArgs, parseSize } from './args.ts';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('descent render arguments', () => {
  const cwd = tmpdir();

  it('reads the format from the extension and the size from WxH or a name', () => {
    expect(kindOf('a.MP4')).toBe('mp4');
    expect(kindOf('frames.zip')).toBe('zip');
    expect(usageMessage(() => kindOf('a.mov'))).toMatch(/\.mp4, \.webm, \.gif, \.png or \.zip/);
    expect(parseSize('1280x720')).toEqual({ width: 1280, height: 720 });
    expect(parseSize('4k')).toEqual({ width: 3840, height: 2160 });
    expect(usageMessage(() => parseSize('big'))).toMatch(/WxH/);
  });

  it('builds settings from a preset and the flags', () => {
    const o = parseRenderArgs(
      ['--preset', 'lr-compare', '-o', 'x.mp4', '--size', '1281x720', '--duration', '2'],
      cwd,
    );
    if (o === 'help') throw new Error('help');
    expect(o.settings).toMatchObject({
      kind: 'mp4',
      width: 1282,
      height: 720,
      fps: 30,
      range: { kind: 'time', from: 0, to: 2 },
      hold: 0,
      // Paths are revealed as they play unless --show-ahead asks otherwise.
      reveal: true,
    });
    expect(o.notes[0]).toMatch(/even/);
    const gif = parseRenderArgs(['--preset', 'gd-x2', '-o', 'x.gif', '--orbit', '-90'], cwd);
    if (gif === 'help') throw new Error('help');
    expect(gif.settings).toMatchObject({ width: 640, height: 360, fps: 20, orbit: -90 });
    const ahead = parseRenderArgs(['--preset', 'gd-x2', '-o', 'x.gif', '--show-ahead'], cwd);
    if (ahead === 'help') throw new Error('help');
    expect(ahead.settings.reveal).toBe(false);
  });

  it('plans one file, or one numbered file per clip beside the output', () => {
    const one = parseRenderArgs(['--preset', 'gd-x2', '-o', 'Slides.MP4'], cwd);
    const clips = parseRenderArgs(['--preset', 'gd-x2', '-o', 'out.gif', '--clips'], cwd);
    if (one === 'help' || clips === 'help') throw new Error('help');
    expect(outputTargets(one)).toEqual({
      baseName: 'Slides',
      files: [{ name: 'Slides.mp4', path: join(cwd, 'Slides.MP4') }],
    });
    // gd-x2 has markers at steps 0, 1, 2 and 3: three clips.
    expect(outputTargets(clips).files).toEqual(
      ['out-01.gif', 'out-02.gif', 'out-03.gif'].map((name) => ({ name, path: join(cwd, name) })),
    );
  });

  it.each([
    [['-o', 'x.mp4'], /Missing the scene/],
    [['--preset', 'nope', '-o', 'x.mp4'], /Unknown preset 'nope'.*lr-compare/],
    [['--preset', 'gd-x2'], /Missing -o/],
    [['--preset', 'gd-x2', '-o', 'x.gif', '--fps', '30'], /hundredths of a second/],
    [['--preset', 'gd-x2', '-o', 'x.mp4', '--transparent'], /--transparent needs \.webm/],
    [['--preset', 'gd-x2', '-o', 'x.mp4', '--steps', '3'], /--steps expects A:B/],
    [['--preset', 'gd-x2', '-o', 'x.mp4', '--steps', '2:1'], /step range must end after/],
    [['--preset', 'gd-x2', '-o', 'x.mp4', '--duration', '1', '--steps', '0:1'], /not both/],
    [['--preset', 'gd-x2', '-o', 'x.png', '--clips'], /single still/],
    [['no-such.descent.json', '-o', 'x.mp4'], /No such scene file/],
    [['--preset', 'gd-x2', '-o', join('no', 'such', 'dir', 'x.mp4')], /does not exist/],
  ])('refuses %j', (args, message) => {
    expect(usageMessage(() => parseRenderArgs(args, cwd))).toMatch(message);
  });

  it('names the flag the user typed, with the limit in words', () => {
    const msg = (...args: string[]) =>
      usageMessage(() => parseRenderArgs(['--preset', 'gd-x2', '-o', 'x.mp4', ...args], cwd));
    expect(msg('--size', '10x10')).toBe('--size 10x10: the width in pixels must be at least 16.');
    expect(msg('--size', '99999x720')).toBe(
      '--size 99999x720: the width in pixels must be at most 8192.',
    );
    expect(msg('--size', '640x8')).toBe('--size 640x8: the height in pixels must be at least 16.');
    expect(msg('--hold', '61')).toBe('--hold 61: the hold in seconds must be at most 60.');
    expect(msg('--speed', '0')).toBe(
      '--speed 0: the speed in steps per second must be more than 0.',
    );
    expect(msg('--orbit', '-2000')).toBe(
      '--orbit -2000: the orbit in degrees must be at least -1080.',
    );
    expect(msg('--fps')).toBe('--fps needs a value.');
    expect(msg('--clips=yes')).toBe('--clips takes no value.');
  });

  it('refuses unknown flags the way the other subcommands do', () => {
    expect(usageMessage(() => parseRenderArgs(['--preset', 'gd-x2', '--colour', 'red'], cwd))).toBe(
      "Unknown option '--colour' for descent render (see descent render --help).",
    );
    // An option of another subcommand is still unknown here.
    expect(usageMessage(() => parseRenderArgs(['--preset', 'gd-x2', '--lr', '1'], cwd))).toMatch(
      /^Unknown option '--lr' for descent render/,
    );
    expect(usageMessage(() => parseRenderArgs(['a.json', 'b.json', '-o', 'x.mp4'], cwd))).toMatch(
      /^Unexpected argument 'b\.json'/,
    );
  });

  it('never quotes the contents of a file that is not a scene', () => {
    const dir = mkdtempSync(join(tmpdir(), 'descent-scene-'));
    const secret = 'TOP-SECRET-PASSWORD';
    const cases: [string, string, RegExp][] = [
      ['notes.txt', `my password is ${secret}\n`, /not a scene: it is not valid JSON/],
      ['broken.descent.json', `{"version": 2, "title": "${secret}",\n  oops }`, /not valid JSON/],
      ['array.descent.json', `["${secret}"]`, /expected a JSON object/],
      ['bad.descent.json', JSON.stringify({ version: 2, title: secret, kind: 7 }), /damaged/],
    ];
    for (const [name, text, pattern] of cases) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const message = usageMessage(() => parseRenderArgs([file, '-o', 'x.mp4'], cwd));
      expect(message).toMatch(pattern);
      expect(message).not.toContain(secret);
      expect(message.split('\n')).toHaveLength(1);
    }
  });
});
