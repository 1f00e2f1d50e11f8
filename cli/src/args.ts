/**
 * Command-line argument parsing for `descent`: flags → validated solver inputs. Every problem
 * becomes a UsageError with a one-line message (printed to stderr, exit code 2).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeZodError, optimizerSchema, problemSchema } from '../../shared/schema.ts';
import type { ProblemSpec } from '../../shared/schema.ts';
import { DEFAULT_OPTIMIZER, OPTIMIZER_KINDS, SCHEDULE_KINDS } from '../../shared/types.ts';
import type { Domain, OptimizerParams } from '../../shared/types.ts';

/** A mistake in the command line; its message is shown as is. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Options taking a value, shared by the commands that accept them. */
const VALUE_OPTIONS = {
  f: { type: 'string' },
  surface: { type: 'string' },
  start: { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  steps: { type: 'string' },
  momentum: { type: 'string' },
  beta1: { type: 'string' },
  beta2: { type: 'string' },
  rho: { type: 'string' },
  eps: { type: 'string' },
  schedule: { type: 'string' },
  warmup: { type: 'string' },
  'step-every': { type: 'string' },
  'step-factor': { type: 'string' },
  gamma: { type: 'string' },
  'min-lr': { type: 'string' },
  clip: { type: 'string' },
  noise: { type: 'string' },
  seed: { type: 'string' },
  format: { type: 'string' },
  domain: { type: 'string' },
  at: { type: 'string' },
  dir: { type: 'string' },
  taylor: { type: 'string' },
  jacobian: { type: 'string' },
} as const;

const FLAG_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'no-bias-correction': { type: 'boolean' },
} as const;

type Values = Partial<Record<keyof typeof VALUE_OPTIONS, string>> &
  Partial<Record<keyof typeof FLAG_OPTIONS, boolean>>;

/**
 * Lets negative numbers follow a flag (`--start -1,2`), which node's parseArgs would otherwise
 * read as an unknown option, by joining them into `--start=-1,2`.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    const value = argv[i + 1];
    if (name in VALUE_OPTIONS && value !== undefined && /^-[\d.]/.test(value)) {
      out.push(`${arg}=${value}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Parses flags for one command, refusing flags the command does not take. */
export function parseFlags(argv: readonly string[], allowed: readonly string[]): Values {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      options: { ...VALUE_OPTIONS, ...FLAG_OPTIONS },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Values;
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key) && key !== 'help') {
      throw new UsageError(`Unknown option '--${key}' for this command (see --help).`);
    }
  }
  return values;
}

/** Parses a finite number, naming the flag when it is not one. */
export function parseNumber(flag: string, text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`--${flag} expects a number, got '${text}'.`);
  }
  return value;
}

/** Parses "X" or "X,Y" into 1 or 2 finite numbers. */
export function parsePoint(flag: string, text: string): number[] {
  const parts = text.split(',');
  if (parts.length > 2) {
    throw new UsageError(`--${flag} expects X or X,Y, got '${text}'.`);
  }
  return parts.map((p) => parseNumber(flag, p));
}

/** The problem: exactly one of --f and --surface. */
export function problemFrom(values: Values): ProblemSpec {
  if (values.f !== undefined && values.surface !== undefined) {
    throw new UsageError('Give either --f EXPR or --surface NAME, not both.');
  }
  const spec =
    values.f !== undefined
      ? { kind: 'expression' as const, source: values.f }
      : values.surface !== undefined
        ? { kind: 'surface' as const, id: values.surface }
        : undefined;
  if (!spec) throw new UsageError('Missing the function: give --f EXPR or --surface NAME.');
  const parsed = problemSchema.safeParse(spec);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error));
  return parsed.data;
}

/** --domain XMIN,XMAX[,YMIN,YMAX] */
export function domainFrom(values: Values): Domain | undefined {
  if (values.domain === undefined) return undefined;
  const n = values.domain.split(',').map((p) => parseNumber('domain', p));
  const [x0, x1, y0 = -3, y1 = 3] = n;
  if ((n.length !== 2 && n.length !== 4) || x0 === undefined || x1 === undefined) {
    throw new UsageError(
      `--domain expects XMIN,XMAX or XMIN,XMAX,YMIN,YMAX, got '${values.domain}'.`,
    );
  }
  if (!(x0 < x1) || !(y0 < y1)) {
    throw new UsageError(
      `--domain: each minimum must be below its maximum, got '${values.domain}'.`,
    );
  }
  return { x: [x0, x1], y: [y0, y1] };
}

function oneOf<T extends string>(flag: string, text: string, options: readonly T[]): T {
  if ((options as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--${flag} must be one of ${options.join(', ')}; got '${text}'.`);
}

/** Optimizer hyperparameters from flags over the defaults, validated by the shared schema. */
export function optimizerFrom(values: Values): OptimizerParams {
  const num = (flag: keyof typeof VALUE_OPTIONS, fallback: number): number => {
    const text = values[flag];
    return text === undefined ? fallback : parseNumber(flag, text);
  };
  const d = DEFAULT_OPTIMIZER;
  const params: OptimizerParams = {
    kind: values.optimizer ? oneOf('optimizer', values.optimizer, OPTIMIZER_KINDS) : d.kind,
    lr: num('lr', d.lr),
    momentum: num('momentum', d.momentum),
    beta1: num('beta1', d.beta1),
    beta2: num('beta2', d.beta2),
    rho: num('rho', d.rho),
    eps: num('eps', d.eps),
    biasCorrection: !values['no-bias-correction'],
    noise: num('noise', d.noise),
    seed: num('seed', d.seed),
    clip: values.clip === undefined ? null : parseNumber('clip', values.clip),
    schedule: {
      kind: values.schedule ? oneOf('schedule', values.schedule, SCHEDULE_KINDS) : d.schedule.kind,
      stepEvery: num('step-every', d.schedule.stepEvery),
      stepFactor: num('step-factor', d.schedule.stepFactor),
      gamma: num('gamma', d.schedule.gamma),
      warmup: num('warmup', d.schedule.warmup),
      minLr: num('min-lr', d.schedule.minLr),
    },
  };
  // A noisy run is SGD by definition; refuse the silent no-op rather than ignore --noise.
  if (params.noise > 0 && params.kind !== 'sgd') {
    throw new UsageError(
      `--noise only applies to --optimizer sgd (got --optimizer ${params.kind}).`,
    );
  }
  const parsed = optimizerSchema.safeParse(params);
  if (!parsed.success) throw new UsageError(`Invalid hyperparameters: ${flagNames(parsed.error)}`);
  return parsed.data;
}

const FLAG_OF: Record<string, string> = {
  kind: 'optimizer',
  biasCorrection: 'no-bias-correction',
  'schedule.kind': 'schedule',
  'schedule.stepEvery': 'step-every',
  'schedule.stepFactor': 'step-factor',
  'schedule.gamma': 'gamma',
  'schedule.warmup': 'warmup',
  'schedule.minLr': 'min-lr',
};

/** Rewrites schema paths (schedule.minLr) into the flags the user typed (--min-lr). */
function flagNames(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return `--${FLAG_OF[path] ?? path}: ${issue.message}`;
    })
    .join('; ');
}

/** --steps N, a whole number in [0, max]. */
export function stepsFrom(values: Values, fallback: number, max: number): number {
  if (values.steps === undefined) return fallback;
  const n = parseNumber('steps', values.steps);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new UsageError(`--steps expects a whole number from 0 to ${max}, got '${values.steps}'.`);
  }
  return n;
}
