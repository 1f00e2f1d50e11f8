/**
 * The solver's share of a re-mesh (shared/service.ts: sorted heights, triangles, log-scale
 * contours) gives the view exactly what the main thread computed itself before.
 */
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../../shared/service.ts';
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import { frameOf } from '../plot/frame.ts';
import { colorMappingOf } from './colorScale.ts';
import { contoursFor } from './Contours.tsx';
import { buildSurfaceGeometry } from './surfaceGeometry.ts';

function answer(source: string, colorScale?: 'auto' | 'linear' | 'log'): SurfaceResult {
  const { response } = handleMessage({
    seq: 1,
    type: 'surface',
    problem: { kind: 'expression', source },
    // log(x) is undefined for x ≤ 0: part of the grid is masked.
    domain: { x: [-2, 2], y: [-1, 3] },
    nx: 40,
    ny: 30,
    levels: 8,
    ...(colorScale ? { colorScale } : {}),
  });
  if (!response.ok || response.type !== 'surface') throw new Error(JSON.stringify(response));
  return response.result;
}

/** The same grid without what the solver adds, as the main thread had to handle it before. */
function bare(s: SurfaceResult): SurfaceResult {
  const copy = structuredClone(s);
  delete copy.sorted;
  delete copy.indices;
  delete copy.logContours;
  return copy;
}

const ROSENBROCK_MASKED = '(1-x)^2 + 100*(y-x^2)^2 + log(x + 1.5)';

describe('re-mesh work done by the solver', () => {
  it('sends the valid heights sorted, and the view gets the same frame and colours', () => {
    const s = answer(ROSENBROCK_MASKED, 'auto');
    const sorted = s.sorted!;
    const valid = [...s.values].filter((_, k) => s.valid[k] === 1).sort((a, b) => a - b);
    expect([...sorted]).toEqual(valid);
    expect(valid.length).toBeLessThan(s.values.length);
    const plain = bare(s);
    expect(frameOf(s)).toEqual(frameOf(plain));
    expect(colorMappingOf(s, 'auto', null)).toEqual(colorMappingOf(plain, 'auto', null));
  });

  it('sends the triangles the view would have built', () => {
    const s = answer(ROSENBROCK_MASKED);
    const plain = bare(s);
    const mapping = colorMappingOf(s, 'linear', null)!;
    const a = buildSurfaceGeometry(s, frameOf(s)!, mapping);
    const b = buildSurfaceGeometry(plain, frameOf(plain)!, mapping);
    expect(Array.from(a.getIndex()!.array)).toEqual(Array.from(b.getIndex()!.array));
    expect(a.getIndex()!.array).toBeInstanceOf(Uint16Array);
    expect(a.getAttribute('position').array).toEqual(b.getAttribute('position').array);
    expect(a.getAttribute('color').array).toEqual(b.getAttribute('color').array);
  });

  it('contours a log colour scale, and the view uses those contours', () => {
    const s = answer(ROSENBROCK_MASKED, 'auto');
    const mapping = colorMappingOf(s, 'auto', null)!;
    expect(mapping.scale).toBe('log');
    expect(s.logContours).toBeDefined();
    const set = contoursFor(s, mapping, 8);
    expect(set).toBe(s.logContours);
    // What the view computes itself from the bare grid.
    const plain = bare(s);
    const own = contoursFor(plain, colorMappingOf(plain, 'auto', null)!, 8);
    expect(own.levels).toEqual(set.levels);
    expect(own.segments.map((x) => Array.from(x))).toEqual(set.segments.map((x) => Array.from(x)));
  });

  it('contours only what the view will show: nothing more for a linear scale', () => {
    expect(answer(ROSENBROCK_MASKED, 'linear').logContours).toBeUndefined();
    expect(answer('x^2 + 2*y^2', 'auto').logContours).toBeUndefined();
    expect(answer(ROSENBROCK_MASKED).logContours).toBeUndefined();
  });
});
