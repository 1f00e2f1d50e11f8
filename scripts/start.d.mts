// Types of scripts/start.mjs for its tests.
import type { BinaryIo } from '../node/electron-binary.d.mts';

export const USAGE: string;
export const NO_ELECTRON_NOTICE: string;

export interface StartOptions {
  mode: 'auto' | 'browser' | 'desktop';
  dev: boolean;
  open: boolean;
  port: number;
  files: string[];
  /** The lesson `--present` names, as given (absent without --present). */
  present?: string;
}
export function parseStartArgs(
  argv: readonly string[],
): { options: StartOptions } | { error: string } | { help: true };

export type StartDecision =
  | { kind: 'desktop' }
  | { kind: 'browser'; notice: string | null }
  | { kind: 'fail'; message: string; code: number };
export function decideStart(
  options: Pick<StartOptions, 'mode'>,
  binary: string | null,
): StartDecision;

export function canOpenBrowser(platform: string, env: Record<string, string | undefined>): boolean;
export function browserCommand(platform: string, url: string): [string, string[]];

export interface StartDeps extends BinaryIo {
  platform: string;
  cwd: string;
  log: (line: string) => void;
  error: (line: string) => void;
  mtime: (path: string) => number | null;
  list: (dir: string) => string[];
  run: (cmd: string, args: string[], env?: Record<string, string>) => number;
  serve: (
    dir: string,
    port: number,
    lesson?: string | null,
  ) => Promise<{ url: string; close: () => Promise<void> }>;
  openUrl: (url: string) => void;
}
export function defaultDeps(): StartDeps;
export function main(argv: readonly string[], deps: StartDeps): Promise<number | null>;

export const PRESENT_LESSON_PATH: string;
export function isLessonFile(name: string): boolean;
export function presentUrl(serverUrl: string): string;
export function presentLessonHandler(
  lessonPath: string,
  fallback: (
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ) => void,
): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
export function serveWithLesson(
  dir: string,
  port: number,
  lessonPath: string,
): Promise<{ url: string; close: () => Promise<void> }>;
