/**
 * The export sink: the renderer streams an export (MP4, WebM, GIF, PNG) to a file the user
 * picked, chunk by chunk, so a long 4K video is never held in memory. Bytes go to a hidden
 * temporary file next to the destination; finishing flushes and renames it into place,
 * cancelling (or closing the window, or any write error) deletes it. A half-written video
 * never appears under the chosen name.
 */
import { randomUUID } from 'node:crypto';
import { basename, extname, join } from 'node:path';
import { app, dialog } from 'electron';
import { EXPORT_FORMATS } from '../../shared/bridge.ts';
import type { DocumentRef, ExportFormat, Outcome } from '../../shared/bridge.ts';
import { describeFsError, nodeFs, temporaryPath } from '../../node/atomic-write.ts';
import type { AtomicFileHandle, AtomicFs } from '../../node/atomic-write.ts';
import { handle } from './ipc.ts';
import { onWindowCreated } from './windows.ts';

/** Exports one window may have open at once (a stuck renderer cannot exhaust file handles). */
export const MAX_SINKS_PER_OWNER = 4;

interface Sink {
  owner: number;
  filePath: string;
  tmpPath: string;
  handle: AtomicFileHandle;
  /** Where an append (a write without position) goes next. */
  end: number;
  inFlight: Set<Promise<unknown>>;
}

/**
 * Open export files, keyed by an unguessable id and tied to the window (owner id) that
 * opened them: another window cannot write to or finish them.
 */
export class ExportSinks {
  readonly #sinks = new Map<string, Sink>();
  readonly #fs: AtomicFs;

  constructor(fs: AtomicFs = nodeFs) {
    this.#fs = fs;
  }

  /** Number of open sinks (for tests and diagnostics). */
  get size(): number {
    return this.#sinks.size;
  }

  /** Opens a temporary file next to `filePath` for `owner`. */
  async open(owner: number, filePath: string): Promise<Outcome<DocumentRef & { sinkId: string }>> {
    const open = [...this.#sinks.values()].filter((s) => s.owner === owner).length;
    if (open >= MAX_SINKS_PER_OWNER) {
      return { status: 'error', message: 'Too many exports are already running in this window.' };
    }
    const tmpPath = temporaryPath(filePath, 'part');
    try {
      const handle = await this.#fs.open(tmpPath, 'wx', 0o666);
      const sinkId = randomUUID();
      this.#sinks.set(sinkId, { owner, filePath, tmpPath, handle, end: 0, inFlight: new Set() });
      return { status: 'ok', sinkId, filePath, fileName: basename(filePath) };
    } catch (error) {
      return { status: 'error', message: `The export could not start. ${describeFsError(error)}` };
    }
  }

  #get(owner: number, sinkId: string): Sink | null {
    const sink = this.#sinks.get(sinkId);
    return sink && sink.owner === owner ? sink : null;
  }

  /**
   * Writes `bytes` at `position`, or after the furthest byte written so far. On failure the
   * export is cancelled (temporary file deleted) and the message says why.
   */
  async write(
    owner: number,
    sinkId: string,
    bytes: Uint8Array,
    position?: number,
  ): Promise<Outcome<{ bytesWritten: number }>> {
    const sink = this.#get(owner, sinkId);
    if (!sink) return { status: 'error', message: 'This export is no longer open.' };
    // Claim the range now, before awaiting, so concurrent appends never overlap.
    const at = position ?? sink.end;
    sink.end = Math.max(sink.end, at + bytes.byteLength);
    const job = writeAt(sink.handle, bytes, at);
    sink.inFlight.add(job);
    try {
      await job;
      return { status: 'ok', bytesWritten: bytes.byteLength };
    } catch (error) {
      await this.cancel(owner, sinkId);
      return { status: 'error', message: `The export failed. ${describeFsError(error)}` };
    } finally {
      sink.inFlight.delete(job);
    }
  }

