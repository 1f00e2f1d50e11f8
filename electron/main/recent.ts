/**
 * The Open Recent list: most recent first, no duplicates, bounded. Pure functions over the
 * list kept in settings, so the rules are tested without a disk or a menu.
 */

/** How many recent files the menu lists. */
export const MAX_RECENT_FILES = 10;

/**
 * Path equality as the platform's default file system sees it: macOS and Windows compare
 * names case-insensitively, so `Bowl.descent.json` and `bowl.descent.json` are one entry.
 */
export function samePath(a: string, b: string, platform: string = process.platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** The list with `path` moved (or added) to the front, trimmed to {@link MAX_RECENT_FILES}. */
export function addRecent(
  list: readonly string[],
  path: string,
  platform: string = process.platform,
): string[] {
  return [path, ...list.filter((p) => !samePath(p, path, platform))].slice(0, MAX_RECENT_FILES);
}

/** The list without `path` (e.g. after it failed to open because it was moved away). */
export function removeRecent(
  list: readonly string[],
  path: string,
  platform: string = process.platform,
): string[] {
  return list.filter((p) => !samePath(p, path, platform));
}
