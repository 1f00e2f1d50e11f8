/** The Jacobian figure (§8): F = (F₁, F₂) as a map that bends the plane, J as its local copy. */
import { figureKind } from '../figureKind.ts';
import { drawJacobian } from './draw.ts';

export const jacobianView = figureKind({
  id: 'jacobian',
  label: 'Jacobian',
  draw: drawJacobian,
});
