/**
 * Every `npx descent …` example in the README runs as written, from the repository root:
 * `solve`, `inspect`, `graph`, `integrate` and `train` through the real command, `render` up to
 * the point where a browser would start (its arguments, scene files and settings all accepted). The sample scenes in
 * examples/ are valid and every run in them can start.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRenderArgs, parseRenderCommand, readRenderCommand } from './render/args.ts';
import { checkRuns } from './render/command.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'cli', 'bin', 'descent.mjs');

/** Splits a shell command line on spaces, keeping "double-quoted" words whole. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

const examples = readFileSync(join(root, 'README.md'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('npx descent '))
  .map((line) => words(line).slice(2));

describe('README examples', () => {
  it('has examples of every subcommand', () => {
    expect(new Set(examples.map((args) => args[0]))).toEqual(
      new Set(['solve', 'inspect', 'graph', 'integrate', 'train', 'render']),
    );
  });

  it.each(examples.filter((args) => args[0] !== 'render').map((args) => [args.join(' '), args]))(
    'descent %s',
    async (_line, args) => {
      const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, [bin, ...args], { cwd: root }, (error, _stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stderr }),
        );
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    },
  );

  it.each(examples.filter((args) => args[0] === 'render').map((args) => [args.join(' '), args]))(
    'descent %s',
    async (_line, args) => {
      // As `descent render` parses it: a landscape file is read (asynchronously) first.
      expect(await readRenderCommand(args.slice(1), root)).not.toBe('help');
    },
  );
});

describe('sample lessons', () => {
  const lessons = readdirSync(join(root, 'examples')).filter((f) =>
    f.endsWith('.descent-lesson.json'),
  );

  it('there is at least one', () => expect(lessons.length).toBeGreaterThan(0));

  it.each(lessons)('examples/%s reads as a lesson and every slide’s runs start', async (name) => {
    const command = parseRenderCommand([join('examples', name), '-o', 'deck.pptx'], root);
    if (command === 'help' || command.mode !== 'lesson') throw new Error('not a lesson render');
    for (const slide of command.options.lesson.slides) await checkRuns(slide.scene, name);
  });
});

describe('sample scenes', () => {
  const scenes = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.descent.json'));

  it.each(scenes)('examples/%s opens and its runs start', async (name) => {
    const options = parseRenderArgs([join('examples', name), '-o', 'out.gif'], root);
    if (options === 'help') throw new Error('help');
    expect(options.scene.runs.length).toBeGreaterThan(0);
    await checkRuns(options.scene, options.source);
  });
});
