/**
 * The single error type the expression compiler throws, so callers (the editor, the CLI) can
 * underline the offending part of what the user typed.
 */
export class ExpressionError extends Error {
  /** 0-based character index into the text passed to `compileExpression` (before trimming). */
  readonly position: number;
  /** Number of characters of the offending token (always ≥ 1). */
  readonly length: number;

  constructor(message: string, position: number, length = 1) {
    super(message);
    this.name = 'ExpressionError';
    this.position = position;
    this.length = Math.max(1, length);
  }
}
