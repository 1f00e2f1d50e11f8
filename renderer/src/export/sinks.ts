/**
 * Where exported bytes go. The pipeline writes every file through a {@link ByteSink}: in the
 * desktop app the bridge's export sink (a save dialog, then chunks streamed to a hidden file
 * that is renamed into place at the end, or deleted on cancel), in a browser a download or a
 * file picked through the File System Access API, under automation (`descent render`) a
 * function exposed by the driving process.
 *
 * Writes may carry a byte position: muxers go back to patch headers (the MP4 `moov` box is
 * written into space reserved at the front when the frame count is known).
 */
import { MAX_EXPORT_CHUNK } from '../../../shared/bridge.ts';
import type { DescentBridge } from '../../../shared/bridge.ts';
import type { ExportKind } from '../../../shared/export/settings.ts';

/** One output file being written. */
export interface ByteSink {
  /** Writes `bytes` at `position`, or after the furthest byte written so far. */
  write(bytes: Uint8Array, position?: number): Promise<void>;
  /** Completes the file; resolves with the name it was saved under. */
  finish(): Promise<string>;
  /** Abandons the file: nothing stays behind under its name. */
  cancel(): Promise<void>;
}

/** Opens the sinks of one export (one per clip). */
export interface SinkFactory {
  /** Opens file `name` (a suggestion); null when the user cancelled (e.g. the save dialog). */
  open(name: string, kind: ExportKind): Promise<ByteSink | null>;
}

/** A failure worth showing as is (e.g. the disk is full). */
export class SinkError extends Error {
  override readonly name = 'SinkError';
}

const MIME: Readonly<Record<ExportKind, string>> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  gif: 'image/gif',
  png: 'image/png',
  zip: 'application/zip',
};

/** MIME type of an export kind. */
export function mimeOf(kind: ExportKind): string {
  return MIME[kind];
}

// ─── In memory ───────────────────────────────────────────────────────────────────────────────

/** A growable byte buffer that accepts positioned writes. */
export class GrowableBuffer {
  private data = new Uint8Array(1 << 16);
  /** Bytes written (the furthest end). */
  length = 0;

