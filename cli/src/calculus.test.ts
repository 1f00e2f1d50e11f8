/**
 * `descent graph` and `descent integrate`: run in-process through main() with captured streams,
 * and once each through the real command (the bundle in dist/cli).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

interface GraphJson {
  expression: string;
  variables: string[];
  point: number[];
  value: number;
  gradient: number[];
  output: string;
  nodes: {
    id: string;
    op: string;
    label: string;
    text: string;
    value: number;
    adjoint: number;
    inputs: string[];
    outputs: string[];
  }[];
  edges: {
    id: string;
    from: string;
    to: string;
    slot: number;
    local: number;
    contribution: number;
  }[];
  steps: { phase: string; node?: string; edge?: string }[];
}

interface IntegrateJson {
  expression: string;
  variable: string;
  from: number;
  to: number;
  n: number;
  rule: string;
  estimate: number;
  exact: number | null;
  antiderivative: string | null;
  reference: { kind: string; value: number; errorEstimate: number | null; converged: boolean };
  error: number;
}

describe('descent graph', () => {
  it('(3x+1)² at x = 1: 16, and d/dx = 24 link by link', async () => {
    const r = await run('graph', '--f', '(3x+1)^2', '--at', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('f = (3x+1)^2 at x = 1: f = 16.0000, ∂f/∂x = 24.0000');
    expect(r.stdout).toMatch(/^n1 +x +1\.0000 +24\.0000 +x$/m);
    expect(r.stdout).toMatch(/^n4 +\+ +4\.0000 +8\.0000 +3 x \+ 1$/m);
    expect(r.stdout).toMatch(/^e4 +n4 \+ +n5 ² +8\.0000 +8\.0000$/m);
    expect(r.stdout).toMatch(/^e1 +n1 x +n2 × +3\.0000 +24\.0000$/m);
  });

  it('the fork a² + 3a at a = 2 as JSON: two out-edges from a, adjoint 4 + 3 = 7', async () => {
    const r = await run('graph', '--f', 'a^2 + 3a', '--at', '2', '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as GraphJson;
    expect(doc.variables).toEqual(['a']);
    expect(doc.value).toBe(10);
    expect(doc.gradient).toEqual([7]);
    const a = doc.nodes.find((n) => n.op === 'var')!;
    expect(a.adjoint).toBe(7);
    expect(a.outputs).toHaveLength(2);
    const back = doc.edges.filter((e) => e.from === a.id).map((e) => e.contribution);
    expect(back.sort()).toEqual([3, 4]);
    expect(doc.output).toBe(doc.nodes.at(-1)!.id);
    expect(doc.steps.filter((s) => s.phase === 'forward')).toHaveLength(doc.nodes.length);
    expect(doc.steps.filter((s) => s.edge !== undefined)).toHaveLength(doc.edges.length);
  });

  it('σ(z) at z = 2: 0.8808 and σ′ = 0.1050', async () => {
    const r = await run('graph', '--f', 'sigmoid(z)', '--at', '2');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('f = sigmoid(z) at z = 2: f = 0.8808, ∂f/∂z = 0.1050');
    expect(r.stdout).toMatch(/^n1 +σ +0\.8808 +1\.0000 +sigmoid\(z\)$/m);
  });

  it('two variables', async () => {
    const r = await run('graph', '--f', 'x^2 + x*y', '--at', '1,2');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'f = x^2 + x*y at (x, y) = (1, 2): f = 3.0000, ∂f/∂x = 4.0000, ∂f/∂y = 1.0000',
    );
  });

  it('prints Graphviz DOT', async () => {
    const r = await run('graph', '--f', 'a^2 + 3a', '--at', '2', '--format', 'dot');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^digraph computation \{\n/);
    expect(r.stdout).toContain('n0 [label="a\\nvalue 2\\nadjoint 7", shape=ellipse];');
    expect(r.stdout).toContain('n0 -> n3 [label="local 3\\nback 3"];');
    expect(r.stdout.trimEnd().endsWith('}')).toBe(true);
  });

  it.each([
    [['--at', '1'], 'descent: Missing the function: give --f EXPR.\n'],
    [['--f', 'x^2'], 'descent: Missing --at X[,Y].\n'],
    [['--f', 'x +', '--at', '1'], 'descent: --f: Unexpected end of expression at position 3.\n'],
    [
      ['--f', 'x y', '--at', '1'],
      'descent: --at has 1 coordinate(s) but f has 2 variable(s) (x, y).\n',
    ],
    [['--f', 'x', '--at', 'one'], "descent: --at expects a number, got 'one'.\n"],
    [['--f', 'log(x)', '--at', '-1'], 'descent: f is undefined at --at -1.\n'],
    [
      ['--f', 'x', '--at', '1', '--format', 'csv'],
      "descent: --format must be one of table, json, dot; got 'csv'.\n",
    ],
    [
      ['--f', 'x', '--at', '1', '--lr', '3'],
      "descent: Unknown option '--lr' for descent graph (see descent graph --help).\n",
    ],
  ])('bad input %j → exit 2 and one line', async (args, message) => {
    const r = await run('graph', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(message);
  });

  it('--help', async () => {
    const r = await run('graph', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: descent graph --f EXPR --at X[,Y]');
  });
});

describe('descent integrate', () => {
  it('∫₀¹ x² dx: the midpoint sum with 10 rectangles against the exact 1/3', async () => {
    const r = await run('integrate', '--f', 'x^2', '--from', '0', '--to', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '∫ x^2 dx from 0 to 1: mid sum with n = 10',
        'estimate: 0.332500',
        'exact: 0.333333 (antiderivative x ^ 3 / 3)',
        'error: -8.333e-4 (estimate − exact)',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['left', 0.285],
    ['right', 0.385],
    ['mid', 0.3325],
    ['trapezoid', 0.335],
  ])('--rule %s as JSON', async (rule, estimate) => {
    const r = await run(
      'integrate',
      '--f',
      'x^2',
      '--from',
      '0',
      '--to',
      '1',
      '--n',
      '10',
      '--rule',
      rule,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as IntegrateJson;
    expect(doc.rule).toBe(rule);
    expect(doc.n).toBe(10);
    expect(doc.estimate).toBeCloseTo(estimate, 14);
    expect(doc.exact).toBeCloseTo(1 / 3, 15);
    expect(doc.reference.kind).toBe('exact');
    expect(doc.error).toBeCloseTo(estimate - 1 / 3, 14);
  });

  it('the standard normal density has area 1 (quadrature reference)', async () => {
    const r = await run(
      'integrate',
      '--f',
      'exp(-x^2/2) / sqrt(2pi)',
      '--from',
      '-10',
      '--to',
      '10',
      '--n',
      '100',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as IntegrateJson;
    expect(doc.exact).toBeNull();
    expect(doc.antiderivative).toBeNull();
    expect(doc.reference.kind).toBe('quadrature');
    expect(doc.reference.converged).toBe(true);
    expect(doc.reference.value).toBeCloseTo(1, 12);
    expect(doc.reference.errorEstimate).toBeLessThan(1e-9);
    const text = await run(
      'integrate',
      '--f',
      'exp(-x^2/2) / sqrt(2pi)',
      '--from',
      '-10',
      '--to',
      '10',
    );
    expect(text.stdout).toContain('exact: unknown (no antiderivative rule for f)\n');
    expect(text.stdout).toMatch(/^quadrature: 1\.000000 \(adaptive Gauss–Kronrod, error estimate/m);
    expect(text.stdout).toMatch(/\(estimate − quadrature\)\n$/);
  });

  it.each([
    [['--from', '0', '--to', '1'], 'descent: Missing the function: give --f EXPR.\n'],
    [['--f', 'x', '--to', '1'], 'descent: Missing --from A.\n'],
    [['--f', 'x', '--from', '0'], 'descent: Missing --to B.\n'],
    [['--f', 'x', '--from', 'a', '--to', '1'], "descent: --from expects a number, got 'a'.\n"],
    [
      ['--f', 'x', '--from', '0', '--to', '1', '--n', '0'],
      "descent: --n expects a whole number from 1 to 10000000, got '0'.\n",
    ],
    [
      ['--f', 'x', '--from', '0', '--to', '1', '--n', '2.5'],
      "descent: --n expects a whole number from 1 to 10000000, got '2.5'.\n",
    ],
    [
      ['--f', 'x', '--from', '0', '--to', '1', '--rule', 'simpson'],
      "descent: --rule must be one of left, right, mid, trapezoid; got 'simpson'.\n",
    ],
    [
      ['--f', 'x', '--from', '0', '--to', '1', '--format', 'dot'],
      "descent: --format must be one of table, json; got 'dot'.\n",
    ],
    [
      ['--f', 'x y', '--from', '0', '--to', '1'],
      'descent: --f: f must have one variable to integrate; it has 2 (x, y).\n',
    ],
    [
      ['--f', '1/x', '--from', '-1', '--to', '1'],
      'descent: f is infinite at x = 0, inside [-1, 1]: the integral cannot be computed there.\n',
    ],
    [
      ['--f', '1/x', '--from', '0', '--to', '1', '--rule', 'left'],
      'descent: f is infinite at x = 0, a sample point of the left sum.\n',
    ],
  ])('bad input %j → exit 2 and one line', async (args, message) => {
    const r = await run('integrate', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(message);
  });

  it('--help', async () => {
    const r = await run('integrate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: descent integrate --f EXPR --from A --to B');
  });
});

describe('the real command', () => {
  const bin = fileURLToPath(new URL('../bin/descent.mjs', import.meta.url));
  const descent = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });

  it('runs graph and integrate, and lists them in --help', async () => {
    const [g, i, bad, help] = await Promise.all([
      descent('graph', '--f', '(3x+1)^2', '--at', '1', '--format', 'json'),
      descent('integrate', '--f', 'x^2', '--from', '0', '--to', '1', '--format', 'json'),
      descent('integrate', '--f', 'x', '--from', '0', '--to', '1', '--rule', 'up'),
      descent('--help'),
    ]);
    expect(g.code).toBe(0);
    expect((JSON.parse(g.stdout) as GraphJson).gradient).toEqual([24]);
    expect(i.code).toBe(0);
    expect((JSON.parse(i.stdout) as IntegrateJson).exact).toBeCloseTo(1 / 3, 15);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "descent: --rule must be one of left, right, mid, trapezoid; got 'up'.\n",
    );
    expect(help.stdout).toContain('descent graph   --f EXPR --at X[,Y]');
    expect(help.stdout).toContain('descent integrate --f EXPR --from A --to B');
  });
});
