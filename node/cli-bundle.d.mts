// Types of cli-bundle.mjs.
export type CliBundleState = 'fresh' | 'stale' | 'missing';
export const BUNDLE_DIR: string;
export function cliBundleState(
  root: string,
  mtime?: (path: string) => number | null,
): CliBundleState;
export function buildCliBundle(root: string): Promise<{ ms: number; bytes: number }>;
export function ensureCliBundle(
  root: string,
): Promise<{ state: CliBundleState; ms?: number; bytes?: number }>;
export function loadCli(
  root: string,
  options?: { state?: CliBundleState; warn?: (text: string) => void; interactive?: boolean },
): Promise<{ main: (argv: readonly string[]) => Promise<number> }>;
