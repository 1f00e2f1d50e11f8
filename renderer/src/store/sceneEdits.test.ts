import { describe, expect, it } from 'vitest';
import { defaultScene } from '../../../shared/scene/document.ts';
import { parseScene } from '../../../shared/scene/parse.ts';
import {
  addRun,
  duplicateRun,
  fitStart,
  MAX_RUNS,
  removeRun,
  setProblem,
  updateParams,
  updateRun,
} from './sceneEdits.ts';

describe('scene edits', () => {
  it('adds runs with fresh ids and colours, selecting the new one', () => {
    let scene = defaultScene();
    scene = addRun(scene, 2);
    scene = addRun(scene, 2);
    expect(scene.runs.map((r) => r.id)).toEqual(['run-1', 'run-2', 'run-3']);
    expect(new Set(scene.runs.map((r) => r.color)).size).toBe(3);
    expect(scene.selectedRunId).toBe('run-3');
    expect(parseScene(scene).ok).toBe(true);
  });

  it('stops at the schema limit', () => {
    let scene = defaultScene();
    for (let i = 0; i < MAX_RUNS + 5; i++) scene = addRun(scene, 2);
    expect(scene.runs.length).toBe(MAX_RUNS);
    expect(parseScene(scene).ok).toBe(true);
  });

  it('duplicates deeply (editing the copy leaves the original alone)', () => {
    let scene = duplicateRun(defaultScene(), 'run-1');
    const copy = scene.runs[1]!;
    expect(copy.id).not.toBe('run-1');
    expect(copy.params).toEqual(scene.runs[0]!.params);
    scene = updateParams(scene, copy.id, { lr: 0.5 });
    expect(scene.runs[0]!.params.lr).toBe(0.1);
    expect(scene.runs[0]!.params.schedule).not.toBe(copy.params.schedule);
  });

  it('removing the selected run selects a neighbour', () => {
    let scene = addRun(addRun(defaultScene(), 2), 2);
    scene = { ...scene, selectedRunId: 'run-2' };
    scene = removeRun(scene, 'run-2');
    expect(scene.selectedRunId).toBe('run-3');
    scene = removeRun(removeRun(scene, 'run-3'), 'run-1');
    expect(scene.selectedRunId).toBeNull();
  });

  it('returns the same scene when an update changes nothing', () => {
    const scene = defaultScene();
    expect(updateRun(scene, 'run-1', { steps: 100 })).toBe(scene);
    expect(updateParams(scene, 'run-1', { lr: 0.1 })).toBe(scene);
    expect(updateRun(scene, 'run-1', { start: [2.5, 2] })).toBe(scene);
    expect(updateRun(scene, 'nope', { steps: 3 })).toBe(scene);
    expect(updateRun(scene, 'run-1', { steps: 3 })).not.toBe(scene);
  });

  it('refits start points when f changes dimension or domain', () => {
    const scene = defaultScene();
    const oneD = setProblem(scene, { kind: 'expression', source: 'x^2' }, 1);
    expect(oneD.runs[0]!.start).toEqual([2.5]);
    const back = setProblem(oneD, { kind: 'surface', id: 'bowl' }, 2, { x: [-4, 4], y: [-4, 4] });
    expect(back.runs[0]!.start.length).toBe(2);
    expect(parseScene(back).ok).toBe(true);
  });

  it('fitStart keeps points inside the domain and replaces those outside', () => {
    const domain = { x: [-1, 1], y: [-1, 1] } as const;
    expect(fitStart([0.5, 0.5], 2, domain)).toEqual([0.5, 0.5]);
    expect(fitStart([5, 0], 2, domain)).toEqual([0.6, 0.5]);
    expect(fitStart([0.2], 2, domain)).toEqual([0.2, 0.5]);
  });
});