  write(bytes: Uint8Array, position = this.length): void {
    const end = position + bytes.byteLength;
    if (end > this.data.byteLength) {
      const grown = new Uint8Array(Math.max(end, this.data.byteLength * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(bytes, position);
    if (end > this.length) this.length = end;
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Uint8Array<ArrayBuffer> {
    return this.data.subarray(0, this.length);
  }
}

/** Keeps the file in memory and hands it to `deliver` at the end (downloads, tests). */
export class MemorySink implements ByteSink {
  readonly buffer = new GrowableBuffer();

  constructor(
    readonly name: string,
    private readonly deliver: (name: string, bytes: Uint8Array<ArrayBuffer>) => void = () => {},
  ) {}

  write(bytes: Uint8Array, position?: number): Promise<void> {
    this.buffer.write(bytes, position);
    return Promise.resolve();
  }

  finish(): Promise<string> {
    this.deliver(this.name, this.buffer.bytes());
    return Promise.resolve(this.name);
  }

  cancel(): Promise<void> {
    this.buffer.length = 0;
    return Promise.resolve();
  }
}

/** Starts a browser download of `bytes` as `name`. */
export function downloadBytes(name: string, bytes: Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: the browser reads the URL asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Browser downloads: each file is assembled in memory and offered as a download once complete,
 * so a cancelled export never starts a download.
 */
export function downloadSinks(): SinkFactory {
  return {
    open: (name, kind) =>
      Promise.resolve(new MemorySink(name, (n, bytes) => downloadBytes(n, bytes, mimeOf(kind)))),
  };
}

// ─── Desktop app ─────────────────────────────────────────────────────────────────────────────

/** The bridge's export sink: a save dialog per file, then chunks to a temporary file. */
export function bridgeSinks(bridge: DescentBridge): SinkFactory {
  return {
    async open(name, kind) {
      const begun = await bridge.exportBegin({ format: kind, suggestedName: name });
      if (begun.status === 'canceled') return null;
      if (begun.status === 'error') throw new SinkError(begun.message);
      const { sinkId, fileName } = begun;
      let closed = false;
      return {
        async write(bytes, position) {
          // The bridge takes at most MAX_EXPORT_CHUNK bytes per call.
          for (let offset = 0; offset < bytes.byteLength; offset += MAX_EXPORT_CHUNK) {
            const view = bytes.subarray(offset, offset + MAX_EXPORT_CHUNK);
            // IPC clones a view's whole underlying buffer: send small views of big buffers as copies.
            const part =
              view.buffer instanceof ArrayBuffer && view.byteLength * 2 >= view.buffer.byteLength
                ? (view as Uint8Array<ArrayBuffer>)
                : view.slice();
            const written = await bridge.exportWrite({
              sinkId,
              bytes: part,
              ...(position === undefined ? {} : { position: position + offset }),
            });
            if (written.status === 'error') {
              closed = true; // the main process has already removed the partial file
              throw new SinkError(written.message);
            }
          }
        },
        async finish() {
          closed = true;
          const done = await bridge.exportFinish({ sinkId });
          if (done.status === 'error') throw new SinkError(done.message);
          return done.status === 'ok' ? done.fileName : fileName;
        },
        async cancel() {
          if (closed) return;
          closed = true;
          await bridge.exportCancel({ sinkId });
        },
      };
    },
  };
}

// ─── File System Access API ──────────────────────────────────────────────────────────────────

/** The parts of the File System Access API used here (not in TypeScript's DOM lib yet). */
interface WritableFile {
  write(data: { type: 'write'; position?: number; data: BufferSource }): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
interface FileHandle {
  readonly name: string;
  createWritable(options?: { keepExistingData?: boolean }): Promise<WritableFile>;
  remove?(): Promise<void>;
}
interface DirectoryHandle {
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandle>;
  removeEntry(name: string): Promise<void>;
}
interface FilePickerWindow {
  showSaveFilePicker?(options: {
    suggestedName?: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }): Promise<FileHandle>;
  showDirectoryPicker?(options?: { mode?: 'read' | 'readwrite' }): Promise<DirectoryHandle>;
}

/**
 * True where the File System Access API can pick a destination. Automated browsers (WebDriver,
 * Playwright) are left to downloads: nothing can answer a native picker there.
 */
export function canPickFiles(): boolean {
  const w = window as unknown as FilePickerWindow;
  return typeof w.showSaveFilePicker === 'function' && navigator.webdriver !== true;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function fileSink(handle: FileHandle, writable: WritableFile, remove: () => Promise<void>) {
  let end = 0;
  const sink: ByteSink = {
    async write(bytes, position) {
      const at = position ?? end;
      end = Math.max(end, at + bytes.byteLength);
      await writable.write({ type: 'write', position: at, data: bytes as Uint8Array<ArrayBuffer> });
    },
    async finish() {
      await writable.close();
      return handle.name;
    },
    async cancel() {
      // abort() discards what was written; the picker may already have created an empty file.
      await writable.abort().catch(() => undefined);
      await remove().catch(() => undefined);
    },
  };
  return sink;
}

/**
 * Asks where to save, while the click that started the export still counts as a user gesture
 * (the pickers require one). One file: a save picker; several clips: a folder picker, the
 * numbered files go into it. Resolves null when the user cancelled the picker.
 */
export async function pickFileSinks(
  names: readonly string[],
  kind: ExportKind,
): Promise<SinkFactory | null> {
  const w = window as unknown as FilePickerWindow;
  try {
    if (names.length > 1 && typeof w.showDirectoryPicker === 'function') {
      const dir = await w.showDirectoryPicker({ mode: 'readwrite' });
      return {
        async open(name) {
          const handle = await dir.getFileHandle(name, { create: true });
          const writable = await handle.createWritable({ keepExistingData: false });
          return fileSink(handle, writable, () => dir.removeEntry(name));
        },
      };
    }
    if (names.length === 1 && typeof w.showSaveFilePicker === 'function') {
      const handle = await w.showSaveFilePicker({
        suggestedName: names[0],
        types: [{ description: kind.toUpperCase(), accept: { [mimeOf(kind)]: [`.${kind}`] } }],
      });
      return {
        async open() {
          const writable = await handle.createWritable({ keepExistingData: false });
          return fileSink(handle, writable, () => handle.remove?.() ?? Promise.resolve());
        },
      };
    }
  } catch (error) {
    if (isAbort(error)) return null;
    throw error;
  }
  return downloadSinks();
}
