/**
 * A flat figure in words, for screen readers (the function plots have sceneDescription.ts):
 * which figure, what it is drawn for, and where its timeline stands. The figure's numbers are
 * in its side panel, which a screen reader reads as it is.
 */
import type { Scene } from '../../../../shared/scene/document.ts';
import { isFigureKind } from '../../../../shared/scene/figure.ts';
import type { FigureKind, FigureSettings } from '../../../../shared/scene/figure.ts';

const n = (v: number): string => String(Number(v.toPrecision(6)));

const WHAT: Record<FigureKind, (f: FigureSettings, scene: Scene) => string> = {
  secant: (f) => `Secant of f(x) = ${f.f} through x₀ = ${n(f.x0)} and x₀ + h, h = ${n(f.h)}`,
  derivatives: (f, s) =>
    `f(x) = ${f.f} with its derivative${f.second ? 's f′ and f″' : ' f′'}, for x from ${n(s.domain.x[0])} to ${n(s.domain.x[1])}`,
  graph: (f) => `Computation graph of ${f.f} at ${f.at.map(n).join(', ')}`,
  activations: (f) =>
    `Activation functions and their derivatives, ${f.activation} in focus at z = ${n(f.x0)}, with ${f.depth} stacked layers`,
  jacobian: (f) =>
    `The map F(x, y) = [${f.f}, ${f.g}] and its Jacobian at (${f.at.map(n).join(', ')})`,
  integral: (f) =>
    `The area under f(x) = ${f.f} from ${n(f.a)} to ${n(f.b)}, by ${f.rule} sums of up to ${f.n} slices`,
};

/** One sentence or two describing a figure scene at `position`; null for other kinds. */
export function describeFigure(scene: Scene, position: number, end: number): string | null {
  if (!isFigureKind(scene.kind)) return null;
  const what = WHAT[scene.kind](scene.figure, scene);
  return `${scene.title}. ${what}. Timeline at ${n(position)} of ${n(end)}.`;
}
