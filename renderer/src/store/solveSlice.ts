/**
 * Solve slice: what the worker computed from the scene. Written only by the solver sync
 * (solver/sync.ts); read by the view and the panels.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import type { AppState, SolveSlice } from './types.ts';

type Creator = StateCreator<AppState, [['zustand/subscribeWithSelector', never]], [], SolveSlice>;

export const createSolveSlice: Creator = (set, get) => ({
  info: null,
  infoKey: null,
  surface: null,
  trajectories: {},
  trajectoryVersion: 0,
  analysis: null,
  errors: {},
  building: null,
  setBuilding: (building) => {
    if (get().building !== building) set({ building });
  },
  setInfo: (infoKey, info) => set({ infoKey, info }),
  setSurface: (surface) => set({ surface }),
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
