import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/bridge.ts';
import type { AtomicFileHandle, AtomicFs } from '../../node/atomic-write.ts';

vi.mock('electron', () => import('../test/electron-mock.ts'));

const { ExportSinks, exportFileName, MAX_SINKS_PER_OWNER, setupExportSink } =
  await import('./export-sink.ts');
const { nodeFs } = await import('../../node/atomic-write.ts');
const { createWindow } = await import('./windows.ts');
const electron = await import('../test/electron-mock.ts');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'descent-export-'));
}
const bytes = (text: string) => new TextEncoder().encode(text);
const OWNER = 7;

describe('ExportSinks', () => {
  it('streams chunks into a hidden temporary file and renames it on finish', async () => {
    const dir = folder();
    const target = join(dir, 'clip.mp4');
    const sinks = new ExportSinks();
    const opened = await sinks.open(OWNER, target);
    if (opened.status !== 'ok') throw new Error('not opened');
    expect(await sinks.write(OWNER, opened.sinkId, bytes('hello '))).toEqual({
      status: 'ok',
      bytesWritten: 6,
    });
    await sinks.write(OWNER, opened.sinkId, bytes('world'));
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^\.clip\.mp4\.[0-9a-f]+\.part$/)]);
    // A muxer patching its header: a positioned write over earlier bytes.
    await sinks.write(OWNER, opened.sinkId, bytes('HELLO'), 0);
    expect(await sinks.finish(OWNER, opened.sinkId)).toEqual({
      status: 'ok',
      filePath: target,
      fileName: 'clip.mp4',
    });
    expect(readFileSync(target, 'utf8')).toBe('HELLO world');
    expect(readdirSync(dir)).toEqual(['clip.mp4']);
    expect(sinks.size).toBe(0);
  });

  it('keeps concurrent appends in order of arrival', async () => {
    const dir = folder();
    const sinks = new ExportSinks();
    const opened = await sinks.open(OWNER, join(dir, 'a.gif'));
    if (opened.status !== 'ok') throw new Error('not opened');
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((c) => sinks.write(OWNER, opened.sinkId, bytes(c.repeat(1000)))),
    );
    await sinks.finish(OWNER, opened.sinkId);
    expect(readFileSync(join(dir, 'a.gif'), 'utf8')).toBe(
      'a'.repeat(1000) + 'b'.repeat(1000) + 'c'.repeat(1000) + 'd'.repeat(1000),
    );
  });

  it('cancel deletes the partial file and leaves no final file', async () => {
    const dir = folder();
    const sinks = new ExportSinks();
    const opened = await sinks.open(OWNER, join(dir, 'clip.webm'));
    if (opened.status !== 'ok') throw new Error('not opened');
    await sinks.write(OWNER, opened.sinkId, bytes('partial'));
    await sinks.cancel(OWNER, opened.sinkId);
    expect(readdirSync(dir)).toEqual([]);
    expect(await sinks.write(OWNER, opened.sinkId, bytes('x'))).toMatchObject({ status: 'error' });
  });

  it('a failing write (full disk) cancels the export and says why', async () => {
    const dir = folder();
    const failing: AtomicFs = {
      ...nodeFs,
      async open(path, flags, mode) {
        const real = (await fsp.open(path, flags, mode)) as unknown as AtomicFileHandle;
        let calls = 0;
        return {
          write: async (...args) => {
            if (++calls > 1) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
            return real.write(...args);
          },
          sync: () => real.sync(),
          close: () => real.close(),
        };
      },
    };
    const sinks = new ExportSinks(failing);
    const opened = await sinks.open(OWNER, join(dir, 'clip.mp4'));
    if (opened.status !== 'ok') throw new Error('not opened');
    await sinks.write(OWNER, opened.sinkId, bytes('first'));
    expect(await sinks.write(OWNER, opened.sinkId, bytes('second'))).toEqual({
      status: 'error',
      message: 'The export failed. The disk is full.',
    });
    expect(readdirSync(dir)).toEqual([]);
    expect(sinks.size).toBe(0);
  });

  it('belongs to the window that opened it', async () => {
    const dir = folder();
    const sinks = new ExportSinks();
    const opened = await sinks.open(OWNER, join(dir, 'clip.mp4'));
    if (opened.status !== 'ok') throw new Error('not opened');
    expect(await sinks.write(OWNER + 1, opened.sinkId, bytes('x'))).toMatchObject({
      status: 'error',
    });
    expect(await sinks.finish(OWNER + 1, opened.sinkId)).toMatchObject({ status: 'error' });
    await sinks.cancel(OWNER + 1, opened.sinkId);
    expect(sinks.size).toBe(1);
    await sinks.cancelAll(OWNER);
    expect(sinks.size).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('limits how many exports one window runs at once', async () => {
    const dir = folder();
    const sinks = new ExportSinks();
    for (let i = 0; i < MAX_SINKS_PER_OWNER; i++) {
      expect((await sinks.open(OWNER, join(dir, `${i}.png`))).status).toBe('ok');
    }
    expect(await sinks.open(OWNER, join(dir, 'more.png'))).toMatchObject({ status: 'error' });
    await sinks.cancelAll(OWNER);
  });

  it('reports a folder it cannot write to', async () => {
    const sinks = new ExportSinks();
    expect(await sinks.open(OWNER, join(folder(), 'gone', 'clip.mp4'))).toEqual({
      status: 'error',
      message: 'The export could not start. The file or its folder no longer exists.',
    });
  });
});

