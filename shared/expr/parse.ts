/**
 * Parsing and validation: mathjs parses the text; we accept only a small whitelist of its node
 * types, report anything else with a position, and convert the rest to our own tree (ast.ts).
 */
import {
  create,
  parseDependencies,
  type ConstantNode,
  type FunctionNode,
  type MathNode,
  type OperatorNode,
  type SymbolNode,
} from 'mathjs';
import { type Builder, type FnName, type Node } from './ast.ts';
import { ExpressionError } from './errors.ts';
import { isReservedName, MAX_LENGTH, MAX_NESTING, tooLongMessage } from './limits.ts';
import {
  type Span,
  type Token,
  findExcessiveNesting,
  findIdentifier,
  findKind,
  findOperator,
  tokenize,
} from './tokens.ts';

/**
 * A private mathjs instance with only the parser: small, and immune to anyone changing the
 * global instance's config (e.g. to BigNumber).
 */
export const math = create({ parseDependencies: parseDependencies! });

export { MAX_LENGTH, MAX_NESTING } from './limits.ts';

/** Functions of one argument that users may type. */
const UNARY: ReadonlySet<string> = new Set<FnName>([
  'sin',
  'cos',
  'tan',
  'exp',
  'log',
  'sqrt',
  'abs',
  'tanh',
  'sigmoid',
  'relu',
]);
/** Other names users type for a function: ln is the natural log, as log is here. */
const ALIASES: Readonly<Record<string, FnName>> = { ln: 'log' };
const isAlias = (name: string): boolean => Object.hasOwn(ALIASES, name);

/** Functions of two or more arguments. */
const VARIADIC: ReadonlySet<string> = new Set(['max', 'min']);
/** Symbols that are constants rather than variables. */
const CONSTANTS: ReadonlySet<string> = new Set(['e', 'pi']);

/** True if `name` may be used as a variable. */
export function isValidVariableName(name: string): boolean {
  return (
    /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) &&
    !CONSTANTS.has(name) &&
    !isReservedName(name) &&
    !UNARY.has(name) &&
    !isAlias(name) &&
    !VARIADIC.has(name)
  );
}

/** Result of parsing: the validated mathjs tree (for LaTeX) and the variables in order. */
export interface Parsed {
  /** The user's text, trimmed. */
  readonly source: string;
  readonly tree: MathNode;
  readonly variables: readonly string[];
}

/** Human-readable names of refused mathjs operators. */
const OPERATOR_NAMES: Record<string, string> = {
  factorial: 'Factorial',
  ctranspose: 'Transpose',
  transpose: 'Transpose',
  mod: 'Modulo',
  to: 'Unit conversion',
  dotMultiply: 'Element-wise operator',
  dotDivide: 'Element-wise operator',
  dotPow: 'Element-wise operator',
  equal: 'Comparison',
  unequal: 'Comparison',
  smaller: 'Comparison',
  larger: 'Comparison',
  smallerEq: 'Comparison',
  largerEq: 'Comparison',
};

const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'unaryMinus',
  'unaryPlus',
]);

const COMPARISONS = ['==', '!=', '<', '>', '<=', '>='];

/**
 * Parses and validates `input`. Variables are the free symbols (anything but e, pi and function
 * names), sorted by code point (so x before y, b before w, a before x), unless `forced` gives
 * the list. Throws ExpressionError with a position relative to `input`.
 */
