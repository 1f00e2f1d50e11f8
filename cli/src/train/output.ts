/**
 * `descent train`'s output: a table for people (named parameters for the small models, ‖θ‖ for
 * the MLP, and a summary), a JSON document and a CSV table (every parameter, full precision).
 * Epochs and batches are counted from 1; row 0 (θ₀) belongs to no step, so it has no epoch,
 * batch, batch loss or learning rate (`-` in the table, null in JSON, empty in CSV).
 */
import type { Model } from '../../../shared/model/models.ts';
import { formatNumber } from '../../../shared/table.ts';
import type { TrainRun } from './command.ts';

/** Models with at most this many parameters show each one in the table; larger ones ‖θ‖. */
export const MAX_TABLE_PARAMS = 4;

/** One printed row of the trajectory, as JSON carries it. */
export interface TrainStep {
  step: number;
  /** 1-based; null in row 0. */
  epoch: number | null;
  /** 1-based within its epoch; null in row 0. */
  batch: number | null;
  theta: number[];
  /** Minibatch loss at the previous θ (the loss whose gradient made this step); null in row 0. */
  batchLoss: number | null;
  fullLoss: number;
  /** Learning rate of the step; null in row 0. */
  lr: number | null;
}

function finiteOrNull(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/** Row k of the run. */
export function stepRow(run: TrainRun, k: number): TrainStep {
  const r = run.result;
  const dim = r.dim;
  return {
    step: k,
    epoch: k === 0 ? null : (r.epoch[k] ?? 0) + 1,
    batch: k === 0 ? null : (r.batch[k] ?? 0) + 1,
    theta: Array.from(r.theta.subarray(k * dim, (k + 1) * dim)),
    batchLoss: finiteOrNull(r.batchLoss[k]),
    fullLoss: r.fullLoss[k] ?? NaN,
    lr: finiteOrNull(r.lr[k]),
  };
}

function norm(v: readonly number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

/**
 * Share of the points a classifier gets right at θ: a point is right exactly when its
 * cross-entropy is below log 2 (the predicted probability of its label is above ½).
 */
export function accuracy(model: Model, run: TrainRun, theta: readonly number[]): number {
  const data = run.data.dataset;
  const idx = new Uint32Array(1);
  let right = 0;
  for (let i = 0; i < data.y.length; i++) {
    idx[0] = i;
    if (model.loss(theta, data, idx, 1) < Math.LN2) right++;
  }
  return right / data.y.length;
}

const MODEL_TITLE = {
  linear: 'linear regression',
  logistic: 'logistic regression',
  mlp: 'MLP',
} as const;

/** What was trained, in one line. */
function describeRun(run: TrainRun): string {
  const { args, model, data, result } = run;
  const n = data.dataset.y.length;
  const d = data.dataset.features;
  const what =
    model.kind === 'mlp'
      ? `MLP ${d}–${args.hidden}–1 (${args.activation}, ${model.dim} parameters)`
      : MODEL_TITLE[model.kind];
  const opt = args.optimizer;
  const order = args.shuffle ? `shuffled, seed ${args.seed}` : 'data order';
  return (
    `${what} on ${data.label} (${n} points, ${d} feature${d === 1 ? '' : 's'}): ` +
    `${opt.kind}, η = ${opt.lr}${opt.schedule.kind === 'constant' ? '' : ` (${opt.schedule.kind})`}, ` +
    `batch ${run.batch}, ${args.epochs} epoch${args.epochs === 1 ? '' : 's'}, ${result.steps} steps (${order})`
  );
}

function named(model: Model, theta: readonly number[], decimals = 4): string {
  return model.paramNames
    .map((p, i) => `${p} = ${formatNumber(theta[i] ?? NaN, decimals)}`)
    .join(', ');
}

/** The summary lines under the table. */
export function summaryLines(run: TrainRun): string[] {
  const { model, result } = run;
  const last = stepRow(run, result.steps);
  const lines = [describeRun(run)];
  const where =
    model.dim <= MAX_TABLE_PARAMS
      ? named(model, last.theta)
      : `‖θ‖ = ${formatNumber(norm(last.theta), 4)} (--format json or csv lists all ${model.dim})`;
  let final = `final full loss ${formatNumber(last.fullLoss, 6)} at step ${last.step}: ${where}`;
  if (model.kind !== 'linear') {
    const acc = accuracy(model, run, last.theta);
    final += `; training accuracy ${(100 * acc).toFixed(1)}%`;
  }
  lines.push(final);
  if (result.status === 'diverged') {
    lines.push(
      `diverged: step ${result.divergedAt} gave a non-finite θ, gradient or loss (try a smaller --lr)`,
    );
  }
  if (model.kind === 'linear') {
    const cf = run.closedForm;
    if (cf) {
      const gap = last.fullLoss - cf.loss;
      lines.push(
        `closed form (least squares): ${named(model, Array.from(cf.theta))}, loss ${formatNumber(cf.loss, 6)} ` +
          `(final − closed form = ${gap === 0 ? '0' : gap.toExponential(2)})`,
      );
    } else {
      lines.push('closed form: none (the features are collinear or constant)');
    }
  }
  return lines;
}

/** Right-aligned columns, two spaces apart. */
function aligned(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((row) => row.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')).join('\n');
}

/** The table format: the chosen rows, then the summary. */
export function trainTable(run: TrainRun): string {
  const { model } = run;
  const each = model.dim <= MAX_TABLE_PARAMS;
  const show = (v: number | null, decimals = 4): string =>
    v === null ? '-' : formatNumber(v, decimals);
  const header = [
    'step',
    'epoch',
    'batch',
    ...(each ? model.paramNames : ['‖θ‖']),
    'batch loss',
    'full loss',
    'lr',
  ];
  const body = run.rows.map((k) => {
    const s = stepRow(run, k);
    return [
      String(s.step),
      s.epoch === null ? '-' : String(s.epoch),
      s.batch === null ? '-' : String(s.batch),
      ...(each ? s.theta.map((v) => show(v)) : [show(norm(s.theta))]),
      show(s.batchLoss, 6),
      show(s.fullLoss, 6),
      show(s.lr),
    ];
  });
  const note =
    run.every > 1 ? [`(rows every ${run.every} steps and the last; --every 1 prints all)`] : [];
  return [aligned([header, ...body]), '', ...summaryLines(run), ...note].join('\n') + '\n';
}

/** The JSON document: the settings, the outcome and the chosen rows, one step per line. */
export function trainJson(run: TrainRun): string {
  const { args, model, data, result } = run;
  const last = stepRow(run, result.steps);
  const head = {
    model: model.kind,
    ...(model.kind === 'mlp' ? { hidden: args.hidden, activation: args.activation } : {}),
    parameters: model.paramNames,
    data: {
      name: data.label,
      task: data.dataset.task,
      points: data.dataset.y.length,
      features: data.dataset.features,
      skipped: data.skipped,
    },
    optimizer: args.optimizer,
    batch: run.batch,
    epochs: args.epochs,
    seed: args.seed,
    shuffle: args.shuffle,
    start: Array.from(run.start),
    status: result.status,
    divergedAt: result.divergedAt,
    totalSteps: result.steps,
    every: run.every,
    final: {
      step: last.step,
      theta: last.theta,
      fullLoss: last.fullLoss,
      ...(model.kind === 'linear' ? {} : { accuracy: accuracy(model, run, last.theta) }),
    },
    closedForm:
      model.kind === 'linear' && run.closedForm
        ? { theta: Array.from(run.closedForm.theta), loss: run.closedForm.loss }
        : null,
  };
  // The head pretty-printed with an empty `steps` (the last key), then that `[]` cut open.
  const empty = JSON.stringify({ ...head, steps: [] }, null, 2);
  const opening = empty.slice(0, empty.length - '[]\n}'.length);
  const steps = run.rows.map((k) => `    ${JSON.stringify(stepRow(run, k))}`);
  return `${opening}[\n${steps.join(',\n')}\n  ]\n}\n`;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV table: one row per chosen step, every parameter, full precision. */
export function trainCsv(run: TrainRun): string {
  const header = [
    'step',
    'epoch',
    'batch',
    ...run.model.paramNames,
    'batch_loss',
    'full_loss',
    'lr',
  ];
  const cell = (v: number | null): string => (v === null ? '' : String(v));
  const lines = [header.map(csvField).join(',')];
  for (const k of run.rows) {
    const s = stepRow(run, k);
    lines.push(
      [s.step, s.epoch, s.batch, ...s.theta, s.batchLoss, s.fullLoss, s.lr].map(cell).join(','),
    );
  }
  return lines.join('\n') + '\n';
}
