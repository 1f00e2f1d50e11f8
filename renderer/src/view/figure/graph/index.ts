/**
 * The computation-graph figure (chapter §3): the chain rule as a graph of leaves and
 * operations, with the forward pass and then back-propagation animated along the timeline.
 */
import { figureKind } from '../figureKind.ts';
import { drawGraph } from './draw.ts';

export const graphView = figureKind({
  id: 'graph',
  label: 'Graph',
  draw: drawGraph,
});