export function parseSource(input: string, forced?: readonly string[]): Parsed {
  const source = input.trim();
  const lead = input.length - input.trimStart().length;
  const fail = (message: string, span: Span | null, fallback = 0): never => {
    const position = lead + (span?.position ?? fallback);
    const where = ` at position ${position}`;
    throw new ExpressionError(message + where, position, span?.length ?? 1);
  };

  if (source === '') throw new ExpressionError('The expression is empty', 0);
  if (source.length > MAX_LENGTH) {
    throw new ExpressionError(
      tooLongMessage(source.length),
      lead + MAX_LENGTH,
      source.length - MAX_LENGTH,
    );
  }
  // mathjs treats a newline as a statement separator but chokes on \r, tabs inside words etc.;
  // every other whitespace character becomes a plain space (same length, so positions hold).
  const text = source.replace(/[^\S\n]/g, ' ');
  const deep = findExcessiveNesting(text, MAX_NESTING);
  if (deep !== null) {
    fail(`Brackets are nested too deeply (more than ${MAX_NESTING} levels)`, null, deep);
  }

  let tree: MathNode;
  try {
    tree = math.parse(text);
  } catch (err) {
    const e = err as { message?: unknown; char?: unknown };
    const char = typeof e.char === 'number' && Number.isFinite(e.char) ? e.char : 1;
    const at = Math.min(Math.max(char - 1, 0), text.length);
    const raw = typeof e.message === 'string' ? e.message : 'Syntax error';
    const message = raw.replace(/\s*\(char \d+\)\s*$/, '');
    return fail(message, null, at);
  }

  const tokens = tokenize(text);
  const validator = new Validator(text, tokens, fail, forced);
  tree = validator.unwrapBlock(tree);
  validator.walk(tree);
  // An alias becomes its function here, so every reader of the tree (the compiler, TeX, the
  // computation graph) sees one name.
  tree.traverse((node) => {
    if (node.type !== 'FunctionNode') return;
    const callee = (node as FunctionNode).fn as unknown as SymbolNode;
    if (callee.type === 'SymbolNode' && isAlias(callee.name)) callee.name = ALIASES[callee.name]!;
  });

  const found = validator.symbols;
  let variables: string[];
  if (forced !== undefined) {
    variables = [...forced];
  } else {
    if (found.length > 2) {
      const third = found[2]!;
      fail(
        `f has ${found.length} variables (${found.join(', ')}); at most 2 are supported, ` +
          `'${third}' is one too many`,
        findIdentifier(tokens, third, 'symbol'),
      );
    }
    if (found.length === 0) {
      throw new ExpressionError('f must depend on at least one variable', lead, source.length);
    }
    variables = [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return { source, tree, variables };
}

type Fail = (message: string, span: Span | null, fallback?: number) => never;

/** Walks the mathjs tree in source order, refusing everything outside the whitelist. */
class Validator {
  /** Distinct variable names in order of first appearance. */
  readonly symbols: string[] = [];
  private readonly symbolSeen = new Map<string, number>();
  private readonly callSeen = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly fail: Fail,
    private readonly forced: readonly string[] | undefined,
  ) {}

  /** mathjs wraps `x;` and `x # comment⏎` in a block of one: accept those, refuse several. */
  unwrapBlock(tree: MathNode): MathNode {
    if (tree.type !== 'BlockNode') return tree;
    const blocks = (tree as unknown as { blocks: { node: MathNode }[] }).blocks;
    if (blocks.length === 1) return blocks[0]!.node;
    return this.fail(
      'Only one expression is allowed (found a ";" or a line break between expressions)',
      findOperator(this.tokens, [';']) ?? this.topLevelNewline(),
    );
  }

  /** The first line break outside brackets (inside brackets mathjs treats it as a space). */
  private topLevelNewline(): Span | null {
    let depth = 0;
    for (let i = 0; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      else if (c === '\n' && depth === 0) return { position: i, length: 1 };
    }
    return null;
  }

  walk(n: MathNode): void {
    const t = this.tokens;
    switch (n.type) {
      case 'ParenthesisNode':
        return this.walk((n as unknown as { content: MathNode }).content);
      case 'ConstantNode': {
        const value: unknown = (n as ConstantNode<string | number | boolean | null>).value;
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) {
            this.fail('Numbers must be finite', findKind(t, 'number') ?? findKind(t, 'ident'));
          }
          return;
        }
        if (typeof value === 'string') {
          return this.fail(
            'Strings are not allowed',
            findKind(t, 'string') ?? findOperator(t, ["'"]),
          );
        }
        const word = String(value);
        return this.fail(`'${word}' is not a number`, findIdentifier(t, word, 'any'));
      }
      case 'SymbolNode':
        return this.symbol((n as SymbolNode).name);
      case 'OperatorNode':
        return this.operator(n as OperatorNode<never, never>);
      case 'FunctionNode':
        return this.call(n as FunctionNode<MathNode>);
      case 'AssignmentNode':
        return this.fail(
          'Assignments are not allowed: type only the expression for f',
          findOperator(t, ['=']),
        );
      case 'FunctionAssignmentNode':
        return this.fail(
          'Function definitions are not allowed: type only the expression for f',
          findOperator(t, ['=']),
        );
      case 'BlockNode':
        return this.fail('Only one expression is allowed', findOperator(t, [';']));
      case 'ConditionalNode':
        return this.fail('Conditionals (a ? b : c) are not supported', findOperator(t, ['?']));
      case 'RangeNode':
        return this.fail('Ranges (a:b) are not supported', findOperator(t, [':']));
      case 'RelationalNode':
        return this.fail('Comparisons are not supported', findOperator(t, COMPARISONS));
      case 'ArrayNode':
        return this.fail('Matrices and arrays are not supported', findOperator(t, ['[']));
      case 'ObjectNode':
        return this.fail('Objects are not supported', findOperator(t, ['{']));
      case 'AccessorNode':
      case 'IndexNode':
        return this.fail(
          'Property access and indexing are not supported',
          findOperator(t, ['.', '[']),
        );
      default:
        return this.fail(`Unsupported syntax (${n.type})`, null);
    }
  }

  private symbol(name: string): void {
    const k = this.symbolSeen.get(name) ?? 0;
    this.symbolSeen.set(name, k + 1);
    if (CONSTANTS.has(name)) return;
    const span = (): Span | null => findIdentifier(this.tokens, name, 'symbol', k);
    if (UNARY.has(name) || VARIADIC.has(name) || isAlias(name)) {
      this.fail(`'${name}' is a function: write ${name}(…)`, span());
    }
    if (isReservedName(name)) {
      this.fail(`'${name}' is a reserved name and cannot be a variable`, span());
    }
    if (this.forced !== undefined && !this.forced.includes(name)) {
      this.fail(`Unknown variable '${name}' (the variables are ${this.forced.join(', ')})`, span());
    }
    if (!this.symbols.includes(name)) this.symbols.push(name);
  }

  private operator(n: OperatorNode<never, never>): void {
    const fn = n.fn as string;
    const op = n.op as string;
    if (!ALLOWED_OPERATORS.has(fn)) {
      const what = OPERATOR_NAMES[fn] ?? 'Operator';
      const span = /^[a-z]+$/i.test(op)
        ? findIdentifier(this.tokens, op, 'any')
        : findOperator(this.tokens, [op]);
      this.fail(`${what} '${op}' is not supported`, span);
    }
    for (const a of n.args as MathNode[]) this.walk(a);
  }

  private call(n: FunctionNode<MathNode>): void {
    if (n.fn.type !== 'SymbolNode') {
      // e.g. a.b(x): report the callee's own problem.
      this.walk(n.fn);
      return this.fail(
        'Only the built-in functions can be called',
        findOperator(this.tokens, ['(']),
      );
    }
    const name = (n.fn as unknown as SymbolNode).name;
    const k = this.callSeen.get(name) ?? 0;
    this.callSeen.set(name, k + 1);
    const span = (): Span | null => findIdentifier(this.tokens, name, 'call', k);
    const count = n.args.length;
    if (UNARY.has(name) || isAlias(name)) {
      if (count !== 1) {
        const extra =
          name === 'log' || name === 'ln'
            ? ' (natural log; for log base b write log(x) / log(b))'
            : '';
        this.fail(`${name} takes exactly 1 argument, got ${count}${extra}`, span());
      }
    } else if (VARIADIC.has(name)) {
      if (count < 2) this.fail(`${name} takes 2 or more arguments, got ${count}`, span());
    } else {
      const hint =
        this.symbolSeen.has(name) || this.symbols.includes(name) || name.length === 1
          ? ` (to multiply, write ${name} * (…))`
          : '';
      this.fail(`Unknown function '${name}'${hint}`, span());
    }
    for (const a of n.args) this.walk(a);
  }
}

