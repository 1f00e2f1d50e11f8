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
  /** A run on minibatches (shared/model/trajectory.ts): each step's epoch, batch and its loss. */
  minibatch?: { loss: Float64Array; epoch: Int32Array; batch: Int32Array };
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

/**
 * Epoch and batch (1-based, as people count them) before the position, the minibatch's own loss
 * after f: the step's loss as SGD saw it beside the full loss the surface shows.
 */
function minibatchColumns(m: NonNullable<TableSource['minibatch']>): {
  before: Column[];
  after: Column;
} {
  const at =
    (values: Int32Array | Float64Array, plus: number) =>
    (_data: Float64Array, k: number, last: boolean): number | null => {
      const v = values[k];
      return last || v === undefined || v < 0 || !Number.isFinite(v) ? null : v + plus;
    };
  return {
    before: [
      { plain: 'epoch', markdown: 'epoch', latex: 'epoch', read: at(m.epoch, 1) },
      { plain: 'batch', markdown: 'batch', latex: 'batch', read: at(m.batch, 1) },
    ],
    after: {
      plain: 'batch loss',
      markdown: 'batch loss',
      latex: '$L_{\\mathrm{batch}}$',
      read: at(m.loss, 0),
    },
  };
}

function columnsFor(
  dim: Dim,
  variables: readonly string[],
  varyingLr: boolean,
  minibatch?: TableSource['minibatch'],
): Column[] {
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
  if (minibatch) {
    const extra = minibatchColumns(minibatch);
    cols.unshift(...extra.before);
    cols.push(extra.after);
  }
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
  const lazy = lazyRows(source, variables, limit);
  const rows: StepTable['rows'] = [];
  for (let k = 0; k < lazy.count; k++) {
    const cells: (number | null)[] = [];
    for (let c = 0; c < lazy.columns.length; c++) cells.push(lazy.cell(k, c));
    rows.push({ step: k, cells });
  }
  return { columns: lazy.columns, rows };
}

/**
 * A table read row by row on demand, so a million-step run is formatted without first building
 * a million row objects (and a virtualised view builds only the rows it shows).
 */
export interface RowSource {
  columns: StepTable['columns'];
  count: number;
  step: (k: number) => number;
  cell: (k: number, c: number) => number | null;
}

export function lazyRows(
  source: TableSource,
  variables: readonly string[],
  limit: number,
): RowSource {
  const count = Math.max(0, Math.min(limit, source.count));
  const firstLr = source.data[COL.lr] ?? 0;
  let varyingLr = false;
  for (let k = 1; k < count - 1 && !varyingLr; k++) {
    varyingLr = source.data[k * STRIDE + COL.lr] !== firstLr;
  }
  const cols = columnsFor(source.dim, variables, varyingLr, source.minibatch);
  return {
    columns: cols.map(({ plain, markdown, latex }) => ({ plain, markdown, latex })),
    count,
    step: (k) => k,
    // The final row of a full trajectory has no step after it; a cut-off table's last row does.
    cell: (k, c) => cols[c]?.read(source.data, k, k === source.count - 1) ?? null,
  };
}

function builtRows(table: StepTable): RowSource {
  return {
    columns: table.columns,
    count: table.rows.length,
    step: (k) => table.rows[k]?.step ?? k,
    cell: (k, c) => table.rows[k]?.cells[c] ?? null,
  };
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
  let text = '';
  for (const chunk of chunksOf(builtRows(table), format, decimals)) text += chunk;
  return text;
}

/**
 * The step table of a trajectory as text, in pieces of about `rowsPerChunk` lines: what a
 * command line streams, so output starts at once and memory stays flat however long the run.
 * Joined, the pieces equal `formatStepTable(buildStepTable(source, variables), format)`.
 */
export function streamStepTable(
  source: TableSource,
  variables: readonly string[],
  format: TableFormat,
  decimals = 3,
  rowsPerChunk = 2048,
): Generator<string> {
  return chunksOf(lazyRows(source, variables, source.count), format, decimals, rowsPerChunk);
}

function* chunksOf(
  rows: RowSource,
  format: TableFormat,
  decimals: number,
  rowsPerChunk = Infinity,
): Generator<string> {
  const show = (v: number | null): string => (v === null ? DASH : formatNumber(v, decimals));
  const ncol = rows.columns.length;
  // Each format is a header, one line per row and a footer; only the row line differs.
  let header: string[];
  let line: (k: number) => string;
  let footer: string[] = [];
  switch (format) {
    case 'csv': {
      header = [['step', ...rows.columns.map((c) => c.plain)].map(csvField).join(',')];
      line = (k) => {
        let text = String(rows.step(k));
        for (let c = 0; c < ncol; c++) {
          const v = rows.cell(k, c);
          text += v === null ? ',' : `,${v}`;
        }
        return text;
      };
      break;
    }
    case 'markdown': {
      header = [
        `| step | ${rows.columns.map((c) => c.markdown).join(' | ')} |`,
        `|${'---|'.repeat(ncol + 1)}`,
      ];
      line = (k) => {
        let text = `| ${rows.step(k)} |`;
        for (let c = 0; c < ncol; c++) text += ` ${show(rows.cell(k, c))} |`;
        return text;
      };
      break;
    }
    case 'latex': {
      header = [
        `\\begin{tabular}{r${'r'.repeat(ncol)}}`,
        '\\hline',
        `step & ${rows.columns.map((c) => c.latex).join(' & ')} \\\\`,
        '\\hline',
      ];
      line = (k) => {
        let text = String(rows.step(k));
        for (let c = 0; c < ncol; c++) {
          const v = rows.cell(k, c);
          text += v === null ? ' & ---' : ` & $${show(v)}$`;
        }
        return `${text} \\\\`;
      };
      footer = ['\\hline', '\\end{tabular}'];
      break;
    }
    case 'table': {
      // Right-aligned columns: a first pass finds each column's width. A loop, not
      // Math.max(...cells): spreading a million values overflows the call stack.
      const titles = ['step', ...rows.columns.map((c) => c.plain)];
      const widths = titles.map((t) => t.length);
      for (let k = 0; k < rows.count; k++) {
        widths[0] = Math.max(widths[0] ?? 0, String(rows.step(k)).length);
        for (let c = 0; c < ncol; c++) {
          widths[c + 1] = Math.max(widths[c + 1] ?? 0, show(rows.cell(k, c)).length);
        }
      }
      const pad = (text: string, c: number): string => text.padStart(widths[c] ?? 0);
      header = [titles.map(pad).join('  ')];
      line = (k) => {
        let text = pad(String(rows.step(k)), 0);
        for (let c = 0; c < ncol; c++) text += `  ${pad(show(rows.cell(k, c)), c + 1)}`;
        return text;
      };
      break;
    }
  }
  let chunk = header.join('\n') + '\n';
  let inChunk = 0;
  for (let k = 0; k < rows.count; k++) {
    chunk += line(k) + '\n';
    if (++inChunk >= rowsPerChunk) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  if (footer.length > 0) chunk += footer.join('\n') + '\n';
  if (chunk) yield chunk;
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
