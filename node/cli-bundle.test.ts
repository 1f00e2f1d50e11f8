/**
 * The `descent` bundle's bookkeeping: when dist/cli counts as fresh, stale or missing, and the
 * fallback to the sources (one line saying so, then the command works as usual).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliBundleState } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fakeCheckout(): { dir: string; manifest: (m: unknown) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'descent-bundle-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'a.ts'), 'export {};\n');
  const stamp = new Date('2030-01-01T00:00:00Z');
  utimesSync(join(dir, 'src', 'a.ts'), stamp, stamp);
  return {
    dir,
    manifest: (m) => {
      mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'cli', 'manifest.json'), JSON.stringify(m));
    },
  };
}

describe('cliBundleState', () => {
  it('is missing without a readable manifest', () => {
    const { dir, manifest } = fakeCheckout();
    expect(cliBundleState(dir)).toBe('missing');
    manifest({ inputs: 'not a list' });
    expect(cliBundleState(dir)).toBe('missing');
  });

  it('is fresh when built after every input changed, stale after an edit or a removal', () => {
    const { dir, manifest } = fakeCheckout();
    const built = Date.parse('2030-01-02T00:00:00Z');
    manifest({ builtAt: built, inputs: ['src/a.ts'] });
    expect(cliBundleState(dir)).toBe('fresh');
    const later = new Date(built + 1000);
    utimesSync(join(dir, 'src', 'a.ts'), later, later);
    expect(cliBundleState(dir)).toBe('stale');
    rmSync(join(dir, 'src', 'a.ts'));
    expect(cliBundleState(dir)).toBe('stale');
  });

  it('is fresh in this checkout once the test run has built it', () => {
    expect(cliBundleState(root)).toBe('fresh');
  });
});

describe('without a bundle', () => {
  it('runs the sources through tsx, saying so in one line', async () => {
    const loader = pathToFileURL(join(root, 'node', 'cli-bundle.mjs')).href;
    const script = `const { loadCli } = await import(${JSON.stringify(loader)});
const { main } = await loadCli(${JSON.stringify(root)}, { state: 'missing' });
process.exitCode = await main(['--version']);`;
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^descent \d+\.\d+\.\d+\n$/);
    expect(r.stderr).toMatch(
      /^descent: the built command \(dist\/cli\) is missing; .*npm run build:cli/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
