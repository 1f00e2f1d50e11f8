import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildGifPalette, GifWriter, PngSequenceWriter } from './encoders.ts';
import type { FrameImage, FrameWriter } from './encoders.ts';
import { MemorySink } from './sinks.ts';

const W = 8;
const H = 4;

/** A picture of one colour with a stripe at `x` (the pixels are all a GIF writer reads). */
function picture(x: number): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(W * H * 4);
  for (let i = 0; i < W * H; i++) {
    const on = i % W === x;
    rgba.set(on ? [250, 20, 20, 255] : [20, 40, 200, 255], i * 4);
  }
  return rgba;
}

/**
 * A frame whose "PNG" is its pixels with a header (the canvas's encoder is deterministic: same
 * pixels, same bytes), counting how often it is read.
 */
function frameOf(rgba: Uint8ClampedArray<ArrayBuffer>, reads: { count: number }): FrameImage {
  const canvas = {
    toBlob: (done: (blob: Blob | null) => void) => {
      reads.count++;
      done(new Blob([new Uint8Array([137, 80, 78, 71]), rgba]));
    },
  } as unknown as HTMLCanvasElement;
  return {
    source: canvas,
    canvas2d: () => canvas,
    pixels: () => {
      reads.count++;
      return rgba;
    },
    readOpaque: (into) => {
      into.set(rgba);
      return false;
    },
  };
}

/** Writes `pictures` (an index into `shots` per frame), drawn anew or repeated. */
async function write(
  writer: FrameWriter,
  sink: MemorySink,
  shots: Uint8ClampedArray<ArrayBuffer>[],
  pictures: number[],
  repeat: boolean,
): Promise<{ bytes: Uint8Array; reads: number }> {
  const reads = { count: 0 };
  await writer.begin();
  for (let n = 0; n < pictures.length; n++) {
    if (repeat && n > 0 && pictures[n] === pictures[n - 1]) await writer.repeat(n);
    else await writer.add(frameOf(shots[pictures[n]!]!, reads), n);
  }
  await writer.finish();
  await sink.finish();
  return { bytes: sink.buffer.bytes().slice(), reads: reads.count };
}

// Two moving frames, then the last picture held for three more.
const shots = [picture(1), picture(5)];
const pictures = [0, 1, 1, 1, 1];

describe('repeating the last picture', () => {
  it('GIF: the same bytes as adding the same picture again, without reading it', async () => {
    const palette = buildGifPalette(shots);
    const gif = async (repeat: boolean) => {
      const sink = new MemorySink('a.gif');
      return write(new GifWriter(W, H, 20, palette, sink), sink, shots, pictures, repeat);
    };
    const drawn = await gif(false);
    const repeated = await gif(true);
    expect(repeated.bytes).toEqual(drawn.bytes);
    expect(drawn.reads).toBe(5);
    expect(repeated.reads).toBe(2);
  });

  it('PNG sequence: every frame is in the zip, the held ones with the same PNG', async () => {
    const zip = async (repeat: boolean) => {
      const sink = new MemorySink('a.zip');
      return write(new PngSequenceWriter(pictures.length, sink), sink, shots, pictures, repeat);
    };
    const drawn = await zip(false);
    const repeated = await zip(true);
    expect(repeated.bytes).toEqual(drawn.bytes);
    expect(repeated.reads).toBe(2);
    const entries = unzipSync(repeated.bytes);
    expect(Object.keys(entries)).toHaveLength(5);
    const names = Object.keys(entries).sort();
    expect(entries[names[4]!]).toEqual(entries[names[1]!]);
    expect(entries[names[1]!]).not.toEqual(entries[names[0]!]);
  });

  it('a repeat before any frame is refused', async () => {
    const sink = new MemorySink('a.gif');
    const writer: FrameWriter = new GifWriter(W, H, 20, buildGifPalette(shots), sink);
    await expect(writer.repeat(0)).rejects.toThrow(/before a frame/);
  });
});
