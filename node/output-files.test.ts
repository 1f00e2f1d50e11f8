/**
 * Output files of a render: written under temporary names, placed all together or not at all.
 * The data-safety cases of the issue are reproduced here on real folders — a cancelled render,
 * a later clip that fails, a target that is a folder, a rename that fails part-way — and each
 * proves that every pre-existing file is as it was and no temporary file is left.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTargets, nodeOutputFs, OutputError, OutputFiles } from './output-files.ts';
import type { OutputFs } from './output-files.ts';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'descent-output-'));
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** Our temporary-file pattern: `.<name>.<12 hex>.tmp` or `….part`. */
const TEMP = /^\..+\.[0-9a-f]{12}\.(tmp|part)$/;

/** Everything in `dir` with its contents ('<folder>' for folders), to compare before/after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    out[name] = statSync(path).isDirectory() ? '<folder>' : readFileSync(path, 'utf8');
  }
  return out;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Opens, writes and finishes one file per target (id = index). */
async function writeAllFiles(files: OutputFiles, targets: string[], text = 'new'): Promise<void> {
  for (const [id, target] of targets.entries()) {
    await files.open(id, target);
    await files.write(id, null, bytes(`${text} ${id + 1}`));
    await files.finish(id);
  }
}

describe('output files', () => {
  it('streams into a hidden temporary file and places it only on commit', async () => {
    const dir = folder();
    const target = join(dir, 'out.mp4');
    writeFileSync(target, 'old');
    const files = new OutputFiles();
    await files.open(0, target);
    await files.write(0, null, bytes('xxxxBODY'));
    // A fast-start MP4 rewrites its header at the front once the body is known.
    await files.write(0, 0, bytes('HEAD'));
    await files.finish(0);
    const names = readdirSync(dir);
    expect(names).toHaveLength(2);
    expect(names.find((n) => n !== 'out.mp4')).toMatch(/^\.out\.mp4\.[0-9a-f]{12}\.part$/);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(await files.commit()).toEqual([{ path: target, bytes: 8 }]);
    expect(snapshot(dir)).toEqual({ 'out.mp4': 'HEADBODY' });
  });

  it('keeps the permissions of a file it replaces', async () => {
    const dir = folder();
    const target = join(dir, 'still.png');
    writeFileSync(target, 'old', { mode: 0o640 });
    const files = new OutputFiles();
    await writeAllFiles(files, [target]);
    await files.commit();
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it('a cancelled render leaves existing clips as they were and no temporary file', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'out-01.gif'), 'old 1');
    writeFileSync(join(dir, 'out-02.gif'), 'old 2');
    const before = snapshot(dir);
    const files = new OutputFiles();
    // Two clips complete, the third is half written when Ctrl+C arrives.
    await writeAllFiles(files, [join(dir, 'out-01.gif'), join(dir, 'out-02.gif')]);
    await files.open(2, join(dir, 'out-03.gif'));
    await files.write(2, null, bytes('half'));
    await files.discard();
    expect(snapshot(dir)).toEqual(before);
  });

  it('a later clip that fails leaves the earlier clips as they were', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'out-01.gif'), 'old 1');
    writeFileSync(join(dir, 'out-02.gif'), 'old 2');
    const before = snapshot(dir);
    const files = new OutputFiles();
    await writeAllFiles(files, [join(dir, 'out-01.gif'), join(dir, 'out-02.gif')]);
    await files.open(2, join(dir, 'out-03.gif'));
    await files.cancel(2); // the page gave up on clip 3
    await files.discard(); // and the render failed
    expect(snapshot(dir)).toEqual(before);
  });

  it('a clip whose target became a folder: the group is rolled back, nothing left behind', async () => {
    // The case: out-01.gif and out-02.gif exist and out-03.gif is a folder. checkTargets
    // refuses it up front; here the folder appears after that check, at the last moment.
    const dir = folder();
    writeFileSync(join(dir, 'out-01.gif'), 'old 1');
    writeFileSync(join(dir, 'out-02.gif'), 'old 2');
    const targets = ['out-01.gif', 'out-02.gif', 'out-03.gif'].map((n) => join(dir, n));
    await checkTargets(targets);
    const files = new OutputFiles();
    await writeAllFiles(files, targets);
    mkdirSync(join(dir, 'out-03.gif'));
    writeFileSync(join(dir, 'out-03.gif', 'mine.txt'), 'keep');
    const error = await files.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe(
      `Cannot write ${targets[2]}: That is a folder, not a file.`,
    );
    expect(snapshot(dir)).toEqual({
      'out-01.gif': 'old 1',
      'out-02.gif': 'old 2',
      'out-03.gif': '<folder>',
    });
    expect(readFileSync(join(dir, 'out-03.gif', 'mine.txt'), 'utf8')).toBe('keep');
  });

  it('a rename that fails part-way puts back the files already replaced', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a-01.mp4'), 'old 1');
    // a-02.mp4 does not exist yet: rolling back must remove the new one again.
    writeFileSync(join(dir, 'a-03.mp4'), 'old 3');
    const before = snapshot(dir);
    const targets = ['a-01.mp4', 'a-02.mp4', 'a-03.mp4'].map((n) => join(dir, n));
    const fs: OutputFs = {
      ...nodeOutputFs,
      async rename(from, to) {
        if (to === targets[2]) throw errno('EACCES');
        return nodeOutputFs.rename(from, to);
      },
    };
    const files = new OutputFiles(fs);
    await writeAllFiles(files, targets);
    await expect(files.commit()).rejects.toThrow(/a-03\.mp4: Permission denied/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('copies the previous file where hard links are not supported', async () => {
    const dir = folder();
    const target = join(dir, 'b-01.webm');
    writeFileSync(target, 'old');
    const other = join(dir, 'b-02.webm');
    const fs: OutputFs = {
      ...nodeOutputFs,
      link: () => Promise.reject(errno('EPERM')),
      async rename(from, to) {
        if (to === other) throw errno('EBUSY');
        return nodeOutputFs.rename(from, to);
      },
    };
    const files = new OutputFiles(fs, 'linux');
    await writeAllFiles(files, [target, other]);
    await expect(files.commit()).rejects.toThrow(/in use by another program/);
    expect(snapshot(dir)).toEqual({ 'b-01.webm': 'old' });
  });

  it('a write that fails (full disk) names the file and leaves nothing', async () => {
    const dir = folder();
    const target = join(dir, 'big.mp4');
    const fs: OutputFs = {
      ...nodeOutputFs,
      async open(path, flags, mode) {
        const handle = await nodeOutputFs.open(path, flags, mode);
        return { ...handle, write: () => Promise.reject(errno('ENOSPC')) };
      },
    };
    const files = new OutputFiles(fs);
    await files.open(0, target);
    await expect(files.write(0, null, bytes('frame'))).rejects.toThrow(
      `Cannot write ${target}: The disk is full.`,
    );
    await files.discard();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names every temporary file by the one pattern the clean-up recognises', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'c.png'), 'old');
    const seen: string[] = [];
    const fs: OutputFs = {
      ...nodeOutputFs,
      async open(path, flags, mode) {
        if (path.startsWith(`${dir}/`)) seen.push(path.slice(dir.length + 1));
        return nodeOutputFs.open(path, flags, mode);
      },
      async link(from, to) {
        seen.push(to.slice(dir.length + 1));
        return nodeOutputFs.link(from, to);
      },
    };
    await checkTargets([join(dir, 'c.png')], fs);
    const files = new OutputFiles(fs);
    await writeAllFiles(files, [join(dir, 'c.png')]);
    await files.commit();
    expect(seen.length).toBeGreaterThanOrEqual(3); // probe, part file, backup link
    for (const name of seen) expect(name).toMatch(TEMP);
    expect(snapshot(dir)).toEqual({ 'c.png': 'new 1' });
  });
});

describe('checking targets before a render', () => {
  it('refuses a target that is a folder, naming it', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'x.png'));
    await expect(checkTargets([join(dir, 'x.png')])).rejects.toThrow(
      `Cannot write ${join(dir, 'x.png')}: That is a folder, not a file.`,
    );
    expect(readdirSync(dir)).toEqual(['x.png']);
  });

  it('refuses a folder that accepts no new files, leaving no probe behind', async () => {
    const dir = folder();
    const fs: OutputFs = {
      ...nodeOutputFs,
      open: () => Promise.reject(errno('EROFS')),
    };
    await expect(checkTargets([join(dir, 'y.gif')], fs)).rejects.toThrow(/read-only/);
    await expect(checkTargets([join(dir, 'missing', 'y.gif')])).rejects.toThrow(OutputError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(process.platform !== 'linux')('says plainly that /proc takes no files', async () => {
    await expect(checkTargets(['/proc/x.png'])).rejects.toThrow(
      'Cannot write /proc/x.png: This folder does not accept new files.',
    );
  });
});