/**
 * Converts a validated mathjs tree to our tree. `variables` maps names to indices.
 * Subtraction and division become sums and products so the simplifier sees through them.
 */
export function toAst(b: Builder, n: MathNode, variables: readonly string[]): Node {
  const go = (m: MathNode): Node => toAst(b, m, variables);
  switch (n.type) {
    case 'ParenthesisNode':
      return go((n as unknown as { content: MathNode }).content);
    case 'ConstantNode':
      return b.num((n as ConstantNode).value);
    case 'SymbolNode': {
      const name = (n as SymbolNode).name;
      if (name === 'e' || name === 'pi') return b.named(name);
      return b.variable(variables.indexOf(name));
    }
    case 'OperatorNode': {
      const o = n as OperatorNode<never, never>;
      const args = (o.args as MathNode[]).map(go);
      const [a, c] = args as [Node, Node];
      switch (o.fn as string) {
        case 'add':
          return b.add(args);
        case 'subtract':
          return b.add([a, b.scale(-1, c)]);
        case 'multiply':
          return b.mul(args);
        case 'divide':
          return b.mul([a, b.pow(c, b.num(-1))]);
        case 'pow':
          return b.pow(a, c);
        case 'unaryMinus':
          return b.scale(-1, a);
        case 'unaryPlus':
          return a;
      }
      break;
    }
    case 'FunctionNode': {
      const f = n as FunctionNode;
      const args = f.args.map(go);
      const name = f.fn.name;
      if (name === 'max' || name === 'min') return b.extremum(name, args);
      return b.call(name as FnName, args[0]!);
    }
  }
  // Unreachable after validation; kept as a typed failure rather than a crash.
  throw new ExpressionError(`Unsupported syntax (${n.type})`, 0);
}
