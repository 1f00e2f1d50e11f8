/**
 * Start-up of the `descent` command (budgets: `descent --help` ≤ 6× a bare `node -e ""`, the
 * chapter's 3-step table ≤ 8×). Method: whole-process wall time, from spawn to exit, of
 *
 *   node        node -e ""                                           (the floor: Node itself)
 *   help        node cli/bin/descent.mjs --help
 *   table       node cli/bin/descent.mjs solve --f "x^2" --start 3 --lr 0.1 --steps 3
 *
 * measured interleaved in one run — every round runs all three, in an order that rotates from
 * round to round — so that drifting machine load hits each command alike. After warm-up rounds
 * (not counted; they also fill the OS file cache), it reports each command's median and p90, and
 * for the ratios the median of the per-round ratios against `node` of that same round. The
 * bundle in dist/cli is rebuilt first if it is stale, so the numbers are the bundle's.
 *
 * Usage: npm run bench:cli [-- --rounds N --warmup N]
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cliBundleState, ensureCliBundle } from '../node/cli-bundle.mjs';
import { median, quantile } from './stats.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const BIN = join(ROOT, 'cli', 'bin', 'descent.mjs');

const COMMANDS = [
  { id: 'node', label: '`node -e ""`', args: ['-e', ''], budget: null },
  { id: 'help', label: '`descent --help`', args: [BIN, '--help'], budget: 6 },
  {
    id: 'table',
    label: '`descent solve --f "x^2" --start 3 --lr 0.1 --steps 3`',
    args: [BIN, 'solve', '--f', 'x^2', '--start', '3', '--lr', '0.1', '--steps', '3'],
    budget: 8,
  },
] as const;

type Id = (typeof COMMANDS)[number]['id'];

/** Wall milliseconds of one whole process, spawn to exit; fails loudly on a bad exit. */
function time(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 || (r.stderr && r.stderr.length > 0)) {
    throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr?.toString() ?? ''}`);
  }
  return ms;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '40' },
      warmup: { type: 'string', default: '3' },
    },
  });
  const rounds = Number(values.rounds);
  const warmup = Number(values.warmup);
  const built = await ensureCliBundle(ROOT);
  if (built.state !== 'fresh') console.error(`Rebuilt dist/cli (it was ${built.state}).`);
  if (cliBundleState(ROOT) !== 'fresh') throw new Error('dist/cli is not fresh after building');

  const loadBefore = loadavg()[0] ?? 0;
  const samples: Record<Id, number[]> = { node: [], help: [], table: [] };
  const ratios: Record<Id, number[]> = { node: [], help: [], table: [] };
  for (let round = 0; round < warmup + rounds; round++) {
    const times: Partial<Record<Id, number>> = {};
    for (let i = 0; i < COMMANDS.length; i++) {
      const command = COMMANDS[(round + i) % COMMANDS.length]!;
      times[command.id] = time(command.args);
    }
    if (round < warmup) continue;
    for (const command of COMMANDS) {
      samples[command.id].push(times[command.id]!);
      ratios[command.id].push(times[command.id]! / times.node!);
    }
    process.stderr.write(`\rround ${round - warmup + 1}/${rounds}`);
  }
  process.stderr.write('\n');

  const lines = [
    '| command | median ms | p90 ms | median ratio to `node -e ""` | budget |',
    '|---|--:|--:|--:|--:|',
  ];
  for (const command of COMMANDS) {
    const s = samples[command.id];
    const ratio = command.id === 'node' ? '1' : `${median(ratios[command.id]).toFixed(2)}×`;
    lines.push(
      `| ${command.label} | ${median(s).toFixed(0)} | ${quantile(s, 0.9).toFixed(0)} | ${ratio} | ${command.budget ? `≤ ${command.budget}×` : ''} |`,
    );
  }
  console.log(lines.join('\n'));
  console.log(
    `\n${rounds} rounds after ${warmup} warm-up rounds; Node ${process.versions.node}; load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}, ${cpus().length} cores.`,
  );
}

await main();
