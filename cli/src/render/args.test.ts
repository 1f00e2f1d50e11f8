/**
 * `descent render`'s arguments, without a browser: formats, sizes, settings from flags, the
 * files a render plans to write, and every refusal's wording (the flag as typed, never the
 * contents of a file).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../args.ts';
import { presetScene } from '../../../shared/scene/presets.ts';
import { LESSON_VERSION, serializeLesson } from '../../../shared/lesson/document.ts';
import { kindOf, outputTargets, parseRenderArgs, parseRenderCommand, parseSize } from './args.ts';
import type { HtmlOptions, LessonOptions } from './args.ts';

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

describe('descent render arguments for lessons', () => {
  const dir = mkdtempSync(join(tmpdir(), 'descent-lesson-args-'));
  const lessonFile = join(dir, 'two.descent-lesson.json');
  writeFileSync(
    lessonFile,
    serializeLesson({
      version: LESSON_VERSION,
      title: 'Two',
      slides: [
        { id: 'a', title: 'Descent', notes: 'Say it.', scene: presetScene('gd-x2')! },
        { id: 'b', title: 'Slope', notes: '', scene: presetScene('derivative-x2')! },
      ],
    }),
  );

  const lessonOf = (args: string[]): LessonOptions => {
    const c = parseRenderCommand(args, dir);
    if (c === 'help' || c.mode !== 'lesson') throw new Error(`not a lesson render: ${String(c)}`);
    return c.options;
  };
  const htmlOf = (args: string[]): HtmlOptions => {
    const c = parseRenderCommand(args, dir);
    if (c === 'help' || c.mode !== 'html') throw new Error('not an HTML render');
    return c.options;
  };

  it('reads a lesson file (by its name or by its slides) and the built-in lesson', () => {
    const deck = lessonOf([lessonFile, '-o', 'deck.pptx', '--size', '320x180', '--fps', '24']);
    expect(deck).toMatchObject({ format: 'pptx', output: join(dir, 'deck.pptx') });
    expect(deck.lesson.slides.map((s) => s.title)).toEqual(['Descent', 'Slope']);
    expect(deck.settings).toMatchObject({ kind: 'mp4', width: 320, height: 180, fps: 24 });
    // A lesson saved under another name is still told by its slides.
    const renamed = join(dir, 'renamed.json');
    writeFileSync(renamed, JSON.stringify({ version: 1, title: 'R', slides: [] }));
    expect(usageMessage(() => parseRenderCommand([renamed, '-o', 'x.pptx'], dir))).toMatch(
      /has no slides/,
    );
    const builtin = lessonOf(['--lesson', 'calculus', '-o', 'calc.pptx', '--caption', '-q']);
    expect(builtin.source).toBe('lesson calculus');
    expect(builtin.lesson.slides.length).toBeGreaterThan(20);
    expect(builtin).toMatchObject({ quiet: true, settings: { caption: true, hold: 0 } });
  });

  it('takes a folder of clips: a trailing separator or an existing folder', () => {
    expect(lessonOf([lessonFile, '-o', `clips${sep}`])).toMatchObject({
      format: 'folder',
      output: join(dir, 'clips'),
    });
    mkdirSync(join(dir, 'existing'), { recursive: true });
    expect(lessonOf([lessonFile, '-o', 'existing']).format).toBe('folder');
    // A scene becomes a lesson of one slide, titled as the scene.
    const one = lessonOf(['--preset', 'gd-x2', '-o', `out${sep}`]);
    expect(one.lesson.slides).toHaveLength(1);
    expect(one.lesson.slides[0]!.title).toBe(presetScene('gd-x2')!.title);
    // A folder named like a media file is still refused as an output file later (not a folder).
    mkdirSync(join(dir, 'x.png'), { recursive: true });
    const c = parseRenderCommand(['--preset', 'gd-x2', '-o', 'x.png'], dir);
    expect(c !== 'help' && c.mode).toBe('scene');
  });

  it('sends .html to the page writer, with one scene as a one-slide lesson', () => {
    const page = htmlOf(['--preset', 'gd-x2', '-o', 'figure.html']);
    expect(page.output).toBe(join(dir, 'figure.html'));
    expect(page.lesson.title).toBe(presetScene('gd-x2')!.title);
    expect(page.lesson.slides).toHaveLength(1);
    expect(htmlOf([lessonFile, '-o', 'lesson.HTML']).lesson.slides).toHaveLength(2);
  });

  it.each([
    [
      ['--lesson', 'calculus', '-o', 'x.gif'],
      /A lesson renders to -o NAME\.pptx, -o NAME\.html or a folder/,
    ],
    [['--lesson', 'calculus', '-o', 'x.mp4'], /got 'x\.mp4'/],
    [['--lesson', 'calculus'], /Missing -o: a lesson renders to/],
    [['--lesson', 'algebra', '-o', 'x.pptx'], /Unknown built-in lesson 'algebra'.*calculus/],
    [['--lesson', 'calculus', '--preset', 'gd-x2', '-o', 'x.pptx'], /Give one of/],
    [['--lesson', 'calculus', '-o', 'x.pptx', '--at', '2'], /--at does not apply to -o x\.pptx/],
    [['--lesson', 'calculus', '-o', 'x.pptx', '--steps', '0:2'], /--steps does not apply/],
    [['--lesson', 'calculus', '-o', 'x.pptx', '--duration', '2'], /--duration does not apply/],
    [['--lesson', 'calculus', '-o', `d${sep}`, '--clips'], /--clips does not apply to a folder/],
    [['--lesson', 'calculus', '-o', 'x.pptx', '--transparent'], /no alpha channel/],
    [['--lesson', 'calculus', '-o', 'x.pptx', '--fps', '15'], /must be one of 24, 25, 30/],
    [
      ['--lesson', 'calculus', '-o', 'x.html', '--size', '720p'],
      /--size does not apply to -o x\.html/,
    ],
    [['--lesson', 'calculus', '-o', join('no', 'such', 'x.pptx')], /does not exist/],
    [['--lesson', 'calculus', '-o', join('no', 'such', 'dir') + sep], /does not exist/],
    [['missing.descent-lesson.json', '-o', 'x.pptx'], /^No such lesson file: missing/],
  ])('refuses %j', (args, message) => {
    expect(usageMessage(() => parseRenderCommand(args, dir))).toMatch(message);
  });

  it('refuses a malformed or newer lesson in one line, without quoting it', () => {
    const secret = 'TOP-SECRET';
    const cases: [string, string, RegExp][] = [
      [
        'bad.descent-lesson.json',
        `{"title": "${secret}", oops`,
        /not a lesson: it is not valid JSON/,
      ],
      [
        'newer.descent-lesson.json',
        JSON.stringify({ version: 99, title: secret, slides: [] }),
        /newer Descent Studio \(lesson format 99\)/,
      ],
      [
        'scene-inside.descent-lesson.json',
        JSON.stringify({
          version: 1,
          title: secret,
          slides: [{ id: 'a', title: 'A', notes: '', scene: { kind: 7 } }],
        }),
        /^scene-inside\.descent-lesson\.json: Slide 1 \(“A”\)/,
      ],
    ];
    for (const [name, text, pattern] of cases) {
      writeFileSync(join(dir, name), text);
      const message = usageMessage(() => parseRenderCommand([name, '-o', 'x.pptx'], dir));
      expect(message).toMatch(pattern);
      expect(message).not.toContain(secret);
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('keeps parseRenderArgs for scenes to media files', () => {
    expect(
      usageMessage(() => parseRenderArgs(['--lesson', 'calculus', '-o', 'x.pptx'], dir)),
    ).toMatch(/not one scene/);
    expect(usageMessage(() => kindOf('a.mov'))).toMatch(/\.pptx or \.html, or name a folder/);
  });
});
