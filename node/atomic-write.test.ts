import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFsError, nodeFs, temporaryPath, writeFileAtomic } from './atomic-write.ts';
import type { AtomicFileHandle, AtomicFs } from './atomic-write.ts';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'descent-atomic-'));
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/**
 * The real file system, except that the temporary file's handle fails as told: after writing
 * `failAfterBytes` bytes (a full disk part-way through), or on sync, or the rename fails.
 */
function failingFs(fail: { afterBytes?: number; onSync?: boolean; onRename?: boolean }): AtomicFs {
  return {
    ...nodeFs,
    async open(path, flags, mode) {
      const real = (await fsp.open(path, flags, mode)) as unknown as AtomicFileHandle;
      if (flags !== 'wx') return real;
      let written = 0;
      return {
        async write(buffer, offset, length, position) {
          const budget = (fail.afterBytes ?? Infinity) - written;
          if (budget <= 0) throw errno('ENOSPC');
          const n = Math.min(length, budget, 7); // small partial writes, like a slow disk
          const result = await real.write(buffer, offset, n, position);
          written += result.bytesWritten;
          return result;
        },
        async sync() {
          if (fail.onSync) throw errno('EIO');
          return real.sync();
        },
        close: () => real.close(),
      };
    },
    async rename(from, to) {
      if (fail.onRename) throw errno('EACCES');
      return nodeFs.rename(from, to);
    },
  };
}

const OLD = '{"old": true}\n';
const NEW = `{"new": "${'x'.repeat(200)}"}\n`;

describe('writeFileAtomic', () => {
  it('creates a new file with exactly the data', async () => {
    const dir = folder();
    const target = join(dir, 'a.descent.json');
    await writeFileAtomic(target, NEW);
    expect(readFileSync(target, 'utf8')).toBe(NEW);
    expect(readdirSync(dir)).toEqual(['a.descent.json']);
  });

  it('replaces an existing file, keeping its permissions', async () => {
    const dir = folder();
    const target = join(dir, 'a.descent.json');
    writeFileSync(target, OLD);
    chmodSync(target, 0o600);
    await writeFileAtomic(target, NEW, failingFs({}));
    expect(readFileSync(target, 'utf8')).toBe(NEW);
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['a.descent.json']);
  });

  it.each([
    ['the disk fills up part-way through the write', { afterBytes: 30 }, 'ENOSPC'],
    ['the disk fills up before the first byte', { afterBytes: 0 }, 'ENOSPC'],
    ['flushing to disk fails', { onSync: true }, 'EIO'],
    ['the rename is refused', { onRename: true }, 'EACCES'],
  ])('leaves the old file intact and no temporary file when %s', async (_what, fail, code) => {
    const dir = folder();
    const target = join(dir, 'a.descent.json');
    writeFileSync(target, OLD);
    await expect(writeFileAtomic(target, NEW, failingFs(fail), 'linux')).rejects.toMatchObject({
      code,
    });
    expect(readFileSync(target, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['a.descent.json']);
  });

  it('leaves no file at all when a first save fails', async () => {
    const dir = folder();
    const target = join(dir, 'new.descent.json');
    await expect(writeFileAtomic(target, NEW, failingFs({ afterBytes: 10 }))).rejects.toMatchObject(
      { code: 'ENOSPC' },
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails with ENOENT when the folder is gone', async () => {
    const target = join(folder(), 'missing', 'a.descent.json');
    await expect(writeFileAtomic(target, NEW)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(process.platform !== 'win32')(
    'replaces the file a symlink points to, keeping the link',
    async () => {
      const dir = folder();
      const real = join(dir, 'real.descent.json');
      const link = join(dir, 'link.descent.json');
      writeFileSync(real, OLD);
      symlinkSync(real, link);
      await writeFileAtomic(link, NEW);
      expect(readFileSync(real, 'utf8')).toBe(NEW);
      expect((await fsp.lstat(link)).isSymbolicLink()).toBe(true);
    },
  );

  it('retries a rename that Windows refuses for a moment', async () => {
    const dir = folder();
    const target = join(dir, 'a.descent.json');
    writeFileSync(target, OLD);
    let refusals = 2;
    const flaky: AtomicFs = {
      ...nodeFs,
      async rename(from, to) {
        if (refusals-- > 0) throw errno('EPERM');
        return nodeFs.rename(from, to);
      },
    };
    await writeFileAtomic(target, NEW, flaky, 'win32');
    expect(readFileSync(target, 'utf8')).toBe(NEW);
  });
});

describe('temporaryPath', () => {
  it('is a hidden sibling with a fresh name each time', () => {
    const a = temporaryPath('/x/y/scene.descent.json');
    expect(a).toMatch(/^\/x\/y\/\.scene\.descent\.json\.[0-9a-f]{12}\.tmp$/);
    expect(temporaryPath('/x/y/scene.descent.json')).not.toBe(a);
  });
});

describe('describeFsError', () => {
  it.each([
    ['ENOSPC', 'The disk is full.'],
    ['EACCES', 'Permission denied: the file or its folder is not writable for you.'],
    ['EROFS', 'The disk is read-only.'],
    ['ENOENT', 'The file or its folder no longer exists.'],
  ])('%s says why in words', (code, text) => {
    expect(describeFsError(errno(code))).toBe(text);
  });
  it('falls back to the error message', () => {
    expect(describeFsError(new Error('odd failure'))).toBe('odd failure.');
  });
});
