/**
 * `descent train`: reads a data set (built-in or CSV), builds the model, runs minibatch training
 * (shared/model's train, on the optimizers of shared/optim) and prints the trajectory. Loaded by
 * main.ts only when `train` is asked for. Runs on the main thread: the models are small and a
 * run of the default size takes milliseconds.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { builtinDataset, datasetFromCsv } from '../../../shared/model/data.ts';
import type { CsvColumns, Dataset, SkippedRow, Task } from '../../../shared/model/data.ts';
import {
  linearClosedForm,
  linearModel,
  logisticModel,
  mlpInit,
  mlpModel,
} from '../../../shared/model/models.ts';
import type { Model, ModelKind } from '../../../shared/model/models.ts';
import { plannedSteps, train } from '../../../shared/model/train.ts';
import type { TrainResult } from '../../../shared/model/train.ts';
import { MAX_STEPS } from '../../../shared/schema.ts';
import { UsageError } from '../args.ts';
import type { Io } from '../main.ts';
import { parseTrainArgs, TRAIN_DEFAULTS } from './args.ts';
import type { Column, TrainArgs } from './args.ts';
import { TRAIN_HELP } from '../help.ts';
import { trainCsv, trainJson, trainTable } from './output.ts';

/** The task each model learns. */
const TASK_OF: Record<ModelKind, Task> = {
  linear: 'regression',
  logistic: 'classification',
  mlp: 'classification',
};

/** Most skipped CSV rows listed one by one on stderr; the rest are counted. */
const MAX_LISTED_SKIPS = 10;

/** A data set as read, with what was left out of a CSV file. */
export interface LoadedData {
  dataset: Dataset;
  /** How the data set is named in messages and output: 'line' or the file path. */
  label: string;
  skipped: SkippedRow[];
}

/** Everything about a finished run that the output needs. */
export interface TrainRun {
  args: TrainArgs;
  model: Model;
  data: LoadedData;
  batch: number;
  start: Float64Array;
  result: TrainResult;
  /** Linear regression's exact least-squares fit, when it exists. */
  closedForm: { theta: Float64Array; loss: number } | null;
  /** Rows printed (always row 0 and the last). */
  rows: number[];
  every: number;
}

/** The first non-blank row of a CSV text, trimmed (papaparse guesses the delimiter). */
function firstRow(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', preview: 1 });
  return (parsed.data[0] ?? []).map((c) => String(c).trim());
}

/** The columns to read: --x and --y, or by default the last column as target, the rest features. */
function csvColumns(args: TrainArgs, text: string, path: string): CsvColumns {
  const task = TASK_OF[args.model];
  const head = firstRow(text);
  const width = head.length;
  const y: Column = args.y ?? width - 1;
  if (args.x) {
    return { x: args.x as string[] | number[], y, task, name: path };
  }
  if (width < 2) {
    throw new UsageError(
      `--data ${path}: the file has ${width} column(s); it needs a feature column and a target column.`,
    );
  }
  const yIndex = typeof y === 'number' ? y : head.indexOf(y);
  // An unknown --y name: let the reader name it and list the columns present.
  if (yIndex < 0) return { x: [0], y, task, name: path };
  const x = Array.from({ length: width }, (_, i) => i).filter((i) => i !== yIndex);
  if (args.model === 'linear' && x.length > 1) {
    const names = head.map((h) => `'${h}'`).join(', ');
    throw new UsageError(
      `--model linear on ${path}: besides the target, the file has ${x.length} columns that could be features (columns ${names}); ` +
        'choose the feature column(s) with --x (and the target with --y).',
    );
  }
  return { x, y, task, name: path };
}

/** Reads --data: a built-in set, or a CSV file with its skipped rows. */
export function loadData(args: TrainArgs): LoadedData {
  const task = TASK_OF[args.model];
  if (args.data.kind === 'builtin') {
    const dataset = builtinDataset(args.data.name);
    if (dataset.task !== task) {
      const why =
        task === 'regression'
          ? `--model linear fits a numeric target, but '${dataset.name}' is a classification data set (labels 0/1); use --model logistic or mlp.`
          : `--model ${args.model} classifies labels 0/1, but '${dataset.name}' is a regression data set; use --model linear.`;
      throw new UsageError(why);
    }
    return { dataset, label: dataset.name, skipped: [] };
  }
  const path = args.data.path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : code;
    throw new UsageError(`--data: cannot read '${path}' (${why ?? 'unreadable'}).`);
  }
  if (text.trim() === '') throw new UsageError(`--data ${path}: the file is empty.`);
  const columns = csvColumns(args, text, path);
  try {
    const { dataset, skipped } = datasetFromCsv(text, columns);
    return { dataset, label: path, skipped };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    let flag = '--data';
    const yName = typeof columns.y === 'string' ? `column '${columns.y}'` : null;
    if (/is not in the header|out of range/.test(message)) {
      const yIndexText = typeof columns.y === 'number' ? `column index ${columns.y} ` : null;
      const aboutY =
        (yName !== null && message.startsWith(yName)) ||
        (yIndexText !== null && message.startsWith(yIndexText));
      flag = aboutY ? '--y' : args.x ? '--x' : '--data';
    }
    const hint =
      task === 'classification' && /no usable rows/.test(message)
        ? ` (--model ${args.model} needs labels 0 or 1 in the target column; use --model linear for a numeric target)`
        : '';
    throw new UsageError(`${flag} (${path}): ${message}${hint}.`);
  }
}

