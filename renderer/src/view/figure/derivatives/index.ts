/** The derivatives figure (§2): f over f′ (and f″), critical points and a sweeping tangent. */
import { figureKind } from '../figureKind.ts';
import { drawDerivatives } from './draw.ts';

export const derivativesView = figureKind({
  id: 'derivatives',
  label: 'Derivatives',
  draw: drawDerivatives,
});
