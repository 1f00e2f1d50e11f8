/**
 * Runs the real `descent` command (bin → the bundle in dist/cli, rebuilt by the test run's
 * global setup when the sources changed → solver worker thread) and checks its output and exit
 * codes.
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../../shared/scene/presets.ts';
import { SURFACE_IDS } from '../../shared/surfaces.ts';

const bin = fileURLToPath(new URL('../bin/descent.mjs', import.meta.url));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function descent(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

interface SolveJson {
  expression: string;
  variables: string[];
  optimizer: string;
  lr: number;
  status: string;
  divergedAt: number | null;
  steps: {
    step: number;
    point: number[];
    value: number;
    gradient: number[];
    update: number[] | null;
    lr: number;
  }[];
}

describe('descent solve', () => {
  it("prints the chapter's gradient-descent table as JSON", async () => {
    const r = await descent(
      'solve',
      '--f',
      'x^2',
      '--start',
      '3',
      '--lr',
      '0.1',
      '--steps',
      '3',
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as SolveJson;
    expect(doc.variables).toEqual(['x']);
    expect(doc.optimizer).toBe('gd');
    expect(doc.lr).toBe(0.1);
    expect(doc.status).toBe('running');
    expect(doc.divergedAt).toBeNull();
    expect(doc.steps.map((s) => s.step)).toEqual([0, 1, 2, 3]);
    const xs = doc.steps.map((s) => s.point[0] ?? NaN);
    [3, 2.4, 1.92, 1.536].forEach((x, k) => expect(xs[k]).toBeCloseTo(x, 12));
    [9, 5.76, 3.6864, 2.359296].forEach((f, k) => expect(doc.steps[k]?.value).toBeCloseTo(f, 12));
    [6, 4.8, 3.84].forEach((g, k) => expect(doc.steps[k]?.gradient[0]).toBeCloseTo(g, 12));
    expect(doc.steps[0]?.update?.[0]).toBeCloseTo(-0.6, 12);
    expect(doc.steps[3]?.update).toBeNull();
    expect(doc.steps.every((s) => s.lr === 0.1)).toBe(true);
  });

  it('follows the learning-rate table for η = 0.5 and η = 1.1', async () => {
    const [half, big] = await Promise.all([
      descent(
        'solve',
        '--f',
        'x^2',
        '--start',
        '3',
        '--lr',
        '0.5',
        '--steps',
        '3',
        '--format',
        'json',
      ),
      descent(
        'solve',
        '--f',
        'x^2',
        '--start',
        '3',
        '--lr',
        '1.1',
        '--steps',
        '3',
        '--format',
        'json',
      ),
    ]);
    const xs = (r: Result) =>
      (JSON.parse(r.stdout) as SolveJson).steps.map((s) => s.point[0] ?? NaN);
    [3, 0, 0, 0].forEach((x, k) => expect(xs(half)[k]).toBeCloseTo(x, 12));
    [3, -3.6, 4.32, -5.184].forEach((x, k) => expect(xs(big)[k]).toBeCloseTo(x, 12));
  });

  it('reports divergence with the step where it happened', async () => {
    const r = await descent(
      'solve',
      '--surface',
      'bowl',
      '--start',
      '3,-3',
      '--lr',
      '1.5',
      '--steps',
      '2000',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as SolveJson;
    expect(doc.status).toBe('diverged');
    expect(doc.divergedAt).toBeGreaterThan(1);
    expect(doc.steps.length).toBe(doc.divergedAt);
    expect(doc.steps.every((s) => s.point.every(Number.isFinite) && Number.isFinite(s.value))).toBe(
      true,
    );
  });

  it('prints a Markdown table like the chapter', async () => {
    const r = await descent(
      'solve',
      '--f',
      'x^2',
      '--start',
      '3',
      '--lr',
      '0.1',
      '--steps',
      '3',
      '--format',
      'markdown',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| 2 | 1.920 | 3.840 | 1.536 | 3.686 |');
  });

  it('accepts negative start coordinates and 2D surfaces, and every optimizer', async () => {
    const r = await descent(
      'solve',
      '--surface',
      'rosenbrock',
      '--start',
      '-1.5,2',
      '--optimizer',
      'adam',
      '--lr',
      '0.05',
      '--steps',
      '50',
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as SolveJson;
    expect(doc.steps[0]?.point).toEqual([-1.5, 2]);
    expect(doc.steps).toHaveLength(51);
  });

  it('gives the same SGD trajectory for the same seed', async () => {
    const args = [
      'solve',
      '--f',
      'x^2 + 3y^2',
      '--start',
      '2,1',
      '--optimizer',
      'sgd',
      '--noise',
      '0.5',
      '--seed',
      '7',
      '--steps',
      '20',
      '--format',
      'csv',
    ];
    const [a, b, c] = await Promise.all([
      descent(...args),
      descent(...args),
      descent(...args.slice(0, -5), '--seed', '8', '--steps', '20', '--format', 'csv'),
    ]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
  });
});

describe('descent inspect', () => {
  it('matches the chapter for x² + xy at (1, 2)', async () => {
    const r = await descent(
      'inspect',
      '--f',
      'x^2 + x*y',
      '--at',
      '1,2',
      '--dir',
      '1,0',
      '--jacobian',
      'x^2, x*y',
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      value: number;
      gradient: number[];
      hessian: number[][];
      eigenvalues: number[];
      eigenvectors: number[][];
      curvature: string;
      critical: boolean;
      derivatives: { gradient: string[]; hessian: string[][] };
      convexity: { convex: boolean; witness?: { eigenvalue: number } };
      directionalDerivative: { value: number };
      jacobian: { rows: number[][] };
    };
    expect(doc.value).toBe(3);
    expect(doc.gradient).toEqual([4, 1]);
    expect(doc.hessian).toEqual([
      [2, 1],
      [1, 0],
    ]);
    expect(doc.eigenvalues[0]).toBeCloseTo(1 - Math.SQRT2, 12);
    expect(doc.eigenvalues[1]).toBeCloseTo(1 + Math.SQRT2, 12);
    expect(doc.eigenvectors).toHaveLength(2);
    expect(doc.curvature).toBe('saddle');
    expect(doc.critical).toBe(false);
    expect(doc.derivatives.gradient).toHaveLength(2);
    expect(doc.convexity.convex).toBe(false);
    expect(doc.convexity.witness?.eigenvalue).toBeCloseTo(1 - Math.SQRT2, 6);
    expect(doc.directionalDerivative.value).toBeCloseTo(4, 12);
    expect(doc.jacobian.rows).toEqual([
      [2, 0],
      [2, 1],
    ]);
  });

  it('gives the Taylor estimate 9.6 against 9.61 for x² at 3', async () => {
    const r = await descent(
      'inspect',
      '--f',
      'x^2',
      '--at',
      '3',
      '--taylor',
      '3.1',
      '--format',
      'json',
    );
    const doc = JSON.parse(r.stdout) as {
      taylor: { linear: number; actual: number; linearError: number; quadraticError: number };
      stability: { etaMax: number };
    };
    expect(doc.taylor.linear).toBeCloseTo(9.6, 12);
    expect(doc.taylor.actual).toBeCloseTo(9.61, 12);
    expect(Math.abs(doc.taylor.linearError)).toBeCloseTo(0.01, 12);
    expect(doc.taylor.quadraticError).toBeCloseTo(0, 12);
    expect(doc.stability.etaMax).toBeCloseTo(1, 12);
  });

  it('prints a readable report by default', async () => {
    const r = await descent('inspect', '--surface', 'saddle', '--at', '0,0');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/curvature: saddle/);
    expect(r.stdout).toMatch(/critical: true/);
  });
});

describe('bad input', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'unknown function with its position',
      ['solve', '--f', 'x + foo(y)', '--start', '1,1'],
      /foo.*position 4|position 4.*foo/i,
    ],
    ['three variables', ['solve', '--f', 'x + y + z', '--start', '1,1'], /variables/i],
    ['missing start', ['solve', '--f', 'x^2'], /--start/],
    [
      'wrong start dimension',
      ['solve', '--f', 'x^2', '--start', '1,2'],
      /--start has 2 coordinate/,
    ],
    [
      'non-numeric lr',
      ['solve', '--f', 'x^2', '--start', '1', '--lr', 'fast'],
      /--lr expects a number/,
    ],
    ['negative lr', ['solve', '--f', 'x^2', '--start', '1', '--lr', '-0.1'], /--lr/],
    [
      'unknown optimizer',
      ['solve', '--f', 'x^2', '--start', '1', '--optimizer', 'lbfgs'],
      /--optimizer must be one of/,
    ],
    ['unknown option', ['solve', '--f', 'x^2', '--start', '1', '--colour', 'red'], /colour/],
    [
      'unknown surface',
      ['solve', '--surface', 'volcano', '--start', '1,1'],
      /Unknown surface 'volcano'/,
    ],
    [
      'both f and surface',
      ['inspect', '--f', 'x^2', '--surface', 'bowl', '--at', '1'],
      /either --f/,
    ],
    ['too many steps', ['solve', '--f', 'x^2', '--start', '1', '--steps', '1e9'], /--steps/],
    ['unknown command', ['optimise'], /Unknown command/],
    ['bad format', ['inspect', '--f', 'x^2', '--at', '1', '--format', 'xml'], /--format/],
    ['zero direction', ['inspect', '--f', 'x^2 + y', '--at', '1,1', '--dir', '0,0'], /zero vector/],
  ];
  it.each(cases)(
    '%s: one line on stderr, exit 2, nothing on stdout',
    async (_name, args, pattern) => {
      const r = await descent(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    },
  );
});

/**
 * Runs `descent` without keeping its output: counts stdout's lines and keeps the last few, for
 * commands that print tens of megabytes.
 */
