import { describe, expect, it } from 'vitest';
import { defaultScene, MAX_PATHS, timelineEnd } from '../../../shared/scene/document.ts';
import { parseScene } from '../../../shared/scene/parse.ts';
import {
  addPath,
  addRun,
  duplicateRun,
  fitStart,
  MAX_RUNS,
  removePath,
  removeRun,
  renameRun,
  setCaption,
  setDomain,
  setPathVisible,
  setProblem,
  updateParams,
  updateRun,
} from './sceneEdits.ts';
import { presetScene } from '../../../shared/scene/presets.ts';
import { runLabel } from '../../../shared/scene/runName.ts';
import { createAppStore } from './appStore.ts';

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

describe('run names', () => {
  const lrCompare = () => presetScene('lr-compare')!;

  it('typing the label itself keeps a name that follows the settings', () => {
    const scene = lrCompare();
    expect(renameRun(scene, 'lr-1.1', 'η = 1.1')).toBe(scene);
    const dragged = updateParams(scene, 'lr-1.1', { lr: 0.126 });
    expect(runLabel(dragged.runs[2]!)).toBe('η = 0.126');
  });

  it('other text renames the run, which then stops following', () => {
    let scene = renameRun(lrCompare(), 'lr-1.1', 'Too large');
    expect(scene.runs[2]!.name).toBe('Too large');
    scene = updateParams(scene, 'lr-1.1', { lr: 2 });
    expect(runLabel(scene.runs[2]!)).toBe('Too large');
  });

  it('a blank name follows the optimizer and η again', () => {
    const scene = renameRun(lrCompare(), 'lr-0.5', '  ');
    expect(runLabel(scene.runs[1]!)).toBe('GD η = 0.5');
    expect(renameRun(scene, 'nope', 'x')).toBe(scene);
  });
});

describe('caption', () => {
  const preset = () => presetScene('derivative-x2')!;

  it('changing f or the domain marks it as possibly stale', () => {
    const scene = preset();
    expect(scene.captionStale).toBe(false);
    expect(setProblem(scene, { kind: 'expression', source: 'sigmoid(x)' }, 1).captionStale).toBe(
      true,
    );
    const wider = setDomain(scene, { x: [-5, 5], y: [-5, 5] });
    expect(wider.captionStale).toBe(true);
    expect(wider.domain.x).toEqual([-5, 5]);
    // The same domain again changes nothing.
    expect(setDomain(scene, scene.domain)).toBe(scene);
  });

  it('an empty caption has nothing to go stale', () => {
    const scene = { ...defaultScene(), caption: '' };
    expect(setDomain(scene, { x: [-1, 1], y: [-1, 1] }).captionStale).toBe(false);
  });

  it('editing the caption makes it current again', () => {
    const stale = setDomain(preset(), { x: [-5, 5], y: [-5, 5] });
    const edited = setCaption(stale, 'Slope of x² anywhere');
    expect(edited.caption).toBe('Slope of x² anywhere');
    expect(edited.captionStale).toBe(false);
    expect(parseScene(edited).ok).toBe(true);
  });

  it('keep and clear through the store, each one undo step', () => {
    const store = createAppStore();
    store.getState().openScene(preset());
    store.getState().setDomain({ x: [-5, 5], y: [-5, 5] });
    expect(store.getState().scene.captionStale).toBe(true);
    store.getState().keepCaption();
    expect(store.getState().scene.captionStale).toBe(false);
    expect(store.getState().scene.caption).not.toBe('');
    store.getState().undo();
    expect(store.getState().scene.captionStale).toBe(true);
    store.getState().clearCaption();
    expect(store.getState().scene.caption).toBe('');
    expect(store.getState().scene.captionStale).toBe(false);
  });

  it('writing a built-in out as an expression keeps the caption current', () => {
    const store = createAppStore();
    store.getState().openScene(presetScene('bowl-2d')!);
    store.getState().setExpression('x^2 + y^2', 2);
    expect(store.getState().scene.captionStale).toBe(false);
    store.getState().setExpression('x^2 + 2*y^2', 2);
    expect(store.getState().scene.captionStale).toBe(true);
  });
});

describe('imported paths', () => {
  it('adds a path with a colour no run uses, hides it, removes it; the scene stays valid', () => {
    const base = defaultScene();
    const added = addPath(base, 'proj.h5', [0, 1, 2], [0, -1, 0.5]);
    if ('error' in added) throw new Error(added.error);
    const path = added.scene.paths![0]!;
    expect(path.id).toBe(added.id);
    expect(path.points).toEqual([
      [0, 0],
      [1, -1],
      [2, 0.5],
    ]);
    expect(base.runs.map((r) => r.color)).not.toContain(path.color);
    expect(parseScene(added.scene).ok).toBe(true);
    // The timeline reaches the path's last point.
    expect(timelineEnd({ ...added.scene, runs: [] })).toBe(2);

    const hidden = setPathVisible(added.scene, path.id, false);
    expect(hidden.paths![0]!.visible).toBe(false);
    expect(setPathVisible(hidden, path.id, false)).toBe(hidden);

    const removed = removePath(hidden, path.id);
    expect(removed.paths).toBeUndefined();
    expect(removePath(removed, path.id)).toBe(removed);
  });

  it('refuses non-finite points, too many paths, and curves, changing nothing', () => {
    const base = defaultScene();
    expect(addPath(base, 'bad.csv', [0, NaN], [0, 1])).toEqual({
      error: 'bad.csv: point 1 is (NaN, 1); every point must be finite.',
    });
    expect(addPath({ ...base, kind: 'curve' }, 'p', [0], [0])).toHaveProperty('error');
    let scene = base;
    for (let k = 0; k < MAX_PATHS; k++) {
      const r = addPath(scene, `p${k}`, [0], [0]);
      if ('error' in r) throw new Error(r.error);
      scene = r.scene;
    }
    expect(new Set(scene.paths!.map((p) => p.id)).size).toBe(MAX_PATHS);
    expect(addPath(scene, 'one more', [0], [0])).toHaveProperty('error');
  });

  it('drops the paths when f changes: they belong to the old landscape', () => {
    const added = addPath(defaultScene(), 'proj.h5', [0], [0]);
    if ('error' in added) throw new Error(added.error);
    const next = setProblem(added.scene, { kind: 'surface', id: 'saddle' }, 2);
    expect(next.paths).toBeUndefined();
  });

  it('a scene whose two paths share an id is refused when opened', () => {
    const added = addPath(defaultScene(), 'proj.h5', [0], [0]);
    if ('error' in added) throw new Error(added.error);
    const twice = { ...added.scene, paths: [added.scene.paths![0]!, added.scene.paths![0]!] };
    const parsed = parseScene(twice);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain("share the id 'path-1'");
  });
});
