/**
 * Atomic file replacement: write a temporary file in the target's folder, flush it to disk,
 * then rename it over the target. A crash, a full disk or a failing write at any point leaves
 * either the old file or the new one, never a half-written scene. Pure Node (fs injected), so
 * the failure paths are tested by handing in a file system that fails on purpose.
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file-handle calls atomic writes need (a subset of node:fs/promises' FileHandle). */
export interface AtomicFileHandle {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls atomic writes need (a subset of node:fs/promises). */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number }>;
  realpath(path: string): Promise<string>;
}

/** node:fs/promises as an {@link AtomicFs}. */
export const nodeFs: AtomicFs = fsp as unknown as AtomicFs;

/** Name of the temporary sibling of `target`: hidden on Unix, unique per attempt. */
export function temporaryPath(target: string, suffix = 'tmp'): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.${suffix}`);
}

/** Writes all of `data` through `handle` from position 0 (a write may be partial). */
export async function writeAll(handle: AtomicFileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await handle.write(data, offset, data.byteLength - offset, offset);
    if (bytesWritten <= 0) throw new Error('The disk accepted no more data.');
    offset += bytesWritten;
  }
}

const RETRYABLE_RENAME = new Set(['EPERM', 'EACCES', 'EBUSY']);

/**
 * Windows refuses to replace a file that another program (a virus scanner, a sync client) has
 * open for a moment; retrying briefly is what that platform needs.
 */
export async function renameWithRetry(fs: AtomicFs, from: string, to: string, platform: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (platform !== 'win32' || !RETRYABLE_RENAME.has(code) || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

/**
 * Replaces `target` with `data` atomically. On any failure the temporary file is removed, the
 * target is untouched and the original error is rethrown (its `code`, e.g. ENOSPC, says why).
 * A symlinked target stays a symlink: the file it points to is replaced.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  fs: AtomicFs = nodeFs,
  platform: string = process.platform,
): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const realTarget = await fs.realpath(target).catch(() => target);
  // Keep the permissions of the file being replaced; a new file gets the usual 0666 & ~umask.
  const mode = await fs.stat(realTarget).then(
    (s) => s.mode & 0o777,
    () => 0o666,
  );
  const tmp = temporaryPath(realTarget);
  let handle: AtomicFileHandle | null = null;
  try {
    handle = await fs.open(tmp, 'wx', mode);
    await writeAll(handle, bytes);
    await handle.sync();
    await handle.close();
    handle = null;
    await renameWithRetry(fs, tmp, realTarget, platform);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, dirname(realTarget), platform);
}

/**
 * Flushes the folder entry so the rename itself survives a power cut (POSIX). Best effort:
 * Windows cannot open folders this way and the data is already safe in either name.
 */
export async function syncDirectory(fs: AtomicFs, dir: string, platform: string): Promise<void> {
  if (platform === 'win32') return;
  try {
    const handle = await fs.open(dir, 'r');
    await handle.sync().catch(() => undefined);
    await handle.close();
  } catch {
    // Not all file systems allow it (some network mounts); nothing more to do.
  }
}

/**
 * A sentence for a failed file operation, naming the cause people can act on (full disk,
 * permissions, a folder that went away) rather than an error code.
 */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'The disk is full.';
    case 'EDQUOT':
      return 'The disk quota is exceeded.';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied: the file or its folder is not writable for you.';
    case 'EROFS':
      return 'The disk is read-only.';
    case 'ENOENT':
      return 'The file or its folder no longer exists.';
    case 'EISDIR':
      return 'That is a folder, not a file.';
    case 'ENOTDIR':
      return 'Part of the path is not a folder.';
    case 'EBUSY':
      return 'The file is in use by another program.';
    case 'EMFILE':
    case 'ENFILE':
      return 'Too many files are open; close some programs and try again.';
    case 'ENAMETOOLONG':
      return 'The file name is too long.';
    case 'EIO':
      return 'The disk reported an input/output error.';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return message.endsWith('.') ? message : `${message}.`;
    }
  }
}
