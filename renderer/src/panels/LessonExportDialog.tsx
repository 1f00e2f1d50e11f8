/**
 * File ▸ Export Lesson: the open lesson as a PowerPoint deck (one slide per beat, its clip
 * embedded), a .zip of the numbered clips with titles.txt, or one interactive HTML page. Format,
 * size and frame rate (the clips only); while it runs, which slide and beat is rendering, a
 * progress bar and Cancel. Nothing is saved until the
 * whole file is ready (renderer/src/export/lessonExport.ts), so Cancel, closing the dialog or a
 * failure leaves every file as it was.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { planLesson } from '../../../shared/lesson/plan.ts';
import {
  buildLessonFile,
  defaultLessonExportOptions,
  isAbort,
  LESSON_FPS,
  LESSON_SIZES,
  lessonBaseSettings,
  lessonFileName,
  progressLabel,
  saveLessonFile,
} from '../export/lessonExport.ts';
import type {
  LessonExportFormat,
  LessonExportOptions,
  LessonExportProgress,
} from '../export/lessonExport.ts';
import { checkSupport } from '../export/support.ts';
import type { Support } from '../export/support.ts';
import { bridge } from '../platform/bridge.ts';
import { useApp } from '../store/hooks.ts';
import { Dialog } from './Dialog.tsx';
import './LessonExportDialog.css';

type JobState =
  | { status: 'idle' }
  | { status: 'running'; progress: LessonExportProgress | null }
  | {
      status: 'done';
      name: string;
      bytes: number;
      beats: number;
      page: boolean;
      seconds: number;
    }
  | { status: 'canceled' }
  | { status: 'error'; message: string };

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field export-field">
      <span className="export-label">{label}</span>
      {children}
    </label>
  );
}

export function LessonExportDialog({ onClose }: { onClose: () => void }) {
  const lesson = useApp((s) => s.lesson);
  const [options, setOptions] = useState<LessonExportOptions>(defaultLessonExportOptions);
  const [job, setJob] = useState<JobState>({ status: 'idle' });
  const [support, setSupport] = useState<Support | null>(null);
  const controller = useRef<AbortController | null>(null);
  const running = job.status === 'running';
  const plan = useMemo(() => (lesson ? planLesson(lesson) : []), [lesson]);

  // Closing the dialog (or the page) cancels an export in progress.
  useEffect(() => () => controller.current?.abort(), []);

  // Can this machine encode H.264 at this size and rate?
  useEffect(() => {
    let live = true;
    setSupport(null);
    void checkSupport(lessonBaseSettings(options)).then((s) => {
      if (live) setSupport(s);
    });
    return () => {
      live = false;
    };
  }, [options]);

  const update = (patch: Partial<LessonExportOptions>): void => {
    setOptions((o) => ({ ...o, ...patch }));
    if (!running) setJob({ status: 'idle' });
  };

  const start = useCallback(async (): Promise<void> => {
    if (!lesson || controller.current) return;
    const ac = new AbortController();
    controller.current = ac;
    const started = performance.now();
    setJob({ status: 'running', progress: null });
    try {
      const file = await buildLessonFile({
        lesson,
        options,
        signal: ac.signal,
        onProgress: (progress) => setJob({ status: 'running', progress }),
      });
      if (ac.signal.aborted) throw new DOMException('cancelled', 'AbortError');
      setJob((j) =>
        j.status === 'running' && j.progress
          ? { status: 'running', progress: { ...j.progress, phase: 'saving', fraction: 0.99 } }
          : j,
      );
      const name = await saveLessonFile(file);
      if (name === null) setJob({ status: 'canceled' });
      else {
        setJob({
          status: 'done',
          name,
          bytes: file.bytes.byteLength,
          beats: file.beats,
          page: file.kind === 'html',
          seconds: (performance.now() - started) / 1000,
        });
      }
    } catch (error) {
      if (isAbort(error)) setJob({ status: 'canceled' });
      else
        setJob({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
    } finally {
      if (controller.current === ac) controller.current = null;
    }
  }, [lesson, options]);

  const cancel = useCallback(() => controller.current?.abort(), []);
  const close = useCallback(() => {
    controller.current?.abort();
    onClose();
  }, [onClose]);

  if (!lesson) {
    return (
      <Dialog title="Export lesson" onClose={close} testId="lesson-export-dialog">
        <p className="hint">Open or start a lesson first.</p>
      </Dialog>
    );
  }

  const slides = lesson.slides.length;
  const size = LESSON_SIZES.find((p) => p.width === options.width && p.height === options.height);
  // The page renders no clip, so it needs no encoder.
  const page = options.format === 'html';
  const unsupported = !page && support && !support.ok ? support : null;
  const canStart = !running && plan.length > 0 && (page || !!support?.ok);
  const progress = job.status === 'running' ? job.progress : null;

  return (
    <Dialog title="Export lesson" onClose={close} testId="lesson-export-dialog">
      <div className="export-dialog lesson-export">
        <fieldset className="export-grid" disabled={running}>
          <Field label="Format">
            <select
              data-testid="lesson-export-format"
              value={options.format}
              onChange={(e) => update({ format: e.target.value as LessonExportFormat })}
            >
              <option value="pptx">PowerPoint (.pptx)</option>
              <option value="clips">Folder of clips (.zip)</option>
              <option value="html">Interactive page (.html)</option>
            </select>
          </Field>
          {!page && (
            <>
              <Field label="Size">
                <select
                  data-testid="lesson-export-size"
                  value={size?.id ?? '720p'}
                  onChange={(e) => {
                    const p = LESSON_SIZES.find((s) => s.id === e.target.value);
                    if (p) update({ width: p.width, height: p.height });
                  }}
                >
                  {LESSON_SIZES.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Frame rate">
                <select
                  data-testid="lesson-export-fps"
                  value={options.fps}
                  onChange={(e) => update({ fps: Number(e.target.value) })}
                >
                  {LESSON_FPS.map((fps) => (
                    <option key={fps} value={fps}>
                      {fps} fps
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
        </fieldset>
        <p className="lesson-export-summary" data-testid="lesson-export-summary">
          {page ? (
            <>
              {slides} slide{slides === 1 ? '' : 's'} →{' '}
              <strong>{lessonFileName(lesson, 'html')}</strong>, one file that presents the lesson
              in any browser, offline, with η and the surface still live. Send it to students or
              embed it in a course page.
            </>
          ) : (
            <>
              {slides} slide{slides === 1 ? '' : 's'} · {plan.length} clip
              {plan.length === 1 ? '' : 's'} (one per beat) →{' '}
              <strong>{lessonFileName(lesson, options.format)}</strong>
              {options.format === 'pptx'
                ? ', one PowerPoint slide per clip with the notes as speaker notes.'
                : ', the numbered MP4 clips and titles.txt.'}
            </>
          )}
          {bridge ? ' You choose where to save it when it is ready.' : ''}
        </p>
        {unsupported && (
          <div className="export-problem" role="alert" data-testid="lesson-export-unsupported">
            <p>{unsupported.message}</p>
          </div>
        )}

        {job.status === 'running' && (
          <div className="export-running" data-testid="lesson-export-running">
            <progress
              data-testid="lesson-export-progress"
              max={1}
              value={progress?.fraction ?? 0}
            />
            <span className="lesson-export-status" data-testid="lesson-export-status">
              {progress ? progressLabel(progress) : 'Preparing…'}
            </span>
          </div>
        )}
        {job.status === 'done' && (
          <p className="export-done" role="status" data-testid="lesson-export-status">
            Saved {job.name} ({formatBytes(job.bytes)}
            {job.page ? '' : `, ${job.beats} clip${job.beats === 1 ? '' : 's'}`}) in{' '}
            {job.seconds.toFixed(1)} s.
          </p>
        )}
        {job.status === 'canceled' && (
          <p className="hint" role="status" data-testid="lesson-export-status">
            Export cancelled: nothing was saved.
          </p>
        )}
        {job.status === 'error' && (
          <div className="export-problem" role="alert" data-testid="lesson-export-error">
            <p>{job.message}</p>
          </div>
        )}

        <div className="dialog-actions export-actions">
          {running ? (
            <button type="button" data-testid="lesson-export-cancel" onClick={cancel}>
              Cancel export
            </button>
          ) : (
            <>
              <button type="button" onClick={close}>
                Close
              </button>
              <button
                type="button"
                className="primary"
                data-testid="lesson-export-start"
                disabled={!canStart}
                onClick={() => void start()}
              >
                {page ? 'Export page' : `Export ${plan.length} clip${plan.length === 1 ? '' : 's'}`}
              </button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}
