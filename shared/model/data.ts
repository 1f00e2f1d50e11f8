/**
 * Data sets for the "real model" scenes: small seeded generators (a noisy line, two blobs, two
 * moons), CSV import and a JSON form that a scene document can hold inline.
 *
 * A data set is stored flat (features row-major in one Float64Array) so that the models in
 * models.ts can loop over it without allocating. Generators draw from the seeded PRNG in
 * shared/optim/rng.ts, so the same options give the same points bit for bit everywhere.
 */

import Papa from 'papaparse';
import { createRng, nextFloat, nextGaussian } from '../optim/rng.ts';

/** What a model learns from. */
export type Task = 'regression' | 'classification';

/** n labelled points with d features each. */
export interface Dataset {
  name: string;
  task: Task;
  /** Number of features d per point. */
  features: number;
  /** Features, n×d row-major: point i, feature k sits at x[i·d + k]. */
  x: Float64Array;
  /** Targets, length n. Classification labels are exactly 0 or 1. */
  y: Float64Array;
}

/** Number of points of a data set. */
export function datasetSize(data: Dataset): number {
  return data.y.length;
}

/** Options shared by the generators; each generator documents its defaults. */
export interface GeneratorOptions {
  /** Number of points (integer ≥ 2). */
  n?: number;
  /** PRNG seed; the same seed gives the same points. */
  seed?: number;
  /** Noise level (≥ 0); its meaning is the generator's. */
  noise?: number;
}

