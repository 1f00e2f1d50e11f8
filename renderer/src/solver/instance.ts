/**
 * The window's solver (worker + client), started once by main.tsx. Components that ask the
 * solver directly (the expression preview) get the client here; everything else goes through
 * the store and solver/sync.ts.
 */
import type { SolverClient } from '../../../shared/client.ts';
import type { Solver } from './client.ts';

let current: Solver | null = null;

/** Registers the running solver (main.tsx). */
export function setSolver(solver: Solver): void {
  current = solver;
}

/** The running solver's client; throws if called before startup finished. */
export function solverClient(): SolverClient {
  if (!current) throw new Error('The solver has not been started.');
  return current.client;
}
