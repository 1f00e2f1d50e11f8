/**
 * Which files are loss landscapes, by extension. A module of its own, importing nothing, so the
 * app and the CLI can tell a landscape from a scene without loading the readers (h5wasm alone
 * is megabytes).
 */

/** File extensions `readLandscape` and `readTrajectory` accept. */
export const LANDSCAPE_EXTENSIONS = [
  '.h5',
  '.hdf5',
  '.he5',
  '.npy',
  '.csv',
  '.tsv',
  '.txt',
] as const;

/** Whether `name` ends in one of `extensions` (default: every landscape extension). */
export function isLandscapeFileName(
  name: string,
  extensions: readonly string[] = LANDSCAPE_EXTENSIONS,
): boolean {
  const lower = name.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext));
}
