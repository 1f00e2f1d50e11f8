/**
 * `descent train` through main(): output formats, reproducibility, CSV files and exit codes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function descent(...argv: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

interface TrainJson {
  model: string;
  parameters: string[];
  data: {
    name: string;
    task: string;
    points: number;
    features: number;
    skipped: { line: number; reason: string }[];
  };
  optimizer: { kind: string; lr: number };
  batch: number;
  epochs: number;
  seed: number;
  shuffle: boolean;
  start: number[];
  status: string;
  divergedAt: number | null;
  totalSteps: number;
  every: number;
  final: { step: number; theta: number[]; fullLoss: number; accuracy?: number };
  closedForm: { theta: number[]; loss: number } | null;
  steps: {
    step: number;
    epoch: number | null;
    batch: number | null;
    theta: number[];
    batchLoss: number | null;
    fullLoss: number;
    lr: number | null;
  }[];
}

async function json(...argv: string[]): Promise<TrainJson> {
  const r = await descent('train', ...argv, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as TrainJson;
}

const dir = mkdtempSync(join(tmpdir(), 'descent-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('descent train: help', () => {
  it('has its own help and is listed in descent --help', async () => {
    const own = await descent('train', '--help');
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('descent train --model linear|logistic|mlp --data NAME|FILE.csv');
    expect(own.stdout).toContain('--every K');
    const top = await descent('--help');
    expect(top.stdout).toContain('descent train');
  });

  it('is named in the unknown-command message', async () => {
    const r = await descent('trian');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('train');
  });
});

describe('descent train: formats', () => {
  it('json carries every step of a linear regression with named parameters', async () => {
    const doc = await json('--model', 'linear', '--data', 'line', '--epochs', '2', '--batch', '50');
    expect(doc.model).toBe('linear');
    expect(doc.parameters).toEqual(['w', 'b']);
    expect(doc.data).toMatchObject({ name: 'line', task: 'regression', points: 200, features: 1 });
    expect(doc.start).toEqual([-2, 3]);
    expect(doc.batch).toBe(50);
    expect(doc.totalSteps).toBe(8);
    expect(doc.status).toBe('done');
    expect(doc.steps.map((s) => s.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(doc.steps.map((s) => s.epoch)).toEqual([null, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(doc.steps.map((s) => s.batch)).toEqual([null, 1, 2, 3, 4, 1, 2, 3, 4]);
    expect(doc.steps[0]).toMatchObject({ theta: [-2, 3], batchLoss: null, lr: null });
    for (const s of doc.steps.slice(1)) {
      expect(s.lr).toBe(0.1);
      expect(Number.isFinite(s.batchLoss)).toBe(true);
      expect(Object.keys(s)).toEqual([
        'step',
        'epoch',
        'batch',
        'theta',
        'batchLoss',
        'fullLoss',
        'lr',
      ]);
    }
    expect(doc.final.theta).toEqual(doc.steps[8]?.theta);
    expect(doc.final.fullLoss).toBe(doc.steps[8]?.fullLoss);
    // The noisy line is y = 2x + 1 + noise: the exact fit lies near (2, 1).
    expect(doc.closedForm?.theta[0]).toBeCloseTo(2, 0);
    expect(doc.closedForm?.theta[1]).toBeCloseTo(1, 0);
  });

  it('full-batch gradient descent reaches the closed-form minimum', async () => {
    const doc = await json(
      '--model',
      'linear',
      '--data',
      'line',
      '--batch',
      '200',
      '--epochs',
      '300',
    );
    const cf = doc.closedForm;
    expect(cf).not.toBeNull();
    expect(doc.final.fullLoss - (cf?.loss ?? NaN)).toBeLessThan(1e-9);
    expect(doc.final.theta[0]).toBeCloseTo(cf?.theta[0] ?? NaN, 4);
    expect(doc.final.theta[1]).toBeCloseTo(cf?.theta[1] ?? NaN, 4);
  });

  it('csv has a header and one row per step, all parameters at full precision', async () => {
    const r = await descent(
      'train',
      '--model',
      'logistic',
      '--data',
      'blobs',
      '--epochs',
      '1',
      '--format',
      'csv',
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('step,epoch,batch,w1,w2,batch_loss,full_loss,lr');
    expect(lines).toHaveLength(1 + 8); // θ₀ and ⌈200/32⌉ = 7 steps
    expect(lines[1]).toMatch(/^0,,,-2,3,,[\d.]+,$/);
    expect(lines[2]?.split(',')).toHaveLength(8);
  });

  it('csv quotes MLP parameter names that hold commas', async () => {
    const r = await descent(
      'train',
      '--model',
      'mlp',
      '--data',
      'moons',
      '--hidden',
      '2',
      '--epochs',
      '1',
      '--format',
      'csv',
    );
    expect(r.code).toBe(0);
    const header = r.stdout.split('\n')[0];
    expect(header).toBe(
      'step,epoch,batch,"W1[1,1]","W1[1,2]","W1[2,1]","W1[2,2]",b1[1],b1[2],W2[1],W2[2],b2,batch_loss,full_loss,lr',
    );
  });

  it('the table shows the rows, the summary and the closed form', async () => {
    const r = await descent('train', '--model', 'linear', '--data', 'line');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^step\s+epoch\s+batch\s+w\s+b\s+batch loss\s+full loss\s+lr$/);
    expect(lines[1]).toMatch(/^\s+0\s+-\s+-\s+-2\.0000\s+3\.0000\s+-\s+[\d.]+\s+-$/);
    expect(r.stdout).toContain(
      'linear regression on line (200 points, 1 feature): gd, η = 0.1, batch 32, 20 epochs, 140 steps',
    );
    expect(r.stdout).toMatch(/final full loss [\d.]+ at step 140: w = [\d.]+, b = [\d.]+/);
    expect(r.stdout).toMatch(/closed form \(least squares\): w = 2\.0\d+, b = [\d.]+, loss [\d.]+/);
    // About 20 rows by default, the last step always among them.
    const rows = lines.filter((l) => /^\s*\d+\s/.test(l));
    expect(rows.length).toBeLessThanOrEqual(22);
    expect(rows[rows.length - 1]).toMatch(/^\s*140\s/);
  });

  it('the MLP table shows ‖θ‖ and the accuracy', async () => {
    const r = await descent(
      'train',
      '--model',
      'mlp',
      '--data',
      'moons',
      '--optimizer',
      'adam',
      '--lr',
      '0.05',
      '--epochs',
      '30',
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^step\s+epoch\s+batch\s+‖θ‖\s+batch loss\s+full loss\s+lr$/,
    );
    expect(r.stdout).toContain('MLP 2–8–1 (tanh, 33 parameters) on moons');
    const acc = /training accuracy ([\d.]+)%/.exec(r.stdout);
    expect(Number(acc?.[1])).toBeGreaterThan(90);
  });

  it('--every picks every K-th row and the last', async () => {
    const doc = await json('--model', 'linear', '--data', 'line', '--epochs', '3', '--every', '5');
    expect(doc.totalSteps).toBe(21);
    expect(doc.every).toBe(5);
    expect(doc.steps.map((s) => s.step)).toEqual([0, 5, 10, 15, 20, 21]);
  });

  it('--start sets θ₀', async () => {
    const doc = await json(
      '--model',
      'logistic',
      '--data',
      'blobs',
      '--start',
      '0.5,-1',
      '--epochs',
      '1',
    );
    expect(doc.start).toEqual([0.5, -1]);
    expect(doc.steps[0]?.theta).toEqual([0.5, -1]);
    expect(doc.final.accuracy).toBeGreaterThan(0);
  });

  it('a diverging run still exits 0 and says so', async () => {
    const doc = await json(
      '--model',
      'linear',
      '--data',
      'line',
      '--batch',
      '200',
      '--epochs',
      '500',
      '--lr',
      '10',
    );
    expect(doc.status).toBe('diverged');
    expect(doc.divergedAt).toBe(doc.totalSteps + 1);
    const r = await descent(
      'train',
      '--model',
      'linear',
      '--data',
      'line',
      '--batch',
      '200',
      '--epochs',
      '500',
      '--lr',
      '10',
    );
    expect(r.stdout).toMatch(/diverged: step \d+ gave a non-finite θ/);
  });
});

describe('descent train: reproducibility', () => {
  const run = (...extra: string[]): Promise<Result> =>
    descent(
      'train',
      '--model',
      'linear',
      '--data',
      'line',
      '--epochs',
      '3',
      '--format',
      'csv',
      ...extra,
    );

  it('the same seed prints the same numbers', async () => {
    const [a, b] = await Promise.all([run('--seed', '5'), run('--seed', '5')]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('a different seed prints different numbers when batches are smaller than the data', async () => {
    const [a, b] = await Promise.all([run('--seed', '5'), run('--seed', '6')]);
    expect(a.stdout).not.toBe(b.stdout);
    // Same θ₀ either way; the minibatch order is what differs.
    expect(a.stdout.split('\n')[1]).toBe(b.stdout.split('\n')[1]);
  });

  it('--no-shuffle makes the seed irrelevant for linear regression', async () => {
    const [c, d] = await Promise.all([
      run('--seed', '5', '--no-shuffle'),
      run('--seed', '6', '--no-shuffle'),
    ]);
    expect(c.stdout).toBe(d.stdout);
  });

  it('full batches differ only in rounding (the points are summed in another order)', async () => {
    const [a, b] = await Promise.all([
      run('--seed', '5', '--batch', '200'),
      run('--seed', '6', '--batch', '200'),
    ]);
    const numbers = (r: Result): number[] =>
      r.stdout
        .split('\n')
        .slice(1)
        .join(',')
        .split(',')
        .filter((c) => c !== '')
        .map(Number);
    const [na, nb] = [numbers(a), numbers(b)];
    expect(na).toHaveLength(nb.length);
    na.forEach((v, i) => expect(v).toBeCloseTo(nb[i] ?? NaN, 9));
  });

  it('the seed also draws the MLP’s initial weights', async () => {
    const mlp = (seed: string): Promise<Result> =>
      descent(
        'train',
        '--model',
        'mlp',
        '--data',
        'moons',
        '--epochs',
        '1',
        '--format',
        'csv',
        '--no-shuffle',
        '--seed',
        seed,
      );
    const [a, b, c] = await Promise.all([mlp('1'), mlp('1'), mlp('2')]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n')[1]).not.toBe(c.stdout.split('\n')[1]);
  });
});

describe('descent train: CSV files', () => {
  const file = csvFile(
    'line.csv',
    ['x,noise,y', '0,1,1', '1,2,3', '2,oops,5', '', '3,4', '4,5,9', '5,6,11', '6,7,zz'].join('\n') +
      '\n',
  );

  it('reads the chosen columns and reports the skipped rows with line numbers', async () => {
    const r = await descent(
      'train',
      '--model',
      'linear',
      '--data',
      file,
      '--x',
      'x',
      '--y',
      'y',
      '--batch',
      '5',
      '--epochs',
      '400',
      '--lr',
      '0.05',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    // Line 4 has 'oops' in a column not used; line 6 has too few cells; line 9 a bad target.
    expect(r.stderr).toContain('skipped 2 row(s), using 5 point(s)');
    expect(r.stderr).toContain('line 6: expected 3 column(s), found 2');
    expect(r.stderr).toMatch(/line 9: column 'y' is not a number: 'zz'/);
    const doc = JSON.parse(r.stdout) as TrainJson;
    expect(doc.data.points).toBe(5);
    expect(doc.data.skipped.map((s) => s.line)).toEqual([6, 9]);
    // The points lie exactly on y = 2x + 1.
    expect(doc.closedForm?.theta[0]).toBeCloseTo(2, 10);
    expect(doc.closedForm?.theta[1]).toBeCloseTo(1, 10);
    expect(doc.final.theta[0]).toBeCloseTo(2, 3);
  });

  it('picks columns by index too', async () => {
    const r = await descent(
      'train',
      '--model',
      'linear',
      '--data',
      file,
      '--x',
      '0',
      '--y',
      '2',
      '--epochs',
      '1',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`linear regression on ${file} (5 points, 1 feature)`);
  });

  it('a missing column is refused with the columns present', async () => {
    const r = await descent(
      'train',
      '--model',
      'linear',
      '--data',
      file,
      '--x',
      'x',
      '--y',
      'target',
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `descent: --y (${file}): column 'target' is not in the header; the columns are 'x', 'noise', 'y'.\n`,
    );
    const x = await descent(
      'train',
      '--model',
      'linear',
      '--data',
      file,
      '--x',
      'height',
      '--y',
      'y',
    );
    expect(x.code).toBe(2);
    expect(x.stderr).toContain('--x (');
    expect(x.stderr).toContain(
      "column 'height' is not in the header; the columns are 'x', 'noise', 'y'",
    );
  });

  it('linear regression asks for --x when the file has several feature columns', async () => {
    const r = await descent('train', '--model', 'linear', '--data', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--model linear on .*: .*choose the feature column\(s\) with --x/);
  });

  it('classifiers use the other columns as features by default and need 0/1 labels', async () => {
    const labels = csvFile('labels.csv', 'a,b,label\n1,2,1\n-1,-2,0\n2,1,1\n-2,-1,0\n3,3,2\n');
    const r = await descent(
      'train',
      '--model',
      'logistic',
      '--data',
      labels,
      '--epochs',
      '2',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "line 6: label in column 'label' must be 0 or 1 for classification, got 2",
    );
    const doc = JSON.parse(r.stdout) as TrainJson;
    expect(doc.parameters).toEqual(['w1', 'w2']);
    expect(doc.batch).toBe(4);
    const numeric = csvFile('numeric.csv', 'x,y\n1,3.5\n2,5.5\n3,7.5\n');
    const regression = await descent(
      'train',
      '--model',
      'logistic',
      '--data',
      numeric,
      '--x',
      'x',
      '--y',
      'y',
    );
    expect(regression.code).toBe(2);
    expect(regression.stderr).toContain(
      '--model logistic needs labels 0 or 1 in the target column',
    );
  });

  it('a missing file is a usage error', async () => {
    const r = await descent('train', '--model', 'linear', '--data', join(dir, 'nope.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--data: cannot read '.*nope\.csv' \(no such file\)/);
  });
});

describe('descent train: refusals exit 2 with one line', () => {
  it.each([
    [
      ['--model', 'linear', '--data', 'blobs'],
      "--model linear fits a numeric target, but 'blobs' is a classification data set",
    ],
    [
      ['--model', 'logistic', '--data', 'line'],
      "--model logistic classifies labels 0/1, but 'line' is a regression data set",
    ],
    [
      ['--model', 'mlp', '--data', 'line'],
      "--model mlp classifies labels 0/1, but 'line' is a regression data set",
    ],
    [
      ['--model', 'linear', '--data', 'line', '--batch', '201'],
      '--batch expects a whole number from 1 to 200',
    ],
    [
      ['--model', 'linear', '--data', 'line', '--start', '1,2,3'],
      '--start has 3 value(s) but this linear model has 2 parameter(s) (w, b)',
    ],
    [
      ['--model', 'linear', '--data', 'line', '--batch', '1', '--epochs', '10000'],
      'more than 1000000; lower --epochs or raise --batch',
    ],
    [
      ['--model', 'linear', '--data', 'line', '--format', 'yaml'],
      '--format must be one of table, json, csv',
    ],
    [['--model', 'linear'], 'Missing --data'],
  ])('descent train %j', async (argv, message) => {
    const r = await descent('train', ...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.startsWith('descent: ')).toBe(true);
  });
});
