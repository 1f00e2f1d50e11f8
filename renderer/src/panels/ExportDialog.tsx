/**
 * Export: presets for the usual destinations, the format, size, frame rate, range, speed, hold,
 * camera orbit, caption and slide clips, a summary of what will be written, and — while it runs —
 * a progress bar with frames done, time left and Cancel. An encoder this machine lacks is
 * explained before anything is rendered, with the alternatives that work offered as buttons.
 *
 * The dialog remembers the last choices (export/remember.ts). Files go through the desktop
 * app's save dialog, the File System Access API, or a download (export/sinks.ts).
 * @see ../export/pipeline.ts for the export itself.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  checkSettings,
  EXPORT_KIND_LABELS,
  EXPORT_KINDS,
  GIF_FPS,
  isAnimated,
  MAX_EXPORT_SIDE,
  normalizeSettings,
  SIZE_PRESETS,
  supportsTransparency,
  VIDEO_FPS,
} from '../../../shared/export/settings.ts';
import { planExport } from '../../../shared/export/plan.ts';
import { timelineEnd } from '../../../shared/scene/document.ts';
import { safeBaseName } from '../../../shared/export/names.ts';
import type { ExportKind, ExportRange, ExportSettings } from '../../../shared/export/settings.ts';
import { learningCurveFrom, learningCurveShown } from '../export/learningCurveLayer.ts';
import { shownSteps } from '../store/trainingPath.ts';
import type { AppExportChoices } from '../export/pipeline.ts';
import { DIALOG_PRESETS, dialogPreset } from '../export/presets.ts';
import { loadChoices, saveChoices, sizeIdOf } from '../export/remember.ts';
import type { DialogChoices } from '../export/remember.ts';
import { checkSupport } from '../export/support.ts';
import type { Alternative, Support } from '../export/support.ts';
import { useExportJob } from '../export/useExportJob.ts';
import { bridge } from '../platform/bridge.ts';
import { appStore, useApp } from '../store/hooks.ts';
import { Dialog } from './Dialog.tsx';
import { NumberField } from './NumberField.tsx';

/** The settings the export will use: the dialog's, with a PNG still's scale applied. */
function finalSettings(choices: DialogChoices): ExportSettings {
  const s = choices.settings;
  if (s.kind !== 'png' || choices.scale === 1) return s;
  const w = Math.min(MAX_EXPORT_SIDE, s.width * choices.scale);
  const h = Math.min(MAX_EXPORT_SIDE, s.height * choices.scale);
  return { ...s, width: w, height: h };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatSeconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field export-field">
      <span className="export-label">{label}</span>
      {children}
    </label>
  );
}

