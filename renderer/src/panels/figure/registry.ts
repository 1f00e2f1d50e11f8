/**
 * Each flat figure's side panels: its controls in the left panel (in place of the function,
 * runs and path settings) and its numbers in the right one (in place of the readout and step
 * table). The figure's drawing is its view kind (view/figure/); these are panels, so they live
 * here, above the view in the renderer's layers.
 */
import type { ComponentType } from 'react';
import type { FigureKind } from '../../../../shared/scene/figure.ts';
import { ActivationsControls, ActivationsNumbers } from './activations.tsx';
import { DerivativesControls, DerivativesNumbers } from './derivatives.tsx';
import { GraphControls } from './graph/GraphControls.tsx';
import { GraphNumbers } from './graph/GraphNumbers.tsx';
import { IntegralControls, IntegralNumbers } from './integral.tsx';
import { JacobianControls, JacobianNumbers } from './jacobian.tsx';
import { SecantControls, SecantNumbers } from './secant.tsx';

export interface FigurePanels {
  Controls: ComponentType;
  Numbers: ComponentType;
  /** The viewing box the figure draws in: its x range, or both (the Jacobian's input grid). */
  domain: 'x' | 'xy' | null;
}

export const FIGURE_PANELS: Readonly<Record<FigureKind, FigurePanels>> = {
  activations: { Controls: ActivationsControls, Numbers: ActivationsNumbers, domain: 'x' },
  derivatives: { Controls: DerivativesControls, Numbers: DerivativesNumbers, domain: 'x' },
  graph: { Controls: GraphControls, Numbers: GraphNumbers, domain: null },
  integral: { Controls: IntegralControls, Numbers: IntegralNumbers, domain: 'x' },
  jacobian: { Controls: JacobianControls, Numbers: JacobianNumbers, domain: 'xy' },
  secant: { Controls: SecantControls, Numbers: SecantNumbers, domain: 'x' },
};
