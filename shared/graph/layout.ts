/**
 * Where to draw a computation graph: a layered layout from left to right (leaves on the left,
 * the output on the right), computed by dagre (the Sugiyama method: layers by longest paths,
 * crossings reduced by reordering, coordinates by Brandes–Köpf). Edge labels are laid out as
 * boxes of their own in the layer between the two ends, so a label never covers a node or
 * another label, however many edges fan out of a value.
 *
 * Everything is in abstract units (the caller's: the renderer uses ems of its base font) and
 * the result starts at (0, 0); the drawing scales it to fit. Pure TypeScript.
 */
import dagre from '@dagrejs/dagre';
import type { ComputationGraph, GraphEdge, GraphNode } from './index.ts';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** An axis-aligned box by its top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A node's box, with the index of its column (0 = leftmost). */
export interface NodePlacement extends Box {
  readonly id: string;
  readonly column: number;
}

/** An edge as a polyline from the child's box to the parent's, and its label's box. */
export interface EdgeRoute {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** At least two points: the first on the child's border, the last on the parent's. */
  readonly points: readonly Point[];
  /** Where the label goes (centred on the polyline), or null for an edge without one. */
  readonly label: Box | null;
}

export interface GraphLayout {
  /** Size of the box holding every node, label and edge point. */
  readonly width: number;
  readonly height: number;
  /** In the order of `graph.nodes`. */
  readonly nodes: readonly NodePlacement[];
  /** In the order of `graph.edges`. */
  readonly edges: readonly EdgeRoute[];
}

export interface GraphLayoutOptions {
  /** Size of each node's box (default 3 × 2). */
  readonly nodeSize?: (node: GraphNode) => Size;
  /** Size of each edge's label, or null for none (default: no labels). */
  readonly labelSize?: (edge: GraphEdge) => Size | null;
  /** Space between boxes in one column (default 1). */
  readonly nodeGap?: number;
  /** Space between a column of nodes and the next column of boxes, labels included (default 1.5). */
  readonly columnGap?: number;
  /** Space between an edge's line and its label, which sits above it (default 0.2). */
  readonly labelOffset?: number;
}

const DEFAULT_NODE: Size = { width: 3, height: 2 };

/**
 * Lays out `graph` from left to right. Deterministic: the same graph and sizes give the same
 * layout.
 */
export function layoutGraph(
  graph: ComputationGraph,
  options: GraphLayoutOptions = {},
): GraphLayout {
  const nodeSize = options.nodeSize ?? (() => DEFAULT_NODE);
  const labelSize = options.labelSize ?? (() => null);
  const nodeGap = options.nodeGap ?? 1;
  const columnGap = options.columnGap ?? 1.5;
  const labelOffset = options.labelOffset ?? 0.2;

  // A multigraph: x*x has two edges from the same x into the same product.
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'LR',
    nodesep: nodeGap,
    edgesep: nodeGap / 2,
    // dagre puts a layer for the labels between two layers of nodes and halves ranksep.
    ranksep: columnGap * 2,
    marginx: 0,
    marginy: 0,
  });
  for (const node of graph.nodes) {
    const { width, height } = nodeSize(node);
    g.setNode(node.id, { width, height });
  }
  for (const edge of graph.edges) {
    const size = labelSize(edge);
    g.setEdge(
      edge.from,
      edge.to,
      // The label sits just above its edge ('l' is the left of the edge's direction), so the
      // line and anything moving along it stay visible.
      {
        width: size?.width ?? 0,
        height: size?.height ?? 0,
        labelpos: size ? 'l' : 'c',
        labeloffset: size ? labelOffset : 0,
      },
      edge.id,
    );
  }
  dagre.layout(g, { constraints: operandOrder(graph) });

  const placed = graph.nodes.map((node) => {
    const n = g.node(node.id) as { x: number; y: number; width: number; height: number };
    return {
      id: node.id,
      x: n.x - n.width / 2,
      y: n.y - n.height / 2,
      width: n.width,
      height: n.height,
    };
  });
  const routes = graph.edges.map((edge) => {
    const e = g.edge({ v: edge.from, w: edge.to, name: edge.id }) as {
      points?: Point[];
      x?: number;
      y?: number;
      width: number;
      height: number;
    };
    const size = labelSize(edge);
    const label =
      size !== null && e.x !== undefined && e.y !== undefined
        ? {
            x: e.x - size.width / 2,
            y: e.y - size.height / 2,
            width: size.width,
            height: size.height,
          }
        : null;
    return { id: edge.id, from: edge.from, to: edge.to, points: e.points ?? [], label };
  });

  // Start at (0, 0): dagre may leave a margin or route an edge outside the nodes' hull.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const grow = (b: Box): void => {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  };
  placed.forEach(grow);
  for (const r of routes) {
    if (r.label) grow(r.label);
    for (const p of r.points) grow({ x: p.x, y: p.y, width: 0, height: 0 });
  }
  if (!Number.isFinite(minX)) return { width: 0, height: 0, nodes: [], edges: [] };
  const shift = <T extends Box>(b: T): T => ({ ...b, x: b.x - minX, y: b.y - minY });

  // Columns: the distinct left edges of the node boxes' centres, left to right.
  const centres = [...new Set(placed.map((p) => round(p.x + p.width / 2)))].sort((a, b) => a - b);
  return {
    width: maxX - minX,
    height: maxY - minY,
    nodes: placed.map((p) => ({ ...shift(p), column: centres.indexOf(round(p.x + p.width / 2)) })),
    edges: routes.map((r) => ({
      ...r,
      points: r.points.map((p) => ({ x: p.x - minX, y: p.y - minY })),
      label: r.label ? shift(r.label) : null,
    })),
  };
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/**
 * Asks dagre to stack the leaves of an operation in the order they were written (3 above x in
 * 3x). Only leaves used once: their order changes no crossings, whereas ordering operands that
 * feed other nodes too (a in a² + 3a) can force edges to cross.
 */
function operandOrder(graph: ComputationGraph): { left: string; right: string }[] {
  const byId = new Map(graph.edges.map((e) => [e.id, e]));
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const loneLeaf = (id: string): boolean => {
    const n = nodes.get(id)!;
    return n.inputs.length === 0 && n.outputs.length === 1;
  };
  const pairs: { left: string; right: string }[] = [];
  for (const node of graph.nodes) {
    const leaves = node.inputs.map((id) => byId.get(id)!.from).filter(loneLeaf);
    for (let i = 1; i < leaves.length; i++) pairs.push({ left: leaves[i - 1]!, right: leaves[i]! });
  }
  return pairs;
}
