/**
 * The step table (step, position, gradient, next position, f — the layout of the chapter's
 * gradient-descent table) and its text formats: aligned plain text, CSV, Markdown and LaTeX.
 * Used by the CLI's `solve` and by the renderer's copy buttons.
 */
import { COL, STRIDE } from './types.ts';
import type { Dim } from './types.ts';

/** What a table is built from: the packed rows of a trajectory. */
export interface TableSource {
  dim: Dim;
  data: Float64Array;
  count: number;
}

/** Column headers in each output flavour. */
interface Column {
  plain: string;
  markdown: string;
  latex: string;
  /** Reads the cell for row k; null means "no value" (printed as a dash). */
  read: (data: Float64Array, k: number, last: boolean) => number | null;
}

/** One table ready to print: headers plus numeric cells (null = dash). */
export interface StepTable {
  columns: { plain: string; markdown: string; latex: string }[];
  rows: { step: number; cells: (number | null)[] }[];
}

const cell =
  (col: number) =>
  (data: Float64Array, k: number): number =>
    data[k * STRIDE + col] ?? 0;

const next =
  (pos: number, upd: number) =>
  (data: Float64Array, k: number, last: boolean): number | null =>
    last ? null : (data[k * STRIDE + pos] ?? 0) + (data[k * STRIDE + upd] ?? 0);

function columnsFor(dim: Dim, variables: readonly string[], varyingLr: boolean): Column[] {
  const [a = 'x', b = 'y'] = variables;
  const cols: Column[] =
    dim === 1
      ? [
          { plain: a, markdown: a, latex: `$${a}$`, read: cell(COL.x) },
          { plain: `f'(${a})`, markdown: `f′(${a})`, latex: `$f'(${a})$`, read: cell(COL.gx) },
          {
            plain: `next ${a}`,
            markdown: `next ${a}`,
            latex: `$${a}_{k+1}$`,
            read: next(COL.x, COL.ux),
          },
          { plain: `f(${a})`, markdown: `f(${a})`, latex: `$f(${a})$`, read: cell(COL.f) },
        ]
      : [
          { plain: a, markdown: a, latex: `$${a}$`, read: cell(COL.x) },
          { plain: b, markdown: b, latex: `$${b}$`, read: cell(COL.y) },
          {
            plain: `df/d${a}`,
            markdown: `∂f/∂${a}`,
            latex: `$\\partial f/\\partial ${a}$`,
            read: cell(COL.gx),
          },
          {
            plain: `df/d${b}`,
            markdown: `∂f/∂${b}`,
            latex: `$\\partial f/\\partial ${b}$`,
            read: cell(COL.gy),
          },
          {
            plain: `next ${a}`,
            markdown: `next ${a}`,
            latex: `$${a}_{k+1}$`,
            read: next(COL.x, COL.ux),
          },
          {
            plain: `next ${b}`,
            markdown: `next ${b}`,
            latex: `$${b}_{k+1}$`,
            read: next(COL.y, COL.uy),
          },
          {
            plain: `f(${a},${b})`,
            markdown: `f(${a},${b})`,
            latex: `$f(${a},${b})$`,
            read: cell(COL.f),
          },
        ];
  if (varyingLr) {
    // Only worth a column when a schedule changes η along the run.
    cols.push({
      plain: 'lr',
      markdown: 'η',
      latex: '$\\eta$',
      read: (data, k, last) => (last ? null : cell(COL.lr)(data, k)),
    });
  }
  return cols;
}

/** Builds the step table for the first `limit` rows (default all) of a trajectory. */
export function buildStepTable(
  source: TableSource,
  variables: readonly string[],
  limit = source.count,
): StepTable {
  const count = Math.min(limit, source.count);
  const firstLr = source.data[COL.lr] ?? 0;
  let varyingLr = false;
  for (let k = 1; k < count - 1 && !varyingLr; k++) {
    varyingLr = source.data[k * STRIDE + COL.lr] !== firstLr;
  }
  const cols = columnsFor(source.dim, variables, varyingLr);
  const rows: StepTable['rows'] = [];
  for (let k = 0; k < count; k++) {
    // The final row of a full trajectory has no step after it; a cut-off table's last row does.
    const last = k === source.count - 1;
    rows.push({ step: k, cells: cols.map((c) => c.read(source.data, k, last)) });
  }
  return { columns: cols.map(({ plain, markdown, latex }) => ({ plain, markdown, latex })), rows };
}

/**
 * A number for people: fixed decimals for ordinary magnitudes, scientific notation for tiny or
 * huge ones (so 1e-9 does not print as 0.000), and -0 printed as 0.
 */
export function formatNumber(value: number, decimals = 3): string {
  if (value === 0 || Object.is(value, -0)) return (0).toFixed(decimals);
  const abs = Math.abs(value);
  if (abs < 10 ** -decimals || abs >= 1e7)
    return value.toExponential(decimals - 1 > 0 ? decimals - 1 : 1);
  return value.toFixed(decimals);
}

const DASH = '—';

export type TableFormat = 'table' | 'csv' | 'markdown' | 'latex';

/** Renders a step table in one of the text formats. CSV keeps full precision. */
export function formatStepTable(table: StepTable, format: TableFormat, decimals = 3): string {
  const show = (v: number | null): string => (v === null ? DASH : formatNumber(v, decimals));
  switch (format) {
    case 'csv': {
      const header = ['step', ...table.columns.map((c) => c.plain)].map(csvField).join(',');
      const body = table.rows.map((r) =>
        [String(r.step), ...r.cells.map((v) => (v === null ? '' : String(v)))].join(','),
      );
      return [header, ...body].join('\n') + '\n';
    }
    case 'markdown': {
      const header = `| step | ${table.columns.map((c) => c.markdown).join(' | ')} |`;
      const rule = `|${'---|'.repeat(table.columns.length + 1)}`;
      const body = table.rows.map((r) => `| ${r.step} | ${r.cells.map(show).join(' | ')} |`);
      return [header, rule, ...body].join('\n') + '\n';
    }
    case 'latex': {
      const spec = `r${'r'.repeat(table.columns.length)}`;
      const header = `step & ${table.columns.map((c) => c.latex).join(' & ')} \\\\`;
      const body = table.rows.map(
        (r) =>
          `${r.step} & ${r.cells.map((v) => (v === null ? '---' : `$${show(v)}$`)).join(' & ')} \\\\`,
      );
      return (
        [
          `\\begin{tabular}{${spec}}`,
          '\\hline',
          header,
          '\\hline',
          ...body,
          '\\hline',
          '\\end{tabular}',
        ].join('\n') + '\n'
      );
    }
    case 'table': {
      const grid = [
        ['step', ...table.columns.map((c) => c.plain)],
        ...table.rows.map((r) => [String(r.step), ...r.cells.map(show)]),
      ];
      const widths = grid[0]!.map((_, c) => Math.max(...grid.map((row) => (row[c] ?? '').length)));
      return (
        grid.map((row) => row.map((s, c) => s.padStart(widths[c] ?? 0)).join('  ')).join('\n') +
        '\n'
      );
    }
  }
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
