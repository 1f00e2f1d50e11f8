/**
 * Command-line argument parsing for every `descent` subcommand: one table of options, one parser
 * that knows which options each subcommand takes, and the conversions from flags to validated
 * solver inputs. Every problem becomes a UsageError whose one-line message names the flag as the
 * user typed it (printed to stderr, exit code 2).
 */
import type { z } from 'zod';
import { optimizerSchema, problemSchema } from '../../shared/schema.ts';
import type { ProblemSpec } from '../../shared/schema.ts';
import { DEFAULT_OPTIMIZER, OPTIMIZER_KINDS, SCHEDULE_KINDS } from '../../shared/types.ts';
import type { Domain, OptimizerParams } from '../../shared/types.ts';

/** A mistake in the command line; its message is shown as is. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * What a value may start with when it begins with a dash: `number` takes negative numbers
 * (`--start -1.5,2`), `expression` anything but a second dash (`--f -x^2`), `plain` nothing.
 */
type DashRule = 'number' | 'expression' | 'plain';

interface ValueOption {
  type: 'string';
  dash: DashRule;
  short?: string;
}
interface FlagOption {
  type: 'boolean';
  short?: string;
}

/** Every option of every subcommand; {@link CommandSpec} says which one a command takes. */
const OPTIONS = {
  // solve and inspect
  f: { type: 'string', dash: 'expression' },
  surface: { type: 'string', dash: 'plain' },
  start: { type: 'string', dash: 'number' },
  optimizer: { type: 'string', dash: 'plain' },
  lr: { type: 'string', dash: 'number' },
  steps: { type: 'string', dash: 'number' },
  momentum: { type: 'string', dash: 'number' },
  beta1: { type: 'string', dash: 'number' },
  beta2: { type: 'string', dash: 'number' },
  rho: { type: 'string', dash: 'number' },
  eps: { type: 'string', dash: 'number' },
  schedule: { type: 'string', dash: 'plain' },
  warmup: { type: 'string', dash: 'number' },
  'step-every': { type: 'string', dash: 'number' },
  'step-factor': { type: 'string', dash: 'number' },
  gamma: { type: 'string', dash: 'number' },
  'min-lr': { type: 'string', dash: 'number' },
  clip: { type: 'string', dash: 'number' },
  noise: { type: 'string', dash: 'number' },
  seed: { type: 'string', dash: 'number' },
  format: { type: 'string', dash: 'plain' },
  domain: { type: 'string', dash: 'number' },
  at: { type: 'string', dash: 'number' },
  dir: { type: 'string', dash: 'number' },
  taylor: { type: 'string', dash: 'number' },
  jacobian: { type: 'string', dash: 'expression' },
  'no-bias-correction': { type: 'boolean' },
  // integrate
  from: { type: 'string', dash: 'number' },
  to: { type: 'string', dash: 'number' },
  n: { type: 'string', dash: 'number' },
  rule: { type: 'string', dash: 'plain' },
  // train
  model: { type: 'string', dash: 'plain' },
  data: { type: 'string', dash: 'plain' },
  x: { type: 'string', dash: 'plain' },
  y: { type: 'string', dash: 'plain' },
  batch: { type: 'string', dash: 'number' },
  epochs: { type: 'string', dash: 'number' },
  hidden: { type: 'string', dash: 'number' },
  activation: { type: 'string', dash: 'plain' },
  every: { type: 'string', dash: 'number' },
  'no-shuffle': { type: 'boolean' },
  // render
  output: { type: 'string', dash: 'plain', short: 'o' },
  preset: { type: 'string', dash: 'plain' },
  lesson: { type: 'string', dash: 'plain' },
  size: { type: 'string', dash: 'plain' },
  fps: { type: 'string', dash: 'number' },
  duration: { type: 'string', dash: 'number' },
  speed: { type: 'string', dash: 'number' },
  hold: { type: 'string', dash: 'number' },
  orbit: { type: 'string', dash: 'number' },
  browser: { type: 'string', dash: 'plain' },
  transparent: { type: 'boolean' },
  caption: { type: 'boolean' },
  'show-ahead': { type: 'boolean' },
  clips: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  // every command
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, ValueOption | FlagOption>;

/** The name of an option, without its dashes. */
export type OptionName = keyof typeof OPTIONS;
type ValueName = {
  [K in OptionName]: (typeof OPTIONS)[K]['type'] extends 'string' ? K : never;
}[OptionName];
type FlagName = Exclude<OptionName, ValueName>;

/** Parsed options: the text of each value option, true for each flag given. */
export type Values = Partial<Record<ValueName, string>> & Partial<Record<FlagName, boolean>>;

/** One subcommand as the parser sees it. */
export interface CommandSpec {
  /** As typed: `solve`, `inspect`, `render`. */
  name: string;
  /** The options it takes (`--help` always works). */
  options: readonly OptionName[];
  /** How many positional arguments it takes (default none). */
  positionals?: number;
}

const SHORT: Readonly<Record<string, OptionName>> = Object.fromEntries(
  Object.entries(OPTIONS).flatMap(([name, o]) => ('short' in o ? [[o.short, name]] : [])),
) as Record<string, OptionName>;

function takesDashValue(rule: DashRule, value: string): boolean {
  if (rule === 'number') return /^-[\d.]/.test(value);
  if (rule === 'expression') return value.length > 1 && value[1] !== '-';
  return false;
}

/**
 * Parses the arguments of one subcommand. Refuses options that subcommand does not take, values
 * that are missing, values on flags, and extra positional arguments, each with a sentence that
 * names the option as typed.
 */
export function parseFlags(
  argv: readonly string[],
  command: CommandSpec,
): { values: Values; positionals: string[] } {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const see = `(see descent ${command.name} --help)`;
  const takes = (name: string): name is OptionName =>
    name === 'help' || (command.options as readonly string[]).includes(name);

  const setValue = (name: OptionName, typed: string, next: string | undefined): boolean => {
    const option: ValueOption | FlagOption = OPTIONS[name];
    if (option.type === 'boolean') {
      values[name] = true;
      return false;
    }
    if (next === undefined || (next.startsWith('-') && !takesDashValue(option.dash, next))) {
      const hint =
        next !== undefined && next.startsWith('-') && next !== '-'
          ? ` (to pass a value that starts with a dash, write ${typed}=${next})`
          : '';
      throw new UsageError(`${typed} needs a value${hint}.`);
    }
    values[name] = next;
    return true;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const typed = `--${name}`;
      if (!takes(name))
        throw new UsageError(`Unknown option '${typed}' for descent ${command.name} ${see}.`);
      if (eq !== -1) {
        if (OPTIONS[name].type === 'boolean') throw new UsageError(`${typed} takes no value.`);
        values[name] = arg.slice(eq + 1);
      } else if (setValue(name, typed, argv[i + 1])) {
        i++;
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // Short options: -o FILE (or -oFILE), -q, -h, and clusters of flags such as -qh.
      const name = SHORT[arg[1] ?? ''];
      if (name === undefined || !takes(name)) {
        throw new UsageError(`Unknown option '${arg}' for descent ${command.name} ${see}.`);
      }
      if (OPTIONS[name].type === 'string') {
        if (arg.length > 2) values[name] = arg.slice(2);
        else if (setValue(name, arg, argv[i + 1])) i++;
        continue;
      }
      for (const letter of arg.slice(1)) {
        const flag = SHORT[letter];
        if (flag === undefined || !takes(flag) || OPTIONS[flag].type !== 'boolean') {
          throw new UsageError(
            `Unknown option '-${letter}' in '${arg}' for descent ${command.name} ${see}.`,
          );
        }
        values[flag] = true;
      }
      continue;
    }
    positionals.push(arg);
  }
  if (positionals.length > (command.positionals ?? 0) && !values.help) {
    const extra = positionals[command.positionals ?? 0];
    throw new UsageError(`Unexpected argument '${extra}' for descent ${command.name} ${see}.`);
  }
  return { values: values as Values, positionals };
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

/** True for zod's own wording ("Too big: expected …"), which reads like a schema, not a sentence. */
function isSchemaWording(message: string): boolean {
  return /^(Too big|Too small|Invalid input): /.test(message);
}

/**
 * One zod issue as a sentence about `subject` (what the user typed, e.g. "--f" or "--size
 * 10x10"). Limits are said in words with the number; custom messages from the shared schemas
 * are kept as they are.
 */
export function describeIssue(subject: string, issue: z.core.$ZodIssue): string {
  if (!isSchemaWording(issue.message)) return `${subject}: ${issue.message}`;
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `${subject} is too long: at most ${issue.maximum} characters.`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return `${subject} is too short: at least ${issue.minimum} characters.`;
  }
  if (issue.code === 'too_big') {
    return `${subject} must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}.`;
  }
  if (issue.code === 'too_small') {
    return `${subject} must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}.`;
  }
  return `${subject}: ${issue.message}`;
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
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = spec.kind === 'expression' ? '--f' : '--surface';
    throw new UsageError(issue ? describeIssue(flag, issue) : `${flag} is not valid.`);
  }
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

/** The value of a flag that takes one of a few words. */
export function oneOf<T extends string>(flag: string, text: string, options: readonly T[]): T {
  if ((options as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--${flag} must be one of ${options.join(', ')}; got '${text}'.`);
}

/** Optimizer hyperparameters from flags over the defaults, validated by the shared schema. */
export function optimizerFrom(values: Values): OptimizerParams {
  const num = (flag: ValueName, fallback: number): number => {
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
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues
        .map((issue) => {
          const path = issue.path.map(String).join('.');
          return describeIssue(`--${FLAG_OF[path] ?? path}`, issue);
        })
        .join(' '),
    );
  }
  return parsed.data;
}

/** Schema paths of the optimizer (schedule.minLr) → the flags the user typed (--min-lr). */
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

/** A required whole number in [min, max], or `fallback` when the flag is absent. */
export function wholeFrom(
  values: Values,
  flag: 'n',
  fallback: number,
  min: number,
  max: number,
): number {
  const text = values[flag];
  if (text === undefined) return fallback;
  const n = parseNumber(flag, text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag} expects a whole number from ${min} to ${max}, got '${text}'.`);
  }
  return n;
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
