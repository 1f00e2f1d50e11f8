/**
 * Entry of the `descent` command (bundled as dist/cli/descent.mjs). For `solve` and `inspect`
 * it starts the solver's worker before loading anything else, so the worker's own start-up
 * (a second JavaScript engine, mathjs) overlaps with the main thread's.
 */
import type { Io } from './main.ts';
import { startSolver } from './solver-thread.ts';

/** Runs the command line; returns the exit code (see main.ts). */
export async function main(argv: readonly string[], io?: Io): Promise<number> {
  const [command, ...rest] = argv;
  const needsSolver =
    (command === 'solve' || command === 'inspect') &&
    !rest.some((a) => a === '--help' || a === '-h');
  const early = needsSolver ? startSolver() : null;
  try {
    const { main: run } = await import('./main.ts');
    return await run(argv, io, early);
  } finally {
    // Unused when the arguments were refused; stopping a finished worker is harmless.
    await early?.worker.terminate();
  }
}
