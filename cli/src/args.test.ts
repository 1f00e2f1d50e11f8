/** The one argument parser of every `descent` subcommand, without starting anything. */
import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from './args.ts';
import type { CommandSpec } from './args.ts';

const SOLVE: CommandSpec = { name: 'solve', options: ['f', 'start', 'lr', 'format'] };
const INSPECT: CommandSpec = { name: 'inspect', options: ['f', 'at', 'jacobian'] };
const RENDER: CommandSpec = {
  name: 'render',
  options: ['output', 'orbit', 'quiet'],
  positionals: 1,
};

function refusal(argv: string[], command: CommandSpec): string {
  try {
    parseFlags(argv, command);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseFlags', () => {
  it('takes expressions that start with a minus for --f and --jacobian', () => {
    for (const f of ['-x^2', '-x^2-y^2', '-log(x)', '-(x+1)^2']) {
      expect(parseFlags(['--f', f, '--start', '1'], SOLVE).values.f).toBe(f);
    }
    expect(
      parseFlags(['--f', 'x', '--at', '1', '--jacobian', '-x^2, -x*y'], INSPECT).values,
    ).toEqual({
      f: 'x',
      at: '1',
      jacobian: '-x^2, -x*y',
    });
    expect(parseFlags(['--f=-x^2'], SOLVE).values.f).toBe('-x^2');
  });

  it('takes negative numbers for numeric options, and only there', () => {
    expect(parseFlags(['--start', '-1.5,2', '--lr', '-.1'], SOLVE).values).toEqual({
      start: '-1.5,2',
      lr: '-.1',
    });
    expect(parseFlags(['--orbit', '-90', '-o', 'a.gif', 'scene.json'], RENDER)).toEqual({
      values: { orbit: '-90', output: 'a.gif' },
      positionals: ['scene.json'],
    });
    expect(refusal(['-o', '-a.gif'], RENDER)).toBe(
      '-o needs a value (to pass a value that starts with a dash, write -o=-a.gif).',
    );
  });

  it('reads short options, clusters of flags and everything after --', () => {
    expect(parseFlags(['-qh', '-oout.mp4'], RENDER).values).toEqual({
      quiet: true,
      help: true,
      output: 'out.mp4',
    });
    expect(parseFlags(['--', '-odd-name.json'], RENDER).positionals).toEqual(['-odd-name.json']);
  });

  it('names the option as typed in every refusal', () => {
    expect(refusal(['--colour', 'red'], SOLVE)).toBe(
      "Unknown option '--colour' for descent solve (see descent solve --help).",
    );
    expect(refusal(['--at', '1'], SOLVE)).toMatch(/^Unknown option '--at' for descent solve/);
    expect(refusal(['-x'], SOLVE)).toMatch(/^Unknown option '-x' for descent solve/);
    expect(refusal(['--lr'], SOLVE)).toBe('--lr needs a value.');
    expect(refusal(['--lr', '--format', 'json'], SOLVE)).toMatch(/^--lr needs a value/);
    expect(refusal(['--quiet=1'], RENDER)).toBe('--quiet takes no value.');
    expect(refusal(['a.json', 'b.json'], RENDER)).toBe(
      "Unexpected argument 'b.json' for descent render (see descent render --help).",
    );
    expect(refusal(['x^2'], SOLVE)).toMatch(/^Unexpected argument 'x\^2'/);
  });
});
