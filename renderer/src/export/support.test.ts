import { describe, expect, it } from 'vitest';
import { defaultExportSettings } from '../../../shared/export/settings.ts';
import type { ExportSettings } from '../../../shared/export/settings.ts';
import { checkSupport } from './support.ts';
import type { Codecs } from './support.ts';

/** A machine whose encoder accepts the configs `accept` approves, recording every question. */
function machine(accept: (config: VideoEncoderConfig) => boolean, available = true) {
  const asked: string[] = [];
  const codecs: Codecs = {
    available,
    isConfigSupported: (config) => {
      asked.push(`${config.codec} ${config.width}x${config.height}@${config.framerate}`);
      return Promise.resolve(accept(config));
    },
  };
  return { codecs, asked };
}

const s = (patch: Partial<ExportSettings> = {}): ExportSettings => ({
  ...defaultExportSettings(),
  ...patch,
});

describe('checkSupport', () => {
  it('picks H.264 High at the level the size needs (1080p30: avc1.640028)', async () => {
    const { codecs, asked } = machine(() => true);
    const answer = await checkSupport(s(), codecs);
    expect(answer.ok && answer.video?.config.codec).toBe('avc1.640028');
    expect(answer.ok && answer.video?.label).toMatch(/High, level 4\.0/);
    expect(asked).toEqual(['avc1.640028 1920x1080@30']);
  });

  it('falls back to Main, then Baseline, at the same level', async () => {
    const { codecs, asked } = machine((c) => c.codec.startsWith('avc1.42'));
    const answer = await checkSupport(s(), codecs);
    expect(answer.ok && answer.video?.config.codec).toBe('avc1.42e028');
    expect(asked.slice(0, 3)).toEqual([
      'avc1.640028 1920x1080@30',
      'avc1.4d0028 1920x1080@30',
      'avc1.42e028 1920x1080@30',
    ]);
  });

  it('explains an unsupported H.264 size and offers what works', async () => {
    const { codecs } = machine((c) => !c.codec.startsWith('avc1') || (c.width ?? 0) <= 1920);
    const answer = await checkSupport(s({ width: 3840, height: 2160 }), codecs);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.message).toMatch(/cannot encode H\.264 at 3840×2160 at 30 fps/);
    expect(answer.message).toMatch(/isConfigSupported refused avc1\.640033/);
    expect(answer.alternatives.map((a) => a.label)).toEqual([
      'WebM (VP9) at 3840×2160',
      'MP4 (H.264) at 1920×1080, 30 fps',
      'PNG sequence (zip)',
      'Animated GIF, 640×360',
    ]);
    expect(answer.alternatives[1]!.patch).toEqual({
      kind: 'mp4',
      width: 1920,
      height: 1080,
      fps: 30,
    });
  });

  it('says when there is no WebCodecs at all', async () => {
    const { codecs, asked } = machine(() => true, false);
    const answer = await checkSupport(s({ kind: 'webm', transparent: true }), codecs);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.message).toMatch(/no WebCodecs VideoEncoder/);
      // Transparent: the GIF alternative would lose the alpha, so only the PNG sequence.
      expect(answer.alternatives.map((a) => a.label)).toEqual(['PNG sequence (zip)']);
    }
    expect(asked).toEqual([]);
  });

  it('checks VP9 for WebM and needs nothing for GIF and PNG', async () => {
    const { codecs } = machine(() => true);
    const webm = await checkSupport(s({ kind: 'webm', transparent: true }), codecs);
    expect(webm.ok && webm.video?.label).toMatch(
      /VP9 \(vp09\.00\.40\.08\), with a second VP9 stream for alpha/,
    );
    for (const kind of ['gif', 'png', 'zip'] as const) {
      expect(await checkSupport(s({ kind, fps: 20 }), codecs)).toEqual({ ok: true, video: null });
    }
  });
});
