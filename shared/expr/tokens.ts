/**
 * A small tokenizer used only to report WHERE a problem is: mathjs nodes carry no source
 * positions, so after mathjs has parsed the text we find the offending token ourselves.
 * It approximates mathjs's lexical rules closely enough for that purpose.
 */

export interface Token {
  readonly kind: 'ident' | 'number' | 'string' | 'op';
  readonly text: string;
  /** 0-based index of the first character. */
  readonly pos: number;
}

/** Multi-character operators, longest first. */
const MULTI_OPS = ['>>>', '<<', '>>', '==', '!=', '<=', '>=', '.*', './', '.^', '^|'];

const IDENT_START = /[\p{L}_$\uD800-\uDFFF]/u;
const IDENT_PART = /[\p{L}\p{N}_$\uD800-\uDFFF]/u;
const DIGIT = /[0-9]/;

/** Splits `src` into tokens (whitespace and comments dropped). Never throws. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (IDENT_START.test(c)) {
      const start = i;
      while (i < src.length && IDENT_PART.test(src[i]!)) i++;
      out.push({ kind: 'ident', text: src.slice(start, i), pos: start });
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(src[i + 1] ?? ''))) {
      const m = /^(0[xob][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(src.slice(i));
      const len = m?.[0].length ?? 1;
      out.push({ kind: 'number', text: src.slice(i, i + len), pos: i });
      i += len;
    } else if (c === '"') {
      const start = i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i = Math.min(i + 1, src.length);
      out.push({ kind: 'string', text: src.slice(start, i), pos: start });
    } else {
      const op = MULTI_OPS.find((o) => src.startsWith(o, i)) ?? c;
      out.push({ kind: 'op', text: op, pos: i });
      i += op.length;
    }
  }
  return out;
}

/** Where a token is: position and length. */
export interface Span {
  readonly position: number;
  readonly length: number;
}

const spanOf = (t: Token): Span => ({ position: t.pos, length: t.text.length });

/**
 * The `occurrence`-th (0-based) identifier `name` in the given role: `call` means followed by
 * "(", `symbol` means not. Falls back to any occurrence, then to null.
 */
export function findIdentifier(
  tokens: readonly Token[],
  name: string,
  role: 'call' | 'symbol' | 'any',
  occurrence = 0,
): Span | null {
  const matches = tokens.filter((t, i) => {
    if (t.kind !== 'ident' || t.text !== name) return false;
    if (role === 'any') return true;
    const isCall = tokens[i + 1]?.text === '(';
    return role === 'call' ? isCall : !isCall;
  });
  const hit = matches[occurrence] ?? matches[0];
  if (hit !== undefined) return spanOf(hit);
  return role === 'any' ? null : findIdentifier(tokens, name, 'any');
}

/** The first operator token whose text is one of `ops`. */
export function findOperator(tokens: readonly Token[], ops: readonly string[]): Span | null {
  const hit = tokens.find((t) => t.kind === 'op' && ops.includes(t.text));
  return hit === undefined ? null : spanOf(hit);
}

/** The first token of a kind (e.g. the first string literal). */
export function findKind(tokens: readonly Token[], kind: Token['kind']): Span | null {
  const hit = tokens.find((t) => t.kind === kind);
  return hit === undefined ? null : spanOf(hit);
}

/**
 * Position of the first bracket nested deeper than `limit`, or null. Checked before parsing
 * because the mathjs parser is recursive and overflows the stack a few hundred levels down.
 */
export function findExcessiveNesting(src: string, limit: number): number | null {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth > limit) return i;
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return null;
}
