/**
 * Solve slice: what the worker computed from the scene. Written only by the solver sync
 * (solver/sync.ts); read by the view and the panels.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import { heightRange, makeFrame } from '../lib/frame.ts';
import type { AppState, SolveSlice } from './types.ts';

type Creator = StateCreator<AppState, [['zustand/subscribeWithSelector', never]], [], SolveSlice>;

export const createSolveSlice: Creator = (set, get) => ({
  info: null,
  infoKey: null,
  surface: null,
  frame: null,
  trajectories: {},
  trajectoryVersion: 0,
  analysis: null,
  errors: {},
  setInfo: (infoKey, info) => set({ infoKey, info }),
  setSurface: (surface) => {
    const dim = surface.ny === 1 ? 1 : 2;
    const [low, high] = heightRange(surface.values, surface.valid);
    set({ surface, frame: makeFrame(dim, surface.domain, low, high) });
  },
  setTrajectories: (list) => {
    const trajectories: Record<string, TrajectoryResult> = {};
    for (const t of list) trajectories[t.id] = t;
    set({ trajectories, trajectoryVersion: get().trajectoryVersion + 1 });
  },
  clearTrajectories: () =>
    set({ trajectories: {}, trajectoryVersion: get().trajectoryVersion + 1 }),
  setAnalysis: (analysis) => set({ analysis }),
  setError: (source, error) => {
    const errors = get().errors;
    if (!error && !errors[source]) return;
    const next = { ...errors };
    if (error) next[source] = error;
    else delete next[source];
    set({ errors: next });
  },
});
