/**
 * The files one render writes, as one all-or-nothing group. Bytes stream into hidden temporary
 * siblings (named by the atomic write's `temporaryPath`, so one cleanup pattern finds every temp
 * file we make); nothing is renamed into place until every file of the render is complete, and
 * then all of them are, with a way back: if any rename fails, the files already replaced get
 * their previous contents back. A failed or cancelled render therefore leaves every
 * pre-existing file as it was and no temporary file behind. Built on node/atomic-write.ts; the
 * file system is injected so the failure paths are tested with one that fails on purpose.
 */
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  describeFsError,
  renameWithRetry,
  syncDirectory,
  temporaryPath,
  writeAll,
} from './atomic-write.ts';
import type { AtomicFileHandle, AtomicFs } from './atomic-write.ts';

/** The file-system calls output files need beyond an atomic write's. */
export interface OutputFs extends AtomicFs {
  lstat(path: string): Promise<{ isDirectory(): boolean }>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string, mode?: number): Promise<void>;
}

/** node:fs/promises as an {@link OutputFs}. */
export const nodeOutputFs: OutputFs = fsp as unknown as OutputFs;

/** A file operation on an output that failed, in a sentence that names the file. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Cannot write ${path}: ${reason}`);
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/** One file of the group. */
interface Entry {
  /** The path asked for, for messages. */
  target: string;
  /** The file actually replaced (a symlinked target's destination). */
  real: string;
  tmp: string;
  handle: AtomicFileHandle | null;
  /** Bytes so far (the end of the furthest write). */
  end: number;
}

/**
 * Checks, before anything is rendered, that every target can be written: none is a folder, and
 * each folder accepts a new file (a temporary one is created and removed). Throws an
 * {@link OutputError} naming the first that cannot.
 */
export async function checkTargets(
  targets: readonly string[],
  fs: OutputFs = nodeOutputFs,
): Promise<void> {
  const probed = new Set<string>();
  for (const target of targets) {
    try {
      if ((await fs.lstat(target)).isDirectory()) throw errno('EISDIR');
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw new OutputError(target, describeFsError(error));
    }
    const dir = dirname(target);
    if (probed.has(dir)) continue;
    probed.add(dir);
    const probe = temporaryPath(target, 'tmp');
    try {
      await (await fs.open(probe, 'wx', 0o600)).close();
      await fs.unlink(probe);
    } catch (error) {
      await fs.unlink(probe).catch(() => undefined);
      // /proc and similar exist but refuse new files with ENOENT; say that, not "missing".
      const folderExists = await fs.lstat(dir).then(
        () => true,
        () => false,
      );
      const reason =
        codeOf(error) === 'ENOENT' && folderExists
          ? 'This folder does not accept new files.'
          : describeFsError(error);
      throw new OutputError(target, reason);
    }
  }
}

/** The files of one render; see the module comment. Ids are the caller's (the page's). */
export class OutputFiles {
  private readonly entries = new Map<number, Entry>();
  private readonly finished = new Set<number>();

  constructor(
    private readonly fs: OutputFs = nodeOutputFs,
    private readonly platform: string = process.platform,
  ) {}

  /** Starts file `id`, bound for `target`, as an empty temporary file beside it. */
  async open(id: number, target: string): Promise<void> {
    if (this.entries.has(id)) throw new Error(`file ${id} is already open`);
    for (const e of this.entries.values()) {
      if (e.target === target) throw new Error(`${target} is already being written`);
    }
    const real = await this.fs.realpath(target).catch(() => target);
    // Keep the permissions of a file being replaced; a new one gets 0666 less the umask.
    const mode = await this.fs.stat(real).then(
      (s) => s.mode & 0o777,
      () => 0o666,
    );
    const tmp = temporaryPath(real, 'part');
    let handle: AtomicFileHandle;
    try {
      handle = await this.fs.open(tmp, 'wx', mode);
    } catch (error) {
      throw new OutputError(target, describeFsError(error));
    }
    this.entries.set(id, { target, real, tmp, handle, end: 0 });
  }

