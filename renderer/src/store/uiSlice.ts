/**
 * UI slice: playback, notices, dialogs. Playback only flips `playing`; the moving position is
 * the playhead (store/playhead.ts), advanced per frame by the view without React.
 */
import type { StateCreator } from 'zustand/vanilla';
import { clampPosition, rowAt } from './timeline.ts';
import { timelineEnd } from '../../../shared/scene/document.ts';
import type { AppState, LayoutState, UiSlice } from './types.ts';

type Creator = StateCreator<
  AppState,
  [['zustand/subscribeWithSelector', never]],
  [],
  UiSlice & LayoutState
>;

let noticeId = 0;

export const createUiSlice: Creator = (set, get) => {
  /** Records the playhead in the scene (no undo entry) so saves and reloads keep it. */
  const recordPosition = (): void => {
    const position = get().runtime.playhead.position;
    get().editQuietly((s) =>
      s.timeline.position === position ? s : { ...s, timeline: { ...s.timeline, position } },
    );
  };

  return {
    playing: false,
    playUntil: null,
    notice: null,
    pickStart: false,
    dialog: null,
    hudOpen: false,
    sliding: false,
    cameraNonce: 0,
    exporting: 0,
    play: () => {
      if (get().playing) return;
      const { scene, runtime } = get();
      const end = timelineEnd(scene);
      // Play from the start again once the end was reached (what people expect of a player).
      if (runtime.playhead.position >= end) runtime.playhead.set(0);
      set({ playing: true, playUntil: null });
    },
    playTo: (position) => {
      const { scene, runtime } = get();
      const target = clampPosition(position, timelineEnd(scene));
      if (target <= runtime.playhead.position) {
        get().seek(target);
        return;
      }
      set({ playing: true, playUntil: target });
    },
    pause: () => {
      if (!get().playing) return;
      const { playhead } = get().runtime;
      // Land on a row so the table, the readout and the ball agree.
      playhead.set(clampPosition(Math.round(playhead.position), timelineEnd(get().scene)));
      set({ playing: false, playUntil: null });
      recordPosition();
    },
    togglePlay: () => (get().playing ? get().pause() : get().play()),
    stepBy: (delta) => {
      const { scene, runtime } = get();
      if (get().playing) set({ playing: false, playUntil: null });
      const end = timelineEnd(scene);
      const from = rowAt(runtime.playhead.position, end + 1);
      runtime.playhead.set(clampPosition(from + delta, end));
      recordPosition();
    },
    seek: (position) => {
      const { scene, runtime } = get();
      runtime.playhead.set(clampPosition(position, timelineEnd(scene)));
      if (!get().playing) recordPosition();
    },
    notify: (kind, text) => set({ notice: { kind, text, id: ++noticeId } }),
    dismissNotice: () => set({ notice: null }),
    setPickStart: (pickStart) => set({ pickStart }),
    openDialog: (dialog) => set({ dialog }),
    setHudOpen: (hudOpen) => set({ hudOpen }),
    setSliding: (sliding) => {
      if (get().sliding !== sliding) set({ sliding });
    },
    beginExport: () => {
      set((s) => ({ exporting: s.exporting + 1 }));
      let done = false;
      return () => {
        if (done) return;
        done = true;
        set((s) => ({ exporting: Math.max(0, s.exporting - 1) }));
      };
    },
    ...createLayoutState(set, get),
  };
};

// ─── Layout and start page ─────────────────────────────────────────────────────────────────

/** Side panels follow the window width until the user chooses; the start page starts closed. */
function createLayoutState(
  set: (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void,
  get: () => AppState,
): LayoutState {
  return {
    panels: { left: 'auto', right: 'auto' },
    startPage: false,
    showStartPage: true,
    interactionQuality: 'auto',
    setPanelMode: (side, mode) => {
      if (get().panels[side] !== mode) set((s) => ({ panels: { ...s.panels, [side]: mode } }));
    },
    setStartPage: (startPage) => {
      if (get().startPage !== startPage) set({ startPage });
    },
    setShowStartPage: (showStartPage) => {
      if (get().showStartPage !== showStartPage) set({ showStartPage });
    },
    setInteractionQuality: (interactionQuality) => {
      if (get().interactionQuality !== interactionQuality) set({ interactionQuality });
    },
  };
}
