/**
 * The compare table: several runs side by side, one row per step — the layout of the chapter's
 * learning-rate table (step, then x and f for each η; y too for f of two variables). Built from
 * the runs' trajectories and written out in the same text formats as the step table (CSV with
 * full precision, Markdown, LaTeX, aligned text).
 * @see ./table.ts for the single-run step table and the shared number formatting.
 */
import { formatNumber } from './table.ts';
import type { TableFormat, TableSource } from './table.ts';
import { COL, STRIDE } from './types.ts';

/** One run to compare: its id, the label its legend shows, and its trajectory. */
export interface CompareRunSource {
  id: string;
  label: string;
  trajectory: TableSource;
}

/** What each run contributes per row, in order: the position, then f. */
export type CompareQuantity = 'x' | 'y' | 'f';

/** A quantity's header in each output flavour. */
export interface CompareHeader {
  key: CompareQuantity;
  plain: string;
  markdown: string;
  latex: string;
}

/** A compare table ready to show or print. */
export interface CompareTable {
  runs: { id: string; label: string }[];
  /** The quantities every run shows, in order (x and f, or x, y and f). */
  quantities: CompareHeader[];
  /**
   * One row per step, from 0 to the longest run's last; `cells` holds, run after run, each
   * quantity of that run at that step, or null once the run has no such step (it stopped or
   * diverged earlier).
   */
  rows: { step: number; cells: (number | null)[] }[];
}

const SLOT: Readonly<Record<CompareQuantity, number>> = { x: COL.x, y: COL.y, f: COL.f };

/**
 * Builds the compare table of `runs` (all of the same f, whose variables are `variables`), for
 * the first `limit` steps at most.
 */
export function buildCompareTable(
  runs: readonly CompareRunSource[],
  variables: readonly string[],
  limit = Infinity,
): CompareTable {
  const dim = runs[0]?.trajectory.dim ?? (variables.length >= 2 ? 2 : 1);
  const [a = 'x', b = 'y'] = variables;
  const position: CompareHeader[] =
    dim === 1
      ? [{ key: 'x', plain: a, markdown: a, latex: `$${a}$` }]
      : [
          { key: 'x', plain: a, markdown: a, latex: `$${a}$` },
          { key: 'y', plain: b, markdown: b, latex: `$${b}$` },
        ];
  const quantities = [...position, { key: 'f', plain: 'f', markdown: 'f', latex: '$f$' } as const];
  let count = 0;
  for (const r of runs) count = Math.max(count, r.trajectory.count);
  count = Math.min(count, limit);
  const rows: CompareTable['rows'] = [];
  for (let k = 0; k < count; k++) {
    const cells: (number | null)[] = [];
    for (const r of runs) {
      const t = r.trajectory;
      for (const q of quantities) {
        cells.push(k < t.count ? (t.data[k * STRIDE + SLOT[q.key]] ?? null) : null);
      }
    }
    rows.push({ step: k, cells });
  }
  return { runs: runs.map(({ id, label }) => ({ id, label })), quantities, rows };
}

const DASH = '—';

/** Text that LaTeX typesets as written: its special characters escaped, Greek letters as math. */
export function latexText(text: string): string {
  const SPECIAL: Readonly<Record<string, string>> = {
    '\\': '\\textbackslash{}',
    '{': '\\{',
    '}': '\\}',
    $: '\\$',
    '&': '\\&',
    '#': '\\#',
    '^': '\\^{}',
    _: '\\_',
    '%': '\\%',
    '~': '\\~{}',
    η: '$\\eta$',
    β: '$\\beta$',
    σ: '$\\sigma$',
    ρ: '$\\rho$',
    ε: '$\\varepsilon$',
    γ: '$\\gamma$',
    λ: '$\\lambda$',
    θ: '$\\theta$',
    '−': '$-$',
    '·': '$\\cdot$',
    '∞': '$\\infty$',
    '₁': '$_1$',
    '₂': '$_2$',
  };
  return [...text].map((c) => SPECIAL[c] ?? c).join('');
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes a compare table as text. CSV keeps full precision and names each column after its
 * quantity and run ("x (η = 0.1)"); LaTeX groups each run's columns under its label.
 */
export function formatCompareTable(table: CompareTable, format: TableFormat, decimals = 3): string {
  const show = (v: number | null): string => (v === null ? DASH : formatNumber(v, decimals));
  const titles = table.runs.flatMap((r) => table.quantities.map((q) => `${q.plain} (${r.label})`));
  const lines: string[] = [];
  switch (format) {
    case 'csv':
      lines.push(['step', ...titles].map(csvField).join(','));
      for (const row of table.rows) {
        lines.push(
          [String(row.step), ...row.cells.map((v) => (v === null ? '' : String(v)))].join(','),
        );
      }
      break;
    case 'markdown': {
      const heads = table.runs.flatMap((r) =>
        table.quantities.map((q) => `${q.markdown} (${r.label.replace(/\|/g, '\\|')})`),
      );
      lines.push(`| step | ${heads.join(' | ')} |`, `|${'---|'.repeat(heads.length + 1)}`);
      for (const row of table.rows) {
        lines.push(`| ${row.step} | ${row.cells.map(show).join(' | ')} |`);
      }
      break;
    }
    case 'latex': {
      const per = table.quantities.length;
      const n = table.runs.length * per;
      lines.push(`\\begin{tabular}{r${'r'.repeat(n)}}`, '\\hline');
      lines.push(
        ` & ${table.runs.map((r) => `\\multicolumn{${per}}{c}{${latexText(r.label)}}`).join(' & ')} \\\\`,
      );
      lines.push(
        `step & ${table.runs.flatMap(() => table.quantities.map((q) => q.latex)).join(' & ')} \\\\`,
        '\\hline',
      );
      for (const row of table.rows) {
        const cells = row.cells.map((v) => (v === null ? '---' : `$${show(v)}$`));
        lines.push(`${row.step} & ${cells.join(' & ')} \\\\`);
      }
      lines.push('\\hline', '\\end{tabular}');
      break;
    }
    case 'table': {
      const all = ['step', ...titles];
      const body = table.rows.map((row) => [String(row.step), ...row.cells.map(show)]);
      // A loop, not Math.max(...column): spreading a million rows overflows the call stack.
      const widths = all.map((t) => t.length);
      for (const r of body)
        r.forEach((text, c) => (widths[c] = Math.max(widths[c] ?? 0, text.length)));
      const line = (cells: string[]): string =>
        cells.map((text, c) => text.padStart(widths[c] ?? 0)).join('  ');
      lines.push(line(all), ...body.map(line));
      break;
    }
  }
  return lines.join('\n') + '\n';
}