/** The model for the data, with the features the data has. */
function buildModel(args: TrainArgs, features: number): Model {
  if (args.model === 'linear') return linearModel(features);
  if (args.model === 'logistic') return logisticModel(features);
  return mlpModel({ hidden: args.hidden, activation: args.activation, inputs: features });
}

/**
 * θ₀: --start, or the documented default for linear and logistic models (the first weight −2,
 * every other parameter 3: (w, b) = (−2, 3), (w1, w2) = (−2, 3)), or the MLP's seeded draw.
 */
function startOf(args: TrainArgs, model: Model): Float64Array {
  if (model.kind === 'mlp') return mlpInit(args.hidden, args.seed, args.activation, model.features);
  if (args.start) {
    if (args.start.length !== model.dim) {
      throw new UsageError(
        `--start has ${args.start.length} value(s) but this ${model.kind} model has ${model.dim} parameter(s) (${model.paramNames.join(', ')}).`,
      );
    }
    return Float64Array.from(args.start);
  }
  return Float64Array.from({ length: model.dim }, (_, i) => (i === 0 ? -2 : 3));
}

/** Rows printed: every `every`-th step, always row 0 and the last row. */
export function rowsToPrint(steps: number, every: number): number[] {
  const rows: number[] = [];
  for (let k = 0; k <= steps; k += every) rows.push(k);
  if (rows[rows.length - 1] !== steps) rows.push(steps);
  return rows;
}

/** Trains as the arguments say; refuses (UsageError) what cannot run. */
export function runTraining(args: TrainArgs, data: LoadedData): TrainRun {
  const { dataset } = data;
  const n = dataset.y.length;
  const model = buildModel(args, dataset.features);
  const batch = args.batch ?? Math.min(TRAIN_DEFAULTS.batch, n);
  if (batch > n) {
    throw new UsageError(
      `--batch expects a whole number from 1 to ${n} (the number of points in ${data.label}), got ${batch}.`,
    );
  }
  const start = startOf(args, model);
  const options = {
    optimizer: args.optimizer,
    batch,
    epochs: args.epochs,
    seed: args.seed,
    shuffle: args.shuffle,
  };
  const planned = plannedSteps(n, options);
  if (planned > MAX_STEPS) {
    throw new UsageError(
      `--epochs ${args.epochs} with --batch ${batch} on ${n} points is ${planned} steps, more than ${MAX_STEPS}; lower --epochs or raise --batch.`,
    );
  }
  let result: TrainResult;
  try {
    result = train(model, dataset, start, options);
  } catch (error) {
    // Only a θ₀ where the loss is not finite gets here: the options were all checked above.
    if (error instanceof RangeError) throw new UsageError(`${error.message}.`);
    throw error;
  }
  let closedForm: TrainRun['closedForm'] = null;
  if (model.kind === 'linear') {
    try {
      closedForm = linearClosedForm(dataset);
    } catch {
      closedForm = null;
    }
  }
  const fallback =
    args.format === 'table' ? Math.max(1, Math.ceil(result.steps / TRAIN_DEFAULTS.tableRows)) : 1;
  const every = args.every ?? fallback;
  return {
    args,
    model,
    data,
    batch,
    start,
    result,
    closedForm,
    rows: rowsToPrint(result.steps, every),
    every,
  };
}

/** Reports the skipped CSV rows on stderr: a count, then the first few with line numbers. */
function reportSkipped(io: Io, data: LoadedData): void {
  const { skipped } = data;
  if (skipped.length === 0) return;
  const used = data.dataset.y.length;
  io.err(`descent: ${data.label}: skipped ${skipped.length} row(s), using ${used} point(s):\n`);
  for (const row of skipped.slice(0, MAX_LISTED_SKIPS)) {
    io.err(`  line ${row.line}: ${row.reason}\n`);
  }
  if (skipped.length > MAX_LISTED_SKIPS) {
    io.err(`  … and ${skipped.length - MAX_LISTED_SKIPS} more\n`);
  }
}

/** `descent train …`: returns the exit code (UsageError for bad input, as the other commands). */
export async function trainCommand(argv: readonly string[], io: Io): Promise<number> {
  const args = parseTrainArgs(argv);
  if (args === 'help') {
    await io.out(TRAIN_HELP);
    return 0;
  }
  const data = loadData(args);
  reportSkipped(io, data);
  const run = runTraining(args, data);
  const text =
    args.format === 'json'
      ? trainJson(run)
      : args.format === 'csv'
        ? trainCsv(run)
        : trainTable(run);
  await io.out(text);
  return 0;
}