function descentLines(
  ...args: string[]
): Promise<{ code: number | null; lines: number; tail: string[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let rest = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
      rest = (rest + text).slice(-400);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) =>
      resolve({ code, lines, tail: rest.trimEnd().split('\n').slice(-2), stderr }),
    );
  });
}

describe('long runs', () => {
  it('prints the 1,000,000-step table (the documented maximum) in the default format', async () => {
    const r = await descentLines('solve', '--f', 'x^2', '--start', '3', '--steps', '1000000');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Header, steps 0 … 1 000 000, the closing note.
    expect(r.lines).toBe(1_000_003);
    expect(r.tail[0]).toMatch(/^1000000 /);
    expect(r.tail[1]).toMatch(/^f = x\^2; gd, η = 0\.1; /);
  }, 60_000);
});

describe('expressions that start with a minus', () => {
  it.each([
    ['-x^2', '1', -1],
    ['-x^2-y^2', '1,2', -5],
    ['-log(x)', '1', -0],
  ])('inspect --f "%s" --at %s', async (f, at, value) => {
    const r = await descent('inspect', '--f', f, '--at', at, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { value: number }).value).toBeCloseTo(value, 12);
  });

  it('accepts them for --jacobian and in solve', async () => {
    const [jac, run] = await Promise.all([
      descent(
        'inspect',
        '--f',
        'x*y',
        '--at',
        '1,2',
        '--jacobian',
        '-x^2, -x*y',
        '--format',
        'json',
      ),
      descent('solve', '--f', '-log(x)', '--start', '2', '--steps', '1', '--format', 'csv'),
    ]);
    expect(jac.stderr).toBe('');
    const { rows } = (JSON.parse(jac.stdout) as { jacobian: { rows: number[][] } }).jacobian;
    // d(-x^2)/dy may come out as -0; compare values, not signs of zero.
    expect(rows.map((row) => row.map((v) => v + 0))).toEqual([
      [-2, 0],
      [-2, -1],
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[1]).toMatch(/^0,2,-0\.5,/);
  });
});