  /** Writes `data` at `position`, or after the furthest byte so far when it is null. */
  async write(id: number, position: number | null, data: Uint8Array): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry?.handle) throw new Error(`file ${id} is not open`);
    const handle = entry.handle;
    const at = position ?? entry.end;
    // writeAll writes from position 0 of the handle; shift it to `at`.
    const shifted: AtomicFileHandle = {
      write: (buffer, offset, length, p) => handle.write(buffer, offset, length, at + p),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
    try {
      await writeAll(shifted, data);
    } catch (error) {
      throw new OutputError(entry.target, describeFsError(error));
    }
    entry.end = Math.max(entry.end, at + data.byteLength);
  }

  /** Completes file `id`: flushed and closed, but still under its temporary name. */
  async finish(id: number): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry?.handle) throw new Error(`file ${id} is not open`);
    const handle = entry.handle;
    entry.handle = null;
    try {
      await handle.sync();
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw new OutputError(entry.target, describeFsError(error));
    }
    this.finished.add(id);
  }

  /** Drops file `id` (the page cancelled it). */
  async cancel(id: number): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.finished.delete(id);
    await this.remove(entry);
  }

  /**
   * Renames every file into place, in the order they were opened. If one rename fails, the
   * files already placed are put back as they were (previous contents, or no file) and the
   * rest are discarded; the error names the file that failed.
   */
  async commit(): Promise<{ path: string; bytes: number }[]> {
    const entries = [...this.entries.entries()];
    if (entries.some(([id]) => !this.finished.has(id))) {
      await this.discard();
      throw new Error('a file of the render was never finished');
    }
    const placed: { entry: Entry; backup: string | null }[] = [];
    try {
      for (const [, entry] of entries) {
        const backup = await this.keepPrevious(entry);
        try {
          await renameWithRetry(this.fs, entry.tmp, entry.real, this.platform);
        } catch (error) {
          if (backup) await this.fs.unlink(backup).catch(() => undefined);
          throw new OutputError(entry.target, describeFsError(error));
        }
        placed.push({ entry, backup });
      }
    } catch (error) {
      const kept = await this.rollBack(placed);
      await this.discard();
      if (error instanceof OutputError && kept.length > 0) {
        throw new OutputError(
          error.path,
          `${error.reason} The previous contents of ${kept.join(', ')} could not be put back and are kept beside them as hidden files.`,
        );
      }
      throw error;
    }
    for (const { backup } of placed)
      if (backup) await this.fs.unlink(backup).catch(() => undefined);
    this.entries.clear();
    this.finished.clear();
    for (const dir of new Set(placed.map((p) => dirname(p.entry.real)))) {
      await syncDirectory(this.fs, dir, this.platform);
    }
    return placed.map(({ entry }) => ({ path: entry.target, bytes: entry.end }));
  }

  /** Removes every temporary file of the render; files already in place are not touched. */
  async discard(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    this.finished.clear();
    for (const entry of entries) await this.remove(entry);
  }

  private async remove(entry: Entry): Promise<void> {
    if (entry.handle) {
      const handle = entry.handle;
      entry.handle = null;
      await handle.close().catch(() => undefined);
    }
    await this.fs.unlink(entry.tmp).catch(() => undefined);
  }

  /**
   * A second name for the file about to be replaced, so a failed group can restore it: a hard
   * link (instant), or a copy where the file system has no hard links. Null when there is no
   * such file.
   */
  private async keepPrevious(entry: Entry): Promise<string | null> {
    try {
      if ((await this.fs.lstat(entry.real)).isDirectory()) throw errno('EISDIR');
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return null;
      throw new OutputError(entry.target, describeFsError(error));
    }
    const backup = temporaryPath(entry.real, 'tmp');
    try {
      await this.fs.link(entry.real, backup);
    } catch {
      try {
        await this.fs.copyFile(entry.real, backup, constants.COPYFILE_EXCL);
      } catch (error) {
        await this.fs.unlink(backup).catch(() => undefined);
        throw new OutputError(entry.target, describeFsError(error));
      }
    }
    return backup;
  }

  /** Undoes the renames done so far, newest first; returns the files it could not restore. */
  private async rollBack(placed: { entry: Entry; backup: string | null }[]): Promise<string[]> {
    const failed: string[] = [];
    for (const { entry, backup } of [...placed].reverse()) {
      try {
        if (backup) await this.fs.rename(backup, entry.real);
        else await this.fs.unlink(entry.real);
      } catch {
        failed.push(entry.target);
      }
    }
    return failed;
  }
}
