import { spawn } from 'node:child_process';
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultScene, serializeScene } from '../shared/scene/document.ts';
import { parseSceneText } from '../shared/scene/parse.ts';
import { temporaryPath } from './atomic-write.ts';
import {
  isOwnTemporary,
  nodeStaleTempFs,
  removeStaleTemporaries,
  removeStaleTemporariesFor,
  STALE_AFTER_MS,
} from './stale-temps.ts';
import type { StaleTempFs } from './stale-temps.ts';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'descent-stale-'));
}

/** Makes a file's data look untouched for `ageMs` (its inode change time stays now). */
function age(path: string, ageMs: number): void {
  const t = (Date.now() - ageMs) / 1000;
  utimesSync(path, t, t);
}

/**
 * The real file system, except that lstat reports the inode change time as equal to the data's
 * (tests can set only the latter), so aged files look wholly untouched.
 */
const agedFs: StaleTempFs = {
  ...nodeStaleTempFs,
  async lstat(path) {
    const info = await lstat(path);
    return { isFile: () => info.isFile(), mtimeMs: info.mtimeMs, ctimeMs: info.mtimeMs };
  },
};

const later = (): number => Date.now() + 2 * STALE_AFTER_MS;

describe('isOwnTemporary', () => {
  it('knows exactly the names temporaryPath makes for that file', () => {
    const name = 'talk (v2).descent.json';
    const ours = [temporaryPath(`/d/${name}`), temporaryPath(`/d/${name}`, 'part')];
    for (const path of ours) expect(isOwnTemporary(name, path.slice(3))).toBe(true);
    for (const other of [
      name,
      `.${name}`,
      `.${name}.tmp`,
      `.${name}.0123456789ab.tmp.bak`,
      `.${name}.0123456789AB.tmp`,
      `.${name}.0123456789a.tmp`,
      `.${name}.0123456789abc.tmp`,
      `.${name}.0123456789ab.txt`,
      `.other.descent.json.0123456789ab.tmp`,
      `.talk (v2).descent.json.x.0123456789ab.tmp`,
      `${name}.0123456789ab.tmp`,
    ]) {
      expect(isOwnTemporary(name, other)).toBe(false);
    }
  });
});

describe('removeStaleTemporaries', () => {
  it('removes old leftovers of this file only, and keeps fresh ones and everything else', async () => {
    const dir = folder();
    const target = join(dir, 'a.descent.json');
    writeFileSync(target, 'scene');
    const stale = [temporaryPath(target), temporaryPath(target, 'part')];
    const fresh = temporaryPath(target);
    const neighbour = temporaryPath(join(dir, 'b.descent.json'));
    const userFile = join(dir, '.a.descent.json.notes.tmp');
    for (const path of [...stale, fresh, neighbour, userFile]) writeFileSync(path, 'x');
    for (const path of [...stale, neighbour, userFile]) age(path, 5 * STALE_AFTER_MS);

    const removed = await removeStaleTemporaries(target, { fs: agedFs });
    expect(removed.sort()).toEqual(stale.sort());
    expect(readdirSync(dir).sort()).toEqual(
      [target, fresh, neighbour, userFile].map((p) => p.slice(dir.length + 1)).sort(),
    );
    // A minute on, the fresh one is stale too.
    expect(await removeStaleTemporaries(target, { now: later })).toEqual([fresh]);
  });

  it('keeps a fresh hard-link backup of an old file, though its mtime is old', async () => {
    const dir = folder();
    const target = join(dir, 'a.mp4');
    writeFileSync(target, 'old video');
    age(target, 10 * STALE_AFTER_MS);
    const backup = temporaryPath(target);
    linkSync(target, backup);
    expect(await removeStaleTemporaries(target)).toEqual([]);
    expect(await removeStaleTemporaries(target, { now: later })).toEqual([backup]);
  });

  it('never removes folders or symlinks that happen to have our names', async () => {
    const dir = folder();
    const target = join(dir, 'a.descent.json');
    const asFolder = temporaryPath(target);
    mkdirSync(asFolder);
    const victim = join(dir, 'precious.txt');
    writeFileSync(victim, 'keep me');
    const asLink = temporaryPath(target);
    symlinkSync(victim, asLink);
    expect(await removeStaleTemporaries(target, { now: later })).toEqual([]);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
  });

  it.runIf(process.platform !== 'win32')(
    'looks beside the file a symlinked target points to, where saves write',
    async () => {
      const real = folder();
      const links = folder();
      const target = join(real, 'a.descent.json');
      writeFileSync(target, 'scene');
      const link = join(links, 'a.descent.json');
      symlinkSync(target, link);
      const leftover = temporaryPath(target);
      writeFileSync(leftover, 'x');
      expect(await removeStaleTemporaries(link, { now: later })).toEqual([leftover]);
    },
  );

  it('never throws: a missing folder, a failing file system and a race are all quiet', async () => {
    expect(await removeStaleTemporaries('/no/such/folder/a.descent.json')).toEqual([]);
    const dir = folder();
    const target = join(dir, 'a.descent.json');
    const leftover = temporaryPath(target);
    writeFileSync(leftover, 'x');
    const racing = {
      ...nodeStaleTempFs,
      unlink: () => Promise.reject(Object.assign(new Error('gone'), { code: 'ENOENT' })),
    };
    expect(await removeStaleTemporaries(target, { fs: racing, now: later })).toEqual([]);
    const broken = { ...nodeStaleTempFs, readdir: () => Promise.reject(new Error('EIO')) };
    expect(await removeStaleTemporaries(target, { fs: broken, now: later })).toEqual([]);
  });

  it('cleans several files in turn', async () => {
    const dir = folder();
    const a = join(dir, 'a.descent.json');
    const b = join(dir, 'b.descent.json');
    const leftovers = [temporaryPath(a), temporaryPath(b)];
    for (const path of leftovers) writeFileSync(path, 'x');
    expect(
      await removeStaleTemporariesFor([a, b, join(dir, 'gone', 'c.descent.json')], { now: later }),
    ).toEqual(leftovers);
  });
});