describe('runs that cannot start', () => {
  it.each([
    ['log(x) from -1', ['--f', 'log(x)', '--start', '-1'], /not finite at the start \(-1\)/],
    ['x^2 from 1e308', ['--f', 'x^2', '--start', '1e308'], /not finite at the start/],
    ['exp(exp(exp(x))) from 2', ['--f', 'exp(exp(exp(x)))', '--start', '2'], /not finite/],
  ])('%s: solve exits 2 naming the reason', async (_name, args, pattern) => {
    for (const format of ['table', 'json']) {
      const r = await descent('solve', ...args, '--format', format);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/Run 'cli'/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('messages', () => {
  const cases: [string, string[], string][] = [
    ['a 1001-character expression', ['solve', '--f', 'x'.repeat(1001), '--start', '1'], '--f'],
    [
      'a 2001-character Jacobian',
      ['inspect', '--f', 'x', '--at', '1', '--jacobian', `${'x+'.repeat(1000)}x`],
      'descent: --jacobian is too long: at most 2000 characters.',
    ],
    [
      'a flag without its value',
      ['solve', '--f', 'x^2', '--start', '1', '--lr'],
      'descent: --lr needs a value.',
    ],
    [
      'a negative learning rate',
      ['solve', '--f', 'x^2', '--start', '1', '--lr', '-0.1'],
      'descent: --lr must be more than 0.',
    ],
    [
      'an option of another command',
      ['inspect', '--f', 'x^2', '--at', '1', '--steps', '3'],
      "descent: Unknown option '--steps' for descent inspect (see descent inspect --help).",
    ],
  ];
  it.each(cases)('%s: said in words, naming the flag', async (_name, args, expected) => {
    const r = await descent(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/Bad request|Too big|Too small|source:/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    if (expected.startsWith('descent:')) expect(r.stderr.trim()).toBe(expected);
    else expect(r.stderr).toContain(expected);
  });

  it('says the expression limit with its number', async () => {
    const r = await descent('solve', '--f', 'x'.repeat(1001), '--start', '1');
    expect(r.stderr).toMatch(/^descent: --f.*1000/);
  });
});

describe('help', () => {
  it('prints usage for the command and each subcommand', async () => {
    const [top, solve, version] = await Promise.all([
      descent('--help'),
      descent('solve', '--help'),
      descent('--version'),
    ]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/descent solve/);
    expect(solve.stdout).toMatch(/--optimizer/);
    expect(version.stdout).toMatch(/^descent \d+\.\d+\.\d+/);
  });

  it('lists every built-in surface and every preset in full', async () => {
    const [top, solve, inspect, render] = await Promise.all([
      descent('--help'),
      descent('solve', '--help'),
      descent('inspect', '--help'),
      descent('render', '--help'),
    ]);
    for (const r of [top, solve, inspect, render]) expect(r.code, r.stderr).toBe(0);
    const listed = (text: string, id: string): boolean =>
      new RegExp(`^ +${id.replace(/[-]/g, '\\-')} +\\S`, 'm').test(text);
    for (const id of SURFACE_IDS) {
      expect(listed(top.stdout, id), `${id} in descent --help`).toBe(true);
      expect(listed(solve.stdout, id), `${id} in solve --help`).toBe(true);
      expect(listed(inspect.stdout, id), `${id} in inspect --help`).toBe(true);
    }
    for (const id of PRESET_IDS) {
      expect(listed(top.stdout, id), `${id} in descent --help`).toBe(true);
      expect(listed(render.stdout, id), `${id} in render --help`).toBe(true);
    }
    expect(render.stdout).not.toContain('…');
  });
});
