// Types of electron-binary.mjs.
export interface BinaryIo {
  root: string;
  env: Record<string, string | undefined>;
  exists: (path: string) => boolean;
  readText: (path: string) => string;
}
export function findElectronBinary(io: BinaryIo): string | null;