describe('exportFileName', () => {
  it.each([
    ['lr-compare', 'mp4', 'lr-compare.mp4'],
    ['clip.gif', 'gif', 'clip.gif'],
    ['../../etc/passwd', 'png', 'passwd.png'],
    ['C:\\Users\\x\\clip', 'webm', 'clip.webm'],
    ['a<b>:c', 'mp4', 'a_b__c.mp4'],
  ] as const)('%s as %s → %s', (name, format, expected) => {
    expect(exportFileName(name, format)).toBe(expected);
  });
});

describe('export requests', () => {
  const sinks = setupExportSink(new ExportSinks());

  it('go through the save dialog, stream, and finish', async () => {
    const dir = folder();
    const win = createWindow() as unknown as InstanceType<typeof electron.BrowserWindow>;
    electron.dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: join(dir, 'talk'),
    });
    const begun = (await electron.invokeAs(win.webContents, INVOKE_CHANNELS.exportBegin, [
      { format: 'mp4', suggestedName: 'talk' },
    ])) as { status: string; sinkId: string; filePath: string };
    expect(begun).toMatchObject({
      status: 'ok',
      filePath: join(dir, 'talk.mp4'),
      fileName: 'talk.mp4',
    });
    await electron.invokeAs(win.webContents, INVOKE_CHANNELS.exportWrite, [
      { sinkId: begun.sinkId, bytes: bytes('frames') },
    ]);
    await electron.invokeAs(win.webContents, INVOKE_CHANNELS.exportFinish, [
      { sinkId: begun.sinkId },
    ]);
    expect(readFileSync(join(dir, 'talk.mp4'), 'utf8')).toBe('frames');
  });

  it('are cancelled when their window closes', async () => {
    const dir = folder();
    const win = createWindow() as unknown as InstanceType<typeof electron.BrowserWindow>;
    electron.dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: join(dir, 'x.webm'),
    });
    await electron.invokeAs(win.webContents, INVOKE_CHANNELS.exportBegin, [
      { format: 'webm', suggestedName: 'x' },
    ]);
    expect(sinks.size).toBe(1);
    win.close();
    await vi.waitFor(() => expect(sinks.size).toBe(0));
    await vi.waitFor(() => expect(readdirSync(dir)).toEqual([]));
  });

  it('report a cancelled dialog', async () => {
    const win = createWindow() as unknown as InstanceType<typeof electron.BrowserWindow>;
    expect(
      await electron.invokeAs(win.webContents, INVOKE_CHANNELS.exportBegin, [
        { format: 'gif', suggestedName: 'x' },
      ]),
    ).toEqual({ status: 'canceled' });
  });
});
