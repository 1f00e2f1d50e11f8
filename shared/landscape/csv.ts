/**
 * Landscapes and trajectories from CSV (or any delimiter papaparse detects: tab, semicolon, …).
 *
 * Grids come in two forms:
 * - matrix: one row per y, one column per x. With coordinates, the first row holds the x
 *   coordinates and the first column the y coordinates, and the top-left cell must be a label
 *   (any text, or empty) — that is how the two forms are told apart. Without coordinates (every
 *   cell a number) the matrix spans −1…1 in both directions, loss-landscape's default range.
 * - long: a header naming the columns `x`, `y` and one or more value columns (any names), one
 *   row per grid point, in any order; the points must form a full rectangular lattice. Without a
 *   `y` column the rows are a 1D curve.
 *
 * Numbers may be written `nan`, `inf`, `-inf` (any case, also `Infinity`); an empty value cell is
 * NaN (pandas writes NaN that way). Coordinates must be finite. Messages give 1-based line and
 * column numbers, counted as physical lines (a quoted field spanning lines would shift them).
 */

import Papa from 'papaparse';
import { LandscapeError, buildLandscape, buildTrajectory } from './grid.ts';
import type { Landscape, LandscapeTrajectory, RawSurface } from './grid.ts';
import { fileStem, linspace } from './npy.ts';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = {
  nan: NaN,
  '+nan': NaN,
  '-nan': NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
};

/** The cell as a number, or undefined when it is not one. Empty cells give undefined. */
function parseNumber(cell: string): number | undefined {
  const text = cell.trim();
  if (NUMBER.test(text)) return Number(text);
  return SPECIAL[text.toLowerCase()];
}

interface Row {
  /** 1-based line number in the file. */
  line: number;
  cells: string[];
}

/** Splits the text into rows, dropping blank lines but remembering every row's line number. */
function readRows(text: string, source: string): Row[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Blank lines would spoil papaparse's delimiter guess, but dropping them here would lose the
  // line numbers: guess on a preview without them, then parse everything with that delimiter.
  const { delimiter } = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', preview: 20 }).meta;
  const result = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter });
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw new LandscapeError(
      `${source}, line ${(fatal.row ?? 0) + 1}: ${fatal.message.replace(/\.$/, '')}.`,
    );
  }
  const rows: Row[] = [];
  result.data.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    rows.push({ line: i + 1, cells });
  });
  if (rows.length === 0) throw new LandscapeError(`${source} is empty.`);
  return rows;
}

function columnLabel(index: number, header: readonly string[] | null): string {
  const name = header?.[index]?.trim();
  return name ? `column ${index + 1} ('${name}')` : `column ${index + 1}`;
}

/** A cell that must hold a number (finite unless `allowNonFinite`). */
function numberAt(
  row: Row,
  column: number,
  source: string,
  header: readonly string[] | null,
  allowNonFinite: boolean,
): number {
  const cell = row.cells[column];
  const where = `${source}, line ${row.line}, ${columnLabel(column, header)}`;
  if (cell === undefined) throw new LandscapeError(`${where}: the cell is missing.`);
  if (allowNonFinite && cell.trim() === '') return NaN;
  const value = parseNumber(cell);
  if (value === undefined) {
    throw new LandscapeError(`${where}: '${cell.trim()}' is not a number.`);
  }
  if (!allowNonFinite && !Number.isFinite(value)) {
    throw new LandscapeError(`${where}: a coordinate must be finite, not '${cell.trim()}'.`);
  }
  return value;
}

function checkWidth(row: Row, width: number, source: string): void {
  if (row.cells.length !== width) {
    throw new LandscapeError(
      `${source}, line ${row.line}: ${row.cells.length} cells, expected ${width} like the first row.`,
    );
  }
}

const isHeaderName = (cell: string | undefined, name: string) =>
  cell !== undefined && cell.trim().toLowerCase() === name;

export interface CsvLandscapeOptions {
  /** The file name: names a matrix's surface and appears in messages. */
  source: string;
  /** x range of a bare matrix (no coordinates); default [-1, 1]. */
  xRange?: readonly [number, number];
  /** y range of a bare matrix; default [-1, 1]. */
  yRange?: readonly [number, number];
}

/** Reads a grid in matrix or long form (see the top of this file). */
export function landscapeFromCsv(text: string, options: CsvLandscapeOptions): Landscape {
  const { source } = options;
  const rows = readRows(text, source);
  const first = rows[0] as Row;
  // Long form has named columns; a labelled matrix has one text cell (its corner), a bare none.
  const textCells = first.cells.filter((c) => parseNumber(c) === undefined).length;
  if (textCells >= 2 && first.cells.some((c) => isHeaderName(c, 'x'))) {
    return longForm(rows, options);
  }
  return matrixForm(rows, options);
}

function matrixForm(rows: Row[], options: CsvLandscapeOptions): Landscape {
  const { source } = options;
  const first = rows[0] as Row;
  const width = first.cells.length;
  const corner = first.cells[0] ?? '';
  const labelled = parseNumber(corner) === undefined;
  const name = fileStem(source) || 'values';
  for (const row of rows) checkWidth(row, width, source);
  if (labelled) {
    const xs = first.cells.slice(1).map((_, i) => numberAt(first, i + 1, source, null, false));
    const body = rows.slice(1);
    const ys = body.map((row) => numberAt(row, 0, source, null, false));
    const data = new Float64Array(xs.length * ys.length);
    body.forEach((row, iy) => {
      for (let ix = 0; ix < xs.length; ix++) {
        data[iy * xs.length + ix] = numberAt(row, ix + 1, source, null, true);
      }
    });
    return buildLandscape({
      source,
      xs,
      ys,
      surfaces: [{ name, data, shape: [xs.length, ys.length] }],
      xName: `the x coordinates (line ${first.line})`,
      yName: 'the y coordinates (column 1)',
    });
  }
  const nx = width;
  const ny = rows.length;
  const data = new Float64Array(nx * ny);
  rows.forEach((row, iy) => {
    for (let ix = 0; ix < nx; ix++) data[iy * nx + ix] = numberAt(row, ix, source, null, true);
  });
  return buildLandscape({
    source,
    xs: linspace(options.xRange ?? [-1, 1], nx),
    ys: linspace(options.yRange ?? [-1, 1], ny),
    surfaces: [{ name, data, shape: [nx, ny] }],
    xName: 'the matrix’s columns (x)',
    yName: 'its rows (y)',
  });
}

