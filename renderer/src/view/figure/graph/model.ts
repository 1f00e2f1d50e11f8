/**
 * What the graph figure shows, without drawing it: the evaluated computation graph of the
 * figure's expression at its point (memoized, so a redraw per frame only draws), which of its
 * numbers the playhead has reached, and the words and numbers each node, edge and step shows.
 * The canvas (draw.ts) and the Numbers panel read the same state, so they always agree.
 *
 * Timeline: step i of `evaluation.steps` is done once the playhead is past i + 1; between i
 * and i + 1 it is being animated (figureTimelineEnd('graph') = steps.length).
 */
import { buildGraph, evaluateGraph } from '../../../../../shared/graph/index.ts';
import type {
  ComputationGraph,
  GraphEvaluation,
  GraphNode,
} from '../../../../../shared/graph/index.ts';
import { superscript } from '../../../../../shared/superscript.ts';

/** Four significant digits, a true minus sign, words for what is not a number. */
export function short(v: number): string {
  if (Number.isNaN(v)) return 'undefined';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const text = String(Number(v.toPrecision(4)));
  return text.replace(/^-/, '−').replace(/e\+?(-?\d+)$/, (_, k: string) => `·10${superscript(k)}`);
}

/** A number as an operand: (−3) in brackets, so "2·(−3)" never reads as a subtraction. */
function operand(v: number): string {
  const s = short(v);
  return s.startsWith('−') || s.includes('·') ? `(${s})` : s;
}

