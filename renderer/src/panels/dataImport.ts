/**
 * The pure part of importing a CSV file as a model scene's data: a preview of the file (header and
 * first rows), the default column choice, and the inline data spec the chosen columns give, with
 * every reason the import cannot go ahead spelled out. DataImportDialog draws it; the row checks
 * themselves are shared/model/data.ts's, so the app and the CLI agree on which rows are usable.
 */
import Papa from 'papaparse';
import { datasetFromCsv, datasetToJson } from '../../../shared/model/data.ts';
import type { SkippedRow, Task } from '../../../shared/model/data.ts';
import { modelProblem } from '../../../shared/model/problem.ts';
import type { Domain } from '../../../shared/types.ts';
import type { DataSpec, ProblemSpec } from '../../../shared/schema.ts';
import { MAX_DATA_POINTS } from '../../../shared/schema.ts';

export type ModelKind = Extract<ProblemSpec, { kind: 'model' }>['model'];
export type InlineData = Extract<DataSpec, { kind: 'inline' }>;

/** Largest file the dialog reads: far above 5000 rows of a few columns, far below a freeze. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Data rows shown in the preview table. */
export const PREVIEW_ROWS = 5;
/** Skipped rows listed one by one; the rest are only counted. */
export const SKIPPED_LISTED = 10;

/** What each model needs of its data. */
export const MODEL_NEEDS: Readonly<Record<ModelKind, { task: Task; features: number }>> = {
  linear: { task: 'regression', features: 1 },
  logistic: { task: 'classification', features: 2 },
};

/** The same number rule as datasetFromCsv, so the preview finds the header it will find. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface CsvPreview {
  /** The header row's cells, or null when the first row is data. */
  header: string[] | null;
  /** A name for every column: the header's, or "Column 1", "Column 2", … */
  columns: string[];
  /** The first data rows, as text. */
  rows: string[][];
}

/** Header and first rows of a CSV text; blank lines are left out, as the import leaves them. */
export function previewCsv(text: string): CsvPreview {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The same delimiter guess as datasetFromCsv's (the first 20 non-empty lines).
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: true, preview: 20 });
  const rows = parsed.data
    .map((row) => row.map((c) => String(c).trim()))
    .filter((row) => row.some((c) => c !== ''));
  const first = rows[0];
  if (!first) return { header: null, columns: [], rows: [] };
  // datasetFromCsv's rule with columns given by index: a header has no number in it.
  const header = first.every((c) => !NUMBER.test(c)) ? first : null;
  const columns = first.map((_, i) => {
    const name = header?.[i];
    return name ? name : `Column ${i + 1}`;
  });
  return { header, columns, rows: (header ? rows.slice(1) : rows).slice(0, PREVIEW_ROWS) };
}

/** Which columns to use, by 0-based index. */
export interface ColumnChoice {
  x: number[];
  y: number;
}

/** The first columns in order as the features, the last column as the target. */
export function defaultColumns(width: number, model: ModelKind): ColumnChoice {
  const d = MODEL_NEEDS[model].features;
  return {
    x: Array.from({ length: d }, (_, k) => Math.min(k, Math.max(width - 1, 0))),
    y: Math.max(width - 1, 0),
  };
}

export interface ImportCheck {
  /** Rows that would be imported (0 when the columns cannot be read at all). */
  usable: number;
  /** Rows left out, with their line numbers and reasons, in file order. */
  skipped: SkippedRow[];
  /** Why the import cannot go ahead, in plain words; null when it can. */
  error: string | null;
  /** The data to put in the scene; null exactly when `error` is set. */
  data: InlineData | null;
  /** The viewing box around the new data's loss (the old one may not hold its minimum). */
  domain?: Domain;
}

const fail = (error: string, usable = 0, skipped: SkippedRow[] = []): ImportCheck => ({
  usable,
  skipped,
  error,
  data: null,
});

/** A file name fit for the scene (the schema keeps names to 200 characters). */
function dataName(fileName: string): string {
  const name = fileName.trim() || 'imported data';
  return name.length > 200 ? `${name.slice(0, 199)}…` : name;
}

/**
 * Reads the chosen columns of `text` for `model` and says whether the result can become the
 * scene's data. Rows are checked by datasetFromCsv; on top of that the chosen columns must differ,
 * 2 to MAX_DATA_POINTS rows must be usable, a logistic model's targets must all be 0 or 1 (a
 * column of 1/2 or −1/1 labels is the wrong column or needs recoding, not a few bad rows), and the
 * model must accept the data (a constant input column has no least-squares fit).
 */
export function checkImport(
  text: string,
  fileName: string,
  model: ModelKind,
  choice: ColumnChoice,
  columnNames: readonly string[] = [],
): ImportCheck {
  const { task, features } = MODEL_NEEDS[model];
  if (choice.x.length !== features) {
    return fail(`Choose ${features === 1 ? 'one input column' : `${features} input columns`}.`);
  }
  const used = [...choice.x, choice.y];
  if (new Set(used).size !== used.length) {
    return fail('Choose a different column for each input and for the target.');
  }
  const nameOf = (i: number): string => `'${columnNames[i] ?? `Column ${i + 1}`}'`;

  // Targets are read as plain numbers here and checked below, so that wrong labels stop the
  // import with one clear message instead of being skipped row by row.
  let result;
  try {
    result = datasetFromCsv(text, { x: choice.x, y: choice.y, task: 'regression' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('no usable rows')) {
      return fail(
        `No row can be used: ${message.replace(/^no usable rows in the CSV text: /, '')}.`,
      );
    }
    return fail(`The file cannot be read: ${message}.`);
  }
  const { dataset, skipped } = result;
  const n = dataset.y.length;
  if (n > MAX_DATA_POINTS) {
    return fail(
      `The file has ${n} usable rows; a scene holds at most ${MAX_DATA_POINTS} points. Shorten the file and import it again.`,
      n,
      skipped,
    );
  }
  if (n < 2) return fail('Only one row can be used; a model needs at least 2 points.', n, skipped);
  if (task === 'classification') {
    const others = new Set<number>();
    let count = 0;
    for (const t of dataset.y) {
      if (t !== 0 && t !== 1) {
        count++;
        if (others.size < 3) others.add(t);
      }
    }
    if (count > 0) {
      return fail(
        `Logistic regression needs labels 0 or 1 in the target column; ${nameOf(choice.y)} has ${count} row(s) with other values (${[...others].join(', ')}${count > others.size ? ', …' : ''}).`,
        n,
        skipped,
      );
    }
  }
  const json = datasetToJson({ ...dataset, name: dataName(fileName), task });
  const data: InlineData = { kind: 'inline', ...json };
  let domain: Domain;
  try {
    domain = modelProblem({ kind: 'model', model, data }).domain;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(`The model cannot use these columns: ${message}`, n, skipped);
  }
  return { usable: n, skipped, error: null, data, domain };
}