  /** Flushes the file and renames it to the chosen name. */
  async finish(owner: number, sinkId: string): Promise<Outcome<DocumentRef>> {
    const sink = this.#get(owner, sinkId);
    if (!sink) return { status: 'error', message: 'This export is no longer open.' };
    this.#sinks.delete(sinkId);
    try {
      await Promise.all(sink.inFlight);
      await sink.handle.sync();
      await sink.handle.close();
      await this.#fs.rename(sink.tmpPath, sink.filePath);
      return { status: 'ok', filePath: sink.filePath, fileName: basename(sink.filePath) };
    } catch (error) {
      await sink.handle.close().catch(() => undefined);
      await this.#fs.unlink(sink.tmpPath).catch(() => undefined);
      return {
        status: 'error',
        message: `The export could not be saved. ${describeFsError(error)}`,
      };
    }
  }

  /** Abandons the export and deletes its temporary file; unknown ids are ignored. */
  async cancel(owner: number, sinkId: string): Promise<void> {
    const sink = this.#get(owner, sinkId);
    if (!sink) return;
    this.#sinks.delete(sinkId);
    await Promise.allSettled(sink.inFlight);
    await sink.handle.close().catch(() => undefined);
    await this.#fs.unlink(sink.tmpPath).catch(() => undefined);
  }

  /** Cancels every export of `owner` (its window closed). */
  async cancelAll(owner: number): Promise<void> {
    const ids = [...this.#sinks].filter(([, s]) => s.owner === owner).map(([id]) => id);
    await Promise.all(ids.map((id) => this.cancel(owner, id)));
  }
}

async function writeAt(handle: AtomicFileHandle, bytes: Uint8Array, position: number) {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await handle.write(
      bytes,
      done,
      bytes.byteLength - done,
      position + done,
    );
    if (bytesWritten <= 0) throw new Error('The disk accepted no more data.');
    done += bytesWritten;
  }
}

/** `name` with the format's extension, without any folder part (it is only a suggestion). */
export function exportFileName(suggested: string, format: ExportFormat): string {
  const base = basename(suggested.replace(/\\/g, '/')).replace(/[<>:"|?*]/g, '_') || 'export';
  const ext = `.${format}`;
  return extname(base).toLowerCase() === ext ? base : `${base}${ext}`;
}

/** Where the export dialog starts: Videos, else Documents (not every desktop has Videos). */
function exportFolder(): string {
  for (const name of ['videos', 'documents', 'home'] as const) {
    try {
      return app.getPath(name);
    } catch {
      // Try the next one.
    }
  }
  return '.';
}

/** Registers the export requests; exports of a closed window are cancelled. */
export function setupExportSink(sinks: ExportSinks = new ExportSinks()): ExportSinks {
  onWindowCreated((win) => {
    const owner = win.webContents.id;
    win.on('closed', () => void sinks.cancelAll(owner));
  });

  handle('exportBegin', async ({ format, suggestedName }, { window }) => {
    const picked = await dialog.showSaveDialog(window, {
      title: 'Export',
      defaultPath: join(exportFolder(), exportFileName(suggestedName, format)),
      filters: [{ name: EXPORT_FORMATS[format], extensions: [format] }],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    if (picked.canceled || !picked.filePath) return { status: 'canceled' };
    const filePath =
      extname(picked.filePath).toLowerCase() === `.${format}`
        ? picked.filePath
        : `${picked.filePath}.${format}`;
    return sinks.open(window.webContents.id, filePath);
  });
  handle('exportWrite', ({ sinkId, bytes, position }, { window }) =>
    sinks.write(window.webContents.id, sinkId, bytes, position),
  );
  handle('exportFinish', ({ sinkId }, { window }) => sinks.finish(window.webContents.id, sinkId));
  handle('exportCancel', ({ sinkId }, { window }) => sinks.cancel(window.webContents.id, sinkId));
  return sinks;
}
