import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_CHUNK } from '../../../shared/bridge.ts';
import type { DescentBridge } from '../../../shared/bridge.ts';
import { bridgeSinks, GrowableBuffer, SinkError } from './sinks.ts';

/** The export half of the bridge, recording calls (bytes are summarised). */
function fakeBridge(options: { begin?: 'ok' | 'canceled' | 'error'; failWrite?: boolean } = {}) {
  const calls: string[] = [];
  const bridge = {
    exportBegin: ({ format, suggestedName }) => {
      calls.push(`begin ${format} ${suggestedName}`);
      const status = options.begin ?? 'ok';
      if (status === 'canceled') return Promise.resolve({ status });
      if (status === 'error') return Promise.resolve({ status, message: 'The disk is full.' });
      return Promise.resolve({
        status,
        sinkId: '00000000-0000-0000-0000-000000000000',
        filePath: `/videos/${suggestedName}`,
        fileName: suggestedName,
      });
    },
    exportWrite: ({ bytes, position }) => {
      calls.push(`write ${bytes.byteLength}@${position ?? 'end'}`);
      return Promise.resolve(
        options.failWrite
          ? { status: 'error', message: 'The export failed. No space left.' }
          : { status: 'ok', bytesWritten: bytes.byteLength },
      );
    },
    exportFinish: () => {
      calls.push('finish');
      return Promise.resolve({ status: 'ok', filePath: '/videos/a.mp4', fileName: 'a.mp4' });
    },
    exportCancel: () => {
      calls.push('cancel');
      return Promise.resolve();
    },
  } as Pick<
    DescentBridge,
    'exportBegin' | 'exportWrite' | 'exportFinish' | 'exportCancel'
  > as DescentBridge;
  return { bridge, calls };
}

describe('bridge sinks (desktop app)', () => {
  it('stream positioned chunks of at most 64 MiB, then finish', async () => {
    const { bridge, calls } = fakeBridge();
    const sink = await bridgeSinks(bridge).open('a.mp4', 'mp4');
    await sink!.write(new Uint8Array(10));
    await sink!.write(new Uint8Array(MAX_EXPORT_CHUNK + 5), 100);
    expect(await sink!.finish()).toBe('a.mp4');
    expect(calls).toEqual([
      'begin mp4 a.mp4',
      'write 10@end',
      `write ${MAX_EXPORT_CHUNK}@100`,
      `write 5@${100 + MAX_EXPORT_CHUNK}`,
      'finish',
    ]);
  });

  it('a cancelled save dialog opens nothing; an error says why', async () => {
    expect(
      await bridgeSinks(fakeBridge({ begin: 'canceled' }).bridge).open('a.gif', 'gif'),
    ).toBeNull();
    await expect(
      bridgeSinks(fakeBridge({ begin: 'error' }).bridge).open('a.gif', 'gif'),
    ).rejects.toThrow('The disk is full.');
  });

  it('cancel removes the partial file once; a failed write needs no cancel', async () => {
    const ok = fakeBridge();
    const sink = await bridgeSinks(ok.bridge).open('a.zip', 'zip');
    await sink!.cancel();
    await sink!.cancel();
    expect(ok.calls.filter((c) => c === 'cancel')).toHaveLength(1);

    const failing = fakeBridge({ failWrite: true });
    const broken = await bridgeSinks(failing.bridge).open('a.zip', 'zip');
    await expect(broken!.write(new Uint8Array(3))).rejects.toBeInstanceOf(SinkError);
    await broken!.cancel();
    expect(failing.calls).not.toContain('cancel');
  });
});

describe('GrowableBuffer', () => {
  it('takes appends and writes back into earlier positions (muxer header patches)', () => {
    const b = new GrowableBuffer();
    b.write(new Uint8Array([1, 2, 3]));
    b.write(new Uint8Array(100_000).fill(9));
    b.write(new Uint8Array([7, 7]), 1);
    expect(b.length).toBe(100_003);
    expect([...b.bytes().subarray(0, 4)]).toEqual([1, 7, 7, 9]);
  });
});