/**
 * A writer killed with SIGKILL at several points of a save loop. After every kill the target
 * is the old or the new scene in full, and after the clean-up of the next start no temporary
 * file of ours is left.
 */
describe('a save killed mid-write', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const atomic = new URL('./atomic-write.ts', import.meta.url).href;
  // Runs writeFileAtomic on the target over and over, alternating two texts, until killed.
  // Started with `--import tsx` from the repository root, so it can load the TypeScript module.
  const writerSource = `
    import { readFileSync } from 'node:fs';
    const { writeFileAtomic } = await import(${JSON.stringify(atomic)});
    const [target, ...sources] = process.argv.slice(2);
    const texts = sources.map((p) => readFileSync(p, 'utf8'));
    process.stdout.write('ready\\n');
    for (let k = 0; ; k++) await writeFileAtomic(target, texts[k % texts.length]);
  `;

  /** A valid scene document of about 4 MB (JSON allows trailing whitespace). */
  function bigScene(title: string): string {
    return serializeScene({ ...defaultScene(), title }) + ' '.repeat(4 << 20) + '\n';
  }

  /** Resolves once a temporary file of ours sits beside `target` (a save is under way). */
  async function tempAppears(target: string): Promise<void> {
    const dir = dirname(target);
    const name = basename(target);
    const deadline = Date.now() + 10_000;
    while (!readdirSync(dir).some((n) => isOwnTemporary(name, n))) {
      if (Date.now() > deadline) throw new Error('the writer never started a save');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** Starts a writer, waits `when` ms (or until a save is under way), then kills it. */
  async function killWriter(dir: string, target: string, when: number | 'mid-save'): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(dir, 'writer.mjs'),
        target,
        join(dir, 'old.txt'),
        join(dir, 'new.txt'),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', () => reject(new Error('the writer ended before it was ready')));
    });
    if (when === 'mid-save') await tempAppears(target);
    else await new Promise((resolve) => setTimeout(resolve, when));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  }

  it('leaves the old or the new file, and the next start removes every leftover', async () => {
    const dir = folder();
    const scenes = join(dir, 'scenes');
    mkdirSync(scenes);
    const target = join(scenes, 'talk.descent.json');
    const oldText = bigScene('old');
    const newText = bigScene('new');
    writeFileSync(join(dir, 'old.txt'), oldText);
    writeFileSync(join(dir, 'new.txt'), newText);
    writeFileSync(join(dir, 'writer.mjs'), writerSource);
    writeFileSync(target, oldText);

    let leftovers = 0;
    // Fixed delays land anywhere in the loop; 'mid-save' kills while a temporary file exists.
    for (const when of [0, 30, 'mid-save', 70, 120, 'mid-save', 200, 320] as const) {
      await killWriter(dir, target, when);
      const text = readFileSync(target, 'utf8');
      expect(text === oldText || text === newText).toBe(true);
      const parsed = parseSceneText(text);
      expect(parsed.ok && ['old', 'new'].includes(parsed.scene.title)).toBe(true);
      const temps = readdirSync(scenes).filter((n) => isOwnTemporary('talk.descent.json', n));
      leftovers += temps.length;
      // The next start, a minute or more later.
      await removeStaleTemporaries(target, { now: later });
      expect(readdirSync(scenes)).toEqual(['talk.descent.json']);
    }
    // Kills must have landed mid-write, or this test showed nothing.
    expect(leftovers).toBeGreaterThan(0);
  }, 60_000);
});
