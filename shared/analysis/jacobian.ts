/**
 * Jacobian of a vector-valued expression F = (F_1, …, F_m) typed as a comma-separated list,
 * e.g. "x^2, x*y": each component is compiled on its own and its exact gradient is one row.
 */
import { compileExpression, ExpressionError } from '../expr/index.ts';
import type { CompiledExpression } from '../expr/index.ts';

/** Result of {@link jacobian}. */
export interface JacobianResult {
  /** The variables, i.e. the columns, in order. */
  variables: string[];
  /** m × n numbers, rows[i][j] = ∂F_i/∂x_j at the point. */
  rows: number[][];
  /** The same entries as expressions in the app's syntax. */
  symbolic: string[][];
}

/** A piece of a comma-separated list and where it starts in the full string. */
export interface ListPiece {
  text: string;
  start: number;
}

const OPEN = '([{';
const CLOSE = ')]}';

/**
 * Splits `source` at commas that are not inside (), [] or {}, so "max(x,y), x*y" gives two
 * pieces. Pieces are not trimmed; `start` is each piece's offset in `source`. An unbalanced
 * closing bracket does not make the depth negative, so later commas still split (the compiler
 * then reports the stray bracket at its true position).
 */
export function splitTopLevel(source: string): ListPiece[] {
  const pieces: ListPiece[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      pieces.push({ text: source.slice(start, i), start });
      start = i + 1;
    }
  }
  pieces.push({ text: source.slice(start), start });
  return pieces;
}

/** Re-raises a compile error of one piece with its position moved into the full string. */
function shifted(error: unknown, offset: number): unknown {
  if (!(error instanceof ExpressionError) || offset === 0) return error;
  const position = error.position + offset;
  // The compiler appends "at position N" to some messages; keep the text consistent.
  const suffix = ` at position ${error.position}`;
  const message = error.message.endsWith(suffix)
    ? `${error.message.slice(0, -suffix.length)} at position ${position}`
    : error.message;
  return new ExpressionError(message, position, error.length);
}

function compilePiece(piece: ListPiece, variables?: readonly string[]): CompiledExpression {
  if (piece.text.trim() === '') {
    // Underline the comma that has nothing on one side (the preceding one, or for a leading
    // comma the following one) instead of letting the compiler report offset 0 of nothing.
    const comma = piece.start > 0 ? piece.start - 1 : piece.text.length;
    throw new ExpressionError('Empty component in the comma-separated list', comma, 1);
  }
  try {
    return compileExpression(piece.text, variables ? { variables } : undefined);
  } catch (error) {
    throw shifted(error, piece.start);
  }
}

/**
 * The union of the pieces' free symbols in the compiler's order (code point: x before y).
 * A constant piece contributes none (the compiler refuses it on its own, but accepts it once a
 * variable list is forced); if nothing uses a variable the list falls back to ["x"].
 */
function freeVariables(pieces: readonly ListPiece[]): string[] {
  const seen = new Set<string>();
  for (const piece of pieces) {
    let own: readonly string[];
    try {
      own = compilePiece(piece).variables;
    } catch (error) {
      try {
        compilePiece(piece, ['x']);
      } catch {
        throw error; // Not merely constant: report the original problem.
      }
      own = [];
    }
    for (const v of own) {
      seen.add(v);
      if (seen.size > 2) {
        const lead = piece.text.length - piece.text.trimStart().length;
        throw new ExpressionError(
          `The components use more than 2 variables (${[...seen].join(', ')}); at most 2 are supported`,
          piece.start + lead,
          piece.text.trim().length,
        );
      }
    }
  }
  // Same order as compileExpression gives a single expression's variables.
  return seen.size > 0 ? [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : ['x'];
}

/**
 * Jacobian J_ij = ∂F_i/∂x_j of the components at a point.
 *
 * `components` is a comma-separated string (split at top-level commas only) or an array of
 * component expressions; an array is treated as if joined with ", ", and error positions refer
 * to that joined string. Variables (columns): `variables` if given, otherwise the union of the
 * components' free symbols in the compiler's order (by code point, so x before y; at most 2;
 * only constants → ["x"]).
 * @throws ExpressionError from the compiler, with `position` shifted to point into the full
 *   comma-separated string; RangeError if `at` does not have one finite coordinate per variable.
 */
export function jacobian(
  components: string | readonly string[],
  at: ArrayLike<number>,
  variables?: readonly string[],
): JacobianResult {
  const pieces: ListPiece[] = [];
  if (typeof components === 'string') {
    pieces.push(...splitTopLevel(components));
  } else {
    let start = 0;
    for (const text of components) {
      pieces.push({ text, start });
      start += text.length + 2;
    }
  }

  const vars = variables ? [...variables] : freeVariables(pieces);
  const point = Array.from(at);
  if (point.length !== vars.length || !point.every(Number.isFinite)) {
    throw new RangeError(
      `the point needs ${vars.length} finite coordinate(s) for (${vars.join(', ')}), got ${point.length}`,
    );
  }

  const rows: number[][] = [];
  const symbolic: string[][] = [];
  const g = new Float64Array(vars.length);
  for (const piece of pieces) {
    const compiled = compilePiece(piece, vars);
    compiled.gradient(point, g);
    rows.push(Array.from(g));
    symbolic.push([...compiled.derivatives.gradient]);
  }
  return { variables: vars, rows, symbolic };
}
