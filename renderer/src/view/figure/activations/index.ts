/**
 * The activations figure (§3): five activations and their slopes, ReLU's kink, and the
 * vanishing gradient of stacked sigmoids.
 */
import { figureKind } from '../figureKind.ts';
import { drawActivations } from './draw.ts';

export const activationsView = figureKind({
  id: 'activations',
  label: 'Activations',
  draw: drawActivations,
});
