/**
 * Reading a document file (a scene or a lesson) for opening: the checks both kinds share.
 * Never throws: a missing, oversized or unreadable file yields a message that says which. Also
 * the name both kinds suggest for an unsaved document.
 */
import { readFile, stat } from 'node:fs/promises';
import { describeFsError } from '../../node/atomic-write.ts';

/** The file calls {@link readDocumentText} needs. */
export interface ReadFs {
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

export const nodeReadFs: ReadFs = { stat, readFile };

/** A document's text, or why it could not be read (`missing`: the file is not there). */
export type TextRead =
  { ok: true; text: string } | { ok: false; message: string; missing: boolean };

/**
 * Reads `filePath` as text when it is a file of at most `maxBytes`; `what` names the kind of
 * document in the message about a file too large ("scene", "lesson").
 */
export async function readDocumentText(
  filePath: string,
  maxBytes: number,
  what: string,
  fs: ReadFs,
): Promise<TextRead> {
  try {
    const info = await fs.stat(filePath);
    if (!info.isFile()) return { ok: false, message: 'That is not a file.', missing: false };
    if (info.size > maxBytes) {
      return {
        ok: false,
        message: `The file is ${(info.size / 1024 / 1024).toFixed(1)} MB, too large to be a Descent Studio ${what}.`,
        missing: false,
      };
    }
    return { ok: true, text: await fs.readFile(filePath, 'utf8') };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, message: describeFsError(error), missing };
  }
}

/**
 * A file name for an unsaved document, from its title: "Calculus for ML" with the lesson
 * extension → calculus-for-ml.descent-lesson.json. Only letters, digits and dashes survive (no
 * path can be smuggled in); `fallback` names a document whose title leaves nothing.
 */
export function suggestedDocumentName(title: string, fallback: string, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || fallback}${extension}`;
}