/** Sorted distinct values. */
function distinct(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function longForm(rows: Row[], options: CsvLandscapeOptions): Landscape {
  const { source } = options;
  const headerRow = rows[0] as Row;
  const header = headerRow.cells;
  const width = header.length;
  const xColumn = header.findIndex((c) => isHeaderName(c, 'x'));
  const yColumn = header.findIndex((c) => isHeaderName(c, 'y'));
  const valueColumns = header
    .map((_, i) => i)
    .filter((i) => i !== xColumn && i !== yColumn && (header[i] as string).trim() !== '');
  if (valueColumns.length === 0) {
    throw new LandscapeError(
      `${source}: besides x${yColumn >= 0 ? ' and y' : ''}, no value columns.`,
    );
  }
  const body = rows.slice(1);
  if (body.length === 0) throw new LandscapeError(`${source} has a header but no rows.`);
  for (const row of body) checkWidth(row, width, source);
  const px = body.map((row) => numberAt(row, xColumn, source, header, false));
  const py = yColumn >= 0 ? body.map((row) => numberAt(row, yColumn, source, header, false)) : null;
  const xs = distinct(px);
  const ys = py === null ? null : distinct(py);
  const nx = xs.length;
  const ny = ys === null ? 1 : ys.length;
  const xIndex = new Map(xs.map((x, i) => [x, i]));
  const yIndex = ys === null ? null : new Map(ys.map((y, i) => [y, i]));
  // Which body row sits at each lattice point (-1: none yet).
  const at = new Int32Array(nx * ny).fill(-1);
  body.forEach((row, r) => {
    const ix = xIndex.get(px[r] as number) as number;
    const iy = yIndex === null || py === null ? 0 : (yIndex.get(py[r] as number) as number);
    const k = iy * nx + ix;
    const earlier = at[k] as number;
    if (earlier >= 0) {
      const point = py === null ? `x=${px[r]}` : `(x=${px[r]}, y=${py[r]})`;
      throw new LandscapeError(
        `${source}: the point ${point} appears twice, on lines ${(body[earlier] as Row).line} ` +
          `and ${row.line}.`,
      );
    }
    at[k] = r;
  });
  const missing: string[] = [];
  let missingCount = 0;
  for (let k = 0; k < at.length; k++) {
    if ((at[k] as number) >= 0) continue;
    missingCount++;
    if (missing.length < 5 && ys !== null) {
      missing.push(`(x=${xs[k % nx]}, y=${ys[Math.floor(k / nx)]})`);
    }
  }
  if (missingCount > 0) {
    const more = missingCount > missing.length ? ` and ${missingCount - missing.length} more` : '';
    throw new LandscapeError(
      `${source}: the points do not fill a ${nx}×${ny} lattice (${nx} distinct x, ${ny} ` +
        `distinct y); missing ${missing.join(', ')}${more}.`,
    );
  }
  const surfaces: RawSurface[] = valueColumns.map((column) => {
    const data = new Float64Array(nx * ny);
    for (let k = 0; k < data.length; k++) {
      data[k] = numberAt(body[at[k] as number] as Row, column, source, header, true);
    }
    return {
      name: (header[column] as string).trim(),
      data,
      shape: ys === null ? [nx] : [nx, ny],
    };
  });
  return buildLandscape({ source, xs, ys, surfaces, xName: 'column x', yName: 'column y' });
}

/**
 * A trajectory from CSV: the columns named `x` and `y` (also `proj_xcoord`/`proj_ycoord`), else
 * the first two columns whose cells are all numbers. A header row is optional.
 */
export function trajectoryFromCsv(text: string, source: string): LandscapeTrajectory {
  const rows = readRows(text, source);
  const first = rows[0] as Row;
  const hasHeader = first.cells.some((c) => parseNumber(c) === undefined);
  const header = hasHeader ? first.cells : null;
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length === 0) throw new LandscapeError(`${source} has a header but no rows.`);
  const named = (names: string[]) =>
    header === null ? -1 : header.findIndex((c) => names.some((n) => isHeaderName(c, n)));
  let xColumn = named(['x', 'proj_xcoord']);
  let yColumn = named(['y', 'proj_ycoord']);
  if (xColumn < 0 || yColumn < 0) {
    const width = first.cells.length;
    const numeric: number[] = [];
    for (let c = 0; c < width && numeric.length < 2; c++) {
      if (body.every((row) => parseNumber(row.cells[c] ?? '') !== undefined)) numeric.push(c);
    }
    if (numeric.length < 2) {
      throw new LandscapeError(
        `${source}: no columns named x and y, and fewer than two columns hold only numbers.`,
      );
    }
    [xColumn, yColumn] = numeric as [number, number];
  }
  const xs = body.map((row) => numberAt(row, xColumn, source, header, false));
  const ys = body.map((row) => numberAt(row, yColumn, source, header, false));
  return buildTrajectory(xs, ys, source);
}
