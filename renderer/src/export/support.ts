/**
 * Can this machine encode the chosen video? Asks WebCodecs (`VideoEncoder.isConfigSupported`)
 * before anything is rendered or written, picks the H.264 profile and level from the size and
 * frame rate, and when the answer is no, says why in one sentence and offers the alternatives
 * that do work here.
 */
import { AVC_PROFILES, avcChoice, targetBitrate, vp9Codec } from '../../../shared/export/codecs.ts';
import { EXPORT_KIND_LABELS } from '../../../shared/export/settings.ts';
import type { ExportSettings } from '../../../shared/export/settings.ts';

/** A checked encoder configuration. */
export interface VideoChoice {
  config: VideoEncoderConfig;
  /** For people, e.g. `H.264 High, level 4.0 (avc1.640028)`. */
  label: string;
}

/** Another way to export, offered when the chosen one cannot work. */
export interface Alternative {
  label: string;
  /** Changes to the settings. */
  patch: Partial<ExportSettings>;
}

/** The verdict on a set of settings. */
export type Support =
  | { ok: true; video: VideoChoice | null }
  | { ok: false; message: string; alternatives: Alternative[] };

/** The WebCodecs entry points used (replaceable in tests). */
export interface Codecs {
  available: boolean;
  isConfigSupported(config: VideoEncoderConfig): Promise<boolean>;
}

/** The browser's WebCodecs. */
export const browserCodecs: Codecs = {
  get available() {
    return typeof VideoEncoder !== 'undefined' && typeof VideoFrame !== 'undefined';
  },
  async isConfigSupported(config) {
    try {
      return (await VideoEncoder.isConfigSupported(config)).supported === true;
    } catch {
      // A malformed config (e.g. a size the browser rejects outright) counts as unsupported.
      return false;
    }
  },
};

function h264Config(codec: string, s: ExportSettings, bitrate: number): VideoEncoderConfig {
  return {
    codec,
    width: s.width,
    height: s.height,
    framerate: s.fps,
    bitrate,
    bitrateMode: 'variable',
    latencyMode: 'quality',
    avc: { format: 'avc' },
  };
}

function vp9Config(s: ExportSettings): VideoEncoderConfig {
  return {
    codec: vp9Codec(s.width, s.height, s.fps),
    width: s.width,
    height: s.height,
    framerate: s.fps,
    bitrate: targetBitrate(s.width, s.height, s.fps),
    bitrateMode: 'variable',
    latencyMode: 'quality',
  };
}

/** The first H.264 profile (High, Main, Constrained Baseline) this machine can encode. */
async function pickH264(
  s: ExportSettings,
  codecs: Codecs,
): Promise<{ choice: VideoChoice | null; tried: string[] }> {
  const tried: string[] = [];
  for (const profile of AVC_PROFILES) {
    const avc = avcChoice(s.width, s.height, s.fps, profile.id);
    if (!avc) continue;
    tried.push(avc.codec);
    const config = h264Config(avc.codec, s, avc.bitrate);
    if (await codecs.isConfigSupported(config)) {
      return {
        choice: { config, label: `H.264 ${profile.label}, level ${avc.level} (${avc.codec})` },
        tried,
      };
    }
  }
  return { choice: null, tried };
}

async function pickVp9(s: ExportSettings, codecs: Codecs): Promise<VideoChoice | null> {
  const config = vp9Config(s);
  if (!(await codecs.isConfigSupported(config))) return null;
  const alpha = s.transparent ? ', with a second VP9 stream for alpha' : '';
  return { config, label: `VP9 (${config.codec})${alpha}` };
}

const sizeText = (s: ExportSettings): string => `${s.width}×${s.height} at ${s.fps} fps`;

/** Other exports that work here, best first. */
async function alternativesFor(s: ExportSettings, codecs: Codecs): Promise<Alternative[]> {
  const out: Alternative[] = [];
  if (codecs.available) {
    if (s.kind !== 'webm' && (await pickVp9({ ...s, transparent: false }, codecs))) {
      out.push({ label: `WebM (VP9) at ${s.width}×${s.height}`, patch: { kind: 'webm' } });
    }
    if (
      s.kind !== 'mp4' &&
      !s.transparent &&
      (await pickH264({ ...s, kind: 'mp4' }, codecs)).choice
    ) {
      out.push({ label: `MP4 (H.264) at ${s.width}×${s.height}`, patch: { kind: 'mp4' } });
    }
    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      if (s.width * s.height <= width * height) continue;
      const smaller = { ...s, kind: 'mp4' as const, width, height, fps: Math.min(s.fps, 30) };
      if ((await pickH264(smaller, codecs)).choice) {
        out.push({
          label: `MP4 (H.264) at ${width}×${height}, ${smaller.fps} fps`,
          patch: { kind: 'mp4', width, height, fps: smaller.fps },
        });
        break;
      }
    }
  }
  out.push({ label: 'PNG sequence (zip)', patch: { kind: 'zip' } });
  if (!s.transparent)
    out.push({
      label: 'Animated GIF, 640×360',
      patch: { kind: 'gif', width: 640, height: 360, fps: 20 },
    });
  return out;
}

/** Checks `settings` (already normalized) against what this machine can encode. */
export async function checkSupport(
  settings: ExportSettings,
  codecs: Codecs = browserCodecs,
): Promise<Support> {
  const s = settings;
  if (s.kind !== 'mp4' && s.kind !== 'webm') return { ok: true, video: null };
  if (!codecs.available) {
    return {
      ok: false,
      message: `This browser cannot encode video: it has no WebCodecs VideoEncoder (Chrome, Edge and the desktop app have one). ${EXPORT_KIND_LABELS[s.kind]} is not available here.`,
      alternatives: await alternativesFor(s, codecs),
    };
  }
  if (s.kind === 'mp4') {
    const { choice, tried } = await pickH264(s, codecs);
    if (choice) return { ok: true, video: choice };
    const why =
      tried.length === 0
        ? `${s.width}×${s.height} at ${s.fps} fps is beyond every H.264 level`
        : `VideoEncoder.isConfigSupported refused ${tried.join(', ')}`;
    return {
      ok: false,
      message: `This machine cannot encode H.264 at ${sizeText(s)} (${why}).`,
      alternatives: await alternativesFor(s, codecs),
    };
  }
  const vp9 = await pickVp9(s, codecs);
  if (vp9) return { ok: true, video: vp9 };
  return {
    ok: false,
    message: `This machine cannot encode VP9 at ${sizeText(s)} (VideoEncoder.isConfigSupported refused ${vp9Config(s).codec}).`,
    alternatives: await alternativesFor(s, codecs),
  };
}
