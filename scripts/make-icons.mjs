#!/usr/bin/env node
// Rasterises build/icon.svg into every icon the installers need, and writes them into build/:
//
//   build/icons/<N>x<N>.png   Linux (AppImage, deb) and the source of the two containers below
//   build/icon.png            1024 px, electron-builder's fallback
//   build/icon.ico            Windows: 16–48 px as 32-bit BMP (what NSIS and old shells read),
//                             64–256 px as PNG
//   build/icon.icns           macOS: PNG entries from 32 to 1024 px
//
// Rasterising needs `rsvg-convert` (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew
// install librsvg). The ICO and ICNS containers are written here in plain Node. The outputs
// are committed, so packaging never needs this script; run it after editing the SVG.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'build');
const source = join(buildDir, 'icon.svg');

/** Sizes rendered from the SVG. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Sizes in the ICO, and which of them are stored as BMP. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICO_BMP_MAX = 48;
/** ICNS entry types and their pixel sizes (PNG payloads; the @2x types double the point size). */
export const ICNS_TYPES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];

function rasterise(size) {
  const result = spawnSync('rsvg-convert', ['-w', String(size), '-h', String(size), source], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : result.stderr.toString().trim();
    throw new Error(`rsvg-convert failed (${why}). Install librsvg2-bin (Debian) or librsvg.`);
  }
  return result.stdout;
}

/** Reads width and height from a PNG's IHDR chunk. */
export function pngSize(png) {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Decodes an 8-bit RGBA, non-interlaced PNG (what rsvg-convert writes) into raw RGBA rows.
 * Enough of PNG for the BMP entries of the ICO; anything else is refused.
 */
export function decodeRgbaPng(png) {
  const { width, height } = pngSize(png);
  const bitDepth = png[24];
  const colorType = png[25];
  const interlace = png[28];
  if (bitDepth !== 8 || colorType !== 6 || interlace !== 0) {
    throw new Error('only 8-bit RGBA non-interlaced PNGs are supported');
  }
  const idat = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? out[y * stride + x - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, rgba: out };
}

/** A 32-bit BMP (DIB) icon entry: BGRA bottom-up plus the 1-bit AND mask ICO requires. */
export function bmpIconEntry({ width, height, rgba }) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8); // ICO counts the XOR image and the mask together
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 4;
      const dst = ((height - 1 - y) * width + x) * 4;
      pixels[dst] = rgba[src + 2];
      pixels[dst + 1] = rgba[src + 1];
      pixels[dst + 2] = rgba[src];
      pixels[dst + 3] = rgba[src + 3];
    }
  }
  // All zero: transparency comes from the alpha channel.
  const maskStride = Math.ceil(width / 32) * 4;
  const mask = Buffer.alloc(maskStride * height);
  return Buffer.concat([header, pixels, mask]);
}

/** An ICO file from `[size, data]` entries (data is PNG or a BMP entry). */
export function icoFile(entries) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  const directory = Buffer.alloc(16 * entries.length);
  let offset = 6 + directory.length;
  entries.forEach(([size, data], i) => {
    const at = i * 16;
    directory[at] = size >= 256 ? 0 : size; // 0 means 256
    directory[at + 1] = size >= 256 ? 0 : size;
    directory[at + 2] = 0;
    directory[at + 3] = 0;
    directory.writeUInt16LE(1, at + 4);
    directory.writeUInt16LE(32, at + 6);
    directory.writeUInt32LE(data.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, directory, ...entries.map(([, data]) => data)]);
}

/** An ICNS file from `[type, png]` entries. */
export function icnsFile(entries) {
  const chunks = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

function main() {
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  const pngs = new Map();
  for (const size of PNG_SIZES) {
    const png = rasterise(size);
    const actual = pngSize(png);
    if (actual.width !== size || actual.height !== size) throw new Error(`bad size for ${size}`);
    pngs.set(size, png);
    writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), png);
  }
  writeFileSync(join(buildDir, 'icon.png'), pngs.get(1024));
  const ico = icoFile(
    ICO_SIZES.map((size) => [
      size,
      size <= ICO_BMP_MAX ? bmpIconEntry(decodeRgbaPng(pngs.get(size))) : pngs.get(size),
    ]),
  );
  writeFileSync(join(buildDir, 'icon.ico'), ico);
  writeFileSync(
    join(buildDir, 'icon.icns'),
    icnsFile(ICNS_TYPES.map(([t, s]) => [t, pngs.get(s)])),
  );
  console.log(
    `make-icons: wrote build/icons/*.png (${PNG_SIZES.join(', ')}), icon.png, icon.ico, icon.icns`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (error) {
    console.error(`make-icons: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
