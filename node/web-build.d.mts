// Types of web-build.mjs.
export function webBuildIsStale(io: {
  root: string;
  mtime: (path: string) => number | null;
  list: (dir: string) => string[];
}): boolean;
export function listFiles(dir: string): string[];
export function mtimeOf(path: string): number | null;
