/**
 * `descent render … -o NAME.html`: one self-contained HTML file that plays a lesson (or one
 * scene, as a one-slide lesson) in present mode — scripts, styles, KaTeX's fonts and the solver
 * worker all inside, so it works double-clicked from disk with no network.
 *
 * The page is the lesson player (renderer/player.html + src/player.tsx, built by
 * renderer/vite.player.config.ts into dist/player/index.html, rebuilt when stale), filled with
 * the lesson by shared/lesson/page.ts as the app's own HTML export fills it. The file is written
 * atomically: a failure leaves a file that was there as it was, and no temporary file.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Lesson } from '../../../shared/lesson/document.ts';
import { lessonPage } from '../../../shared/lesson/page.ts';
import { describeFsError, nodeFs, writeFileAtomic } from '../../../node/atomic-write.ts';
import type { AtomicFs } from '../../../node/atomic-write.ts';
import { OutputError } from '../../../node/output-files.ts';
import { removeStaleTemporariesFor } from '../../../node/stale-temps.ts';
import { ensurePlayerBuild } from '../../../node/player-build.mjs';
import { ROOT } from '../root.ts';

/** What writing a lesson page needs (injectable for tests). */
export interface LessonHtmlIo {
  /** The player page: dist/player/index.html, built first when missing or stale. */
  template: () => Promise<string>;
  fs: AtomicFs;
  /** The time (ms), for telling a killed render's temporary file from a running one's. */
  now: () => number;
}

/** Options of {@link writeLessonHtml}. */
export interface LessonHtmlOptions {
  /** Hears a line when the player page has to be built first (seconds). */
  log?: (text: string) => void;
  /** Replaces the real template and file system (tests). */
  io?: Partial<LessonHtmlIo>;
}

function defaultIo(log: (text: string) => void): LessonHtmlIo {
  return {
    template: async () => {
      const path = await ensurePlayerBuild(ROOT, {
        onBuild: () => log('descent render: building the lesson player (dist/player)…\n'),
      });
      return readFile(path, 'utf8');
    },
    fs: nodeFs,
    now: Date.now,
  };
}

/**
 * Writes `lesson` as one self-contained HTML file at `output`; resolves with its path (as given,
 * like the other outputs' messages) and size in bytes. A failing build rejects before anything
 * is written; a failing write rejects with an {@link OutputError} and leaves `output` as it was.
 * Temporary files that a killed earlier render left next to `output` are removed first.
 */
export async function writeLessonHtml(
  lesson: Lesson,
  output: string,
  options: LessonHtmlOptions = {},
): Promise<{ path: string; bytes: number }> {
  const io = { ...defaultIo(options.log ?? (() => undefined)), ...options.io };
  await removeStaleTemporariesFor([output], { now: io.now });
  const page = lessonPage(await io.template(), lesson);
  const data = new TextEncoder().encode(page);
  try {
    await writeFileAtomic(resolve(output), data, io.fs);
  } catch (error) {
    throw new OutputError(output, describeFsError(error));
  }
  return { path: output, bytes: data.byteLength };
}
