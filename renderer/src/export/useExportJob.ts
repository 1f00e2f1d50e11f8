/**
 * Runs one export for a dialog: chooses where the files go (the desktop's save dialog, the
 * browser's file picker, or downloads), runs the pipeline with progress, and turns the outcome
 * into a state the form shows. Cancelling, or unmounting the dialog, aborts the export; the
 * pipeline then removes its partial files.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportPlan } from '../../../shared/export/plan.ts';
import type { ExportProgress, ExportResult } from '../../../shared/export/report.ts';
import type { ExportSettings } from '../../../shared/export/settings.ts';
import { bridge } from '../platform/bridge.ts';
import { bridgeSinks, canPickFiles, downloadSinks, pickFileSinks } from './sinks.ts';
import type { SinkFactory } from './sinks.ts';
import type { Alternative, Support } from './support.ts';

/**
 * The pipeline (mediabunny, gifenc, fflate, the offscreen view) is loaded only when the export
 * dialog opens, so the editor's first view never waits for it. One promise for the whole page.
 */
let pipelineModule: Promise<typeof import('./pipeline.ts')> | null = null;
export function loadPipeline(): Promise<typeof import('./pipeline.ts')> {
  pipelineModule ??= import('./pipeline.ts');
  return pipelineModule;
}

/** Where an export job is. */
export type JobState =
  | { status: 'idle' }
  | { status: 'running'; progress: ExportProgress | null }
  | { status: 'done'; result: ExportResult }
  | { status: 'canceled' }
  | { status: 'error'; message: string; alternatives: Alternative[] };

/** What one export needs. */
export interface JobRequest {
  settings: ExportSettings;
  plan: ExportPlan;
  support: Support;
  /** File name without extension. */
  baseName: string;
  /** Called once the destination is chosen and the export really starts. */
  onStart?: () => void;
}

/** Where the files go; null when the user cancelled the picker. */
async function chooseSinks(names: string[], settings: ExportSettings): Promise<SinkFactory | null> {
  if (bridge) return bridgeSinks(bridge);
  // The picker must open while the click still counts as a user gesture: first thing.
  if (canPickFiles()) return pickFileSinks(names, settings.kind);
  return downloadSinks();
}

export function useExportJob(): {
  job: JobState;
  start: (request: JobRequest) => Promise<void>;
  cancel: () => void;
  /** Forgets a finished job's outcome (the form changed). */
  reset: () => void;
} {
  const [job, setJob] = useState<JobState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const running = job.status === 'running';

  // Closing the dialog cancels an export in progress. Opening it starts loading the pipeline,
  // so it is there by the time Export is clicked (the file picker needs the click's gesture).
  useEffect(() => {
    void loadPipeline().catch(() => {});
    return () => controller.current?.abort();
  }, []);

  const start = useCallback(
    async ({ settings, plan, support, baseName, onStart }: JobRequest): Promise<void> => {
      if (controller.current || !support.ok) return;
      let pipeline: Awaited<ReturnType<typeof loadPipeline>>;
      let sinks: SinkFactory | null;
      try {
        pipeline = await loadPipeline();
        sinks = await chooseSinks(pipeline.exportFileNames(plan, baseName), settings);
      } catch (error) {
        setJob({ status: 'error', message: String(error), alternatives: [] });
        return;
      }
      if (!sinks) return; // the picker was cancelled
      onStart?.();
      const ac = new AbortController();
      controller.current = ac;
      setJob({ status: 'running', progress: null });
      const { ExportError, isAbortError, runExport } = pipeline;
      try {
        const result = await runExport({
          settings,
          baseName,
          sinks,
          signal: ac.signal,
          support,
          onProgress: (progress) => setJob({ status: 'running', progress }),
        });
        setJob({ status: 'done', result });
      } catch (error) {
        if (isAbortError(error)) setJob({ status: 'canceled' });
        else if (error instanceof ExportError) {
          setJob({ status: 'error', message: error.message, alternatives: error.alternatives });
        } else {
          setJob({ status: 'error', message: String(error), alternatives: [] });
        }
      } finally {
        if (controller.current === ac) controller.current = null;
      }
    },
    [],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => {
    if (!running) setJob({ status: 'idle' });
  }, [running]);

  return { job, start, cancel, reset };
}
