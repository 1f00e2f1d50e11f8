import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTrainArgs } from './args.ts';
import type { TrainArgs } from './args.ts';
import { loadData, rowsToPrint, runTraining } from './command.ts';
import type { TrainRun } from './command.ts';
import { accuracy, stepRow, summaryLines, trainCsv, trainJson, trainTable } from './output.ts';

function run(...argv: string[]): TrainRun {
  const args = parseTrainArgs(argv) as TrainArgs;
  return runTraining(args, loadData(args));
}

describe('rowsToPrint', () => {
  it('takes every K-th step and always the first and the last', () => {
    expect(rowsToPrint(10, 3)).toEqual([0, 3, 6, 9, 10]);
    expect(rowsToPrint(9, 3)).toEqual([0, 3, 6, 9]);
    expect(rowsToPrint(4, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(rowsToPrint(0, 5)).toEqual([0]);
    expect(rowsToPrint(3, 100)).toEqual([0, 3]);
  });

  it('defaults to about 20 table rows and to every row in json and csv', () => {
    expect(run('--model', 'linear', '--data', 'line').every).toBe(7); // 140 steps
    expect(run('--model', 'linear', '--data', 'line', '--epochs', '1').every).toBe(1); // 7 steps
    expect(run('--model', 'linear', '--data', 'line', '--format', 'csv').every).toBe(1);
  });
});

describe('output of one run', () => {
  const r = run('--model', 'linear', '--data', 'line', '--epochs', '2', '--every', '3');

  it('row 0 is θ₀ and belongs to no step', () => {
    expect(stepRow(r, 0)).toEqual({
      step: 0,
      epoch: null,
      batch: null,
      theta: [-2, 3],
      batchLoss: null,
      fullLoss: r.result.fullLoss[0],
      lr: null,
    });
  });

  it('the three formats print the same rows', () => {
    const steps = (JSON.parse(trainJson(r)) as { steps: { step: number }[] }).steps.map(
      (s) => s.step,
    );
    expect(steps).toEqual([0, 3, 6, 9, 12, 14]);
    const csv = trainCsv(r)
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[0]));
    expect(csv).toEqual(steps);
    const table = trainTable(r)
      .split('\n')
      .filter((l) => /^\s*\d+\s/.test(l))
      .map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(table).toEqual(steps);
  });

  it('csv keeps full precision', () => {
    const last = trainCsv(r).trimEnd().split('\n').at(-1)?.split(',') ?? [];
    expect(Number(last[3])).toBe(r.result.theta[2 * r.result.steps]);
    expect(Number(last[6])).toBe(r.result.fullLoss[r.result.steps]);
  });

  it('the summary compares with the closed form', () => {
    const lines = summaryLines(r);
    expect(lines[0]).toBe(
      'linear regression on line (200 points, 1 feature): gd, η = 0.1, batch 32, 2 epochs, 14 steps (shuffled, seed 1)',
    );
    expect(lines[1]).toMatch(/^final full loss [\d.]+ at step 14: w = [\d.]+, b = [\d.]+$/);
    expect(lines[2]).toMatch(
      /^closed form \(least squares\): w = [\d.]+, b = [\d.]+, loss [\d.]+ \(final − closed form = [\d.]+e[-+]\d+\)$/,
    );
  });
});

describe('accuracy', () => {
  it('counts the points whose label gets probability above ½', () => {
    const r = run('--model', 'logistic', '--data', 'blobs', '--start', '1,1', '--epochs', '1');
    // w = (1, 1) separates blobs centred on ±(1.5, 1) well; w = (−1, −1) gets them backwards.
    expect(accuracy(r.model, r, [1, 1])).toBeGreaterThan(0.9);
    expect(accuracy(r.model, r, [-1, -1])).toBeLessThan(0.1);
    expect(accuracy(r.model, r, [1, 1]) + accuracy(r.model, r, [-1, -1])).toBeCloseTo(1, 12);
  });
});

describe('the real command', () => {
  it('runs through the bundle, train loaded on demand', async () => {
    const bin = fileURLToPath(new URL('../../bin/descent.mjs', import.meta.url));
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin, 'train', '--model', 'logistic', '--data', 'blobs', '--epochs', '2'],
        { timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('logistic regression on blobs (200 points, 2 features)');
    expect(r.stdout).toMatch(/training accuracy [\d.]+%/);
  });
});