/** `3 x + 1` (mathjs's text) → `3x + 1`; `(3 x + 1) ^ 2` → `(3x + 1)²`; sigmoid → σ. */
export function prettyText(text: string): string {
  return text
    .replace(/(\d) (?=[A-Za-z(])/g, '$1')
    .replace(/\s*\^\s*\(?(-?\d+)\)?(?![\d.])/g, (_, k: string) => superscript(k))
    .replace(/\s*\^\s*/g, '^')
    .replace(/\s*\*\s*/g, '·')
    .replace(/sigmoid\(/g, 'σ(')
    .replace(/sqrt\(/g, '√(')
    .replace(/\bpi\b/g, 'π')
    .replace(/ - /g, ' − ')
    .replace(/(^|[(\s,])-/g, '$1−');
}

/** Longest sub-expression a caption names in full. */
const NAME_LIMIT = 20;

/** What a step calls a node: x, 3, or its sub-expression (shortened when long). */
export function nodeName(node: GraphNode): string {
  if (node.op === 'var' || node.op === 'const') return node.label;
  const text = prettyText(node.text);
  return text.length <= NAME_LIMIT ? text : `${text.slice(0, NAME_LIMIT - 1)}…`;
}

/** A name after ∂: bare when it reads as one thing (x, σ(z), (3x + 1)²), else in brackets. */
function partial(name: string): string {
  let depth = 0;
  let loose = /^[−\d]/u.test(name) && !/^\d+(\.\d+)?$/.test(name);
  for (const c of name) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && /[\s·/]/.test(c)) loose = true;
  }
  return loose ? `(${name})` : name;
}

export interface NodeTexts {
  /** The node's label: x, 3, +, ×, (·)², σ. */
  readonly label: string;
  /** Its sub-expression, for captions and the panel. */
  readonly name: string;
  /** Forward value, short. */
  readonly value: string;
  /** "grad 24". */
  readonly grad: string;
  /** "= 4 + 3" for a value that fans out (its adjoint sums its out-edges), else null. */
  readonly sum: string | null;
}

export interface EdgeTexts {
  /** The local derivative ∂parent/∂child: "×3", "2·4 = 8", "σ(1−σ) = 0.105". */
  readonly local: string;
  /** What flows back: "← 24" (the step's caption shows the product 8 · 3 = 24). */
  readonly back: string;
}

export interface GraphModel {
  readonly source: string;
  readonly graph: ComputationGraph;
  readonly evaluation: GraphEvaluation;
  /** Number of forward steps (one per node); the backward steps follow. */
  readonly forward: number;
  /** Step index of each node's forward value, by node index. */
  readonly valueStep: readonly number[];
  /** Step index at which each node's adjoint becomes final, by node index. */
  readonly gradStep: readonly number[];
  /** Step index of each edge's contribution, by edge index. */
  readonly edgeStep: readonly number[];
  readonly nodeTexts: readonly NodeTexts[];
  readonly edgeTexts: readonly EdgeTexts[];
  /** What each step does, in one sentence ("forward: 3x + 1 = 3 + 1 = 4"). */
  readonly captions: readonly string[];
  /** The sentence at the end of the timeline (f and its gradient). */
  readonly summary: string;
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly edgeIndex: ReadonlyMap<string, number>;
}

const models = new Map<string, GraphModel | { error: string }>();

/**
 * The figure's graph at `at` (one value per variable, in the compiler's order), or why there is
 * none. Memoized on the expression and the point.
 */
export function graphModel(source: string, at: readonly number[]): GraphModel | { error: string } {
  const key = `${source}\u0000${at.join(',')}`;
  let model = models.get(key);
  if (model === undefined) {
    try {
      const graph = buildGraph(source);
      const point = graph.variables.map((_, i) => at[i] ?? 0);
      model = buildModel(graph, evaluateGraph(graph, point));
    } catch (error) {
      model = { error: error instanceof Error ? error.message : String(error) };
    }
    if (models.size > 32) models.clear();
    models.set(key, model);
  }
  return model;
}

function buildModel(graph: ComputationGraph, ev: GraphEvaluation): GraphModel {
  const nodeIndex = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const edgeIndex = new Map(graph.edges.map((e, i) => [e.id, i]));
  const valueStep = new Array<number>(graph.nodes.length).fill(-1);
  const gradStep = new Array<number>(graph.nodes.length).fill(-1);
  const edgeStep = new Array<number>(graph.edges.length).fill(-1);
  ev.steps.forEach((s, i) => {
    if ('edge' in s) edgeStep[edgeIndex.get(s.edge)!] = i;
    else if (s.phase === 'forward') valueStep[nodeIndex.get(s.node)!] = i;
    else gradStep[nodeIndex.get(s.node)!] = i;
  });

  const value = (id: string): number => ev.values[nodeIndex.get(id)!]!;
  const adjoint = (id: string): number => ev.adjoints[nodeIndex.get(id)!]!;
  const operands = (node: GraphNode): number[] =>
    node.inputs.map((e) => value(graph.edges[edgeIndex.get(e)!]!.from));

  const nodeTexts = graph.nodes.map((node, i): NodeTexts => {
    const flows = node.outputs.map((e) => ev.contributions[edgeIndex.get(e)!]!);
    return {
      // A lone exponent (²) reads as a stray mark: show what it applies to, as (·)².
      label: node.op === 'power' ? `(·)${node.label}` : node.label,
      name: nodeName(node),
      value: short(ev.values[i]!),
      grad: `grad ${short(ev.adjoints[i]!)}`,
      sum: flows.length > 1 ? fanIn(flows) : null,
    };
  });

  const edgeTexts = graph.edges.map((edge, k): EdgeTexts => {
    const parent = graph.nodes[nodeIndex.get(edge.to)!]!;
    const local = ev.local[k]!;
    return {
      local: localText(parent, edge.slot, operands(parent), value(parent.id), local),
      back: `← ${short(ev.contributions[k]!)}`,
    };
  });

  const f = 'f';
  const captions = ev.steps.map((s): string => {
    if ('edge' in s) {
      const k = edgeIndex.get(s.edge)!;
      const edge = graph.edges[k]!;
      const parent = graph.nodes[nodeIndex.get(edge.to)!]!;
      const p = nodeTexts[nodeIndex.get(edge.to)!]!.name;
      const c = nodeTexts[nodeIndex.get(edge.from)!]!.name;
      const args = operands(parent);
      const local = localText(parent, edge.slot, args, value(parent.id), ev.local[k]!, Infinity);
      const flow = `${operand(adjoint(parent.id))} · ${operand(ev.local[k]!)} = ${short(s.contribution)}`;
      const rate = `∂${partial(p)}/∂${partial(c)}`;
      const slope = local.startsWith('×') ? short(ev.local[k]!) : local;
      return `backward: local slope ${rate} = ${slope}, so ${flow} flows back to ${c}`;
    }
    const i = nodeIndex.get(s.node)!;
    const node = graph.nodes[i]!;
    const name = nodeTexts[i]!.name;
    if (s.phase === 'forward') {
      if (node.op === 'var') return `forward: the input ${name} = ${short(s.value)}`;
      if (node.op === 'const') {
        const v = short(s.value);
        return v === name
          ? `forward: the constant ${name}`
          : `forward: the constant ${name} = ${v}`;
      }
      const plugged = substituted(node, operands(node));
      const full = prettyText(node.text);
      const lhs = full.length <= 2 * NAME_LIMIT ? full : name;
      const value = short(s.value);
      const middle = plugged === lhs || plugged === value ? '' : `${plugged} = `;
      return `forward: ${lhs} = ${middle}${value}`;
    }
    if (node.id === graph.output) return `backward: start at the output with ∂${f}/∂${f} = 1`;
    const d = `∂${f}/∂${partial(name)}`;
    if (node.outputs.length === 1) {
      const k = edgeIndex.get(node.outputs[0]!)!;
      const parent = graph.edges[k]!.to;
      return `backward: ${d} = ${operand(adjoint(parent))} · ${operand(ev.local[k]!)} = ${short(s.adjoint)}`;
    }
    const flows = node.outputs.map((e) => ev.contributions[edgeIndex.get(e)!]!);
    return `backward: ${name} feeds ${flows.length} paths, so their gradients add: ${d} = ${sumText(flows)} = ${short(s.adjoint)}`;
  });

  const names = graph.variables.map((v, i) => `∂${f}/∂${v} = ${short(ev.gradient[i] ?? NaN)}`);
  const summary = `done: ${f} = ${short(ev.output)}, ${names.join(', ')}`;

  return {
    source: graph.source,
    graph,
    evaluation: ev,
    forward: graph.nodes.length,
    valueStep,
    gradStep,
    edgeStep,
    nodeTexts,
    edgeTexts,
    captions,
    summary,
    nodeIndex,
    edgeIndex,
  };
}

/** Longest sum a node shows term by term ("= 4 + 3"); longer ones say how many paths add. */
const SUM_LIMIT = 16;

/** What a node that fans out shows under its gradient: "= 4 + 3", or "= sum of 4 paths". */
function fanIn(flows: readonly number[]): string {
  const terms = sumText(flows);
  return terms.length <= SUM_LIMIT ? `= ${terms}` : `= sum of ${flows.length} paths`;
}

/** 4 + 3, 4 − 3 (a negative term is subtracted). */
function sumText(terms: readonly number[]): string {
  return terms
    .map((t, i) => {
      const s = short(t);
      if (i === 0) return s;
      return s.startsWith('−') ? `− ${s.slice(1)}` : `+ ${s}`;
    })
    .join(' ');
}

/** The operation with its operands' values plugged in: 3 + 1, 4², σ(2), max(1, 2). */
function substituted(node: GraphNode, args: readonly number[]): string {
  const a = operand(args[0] ?? NaN);
  const b = operand(args[1] ?? NaN);
  switch (node.op) {
    case 'add':
      return `${a} + ${b}`;
    case 'sub':
      return `${a} − ${b}`;
    case 'mul':
      return `${a} · ${b}`;
    case 'div':
      return `${a} / ${b}`;
    case 'neg':
      return `−${a}`;
    case 'power':
      return `${a}${node.label}`;
    case 'pow':
      return `${a}^${b}`;
    case 'max':
    case 'min':
      return `${node.op}(${args.map(operand).join(', ')})`;
    case 'sqrt':
      return `√${a}`;
    case 'abs':
      return `|${short(args[0] ?? NaN)}|`;
    default:
      return `${node.label}(${short(args[0] ?? NaN)})`;
  }
}

/** Longest local-derivative formula an edge shows ("σ(1−σ) = 0.105"). */
const LOCAL_LIMIT = 16;

/**
 * The local derivative of `parent` by its operand `slot`, as a short formula with the numbers
 * in it where the rule is worth seeing (2·4 = 8 for a square, σ(1−σ) for the sigmoid), else the
 * number alone (3 for 3x by x).
 */
function localText(
  parent: GraphNode,
  slot: number,
  args: readonly number[],
  v: number,
  local: number,
  limit = LOCAL_LIMIT,
): string {
  const L = short(local);
  const a = operand(args[0] ?? NaN);
  const b = operand(args[1] ?? NaN);
  // A bare number reads as the factor the gradient is multiplied by on its way back.
  const factor = `×${operand(local)}`;
  // A long formula would widen its column for everyone: the caption still spells it out.
  const with_ = (formula: string): string => {
    const text = `${formula} = ${L}`;
    return formula === L || text.length > limit ? factor : text;
  };
  switch (parent.op) {
    case 'power': {
      const k = parent.number ?? NaN;
      if (k === 0 || k === 1) return factor;
      const rest = k - 1 === 1 ? a : `${a}${powerOf(k - 1)}`;
      return with_(`${operand(k)}·${rest}`);
    }
    case 'div':
      return slot === 0 ? with_(`1/${b}`) : with_(`−${a}/${b}²`);
    case 'sigmoid':
      return with_('σ(1−σ)');
    case 'tanh':
      return with_('1 − tanh²');
    case 'exp':
      return with_(`e^${a}`);
    case 'log':
      return with_(`1/${a}`);
    case 'sin':
      return with_(`cos ${a}`);
    case 'cos':
      return with_(`−sin ${a}`);
    case 'sqrt':
      return with_(`1/(2·${operand(v)})`);
    default:
      return factor;
  }
}

/** An exponent as superscript when it is a small integer, else ^k. */
function powerOf(k: number): string {
  return Number.isInteger(k) && Math.abs(k) < 1000 ? superscript(String(k)) : `^${short(k)}`;
}

/** How far the playhead is through the steps. */
export interface GraphProgress {
  /** Steps fully done: [0, done). */
  readonly done: number;
  /** The step being animated (= done), or -1 at the end. */
  readonly active: number;
  /** How far the active step is, 0 … 1 (0 at the end). */
  readonly t: number;
  /**
   * The step the caption explains: the active one while it moves, else the last one done;
   * -1 before the first and at the end (the summary).
   */
  readonly described: number;
}

export function progressAt(model: GraphModel, position: number): GraphProgress {
  const n = model.evaluation.steps.length;
  // The epsilon keeps 2.9999999 (float error while playing) on step 3, as the step table does.
  const done = Math.max(0, Math.min(n, Math.floor(position + 1e-9)));
  const active = done < n ? done : -1;
  const t = active < 0 ? 0 : Math.max(0, Math.min(1, position - done));
  return { done, active, t, described: active < 0 ? -1 : t > 1e-9 ? active : done - 1 };
}

/** The caption for the playhead: the step it explains, the summary at the end, a start line. */
export function captionAt(model: GraphModel, progress: GraphProgress): string {
  if (progress.active < 0) return model.summary;
  if (progress.described < 0) {
    return 'forward: values flow from the inputs on the left to f on the right.';
  }
  return model.captions[progress.described]!;
}
