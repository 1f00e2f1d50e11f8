/** The integral figure (§9): the area under f between a and b as a sum of slices. */
import { figureKind } from '../figureKind.ts';
import { drawIntegral } from './draw.ts';

export const integralView = figureKind({
  id: 'integral',
  label: 'Integral',
  draw: drawIntegral,
});
