/**
 * The store, the sync and the real solver (shared/service.ts) wired together in-process, with a
 * fake endpoint standing in for the Web Worker.
 */
import { describe, expect, it } from 'vitest';
import { SolverClient } from '../../../shared/client.ts';
import type { Endpoint } from '../../../shared/protocol.ts';
import { handleMessage } from '../../../shared/service.ts';
import { presetScene } from '../../../shared/scene/presets.ts';
import { createAppStore } from '../store/appStore.ts';
import { frameOf } from '../view/plot/frame.ts';
import { startSolverSync } from './sync.ts';

/** An endpoint that answers asynchronously (like a worker) and counts requests by type. */
function fakeWorker(): Endpoint & { sent: string[] } {
  let handler: (m: unknown) => void = () => {};
  const sent: string[] = [];
  return {
    sent,
    post(message) {
      sent.push((message as { type: string }).type);
      const { response } = handleMessage(structuredClone(message));
      setTimeout(() => handler(response), 0);
    },
    listen(h) {
      handler = h;
    },
  };
}

describe('solver sync', () => {
  it('computes describe, surface, trajectories and analysis for the scene', async () => {
    const store = createAppStore();
    const worker = fakeWorker();
    const { stop, settled } = startSolverSync(store, new SolverClient(worker));
    await settled();
    const s = store.getState();
    expect(s.info?.dim).toBe(2);
    expect(s.surface?.nx).toBe(96);
    expect(frameOf(s.surface)).not.toBeNull();
    expect(s.trajectories['run-1']?.count).toBe(101);
    expect(s.analysis?.result.analysis.curvature).toBe('bowl');
    stop();
  });

  it('a slider drag keeps one request in flight and sends only the newest waiting one', async () => {
    const store = createAppStore();
    const worker = fakeWorker();
    const { stop, settled } = startSolverSync(store, new SolverClient(worker));
    await settled();
    worker.sent.length = 0;
    const lrs: number[] = [];
    store.subscribe(
      (s) => s.trajectoryVersion,
      () => lrs.push(store.getState().trajectories['run-1']?.data[7] ?? NaN),
    );
    for (const lr of [0.2, 0.3, 0.4, 0.5])
      store.getState().updateParams('run-1', { lr }, 'lr:run-1');
    // η = 0.2 went out at once; 0.3 and 0.4 were replaced while waiting and never sent.
    expect(worker.sent.filter((t) => t === 'trajectories').length).toBe(1);
    await settled();
    expect(worker.sent.filter((t) => t === 'trajectories').length).toBe(2);
    // The paths showed η = 0.2's answer, then η = 0.5's: never an older one after a newer one.
    expect(lrs).toEqual([0.2, 0.5]);
    const t = store.getState().trajectories['run-1']!;
    // GD with η = 0.5 on x² + y² lands on the minimum in one step.
    expect(t.data[8]).toBeCloseTo(0, 12);
    stop();
  });

  it('latency: the input time travels with the request and is closed by the next frame', async () => {
    const store = createAppStore();
    const { stop, settled } = startSolverSync(store, new SolverClient(fakeWorker()));
    await settled();
    const { perf } = store.getState().runtime;
    perf.markInput(1000);
    store.getState().updateParams('run-1', { lr: 0.3 }, 'lr:run-1');
    expect(perf.awaitingFrame).toBe(false);
    await settled();
    expect(perf.awaitingFrame).toBe(true);
    perf.frameDrawn(1012);
    expect(perf.latency.values()).toEqual([12]);
    stop();
  });

  it('a 1D preset gets a curve (one row) and 1D trajectories', async () => {
    const store = createAppStore();
    store.getState().resetDocument(presetScene('lr-compare')!);
    const { stop, settled } = startSolverSync(store, new SolverClient(fakeWorker()));
    await settled();
    const s = store.getState();
    expect(s.info?.dim).toBe(1);
    expect(s.surface?.ny).toBe(1);
    expect(frameOf(s.surface)?.dim).toBe(1);
    const diverging = s.trajectories['lr-1.1']!;
    expect(Array.from({ length: 4 }, (_, k) => diverging.data[k * 8])).toEqual(
      [3, -3.6000000000000005, 4.32, -5.184000000000001].map((v) => expect.closeTo(v, 12)),
    );
    stop();
  });

  it('a run that cannot start is reported on that run, with no rows to draw', async () => {
    const store = createAppStore();
    const { stop, settled } = startSolverSync(store, new SolverClient(fakeWorker()));
    await settled();
    store.getState().setExpression('log(x) + y^2', 2);
    store.getState().updateRun('run-1', { start: [-1, 1] });
    await settled();
    const t = store.getState().trajectories['run-1'];
    expect(t?.error).toMatch(/not finite at the start/);
    expect(t?.count).toBe(0);
    expect(store.getState().errors.trajectories ?? null).toBeNull();
    stop();
  });

  it('settled() waits for answers and for the requests they lead to', async () => {
    const store = createAppStore();
    const worker = fakeWorker();
    const { stop, settled } = startSolverSync(store, new SolverClient(worker));
    // Only describe can go out first: the grid waits for its answer.
    expect(worker.sent).not.toContain('surface');
    await settled();
    // describe's answer sent the surface request, and settled() waited for that one too.
    expect(worker.sent).toContain('surface');
    expect(store.getState().surface).not.toBeNull();
    // Nothing in flight: resolves at once.
    await settled();
    store.getState().setExpression('x^2 + 3y', 2);
    await settled();
    expect(store.getState().info?.expression).toMatch(/3/);
    expect(store.getState().surface?.nx).toBe(96);
    stop();
  });

  it('the chapter §4 directional derivative: 4 along x, 0 along the contour of x² + xy at (1, 2)', async () => {
    const store = createAppStore();
    store.getState().resetDocument(presetScene('x2-plus-xy')!);
    const { stop, settled } = startSolverSync(store, new SolverClient(fakeWorker()));
    await settled();
    const along = () => store.getState().analysis?.result.analysis.directionalDerivative;
    // Overlay off: along the step GD took, −η∇f, i.e. −|∇f| = −√17 at the start.
    expect(store.getState().analysis?.step).toBe(0);
    expect(along()?.value).toBeCloseTo(-Math.sqrt(17), 12);
    // Overlay on, d̂ = (1, 0): ∇f·d̂ = [4, 1]·[1, 0] = 4, the partial derivative in x.
    store.getState().setOverlay('directional', true);
    store.getState().setDirection(0);
    await settled();
    expect(along()?.direction[0]).toBeCloseTo(1, 12);
    expect(along()?.value).toBeCloseTo(4, 12);
    // d̂⊥ = (−1, 4)/√17, the contour's direction: the rate of change is zero.
    store.getState().setDirection((Math.atan2(4, -1) * 180) / Math.PI);
    await settled();
    expect(along()?.direction[0]).toBeCloseTo(-1 / Math.sqrt(17), 12);
    expect(along()?.direction[1]).toBeCloseTo(4 / Math.sqrt(17), 12);
    expect(along()?.value).toBeCloseTo(0, 12);
    stop();
  });
});
