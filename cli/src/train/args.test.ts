import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIMIZER } from '../../../shared/types.ts';
import { UsageError } from '../args.ts';
import { parseTrainArgs } from './args.ts';
import type { TrainArgs } from './args.ts';

function parsed(...argv: string[]): TrainArgs {
  const args = parseTrainArgs(argv);
  if (args === 'help') throw new Error('unexpected help');
  return args;
}

function refusal(...argv: string[]): string {
  try {
    parseTrainArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parseTrainArgs', () => {
  it('fills in the defaults', () => {
    const a = parsed('--model', 'linear', '--data', 'line');
    expect(a.model).toBe('linear');
    expect(a.data).toEqual({ kind: 'builtin', name: 'line' });
    expect(a.epochs).toBe(20);
    expect(a.seed).toBe(1);
    expect(a.shuffle).toBe(true);
    expect(a.format).toBe('table');
    expect(a.batch).toBeUndefined();
    expect(a.every).toBeUndefined();
    expect(a.start).toBeUndefined();
    expect(a.optimizer).toEqual(DEFAULT_OPTIMIZER);
  });

  it('reads every option, with values after a space or =', () => {
    const a = parsed(
      '--model=logistic',
      '--data',
      'blobs',
      '--optimizer',
      'adam',
      '--lr=0.05',
      '--beta1',
      '0.8',
      '--no-bias-correction',
      '--schedule',
      'cosine',
      '--clip',
      '2',
      '--batch',
      '16',
      '--epochs',
      '3',
      '--seed',
      '7',
      '--no-shuffle',
      '--start',
      '-1.5,2',
      '--every',
      '4',
      '--format',
      'json',
    );
    expect(a.model).toBe('logistic');
    expect(a.optimizer.kind).toBe('adam');
    expect(a.optimizer.lr).toBe(0.05);
    expect(a.optimizer.beta1).toBe(0.8);
    expect(a.optimizer.biasCorrection).toBe(false);
    expect(a.optimizer.schedule.kind).toBe('cosine');
    expect(a.optimizer.clip).toBe(2);
    expect(a.optimizer.seed).toBe(7);
    expect(a.batch).toBe(16);
    expect(a.epochs).toBe(3);
    expect(a.seed).toBe(7);
    expect(a.shuffle).toBe(false);
    expect(a.start).toEqual([-1.5, 2]);
    expect(a.every).toBe(4);
    expect(a.format).toBe('json');
  });

  it('reads CSV columns by name or by index', () => {
    const byName = parsed('--model', 'logistic', '--data', 'd.csv', '--x', 'a, b', '--y', 'c');
    expect(byName.data).toEqual({ kind: 'csv', path: 'd.csv' });
    expect(byName.x).toEqual(['a', 'b']);
    expect(byName.y).toBe('c');
    const byIndex = parsed('--model', 'linear', '--data', 'd.csv', '--x', '0', '--y', '2');
    expect(byIndex.x).toEqual([0]);
    expect(byIndex.y).toBe(2);
  });

  it('reads the MLP options', () => {
    const a = parsed('--model', 'mlp', '--data', 'moons', '--hidden', '4', '--activation', 'relu');
    expect(a.hidden).toBe(4);
    expect(a.activation).toBe('relu');
    expect(parsed('--model', 'mlp', '--data', 'moons').hidden).toBe(8);
  });

  it('answers help to --help and -h, whatever else is there', () => {
    expect(parseTrainArgs(['--help'])).toBe('help');
    expect(parseTrainArgs(['--model', 'nonsense', '-h'])).toBe('help');
  });

  it.each([
    [['--data', 'line'], /^Missing --model: give one of linear, logistic, mlp\.$/],
    [['--model', 'linear'], /^Missing --data: give one of line, blobs, moons or a \.csv file\.$/],
    [
      ['--model', 'svm', '--data', 'line'],
      /^--model must be one of linear, logistic, mlp; got 'svm'\.$/,
    ],
    [
      ['--model', 'linear', '--data', 'iris'],
      /^--data must be one of line, blobs, moons or a \.csv file; got 'iris'\.$/,
    ],
    [['--model', 'linear', '--data', 'line', '--x', 'a'], /^--x picks columns of a CSV file/],
    [['--model', 'linear', '--data', 'line', '--y', 'a'], /^--y picks columns of a CSV file/],
    [['--model', 'linear', '--data', 'd.csv', '--y', 'a,b'], /^--y expects one column/],
    [['--model', 'linear', '--data', 'd.csv', '--x', 'a,,b'], /^--x expects column names/],
    [
      ['--model', 'linear', '--data', 'line', '--batch', '0'],
      /^--batch expects a whole number 1 or more, got '0'\.$/,
    ],
    [['--model', 'linear', '--data', 'line', '--batch', '2.5'], /^--batch expects a whole number/],
    [['--model', 'linear', '--data', 'line', '--epochs', '0'], /^--epochs expects a whole number/],
    [
      ['--model', 'linear', '--data', 'line', '--every', 'x'],
      /^--every expects a number, got 'x'\.$/,
    ],
    [
      ['--model', 'linear', '--data', 'line', '--format', 'xml'],
      /^--format must be one of table, json, csv; got 'xml'\.$/,
    ],
    [
      ['--model', 'linear', '--data', 'line', '--optimizer', 'lbfgs'],
      /^--optimizer must be one of gd, sgd, momentum/,
    ],
    [['--model', 'linear', '--data', 'line', '--lr', '-1'], /^--lr must be more than 0\.$/],
    [['--model', 'linear', '--data', 'line', '--lr'], /^--lr needs a value\.$/],
    [
      ['--model', 'linear', '--data', 'line', '--format', '--lr'],
      /^--format needs a value \(to pass a value that starts with a dash, write --format=--lr\)\.$/,
    ],
    [
      ['--model', 'linear', '--data', 'line', '--hidden', '4'],
      /^--hidden only applies to --model mlp \(got --model linear\)\.$/,
    ],
    [
      ['--model', 'logistic', '--data', 'blobs', '--activation', 'relu'],
      /^--activation only applies to --model mlp/,
    ],
    [
      ['--model', 'mlp', '--data', 'moons', '--activation', 'sigmoid'],
      /^--activation must be one of tanh, relu; got 'sigmoid'\.$/,
    ],
    [
      ['--model', 'mlp', '--data', 'moons', '--hidden', '1000'],
      /^--hidden expects a whole number from 1 to 256/,
    ],
    [
      ['--model', 'mlp', '--data', 'moons', '--start', '1,2'],
      /^--start does not apply to --model mlp/,
    ],
    [
      ['--model', 'linear', '--data', 'line', '--start', '1,b'],
      /^--start expects a number, got 'b'\.$/,
    ],
    [
      ['--model', 'linear', '--data', 'line', '--noise', '1'],
      /^Unknown option '--noise' for descent train/,
    ],
    [
      ['--model', 'linear', '--data', 'line', 'extra'],
      /^Unexpected argument 'extra' for descent train/,
    ],
    [['--model', 'linear', '--data', 'line', '--no-shuffle=1'], /^--no-shuffle takes no value\.$/],
  ])('refuses %j', (argv, message) => {
    expect(refusal(...argv)).toMatch(message);
  });
});

describe('flags', () => {
  it('takes negative numbers after number options only', () => {
    const args = parseTrainArgs(['--model', 'linear', '--data', 'line', '--start', '-2,-3']);
    expect(args !== 'help' && args.start).toEqual([-2, -3]);
    expect(() => parseTrainArgs(['--model', '-linear'])).toThrow(/--model needs a value/);
  });
});