/** Validated generator options with the generator's defaults filled in. */
function resolve(
  name: string,
  options: GeneratorOptions,
  defaults: Required<GeneratorOptions>,
): Required<GeneratorOptions> {
  const n = options.n ?? defaults.n;
  const seed = options.seed ?? defaults.seed;
  const noise = options.noise ?? defaults.noise;
  if (!Number.isInteger(n) || n < 2 || n > 1_000_000) {
    throw new RangeError(`${name}: n must be an integer in [2, 1000000], got ${n}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`${name}: seed must be finite, got ${seed}`);
  if (!Number.isFinite(noise) || noise < 0) {
    throw new RangeError(`${name}: noise must be a finite number ≥ 0, got ${noise}`);
  }
  return { n, seed, noise };
}

/**
 * Regression data on a line: x uniform in [−3, 3), y = 2x + 1 + noise·N(0, 1).
 * Defaults: n = 200, seed = 1, noise = 0.5. One feature, so linear regression has θ = (w, b)
 * with the true line at (2, 1).
 */
export function noisyLine(options: GeneratorOptions = {}): Dataset {
  const { n, seed, noise } = resolve('line', options, { n: 200, seed: 1, noise: 0.5 });
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = -3 + 6 * nextFloat(rng);
    x[i] = xi;
    y[i] = 2 * xi + 1 + noise * nextGaussian(rng);
  }
  return { name: 'line', task: 'regression', features: 1, x, y };
}

/**
 * Two Gaussian blobs in the plane: class 0 around (−1.5, −1), class 1 around (1.5, 1), each
 * coordinate with standard deviation `noise`. The centres are symmetric about the origin, so a
 * linear classifier without bias (logistic regression on θ = (w1, w2)) separates them.
 * Labels alternate 0, 1, 0, … so any prefix is balanced. Defaults: n = 200, seed = 1, noise = 0.8.
 */
export function blobs(options: GeneratorOptions = {}): Dataset {
  const { n, seed, noise } = resolve('blobs', options, { n: 200, seed: 1, noise: 0.8 });
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const sign = label === 1 ? 1 : -1;
    x[2 * i] = sign * 1.5 + noise * nextGaussian(rng);
    x[2 * i + 1] = sign * 1 + noise * nextGaussian(rng);
    y[i] = label;
  }
  return { name: 'blobs', task: 'classification', features: 2, x, y };
}

/**
 * Two interleaved half-moons (the classic non-linear toy problem): class 0 on the upper arc
 * (cos t, sin t), class 1 on the lower arc (1 − cos t, ½ − sin t), t uniform in [0, π], both
 * shifted by (−½, −¼) so the picture is centred on the origin, plus noise·N(0, 1) on each
 * coordinate. Labels alternate 0, 1, 0, …. Defaults: n = 200, seed = 1, noise = 0.1.
 */
export function moons(options: GeneratorOptions = {}): Dataset {
  const { n, seed, noise } = resolve('moons', options, { n: 200, seed: 1, noise: 0.1 });
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = Math.PI * nextFloat(rng);
    const px = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const py = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    x[2 * i] = px - 0.5 + noise * nextGaussian(rng);
    x[2 * i + 1] = py - 0.25 + noise * nextGaussian(rng);
    y[i] = label;
  }
  return { name: 'moons', task: 'classification', features: 2, x, y };
}

/** Built-in data set names, as used in scene files. */
export type BuiltinDatasetName = 'line' | 'blobs' | 'moons';

/** Generator of every built-in data set. */
export const BUILTIN_DATASETS: Readonly<
  Record<BuiltinDatasetName, (options?: GeneratorOptions) => Dataset>
> = {
  line: noisyLine,
  blobs,
  moons,
};

/** Generates the built-in data set `name`. @throws RangeError for an unknown name. */
export function builtinDataset(name: BuiltinDatasetName, options: GeneratorOptions = {}): Dataset {
  const make = (BUILTIN_DATASETS as Record<string, (o?: GeneratorOptions) => Dataset>)[name];
  if (!make) {
    throw new RangeError(
      `unknown data set '${name}'; built-in ones are ${Object.keys(BUILTIN_DATASETS).join(', ')}`,
    );
  }
  return make(options);
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Which columns of a CSV file to use: names (needs a header row) or 0-based indices. */
export interface CsvColumns {
  /** Feature columns, in order. */
  x: readonly string[] | readonly number[];
  /** Target column. */
  y: string | number;
  task: Task;
  /** Data set name; default 'csv'. */
  name?: string;
}

/** A row that was not used, with the reason. */
export interface SkippedRow {
  /** 1-based line number in the text where the row starts. */
  line: number;
  reason: string;
}

export interface CsvResult {
  dataset: Dataset;
  /** Every non-blank data row that was not used, in file order. */
  skipped: SkippedRow[];
}

/** A plain decimal number, optionally signed, with optional exponent (no hex, no Infinity). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One parsed row with the line it starts on. */
interface CsvRow {
  line: number;
  cells: string[];
}

/** Parses `text` with papaparse and records the 1-based starting line of every row. */
function csvRows(text: string): CsvRow[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let start = 0;
  let line = 1;
  // Papa's delimiter guess is thrown off by blank lines, which must stay in for line counting:
  // guess on the non-blank rows first, then parse everything with that delimiter.
  const guess = Papa.parse<string[]>(body, { skipEmptyLines: true, preview: 20 });
  Papa.parse<string[]>(body, {
    header: false,
    delimiter: guess.meta.delimiter,
    skipEmptyLines: false,
    step: (result) => {
      rows.push({ line, cells: result.data.map((c) => String(c).trim()) });
      const end = result.meta.cursor;
      for (let i = start; i < end && i < body.length; i++) if (body.charCodeAt(i) === 10) line++;
      start = end;
    },
  });
  return rows;
}

function isBlank(row: CsvRow): boolean {
  return row.cells.every((c) => c === '');
}

/**
 * Reads a data set from CSV text (papaparse; any delimiter it detects, quoted fields allowed).
 *
 * Columns are picked by name or by 0-based index. A header row is optional: it is required (and
 * is the first non-blank row) when any column is given by name; with indices only, the first
 * non-blank row counts as a header when none of its cells is a number. Entirely blank lines are
 * ignored. Every other row is either used or listed in `skipped` with its 1-based line number and
 * the reason: a column count different from the header's (or the first row's), a missing value, a
 * value that is not a finite decimal number, or (classification) a label other than 0 or 1.
 *
 * @throws Error when a named column is not in the header (naming it and listing the columns
 *   present), an index is out of range, or no row is usable.
 */
export function datasetFromCsv(text: string, columns: CsvColumns): CsvResult {
  const rows = csvRows(text).filter((r) => !isBlank(r));
  if (rows.length === 0) throw new Error('the CSV text has no rows');
  const wanted: (string | number)[] = [...columns.x, columns.y];
  if (columns.x.length === 0) throw new Error('choose at least one feature column');
  const byName = wanted.some((c) => typeof c === 'string');
  const first = rows[0] as CsvRow;
  const hasHeader = byName || first.cells.every((c) => !NUMBER.test(c));
  const header = hasHeader ? first.cells : null;
  const width = first.cells.length;

  const indexOf = (col: string | number): number => {
    if (typeof col === 'number') {
      if (!Number.isInteger(col) || col < 0 || col >= width) {
        throw new Error(
          `column index ${col} is out of range: the file has ${width} column(s), indices 0–${width - 1}`,
        );
      }
      return col;
    }
    const i = (header as string[]).indexOf(col.trim());
    if (i < 0) {
      const present = (header as string[]).map((h) => `'${h}'`).join(', ');
      throw new Error(`column '${col}' is not in the header; the columns are ${present}`);
    }
    return i;
  };
  const label = (col: string | number, i: number): string =>
    header ? `'${header[i]}'` : typeof col === 'string' ? `'${col}'` : `${i}`;
  const xi = columns.x.map((c) => indexOf(c));
  const yi = indexOf(columns.y);
  const xLabels = columns.x.map((c, k) => label(c, xi[k] as number));
  const yLabel = label(columns.y, yi);

  const d = xi.length;
  const xs: number[] = [];
  const ys: number[] = [];
  const skipped: SkippedRow[] = [];
  const data = hasHeader ? rows.slice(1) : rows;
  const classify = columns.task === 'classification';

  const readCell = (cells: string[], i: number, what: string): number | string => {
    const cell = cells[i] as string;
    if (cell === '') return `missing value in column ${what}`;
    if (!NUMBER.test(cell)) return `column ${what} is not a number: '${cell}'`;
    const v = Number(cell);
    if (!Number.isFinite(v)) return `column ${what} overflows: '${cell}'`;
    return v;
  };

  rowLoop: for (const row of data) {
    if (row.cells.length !== width) {
      skipped.push({
        line: row.line,
        reason: `expected ${width} column(s), found ${row.cells.length}`,
      });
      continue;
    }
    const point: number[] = [];
    for (let k = 0; k < d; k++) {
      const v = readCell(row.cells, xi[k] as number, xLabels[k] as string);
      if (typeof v === 'string') {
        skipped.push({ line: row.line, reason: v });
        continue rowLoop;
      }
      point.push(v);
    }
    const t = readCell(row.cells, yi, yLabel);
    if (typeof t === 'string') {
      skipped.push({ line: row.line, reason: t });
      continue;
    }
    if (classify && t !== 0 && t !== 1) {
      skipped.push({
        line: row.line,
        reason: `label in column ${yLabel} must be 0 or 1 for classification, got ${t}`,
      });
      continue;
    }
    xs.push(...point);
    ys.push(t);
  }

  if (ys.length === 0) {
    const why = skipped[0] ? ` (line ${skipped[0].line}: ${skipped[0].reason})` : '';
    throw new Error(`no usable rows in the CSV text: ${skipped.length} row(s) skipped${why}`);
  }
  return {
    dataset: {
      name: columns.name ?? 'csv',
      task: columns.task,
      features: d,
      x: Float64Array.from(xs),
      y: Float64Array.from(ys),
    },
    skipped,
  };
}

// ---------------------------------------------------------------------------------------------
// JSON

/** A data set as plain JSON: one array of d numbers per point. */
export interface DatasetJson {
  name: string;
  task: Task;
  features: number;
  x: number[][];
  y: number[];
}

/** Plain-array copy of a data set, for storing inline in a scene document. */
export function datasetToJson(data: Dataset): DatasetJson {
  const d = data.features;
  const n = data.y.length;
  const x: number[][] = [];
  for (let i = 0; i < n; i++) x.push(Array.from(data.x.subarray(i * d, i * d + d)));
  return { name: data.name, task: data.task, features: d, x, y: Array.from(data.y) };
}

/**
 * Reads a data set back from {@link datasetToJson}'s form, checking everything: a string name,
 * a known task, an integer features ≥ 1, x and y of the same non-zero length, every row of length
 * `features`, every number finite, labels 0/1 for classification.
 * @throws TypeError naming the first problem found.
 */
export function datasetFromJson(value: unknown): Dataset {
  const fail = (msg: string): never => {
    throw new TypeError(`invalid data set: ${msg}`);
  };
  if (typeof value !== 'object' || value === null) return fail('expected an object');
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string') fail('name must be a string');
  if (v.task !== 'regression' && v.task !== 'classification') {
    fail(`task must be 'regression' or 'classification', got ${JSON.stringify(v.task)}`);
  }
  const d = v.features;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
    return fail(`features must be an integer ≥ 1, got ${JSON.stringify(d)}`);
  }
  if (!Array.isArray(v.x) || !Array.isArray(v.y)) return fail('x and y must be arrays');
  const rows = v.x as unknown[];
  const targets = v.y as unknown[];
  if (rows.length !== targets.length) {
    fail(`x has ${rows.length} row(s) but y has ${targets.length} value(s)`);
  }
  if (rows.length === 0) fail('no points');
  const n = rows.length;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== d) {
      fail(`x[${i}] must be an array of ${d} number(s)`);
    }
    for (let k = 0; k < d; k++) {
      const c = (row as unknown[])[k];
      if (typeof c !== 'number' || !Number.isFinite(c)) {
        fail(`x[${i}][${k}] is not a finite number`);
      }
      x[i * d + k] = c as number;
    }
    const t = targets[i];
    if (typeof t !== 'number' || !Number.isFinite(t)) fail(`y[${i}] is not a finite number`);
    if (v.task === 'classification' && t !== 0 && t !== 1) {
      fail(`y[${i}] must be 0 or 1 for classification, got ${t}`);
    }
    y[i] = t as number;
  }
  return { name: v.name as string, task: v.task as Task, features: d, x, y };
}
