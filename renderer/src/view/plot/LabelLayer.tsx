/**
 * The label board of a canvas (see labels.ts): provides it to the plot's layers, lays their
 * point labels out after they have moved each frame, and draws the leader lines.
 *
 * On the on-screen canvas (not an export's detached one) it also installs two test hooks (see
 * testHooks.ts), in the spirit of `window.__descentPerf` (view/hud/PerfHud.tsx): read by the
 * end-to-end tests only, not an API of the app.
 * - `window.__descentLabels()`: every visible text label of the view, with its rectangle in CSS
 *   pixels of the page;
 * - `window.__descentPlotBox()`: the corners of the plot box (where paths may be drawn) on the
 *   page, and the canvas's rectangle.
 */
import { invalidate, useFrame, useThree } from '@react-three/fiber';
import { createContext, useContext, useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import { Vector3 } from 'three';
import type { Camera } from 'three';
import { appStore, useApp } from '../../store/hooks.ts';
import { FRAME_ORDER } from '../canvas/FrameHooks.tsx';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { frameOf, HEIGHT } from './frame.ts';
import { LabelBoard } from './labels.ts';
import type { PointLabel } from './labels.ts';
import type { LabelReport, PlotBoxReport } from './testHooks.ts';

const BoardContext = createContext<LabelBoard | null>(null);

/** Registers point labels with the canvas's board for as long as the caller is mounted. */
export function useBoardLabels(...labels: PointLabel[]): void {
  const board = useContext(BoardContext);
  // Labels are created once per owner object: their identities are the dependencies.
  const key = labels;
  useEffect(() => {
    if (!board) return;
    for (const label of key) board.add(label);
    invalidate();
    return () => {
      for (const label of key) board.remove(label);
    };
  }, [board, ...key]);
}

function plotBox(camera: Camera, canvas: HTMLCanvasElement): PlotBoxReport | null {
  const frame = frameOf(appStore.getState().surface);
  if (!frame) return null;
  camera.updateMatrixWorld();
  const rect = canvas.getBoundingClientRect();
  const corners: [number, number][] = [];
  const p = new Vector3();
  const zs = frame.dim === 2 ? [-frame.halfZ, frame.halfZ] : [0];
  for (const x of [-frame.halfX, frame.halfX]) {
    for (const y of [0, HEIGHT]) {
      for (const z of zs) {
        p.set(x, y, z).project(camera);
        corners.push([
          rect.left + ((p.x + 1) / 2) * rect.width,
          rect.top + ((1 - p.y) / 2) * rect.height,
        ]);
      }
    }
  }
  return {
    canvas: { left: rect.left, top: rect.top, width: rect.width, height: rect.height },
    corners,
  };
}

export function LabelLayer({ children }: { children: ReactNode }) {
  const board = useMemo(() => new LabelBoard(), []);
  useEffect(() => () => board.dispose(), [board]);
  const color = useApp((s) => VIEW_THEMES[s.scene.view.theme].label);
  useEffect(() => {
    board.setLeaderColor(color);
    invalidate();
  }, [board, color]);

  useFrame(
    (state) => board.update(state.camera, state.size.width, state.size.height, state.scene),
    FRAME_ORDER.labels,
  );

  const gl = useThree((s) => s.gl);
  const get = useThree((s) => s.get);
  useEffect(() => {
    const canvas = gl.domElement;
    // An export draws into a canvas that is not in the page: the hooks describe the view.
    if (!canvas.isConnected) return;
    const labels = (): LabelReport[] => {
      const s = get();
      return board.report(
        s.camera,
        s.size.width,
        s.size.height,
        s.scene,
        canvas.getBoundingClientRect(),
      );
    };
    const box = (): PlotBoxReport | null => plotBox(get().camera, canvas);
    window.__descentLabels = labels;
    window.__descentPlotBox = box;
    return () => {
      if (window.__descentLabels === labels) delete window.__descentLabels;
      if (window.__descentPlotBox === box) delete window.__descentPlotBox;
    };
  }, [gl, get, board]);

  return (
    <BoardContext.Provider value={board}>
      {children}
      <primitive object={board.group} />
    </BoardContext.Provider>
  );
}
