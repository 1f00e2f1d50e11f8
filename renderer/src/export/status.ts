/**
 * Whether an export is rendering. The export draws with its own offscreen renderer while it
 * moves the shared playhead frame by frame; the on-screen view pauses meanwhile (Viewport reads
 * {@link useExporting}) so the two do not share the CPU, and redraws once the export ends.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

interface ExportStatus {
  /** Exports rendering now (normally 0 or 1). */
  running: number;
}

/** The status store (outside the scene store: it is not part of any document). */
export const exportStatus = createStore<ExportStatus>()(() => ({ running: 0 }));

/** Marks an export as rendering until the returned function is called. */
export function markExporting(): () => void {
  exportStatus.setState((s) => ({ running: s.running + 1 }));
  let done = false;
  return () => {
    if (done) return;
    done = true;
    exportStatus.setState((s) => ({ running: Math.max(0, s.running - 1) }));
  };
}

/** True while an export is rendering (React components). */
export function useExporting(): boolean {
  return useStore(exportStatus, (s) => s.running > 0);
}
