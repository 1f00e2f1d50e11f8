/**
 * Loss-landscape files as `descent render` input: `descent render surface.h5 -o out.png` draws
 * the file as the app's Open would (shared/landscape/scene.ts), `--surface NAME` picking another
 * value array of it. Reading is asynchronous (h5wasm), so it happens here, before the synchronous
 * argument checks in args.ts; shared/landscape (h5wasm, a few megabytes) is imported only when
 * the input is such a file. Every problem with the file becomes one UsageError line.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Scene } from '../../../shared/scene/document.ts';
import { isLandscapeFileName, LANDSCAPE_EXTENSIONS } from '../../../shared/landscape/files.ts';
import { UsageError } from '../args.ts';

/**
 * The extensions read as landscapes: shared/landscape's LANDSCAPE_EXTENSIONS but `.txt`, which
 * on the command line stays a (misnamed) scene file, as before.
 */
export const LANDSCAPE_FILE_EXTENSIONS: readonly string[] = LANDSCAPE_EXTENSIONS.filter(
  (ext) => ext !== '.txt',
);

/** Landscape grids are at most a few hundred points a side; far larger files are not read. */
const MAX_LANDSCAPE_BYTES = 256 * 1024 * 1024;

/** Whether `file` names a loss-landscape file (by its extension). */
export function isLandscapeFile(file: string): boolean {
  return isLandscapeFileName(file, LANDSCAPE_FILE_EXTENSIONS);
}

/** A landscape file read and turned into a scene, ready for the synchronous argument checks. */
export interface LandscapeInput {
  /** The file as typed on the command line. */
  file: string;
  /** The surface asked for with --surface, if any. */
  surface: string | undefined;
  scene: Scene;
  /** The file's name, for messages. */
  source: string;
  /** What the import has to say (non-finite points, other surfaces in the file). */
  notes: string[];
}

/** One line, of readable length, naming the file when the reader's message does not. */
function fileMessage(file: string, source: string, message: string): string {
  let line = message.replace(/\s+/g, ' ').trim();
  if (!line.includes(source)) line = `${file}: ${line}`;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * Reads the landscape `file` (relative to `cwd`) and builds its scene, with `surface` or the
 * default surface (train_loss first).
 * @throws UsageError when the file cannot be read or drawn, saying why in one line.
 */
export async function readLandscapeFile(
  file: string,
  cwd: string,
  surface: string | undefined,
): Promise<LandscapeInput> {
  const path = resolve(cwd, file);
  const source = basename(path);
  let bytes: Uint8Array;
  try {
    const size = (await stat(path)).size;
    if (size > MAX_LANDSCAPE_BYTES) {
      throw new UsageError(
        `${file} is too large to be a loss landscape (${Math.round(size / 2 ** 20)} MB).`,
      );
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`No such landscape file: ${file}`);
    if (code === 'EISDIR') throw new UsageError(`${file} is a folder, not a landscape file.`);
    throw new UsageError(`Cannot read ${file} (${code ?? 'unknown error'}).`);
  }
  // Loaded only for a landscape input: h5wasm alone is a few megabytes.
  const [{ LandscapeError, readLandscape }, { landscapeScene }] = await Promise.all([
    import('../../../shared/landscape/index.ts'),
    import('../../../shared/landscape/scene.ts'),
  ]);
  try {
    const landscape = await readLandscape(bytes, source);
    const { scene, notes } = landscapeScene(landscape, surface);
    return { file, surface, scene, source, notes };
  } catch (error) {
    if (error instanceof LandscapeError) {
      throw new UsageError(fileMessage(file, source, error.message));
    }
    throw error;
  }
}
