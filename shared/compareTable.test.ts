/**
 * The compare table against the chapter's learning-rate table (x² from x₀ = 3 with η = 0.1,
 * 0.5 and 1.1), and its text formats.
 */
import { describe, expect, it } from 'vitest';
import { buildCompareTable, formatCompareTable, latexText } from './compareTable.ts';
import type { CompareRunSource } from './compareTable.ts';
import { runTrajectory } from './optim/index.ts';
import { getPreset } from './scene/presets.ts';
import { runLabel } from './scene/runName.ts';
import { getSurface } from './surfaces.ts';

/** The lr-compare preset's runs, solved. */
function lrCompareRuns(): CompareRunSource[] {
  const scene = getPreset('lr-compare')!.scene;
  const parabola = getSurface('parabola')!.objective;
  return scene.runs.map((r) => ({
    id: r.id,
    label: runLabel(r),
    trajectory: runTrajectory(parabola, r.params, r.start, r.steps, { domain: scene.domain }),
  }));
}

describe('buildCompareTable', () => {
  it("reproduces the chapter's three-η table, x and f side by side", () => {
    const table = buildCompareTable(lrCompareRuns(), ['x']);
    expect(table.runs.map((r) => r.label)).toEqual(['η = 0.1', 'η = 0.5', 'η = 1.1']);
    expect(table.quantities.map((q) => q.key)).toEqual(['x', 'f']);
    const x = (run: number) => table.rows.slice(0, 4).map((r) => r.cells[run * 2]!);
    const f = (run: number) => table.rows.slice(0, 4).map((r) => r.cells[run * 2 + 1]!);
    // Chapter §5: 3 → 2.4 → 1.92 → 1.536; 3 → 0 → 0 → 0; 3 → −3.6 → 4.32 → −5.184.
    [3, 2.4, 1.92, 1.536].forEach((v, i) => expect(x(0)[i]).toBeCloseTo(v, 12));
    [3, 0, 0, 0].forEach((v, i) => expect(x(1)[i]).toBeCloseTo(v, 12));
    [3, -3.6, 4.32, -5.184].forEach((v, i) => expect(x(2)[i]).toBeCloseTo(v, 12));
    // f = x²: 9 → 5.76 → 3.686 → 2.359 for η = 0.1.
    [9, 5.76, 3.6864, 2.359296].forEach((v, i) => expect(f(0)[i]).toBeCloseTo(v, 12));
    [9, 12.96, 18.6624, 26.873856].forEach((v, i) => expect(f(2)[i]).toBeCloseTo(v, 12));
    // One row per step, each with two cells per run.
    expect(table.rows.map((r) => r.step)).toEqual(table.rows.map((_, i) => i));
    for (const row of table.rows) expect(row.cells).toHaveLength(6);
  });

  it('shows y too for f of two variables, and dashes once a run has stopped', () => {
    const bowl = getSurface('bowl')!.objective;
    const params = getPreset('bowl-2d')!.scene.runs[0]!.params;
    const runs: CompareRunSource[] = [
      { id: 'a', label: 'long', trajectory: runTrajectory(bowl, params, [3, 3], 4) },
      { id: 'b', label: 'short', trajectory: runTrajectory(bowl, params, [1, -2], 2) },
    ];
    const table = buildCompareTable(runs, ['x', 'y']);
    expect(table.quantities.map((q) => q.plain)).toEqual(['x', 'y', 'f']);
    expect(table.rows).toHaveLength(5);
    expect(table.rows[1]!.cells.slice(0, 3).map((v) => v!)).toEqual([
      expect.closeTo(2.4, 12),
      expect.closeTo(2.4, 12),
      expect.closeTo(11.52, 12),
    ]);
    expect(table.rows[1]!.cells.slice(3)).toEqual([
      expect.closeTo(0.8, 12),
      expect.closeTo(-1.6, 12),
      expect.closeTo(3.2, 12),
    ]);
    expect(table.rows[3]!.cells.slice(3)).toEqual([null, null, null]);
    expect(buildCompareTable(runs, ['x', 'y'], 2).rows).toHaveLength(2);
  });

  it('is empty without runs', () => {
    const table = buildCompareTable([], ['x', 'y']);
    expect(table.rows).toEqual([]);
    expect(table.quantities.map((q) => q.key)).toEqual(['x', 'y', 'f']);
  });
});

describe('formatCompareTable', () => {
  const table = buildCompareTable(lrCompareRuns(), ['x'], 3);

  it('CSV names each column after quantity and run, with full precision', () => {
    const lines = formatCompareTable(table, 'csv').trim().split('\n');
    expect(lines[0]).toBe(
      'step,x (η = 0.1),f (η = 0.1),x (η = 0.5),f (η = 0.5),x (η = 1.1),f (η = 1.1)',
    );
    const step1 = lines[2]!.split(',').map(Number);
    expect(step1[0]).toBe(1);
    expect(step1[1]).toBeCloseTo(2.4, 14);
    expect(step1[5]).toBeCloseTo(-3.6, 14);
    expect(lines).toHaveLength(4);
  });

  it('Markdown reads like the chapter (three decimals)', () => {
    expect(formatCompareTable(table, 'markdown')).toBe(
      [
        '| step | x (η = 0.1) | f (η = 0.1) | x (η = 0.5) | f (η = 0.5) | x (η = 1.1) | f (η = 1.1) |',
        '|---|---|---|---|---|---|---|',
        '| 0 | 3.000 | 9.000 | 3.000 | 9.000 | 3.000 | 9.000 |',
        '| 1 | 2.400 | 5.760 | 0.000 | 0.000 | -3.600 | 12.960 |',
        '| 2 | 1.920 | 3.686 | 0.000 | 0.000 | 4.320 | 18.662 |',
        '',
      ].join('\n'),
    );
  });

  it('LaTeX groups each run under its label, written for LaTeX', () => {
    const text = formatCompareTable(table, 'latex');
    expect(text).toContain('\\begin{tabular}{rrrrrrr}');
    expect(text).toContain(' & \\multicolumn{2}{c}{$\\eta$ = 0.1} & ');
    expect(text).toContain('step & $x$ & $f$ & $x$ & $f$ & $x$ & $f$ \\\\');
    expect(text).toContain('1 & $2.400$ & $5.760$ & $0.000$ & $0.000$ & $-3.600$ & $12.960$ \\\\');
    expect(text.trim().endsWith('\\end{tabular}')).toBe(true);
  });

  it('aligned text pads every column, and dashes fill stopped runs', () => {
    const bowl = getSurface('bowl')!.objective;
    const params = getPreset('bowl-2d')!.scene.runs[0]!.params;
    const short = buildCompareTable(
      [
        { id: 'a', label: 'a', trajectory: runTrajectory(bowl, params, [3, 3], 2) },
        { id: 'b', label: 'b', trajectory: runTrajectory(bowl, params, [1, 1], 0) },
      ],
      ['x', 'y'],
    );
    const lines = formatCompareTable(short, 'table').trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[2]).toContain('—');
    expect(formatCompareTable(short, 'markdown')).toContain('| — | — | — |');
  });

  it.each([
    ['η = 0.1', '$\\eta$ = 0.1'],
    ['Start (−1, 1)', 'Start ($-$1, 1)'],
    ['50% & more_{x}', '50\\% \\& more\\_\\{x\\}'],
  ])('latexText(%j) = %j', (text, latex) => expect(latexText(text)).toBe(latex));
});
