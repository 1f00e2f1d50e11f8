/**
 * File names an export writes: a safe base from the scene title, numbered clips that sort in
 * slide order, and the frames inside a PNG-sequence zip.
 */
import type { ExportKind } from './settings.ts';

/** A file-name-safe base from a scene title: letters, digits, dashes; never empty. */
export function safeBaseName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._ -]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^\.+/, '')
    .slice(0, 80);
  return base || 'scene';
}

/**
 * The file name of clip `index` of `count`: `base.ext` for a single file, `base-01.ext`,
 * `base-02.ext`, … for clips (zero-padded so they sort in slide order).
 */
export function clipFileName(base: string, kind: ExportKind, index: number, count: number): string {
  if (count <= 1) return `${base}.${kind}`;
  const width = Math.max(2, String(count).length);
  return `${base}-${String(index + 1).padStart(width, '0')}.${kind}`;
}

/** Name of frame `n` inside a PNG-sequence zip. */
export function sequenceEntryName(n: number, count: number): string {
  const width = Math.max(4, String(count).length);
  return `frame-${String(n).padStart(width, '0')}.png`;
}
