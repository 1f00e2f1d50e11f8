// Types of scripts/make-icons.mjs for the TypeScript tests that import it.
export const PNG_SIZES: number[];
export const ICO_SIZES: number[];
export const ICNS_TYPES: [string, number][];
export function pngSize(png: Buffer): { width: number; height: number };
export function decodeRgbaPng(png: Buffer): { width: number; height: number; rgba: Buffer };
export function bmpIconEntry(image: { width: number; height: number; rgba: Buffer }): Buffer;
export function icoFile(entries: [number, Buffer][]): Buffer;
export function icnsFile(entries: [string, Buffer][]): Buffer;
