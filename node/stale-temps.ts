/**
 * Clean-up after a crash mid-save: writeFileAtomic (atomic-write.ts) writes a hidden sibling
 * `.<name>.<12 hex>.tmp` and renames it over the target; a process killed before the rename
 * leaves that sibling behind, as large as the file. The next save or start removes such
 * leftovers — only names of our own pattern for that one target, only plain files, and only
 * ones nobody has written to for a while, so a save running in another window or process is
 * never disturbed. Pure Node (fs injected), like atomic-write.ts.
 */
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file-system calls the clean-up needs (a subset of node:fs/promises). */
export interface StaleTempFs {
  readdir(dir: string): Promise<string[]>;
  lstat(path: string): Promise<{ isFile(): boolean; mtimeMs: number; ctimeMs: number }>;
  unlink(path: string): Promise<void>;
  realpath(path: string): Promise<string>;
}

/** node:fs/promises as a {@link StaleTempFs}. */
export const nodeStaleTempFs: StaleTempFs = fsp as unknown as StaleTempFs;

/**
 * A temporary file untouched for this long is a leftover. A live writer touches its file with
 * every chunk it writes, so a minute of silence (no change to its data or its inode) means the
 * writer is gone.
 */
export const STALE_AFTER_MS = 60_000;

/** Suffixes temporaryPath() is called with: scene saves (`tmp`) and render outputs (`part`). */
const SUFFIXES = ['tmp', 'part'] as const;

/**
 * True when `name` (a bare file name) is one of our temporary siblings of the file named
 * `targetName`: `.<targetName>.<12 hex digits>.tmp` or `….part`, exactly as temporaryPath()
 * makes them. Anything else — the user's own hidden files included — is not ours.
 */
export function isOwnTemporary(targetName: string, name: string): boolean {
  const prefix = `.${targetName}.`;
  if (!name.startsWith(prefix)) return false;
  const rest = name.slice(prefix.length);
  return SUFFIXES.some(
    (suffix) =>
      rest.length === 12 + 1 + suffix.length &&
      rest.endsWith(`.${suffix}`) &&
      /^[0-9a-f]{12}$/.test(rest.slice(0, 12)),
  );
}

/** Options of {@link removeStaleTemporaries}. */
export interface StaleTempOptions {
  fs?: StaleTempFs;
  /** Current time in ms (tests move it forward). */
  now?: () => number;
  /** How long a temporary file must have been left alone; default {@link STALE_AFTER_MS}. */
  staleAfterMs?: number;
}

/**
 * Removes leftover temporary siblings of `target` (see the module comment) and returns the
 * paths removed. Looks where writeFileAtomic writes them: beside the file a symlinked target
 * points to. Never throws: the clean-up is a courtesy, and a save must not fail because of it.
 */
export async function removeStaleTemporaries(
  target: string,
  options: StaleTempOptions = {},
): Promise<string[]> {
  const fs = options.fs ?? nodeStaleTempFs;
  const now = (options.now ?? Date.now)();
  const staleAfter = options.staleAfterMs ?? STALE_AFTER_MS;
  const removed: string[] = [];
  try {
    const real = await fs.realpath(target).catch(() => target);
    const dir = dirname(real);
    const name = basename(real);
    for (const entry of await fs.readdir(dir)) {
      if (!isOwnTemporary(name, entry)) continue;
      const path = join(dir, entry);
      try {
        const info = await fs.lstat(path);
        // A symlink or folder of that name is not something we wrote. The change time counts
        // too: a hard link made as a backup (output-files.ts) keeps the old file's mtime.
        const touched = Math.max(info.mtimeMs, info.ctimeMs);
        if (!info.isFile() || now - touched < staleAfter) continue;
        await fs.unlink(path);
        removed.push(path);
      } catch {
        // Gone already (another window cleaned up, or the writer renamed it): fine.
      }
    }
  } catch {
    // The folder is unreadable or gone: nothing we can clean.
  }
  return removed;
}

/** {@link removeStaleTemporaries} for several files (e.g. the recent-files list) in turn. */
export async function removeStaleTemporariesFor(
  targets: readonly string[],
  options: StaleTempOptions = {},
): Promise<string[]> {
  const removed: string[] = [];
  for (const target of targets) removed.push(...(await removeStaleTemporaries(target, options)));
  return removed;
}
