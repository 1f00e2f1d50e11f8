/**
 * The window's solver (worker + client) and its sync with the store, started once by startup.tsx.
 * Components that ask the solver directly (the expression preview) get the client here; the
 * export pipeline waits on the sync; everything else goes through the store.
 */
import type { SolverClient } from '../../../shared/client.ts';
import type { Solver } from './client.ts';
import type { SolverSync } from './sync.ts';

let current: { solver: Solver; sync: SolverSync } | null = null;

/** Registers the running solver and its sync (startup.tsx). */
export function setSolver(solver: Solver, sync: SolverSync): void {
  current = { solver, sync };
}

function started(): { solver: Solver; sync: SolverSync } {
  if (!current) throw new Error('The solver has not been started.');
  return current;
}

/** The running solver's client; throws if called before startup finished. */
export function solverClient(): SolverClient {
  return started().solver.client;
}

/** The running sync of the store with the solver; throws if called before startup finished. */
export function solverSync(): SolverSync {
  return started().sync;
}