function Check({
  label,
  checked,
  onChange,
  disabled,
  testId,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  disabled?: boolean;
  testId: string;
  hint?: string;
}) {
  return (
    <label className={`export-check${disabled ? ' disabled' : ''}`} title={hint}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}

/** What the user can do about a failure or an unsupported encoder. */
function Alternatives({
  alternatives,
  onPick,
}: {
  alternatives: Alternative[];
  onPick: (a: Alternative) => void;
}) {
  if (alternatives.length === 0) return null;
  return (
    <div className="export-alternatives">
      <span>Instead:</span>
      {alternatives.map((a, i) => (
        <button
          key={a.label}
          type="button"
          data-testid={`export-alternative-${i}`}
          onClick={() => onPick(a)}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const [choices, setChoices] = useState<DialogChoices | null>(null);
  const [support, setSupport] = useState<Support | null>(null);
  const { job, start: startJob, cancel, reset } = useExportJob();
  const scene = useApp((s) => s.scene);
  const running = job.status === 'running';
  // The learning curve is offered while its tab is on screen (the dialog is modal: that holds
  // until it closes), and can be drawn when the shown run (or training) has minibatch losses.
  const [curveShown] = useState(learningCurveShown);
  const shownTrajectory = useApp((s) => shownSteps(s)?.trajectory);
  const curveDrawable = useMemo(
    () => curveShown && learningCurveFrom(appStore.getState()) !== null,
    // The store is read for the shown run's data, which `scene` and its trajectory name.
    [curveShown, scene, shownTrajectory],
  );

  useEffect(() => {
    let live = true;
    void loadChoices(bridge).then((c) => {
      if (live) setChoices(c);
    });
    return () => {
      live = false;
    };
  }, []);

  const close = useCallback(() => {
    cancel();
    onClose();
  }, [cancel, onClose]);

  const normalized = useMemo(
    () => (choices ? normalizeSettings(finalSettings(choices)) : null),
    [choices],
  );
  const settings = normalized?.settings ?? null;
  const invalid = settings ? checkSettings(settings) : null;
  const plan = useMemo(() => {
    if (!settings || invalid) return null;
    return planExport(scene, settings, appStore.getState().runtime.playhead.position);
  }, [scene, settings, invalid]);

  // Ask the encoder once per codec-relevant change (not per keystroke elsewhere).
  const supportKey = settings
    ? `${settings.kind}|${settings.width}|${settings.height}|${settings.fps}|${settings.transparent}`
    : '';
  useEffect(() => {
    if (!settings) return;
    let live = true;
    setSupport(null);
    void checkSupport(settings).then((s) => {
      if (live) setSupport(s);
    });
    return () => {
      live = false;
    };
    // `settings` is read through supportKey, which lists every field the answer depends on.
  }, [supportKey]);

  const update = (patch: Partial<ExportSettings>, extra: Partial<DialogChoices> = {}): void => {
    setChoices((c) => {
      if (!c) return c;
      const next = { ...c, ...extra, settings: { ...c.settings, ...patch } };
      // Editing a field leaves the preset (its button stops looking selected).
      if (!('presetId' in extra)) next.presetId = null;
      if (!('sizeId' in extra) && (patch.width !== undefined || patch.height !== undefined)) {
        next.sizeId = sizeIdOf(next.settings.width, next.settings.height);
      }
      return next;
    });
    reset();
  };

  const applyPreset = (id: string): void => {
    const preset = dialogPreset(id);
    if (!preset) return;
    const patch = { ...preset.patch };
    update(patch, {
      presetId: id,
      sizeId: sizeIdOf(patch.width ?? 1920, patch.height ?? 1080),
      scale: preset.scale ?? choices?.scale ?? 1,
    });
  };

  const pickAlternative = (a: Alternative): void => update(a.patch);

  const start = (): void => {
    if (!choices || !settings || !plan || !support?.ok || running) return;
    const withCurve: ExportSettings & AppExportChoices = {
      ...settings,
      learningCurve: curveDrawable && choices.learningCurve,
    };
    void startJob({
      settings: withCurve,
      plan,
      support,
      baseName: safeBaseName(scene.title),
      onStart: () => saveChoices(bridge, choices),
    });
  };

  if (!choices || !settings) {
    return (
      <Dialog title="Export" onClose={close} testId="export-dialog">
        <p className="hint">Loading the last export settings…</p>
      </Dialog>
    );
  }

  const s = choices.settings;
  const animated = isAnimated(s.kind);
  const fpsChoices: readonly number[] = s.kind === 'gif' ? GIF_FPS : VIDEO_FPS;
  const markers = scene.timeline.markers.length;
  const duration = plan ? plan.totalFrames / settings.fps : 0;
  const unsupported = support && !support.ok ? support : null;
  const canStart = !running && !invalid && !!plan && !!support?.ok;

  const setKind = (kind: ExportKind): void => {
    const patch: Partial<ExportSettings> = { kind };
    if (kind === 'gif' && !(GIF_FPS as readonly number[]).includes(s.fps)) patch.fps = 20;
    if (kind !== 'gif' && !(VIDEO_FPS as readonly number[]).includes(s.fps)) patch.fps = 30;
    if (!supportsTransparency(kind)) patch.transparent = false;
    update(patch);
  };

  const setRangeKind = (kind: ExportRange['kind']): void => {
    if (kind === 'all') update({ range: { kind } });
    else if (kind === 'steps')
      update({ range: { kind, from: 0, to: Math.max(1, timelineEnd(scene)) } });
    else update({ range: { kind, from: 0, to: 5 } });
  };

  const rangeFrom = s.range.kind === 'all' ? 0 : s.range.from;
  const rangeTo = s.range.kind === 'all' ? 0 : s.range.to;

  return (
    <Dialog title="Export" onClose={close} testId="export-dialog">
      <div className="export-dialog">
        <div className="export-presets" role="group" aria-label="Presets">
          {DIALOG_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              className="export-preset"
              aria-pressed={choices.presetId === p.id}
              data-testid={`export-preset-${p.id}`}
              disabled={running}
              onClick={() => applyPreset(p.id)}
            >
              <strong>{p.label}</strong>
              <span>{p.hint}</span>
            </button>
          ))}
        </div>

        <fieldset className="export-grid" disabled={running}>
          <Field label="Format">
            <select
              data-testid="export-format"
              value={s.kind}
              onChange={(e) => setKind(e.target.value as ExportKind)}
            >
              {EXPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {EXPORT_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Size">
            <select
              data-testid="export-size"
              value={choices.sizeId}
              onChange={(e) => {
                const p = SIZE_PRESETS.find((x) => x.id === e.target.value);
                if (p) update({ width: p.width, height: p.height }, { sizeId: p.id });
                else update({}, { sizeId: 'custom' });
              }}
            >
              {SIZE_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
              <option value="custom">Custom…</option>
            </select>
          </Field>
          {choices.sizeId === 'custom' && (
            <div className="field-row export-custom-size">
              <NumberField
                label="Width"
                value={s.width}
                rule={{ min: 16, max: MAX_EXPORT_SIDE, integer: true }}
                testId="export-width"
                onCommit={(width) => update({ width }, { sizeId: 'custom' })}
              />
              <NumberField
                label="Height"
                value={s.height}
                rule={{ min: 16, max: MAX_EXPORT_SIDE, integer: true }}
                testId="export-height"
                onCommit={(height) => update({ height }, { sizeId: 'custom' })}
              />
            </div>
          )}
          {s.kind === 'png' ? (
            <Field label="Scale (print)">
              <select
                data-testid="export-scale"
                value={choices.scale}
                onChange={(e) => update({}, { scale: Number(e.target.value) })}
              >
                <option value={1}>1×</option>
                <option value={2}>2×</option>
                <option value={4}>4×</option>
              </select>
            </Field>
          ) : (
            <Field label="Frame rate">
              <select
                data-testid="export-fps"
                value={s.fps}
                onChange={(e) => update({ fps: Number(e.target.value) })}
              >
                {fpsChoices.map((f) => (
                  <option key={f} value={f}>
                    {f} fps
                  </option>
                ))}
              </select>
            </Field>
          )}

          {animated && (
            <>
              <Field label="Range">
                <select
                  data-testid="export-range"
                  value={s.range.kind}
                  onChange={(e) => setRangeKind(e.target.value as ExportRange['kind'])}
                >
                  <option value="all">The whole run</option>
                  <option value="steps">Steps…</option>
                  <option value="time">Seconds…</option>
                </select>
              </Field>
              {s.range.kind !== 'all' && (
                <div className="field-row">
                  <NumberField
                    label={s.range.kind === 'steps' ? 'From step' : 'From (s)'}
                    value={rangeFrom}
                    rule={{ min: 0 }}
                    testId="export-from"
                    onCommit={(from) => update({ range: { ...s.range, from } as ExportRange })}
                  />
                  <NumberField
                    label={s.range.kind === 'steps' ? 'To step' : 'To (s)'}
                    value={rangeTo}
                    rule={{ min: 0, minExclusive: true }}
                    testId="export-to"
                    onCommit={(to) => update({ range: { ...s.range, to } as ExportRange })}
                  />
                </div>
              )}
              <div className="field-row">
                <NumberField
                  label="Speed (steps/s)"
                  value={s.speed ?? scene.timeline.speed}
                  rule={{ min: 0, minExclusive: true, max: 10_000 }}
                  testId="export-speed"
                  onCommit={(speed) => update({ speed })}
                />
                <NumberField
                  label="Hold last frame (s)"
                  value={s.hold}
                  rule={{ min: 0, max: 60 }}
                  testId="export-hold"
                  onCommit={(hold) => update({ hold })}
                />
                <NumberField
                  label="Orbit (°)"
                  value={s.orbit}
                  rule={{ min: -1080, max: 1080 }}
                  testId="export-orbit"
                  title="0 keeps the current view; 360 turns the camera once around the surface"
                  onCommit={(orbit) => update({ orbit })}
                />
              </div>
            </>
          )}
          {!animated && (
            <p className="hint export-note">
              The still shows the current step, as on screen now, at {settings.width}×
              {settings.height}.
            </p>
          )}

          <div className="export-checks">
            <Check
              label="Transparent background"
              testId="export-transparent"
              checked={s.transparent}
              disabled={!supportsTransparency(s.kind)}
              hint="WebM (VP9 with alpha), PNG and PNG sequences: no background colour, no floor"
              onChange={(transparent) => update({ transparent })}
            />
            <Check
              label="Caption (formula and legend)"
              testId="export-caption"
              checked={s.caption}
              onChange={(caption) => update({ caption })}
            />
            {curveShown && (
              <Check
                label="Include learning curve"
                testId="export-learning-curve"
                checked={curveDrawable && choices.learningCurve}
                disabled={!curveDrawable}
                hint={
                  curveDrawable
                    ? 'The selected run’s full and batch loss per step, in the lower-right corner, with a marker at each frame’s step'
                    : 'The selected run has no minibatch losses to plot'
                }
                onChange={(learningCurve) =>
                  update({}, { learningCurve, presetId: choices.presetId })
                }
              />
            )}
            {animated && (
              <Check
                label="Reveal paths as they play"
                testId="export-reveal"
                checked={s.reveal}
                hint="Nothing of a path is drawn ahead of its ball, so each step appears as it is taken"
                onChange={(reveal) => update({ reveal })}
              />
            )}
            {animated && (
              <Check
                label={
                  markers > 0
                    ? `One clip per slide marker (${markers} marker${markers === 1 ? '' : 's'})`
                    : 'One clip per slide marker (no markers)'
                }
                testId="export-clips"
                checked={s.clips}
                disabled={markers === 0}
                hint="Timeline markers split the animation; each clip is its own numbered file"
                onChange={(clips) => update({ clips })}
              />
            )}
          </div>
        </fieldset>

        <div className="export-summary" data-testid="export-summary">
          {invalid ? (
            <span className="field-error">{invalid}</span>
          ) : plan ? (
            <>
              <strong>
                {EXPORT_KIND_LABELS[settings.kind]} · {settings.width}×{settings.height}
              </strong>
              {animated && (
                <span>
                  {' '}
                  · {plan.totalFrames} frames at {settings.fps} fps ({duration.toFixed(1)} s)
                  {plan.clips.length > 1 ? ` · ${plan.clips.length} files` : ''}
                </span>
              )}
              {support?.ok && support.video && (
                <span className="export-codec" data-testid="export-codec">
                  {' '}
                  · {support.video.label}
                </span>
              )}
            </>
          ) : null}
          {normalized?.notes.map((note) => (
            <div key={note} className="hint">
              {note}
            </div>
          ))}
        </div>

        {unsupported && (
          <div className="export-problem" role="alert" data-testid="export-unsupported">
            <p>{unsupported.message}</p>
            <Alternatives alternatives={unsupported.alternatives} onPick={pickAlternative} />
          </div>
        )}

        {job.status === 'running' && (
          <div className="export-running" data-testid="export-running">
            <progress
              data-testid="export-progress"
              max={job.progress?.total || 1}
              value={job.progress?.done ?? 0}
            />
            <span data-testid="export-status">
              {!job.progress || job.progress.phase === 'preparing'
                ? 'Preparing…'
                : job.progress.phase === 'palette'
                  ? 'Building the GIF palette…'
                  : `Frame ${job.progress.done} of ${job.progress.total}` +
                    (job.progress.clips > 1
                      ? ` · clip ${job.progress.clip + 1} of ${job.progress.clips}`
                      : '') +
                    (job.progress.etaMs !== null
                      ? ` · about ${formatSeconds(job.progress.etaMs)} left`
                      : '')}
            </span>
          </div>
        )}
        {job.status === 'done' && (
          <p className="export-done" role="status" data-testid="export-status">
            Saved {job.result.files.map((f) => `${f.name} (${formatBytes(f.bytes)})`).join(', ')}
            {' — '}
            {job.result.frames} frame{job.result.frames === 1 ? '' : 's'} in{' '}
            {formatSeconds(job.result.elapsedMs)}.
          </p>
        )}
        {job.status === 'canceled' && (
          <p className="hint" role="status" data-testid="export-status">
            Export cancelled: nothing was saved.
          </p>
        )}
        {job.status === 'error' && (
          <div className="export-problem" role="alert" data-testid="export-error">
            <p>{job.message}</p>
            <Alternatives alternatives={job.alternatives} onPick={pickAlternative} />
          </div>
        )}

        <div className="dialog-actions export-actions">
          {running ? (
            <button type="button" data-testid="export-cancel" onClick={cancel}>
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
                data-testid="export-start"
                disabled={!canStart}
                onClick={start}
              >
                Export{plan && plan.clips.length > 1 ? ` ${plan.clips.length} files` : ''}
              </button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}
