/**
 * The deterministic frame plan of an export. The animation is a pure function of the timeline
 * position, so an export is a list of positions: frame n of a clip shows the playhead at
 * `start + n·speed/fps` steps (clamped to the clip's end), followed by hold frames that repeat
 * the last picture. No wall clock is involved anywhere, which is what makes two renders of the
 * same scene identical frame for frame. Pure TypeScript (no DOM, no Node).
 */
import type { Scene } from '../scene/document.ts';
import { timelineEnd } from '../scene/document.ts';
import { isAnimated } from './settings.ts';
import type { ExportSettings } from './settings.ts';

/** One output file's worth of frames. */
export interface ClipPlan {
  /** 0-based clip number. */
  index: number;
  /** Playhead position (steps) of frame 0. */
  start: number;
  /** Position where the motion stops (frames never go past it). */
  stop: number;
  /** Steps advanced per frame (speed / fps). */
  stepPerFrame: number;
  /** Frames that move (including frame 0). */
  motionFrames: number;
  /** The last moving frame shows exactly `stop` (step ranges and clips; not a time range). */
  landsOnStop: boolean;
  /** Frames that repeat the last moving frame. */
  holdFrames: number;
  /** motionFrames + holdFrames. */
  frames: number;
}

/** Everything an export renders. */
export interface ExportPlan {
  settings: ExportSettings;
  /** Steps per second actually used. */
  speed: number;
  clips: ClipPlan[];
  /** Frames over all clips. */
  totalFrames: number;
}

/** Frames needed to move from `from` to `to` at `stepPerFrame`, ending exactly on `to`. */
function motionFramesBetween(from: number, to: number, stepPerFrame: number): number {
  if (!(to > from)) return 1;
  // 1e-9 keeps an exact multiple (3 steps at 0.1 per frame) from gaining a frame to float error.
  return Math.ceil((to - from) / stepPerFrame - 1e-9) + 1;
}

/** Clip boundaries: the range's ends plus the markers strictly inside it, ascending. */
export function clipBoundaries(markers: readonly number[], from: number, to: number): number[] {
  const inside = markers.filter((m) => m > from && m < to);
  return [...new Set([from, ...inside, to])].sort((a, b) => a - b);
}

/**
 * Plans an export of `scene`: which positions every frame of every clip shows. `position` is
 * the current playhead (used by a PNG still without `at`).
 */
export function planExport(scene: Scene, settings: ExportSettings, position = 0): ExportPlan {
  const speed = settings.speed ?? scene.timeline.speed;
  const end = timelineEnd(scene);
  const step = speed / settings.fps;
  const hold = Math.round(settings.hold * settings.fps);
  const clamp = (p: number): number => (p < 0 ? 0 : p > end ? end : p);

  if (!isAnimated(settings.kind)) {
    const at = clamp(settings.at ?? position);
    const clip = {
      index: 0,
      start: at,
      stop: at,
      stepPerFrame: 0,
      motionFrames: 1,
      landsOnStop: true,
    };
    return { settings, speed, clips: [{ ...clip, holdFrames: 0, frames: 1 }], totalFrames: 1 };
  }

  const range = settings.range;
  let from = 0;
  let to = end;
  if (range.kind === 'steps') {
    from = clamp(range.from);
    to = clamp(range.to);
  } else if (range.kind === 'time') {
    from = clamp(range.from * speed);
    to = clamp(range.to * speed);
  }

  const clips: ClipPlan[] = [];
  const add = (start: number, stop: number, motionFrames: number, landsOnStop = true): void => {
    const frames = motionFrames + hold;
    clips.push({
      index: clips.length,
      start,
      stop,
      stepPerFrame: step,
      motionFrames,
      landsOnStop,
      holdFrames: hold,
      frames,
    });
  };

  if (settings.clips) {
    const bounds = clipBoundaries(scene.timeline.markers, from, to);
    if (bounds.length === 1) add(from, to, 1);
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i]!;
      const b = bounds[i + 1]!;
      add(a, b, motionFramesBetween(a, b, step));
    }
  } else if (range.kind === 'time') {
    // A time range is a duration: exactly (to − from)·fps frames at t = from + n/fps, whatever
    // the playhead does meanwhile (it stops at the end of the run and holds there).
    const frames = Math.max(1, Math.round((range.to - range.from) * settings.fps));
    add(from, end, frames, false);
  } else {
    add(from, to, motionFramesBetween(from, to, step));
  }
  const totalFrames = clips.reduce((sum, c) => sum + c.frames, 0);
  return { settings, speed, clips, totalFrames };
}

/** Playhead position (steps) shown by frame `n` of `clip`. */
export function framePosition(clip: ClipPlan, n: number): number {
  const k = n < clip.motionFrames ? n : clip.motionFrames - 1;
  // Exactly on the end, not a rounding error short of it (the last row, not its predecessor).
  if (clip.landsOnStop && k === clip.motionFrames - 1) return clip.stop;
  // start + k·step, computed as a product (not a running sum) so no error accumulates.
  const p = clip.start + k * clip.stepPerFrame;
  return p > clip.stop ? clip.stop : p;
}

/**
 * Camera orbit angle (degrees) of frame `n`: 0 at frame 0, growing evenly so that the frame
 * after the last would be at `orbit` — a full turn loops without a repeated frame.
 */
export function orbitAngle(clip: ClipPlan, orbit: number, n: number): number {
  return clip.frames > 0 ? (orbit * n) / clip.frames : 0;
}

/** Presentation time (microseconds) of frame `n` at `fps`; integer and exact for n/fps. */
export function frameTimestampUs(n: number, fps: number): number {
  return Math.round((n * 1_000_000) / fps);
}

/**
 * Whether frame `n` of `clip` shows exactly the picture of frame n − 1: the same playhead
 * position and the same camera angle, which are all a frame's picture depends on (see
 * renderer/src/export/offscreen.tsx). True for the hold frames (without an orbit) and for the
 * frames of a time range after the playhead has stopped at the end of the run. Such a frame is
 * encoded again from the last picture, never drawn again.
 */
export function repeatsPrevious(clip: ClipPlan, orbit: number, n: number): boolean {
  if (n <= 0 || n >= clip.frames) return false;
  return (
    framePosition(clip, n) === framePosition(clip, n - 1) &&
    orbitAngle(clip, orbit, n) === orbitAngle(clip, orbit, n - 1)
  );
}

/** The first frame of `clip` that shows the picture of frame `n` (n itself unless it repeats). */
export function pictureFrame(clip: ClipPlan, orbit: number, n: number): number {
  let k = n;
  while (repeatsPrevious(clip, orbit, k)) k--;
  return k;
}
