// Types of player-build.mjs.
export const PLAYER_HTML: string;
export const PLAYER_CONFIG: string;
export function playerBuildIsStale(io: {
  root: string;
  mtime: (path: string) => number | null;
  list: (dir: string) => string[];
}): boolean;
export function buildPlayer(root: string): Promise<string>;
export function ensurePlayerBuild(
  root: string,
  options?: { onBuild?: () => void },
): Promise<string>;
