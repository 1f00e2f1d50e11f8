/** The secant figure (§1): a secant through x₀ and x₀ + h that becomes the tangent as h → 0. */
import { figureKind } from '../figureKind.ts';
import { drawSecant } from './draw.ts';

export const secantView = figureKind({
  id: 'secant',
  label: 'Secant',
  draw: drawSecant,
});
