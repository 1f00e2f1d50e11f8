import { describe, expect, it } from 'vitest';
import { runTrajectory } from './optim/index.ts';
import { resolveProblem } from './problem.ts';
import { solveRun } from './solve.ts';
import { getSurface } from './surfaces.ts';
import { buildStepTable, formatNumber, formatStepTable, streamStepTable } from './table.ts';
import type { TableFormat } from './table.ts';
import { COL, DEFAULT_OPTIMIZER, STRIDE } from './types.ts';

function chapterTable() {
  const parabola = getSurface('parabola');
  if (!parabola) throw new Error('parabola surface missing');
  const run = runTrajectory(parabola.objective, { ...DEFAULT_OPTIMIZER, lr: 0.1 }, [3], 3);
  return buildStepTable(run, ['x']);
}

describe('step table', () => {
  it("reproduces the chapter's gradient-descent table (x0 = 3, η = 0.1)", () => {
    const md = formatStepTable(chapterTable(), 'markdown');
    expect(md.split('\n')).toEqual([
      '| step | x | f′(x) | next x | f(x) |',
      '|---|---|---|---|---|',
      '| 0 | 3.000 | 6.000 | 2.400 | 9.000 |',
      '| 1 | 2.400 | 4.800 | 1.920 | 5.760 |',
      '| 2 | 1.920 | 3.840 | 1.536 | 3.686 |',
      '| 3 | 1.536 | 3.072 | — | 2.359 |',
      '',
    ]);
  });

  it('keeps full precision in CSV and leaves the last update empty', () => {
    const csv = formatStepTable(chapterTable(), 'csv').trim().split('\n');
    expect(csv[0]).toBe("step,x,f'(x),next x,f(x)");
    const last = csv[4]?.split(',') ?? [];
    expect(Number(last[1])).toBeCloseTo(1.536, 12);
    expect(last[3]).toBe('');
    expect(Number(last[4])).toBeCloseTo(2.359296, 12);
  });

  it('writes a LaTeX tabular with one row per step', () => {
    const tex = formatStepTable(chapterTable(), 'latex');
    expect(tex).toContain('\\begin{tabular}{rrrrr}');
    expect(tex).toContain('2 & $1.920$ & $3.840$ & $1.536$ & $3.686$ \\\\');
    expect(tex.match(/\\\\/g)).toHaveLength(5);
  });

  it('labels two-variable tables with partial derivatives', () => {
    const bowl = getSurface('bowl');
    if (!bowl) throw new Error('bowl missing');
    const run = runTrajectory(bowl.objective, DEFAULT_OPTIMIZER, [3, 3], 2);
    const table = buildStepTable(run, ['x', 'y']);
    expect(table.columns.map((c) => c.markdown)).toEqual([
      'x',
      'y',
      '∂f/∂x',
      '∂f/∂y',
      'next x',
      'next y',
      'f(x,y)',
    ]);
    expect(table.rows[1]?.cells[0]).toBeCloseTo(2.4, 12);
  });

  it('adds an η column only when a schedule changes it', () => {
    const parabola = getSurface('parabola');
    if (!parabola) throw new Error('parabola missing');
    const params = {
      ...DEFAULT_OPTIMIZER,
      schedule: { ...DEFAULT_OPTIMIZER.schedule, kind: 'exp' as const, gamma: 0.5 },
    };
    const run = runTrajectory(parabola.objective, params, [3], 4);
    expect(buildStepTable(run, ['x']).columns.at(-1)?.plain).toBe('lr');
  });

  it('formats tiny and huge numbers readably', () => {
    expect(formatNumber(0)).toBe('0.000');
    expect(formatNumber(-0.0001)).toBe('-1.00e-4');
    expect(formatNumber(1e9)).toBe('1.00e+9');
    expect(formatNumber(-0.0004, 3)).toBe('-4.00e-4');
    expect(formatNumber(2.3596)).toBe('2.360');
  });
});

describe('streamed step table', () => {
  const formats: TableFormat[] = ['table', 'csv', 'markdown', 'latex'];

  it.each(formats)('%s: the pieces join to the same text as formatStepTable', (format) => {
    const bowl = getSurface('bowl');
    if (!bowl) throw new Error('bowl missing');
    const run = runTrajectory(bowl.objective, DEFAULT_OPTIMIZER, [3, -2], 40);
    const pieces = [...streamStepTable(run, ['x', 'y'], format, 3, 7)];
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(formatStepTable(buildStepTable(run, ['x', 'y']), format));
  });

  it('formats a million rows as an aligned table without overflowing the stack', () => {
    // A synthetic 1D run of 1 000 001 rows (the CLI's maximum of 1 000 000 steps); the aligned
    // table is the format that measures every row before printing the first.
    const count = 1_000_001;
    const data = new Float64Array(count * STRIDE);
    for (let k = 0; k < count; k++) {
      data[k * STRIDE + COL.x] = 3 * 0.8 ** (k % 50);
      data[k * STRIDE + COL.f] = k;
    }
    let lines = 0;
    let last = '';
    for (const piece of streamStepTable({ dim: 1, data, count }, ['x'], 'table')) {
      for (let i = piece.indexOf('\n'); i !== -1; i = piece.indexOf('\n', i + 1)) lines++;
      last = piece;
    }
    expect(lines).toBe(count + 1);
    expect(last).toMatch(/\n1000000 +3\.000 +0\.000 +— +1000000\.000\n$/);
  }, 30_000);
});

describe('a run on minibatches', () => {
  it('adds epoch and batch (1-based) before the position and the batch loss after f', () => {
    const problem = resolveProblem({
      kind: 'model',
      model: 'linear',
      data: { kind: 'builtin', name: 'line', n: 20, seed: 3, noise: 0.5 },
    });
    const run = {
      id: 'r',
      params: { ...DEFAULT_OPTIMIZER, lr: 0.05 },
      start: [0, 0],
      steps: 12,
      batch: 5,
    };
    const t = solveRun(problem, run, problem.domain);
    const table = buildStepTable(t, ['w', 'b']);
    expect(table.columns.map((c) => c.plain)).toEqual([
      'epoch',
      'batch',
      'w',
      'b',
      'df/dw',
      'df/db',
      'next w',
      'next b',
      'f(w,b)',
      'batch loss',
    ]);
    // 20 points in batches of 5: four batches per epoch, so step 4 (0-based) opens epoch 2.
    expect(table.rows.slice(0, 6).map((r) => r.cells.slice(0, 2))).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [1, 4],
      [2, 1],
      [2, 2],
    ]);
    const last = table.rows[table.rows.length - 1]!;
    expect(last.cells[0]).toBeNull();
    expect(last.cells[9]).toBeNull();
    // A batch's loss differs from the full loss at the same point.
    const first = table.rows[0]!;
    expect(first.cells[9]).not.toBeCloseTo(first.cells[8]!, 3);
  });
});
