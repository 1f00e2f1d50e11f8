import { describe, expect, it } from 'vitest';
import { presetScene } from '../../../shared/scene/presets.ts';
import { defaultScene, SCENE_VERSION } from '../../../shared/scene/document.ts';
import { parseScene } from '../../../shared/scene/parse.ts';
import { createAppStore } from './appStore.ts';

describe('app store: scene edits and undo', () => {
  it('undoes and redoes an edit', () => {
    const store = createAppStore();
    store.getState().updateParams('run-1', { lr: 0.5 });
    expect(store.getState().scene.runs[0]!.params.lr).toBe(0.5);
    store.getState().undo();
    expect(store.getState().scene.runs[0]!.params.lr).toBe(0.1);
    store.getState().redo();
    expect(store.getState().scene.runs[0]!.params.lr).toBe(0.5);
  });

  it('a slider drag is one undo entry, closed by commitGesture', () => {
    const store = createAppStore();
    const s = store.getState();
    for (const lr of [0.12, 0.2, 0.35, 0.5]) s.updateParams('run-1', { lr }, 'lr:run-1');
    s.commitGesture();
    s.updateParams('run-1', { lr: 0.9 }, 'lr:run-1');
    s.commitGesture();
    expect(store.getState().history.past.length).toBe(2);
    store.getState().undo();
    expect(store.getState().scene.runs[0]!.params.lr).toBe(0.5);
    store.getState().undo();
    expect(store.getState().scene.runs[0]!.params.lr).toBe(0.1);
  });

  it('no-op edits add no undo entry', () => {
    const store = createAppStore();
    store.getState().updateParams('run-1', { lr: 0.1 });
    store.getState().setOverlay('gradient', true);
    store.getState().setDomain({ x: [-3, 3], y: [-3, 3] });
    expect(store.getState().history.past.length).toBe(0);
  });

  it('selecting, camera moves and the timeline position are not undo steps', () => {
    const store = createAppStore();
    store.getState().addRun();
    const before = store.getState().history.past.length;
    store.getState().selectRun('run-1');
    store.getState().setCameraPose([1, 2, 3], [0, 0, 0]);
    store.getState().seek(5);
    expect(store.getState().history.past.length).toBe(before);
    expect(store.getState().scene.timeline.position).toBe(5);
    expect(store.getState().scene.camera.position).toEqual([1, 2, 3]);
  });

  it('every edit keeps the document valid', () => {
    const store = createAppStore();
    const s = store.getState();
    s.addRun();
    s.duplicateRun('run-1');
    s.updateParams('run-2', { kind: 'adam', beta1: 0.8 });
    s.selectSurface('rosenbrock');
    s.setExpression('x^2', 1);
    s.setOverlay('hessian', true);
    s.setView({ theme: 'dark' });
    s.setTimeline({ loop: true, speed: 4 });
    s.removeRun('run-1');
    expect(parseScene(store.getState().scene)).toEqual({ ok: true, scene: store.getState().scene });
  });

  it('picking a built-in takes its domain and refits the runs', () => {
    const store = createAppStore();
    store.getState().selectSurface('rosenbrock');
    const { scene } = store.getState();
    expect(scene.problem).toEqual({ kind: 'surface', id: 'rosenbrock' });
    expect(scene.domain).toEqual({ x: [-2, 2], y: [-1, 3] });
    store.getState().selectSurface('parabola');
    expect(store.getState().scene.runs[0]!.start.length).toBe(1);
  });
});

describe('app store: documents', () => {
  it('opening a preset is undoable and moves the playhead to its position', () => {
    const store = createAppStore();
    const preset = presetScene('lr-compare')!;
    preset.timeline.position = 2;
    store.getState().openScene(preset);
    expect(store.getState().scene.title).toBe(preset.title);
    expect(store.getState().runtime.playhead.position).toBe(2);
    store.getState().undo();
    expect(store.getState().scene.title).toBe(defaultScene().title);
  });

  it('refuses a newer document with a message and keeps the current scene', () => {
    const store = createAppStore();
    store.getState().updateParams('run-1', { lr: 0.7 });
    const current = store.getState().scene;
    const parse = parseScene({ ...defaultScene(), version: SCENE_VERSION + 1 });
    expect(store.getState().openParsed(parse)).toBe(false);
    expect(store.getState().scene).toBe(current);
    expect(store.getState().notice?.kind).toBe('error');
    expect(store.getState().notice?.text).toMatch(/newer/);
  });

  it('resetDocument (startup) forgets the history', () => {
    const store = createAppStore();
    store.getState().addRun();
    store.getState().resetDocument(defaultScene());
    expect(store.getState().history.past).toEqual([]);
  });
});

describe('app store: playback', () => {
  it('steps, clamps to the timeline and records the position', () => {
    const store = createAppStore();
    const s = store.getState();
    s.updateRun('run-1', { steps: 3 });
    s.stepBy(1);
    s.stepBy(1);
    s.stepBy(5);
    expect(s.runtime.playhead.position).toBe(3);
    expect(store.getState().scene.timeline.position).toBe(3);
    s.stepBy(-10);
    expect(s.runtime.playhead.position).toBe(0);
  });

  it('pause lands on a whole row; play at the end restarts', () => {
    const store = createAppStore();
    const s = store.getState();
    s.play();
    s.runtime.playhead.set(4.6);
    s.pause();
    expect(s.runtime.playhead.position).toBe(5);
    expect(store.getState().scene.timeline.position).toBe(5);
    s.seek(100);
    s.play();
    expect(s.runtime.playhead.position).toBe(0);
    expect(store.getState().playing).toBe(true);
  });

  it('fewer steps pull the playhead back inside the timeline', () => {
    const store = createAppStore();
    store.getState().seek(80);
    store.getState().updateRun('run-1', { steps: 10 });
    expect(store.getState().runtime.playhead.position).toBe(10);
  });
});
