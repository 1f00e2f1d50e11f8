/**
 * Layout: function, runs and hyperparameters on the left; the view with its formula, caption
 * and timeline in the centre; the readout and step table on the right.
 */
import { useEffect } from 'react';
import { useShortcuts } from './platform/useShortcuts.ts';
import { Dialogs } from './panels/Dialogs.tsx';
import { NoticeBar } from './panels/NoticeBar.tsx';
import { OverlayToggles } from './panels/OverlayToggles.tsx';
import { Readout } from './panels/Readout.tsx';
import { RunEditor } from './panels/RunEditor.tsx';
import { RunList } from './panels/RunList.tsx';
import { StepTable } from './panels/StepTable.tsx';
import { SurfacePanel } from './panels/SurfacePanel.tsx';
import { TimelineBar } from './panels/TimelineBar.tsx';
import { Toolbar } from './panels/Toolbar.tsx';
import { ViewSettings } from './panels/ViewSettings.tsx';
import { useApp } from './store/hooks.ts';
import { Viewport } from './view/Viewport.tsx';

export function App() {
  useShortcuts();
  const theme = useApp((s) => s.scene.view.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Toolbar />
      <main className="layout">
        <aside className="panel left-panel" aria-label="Function and runs">
          <SurfacePanel />
          <RunList />
          <RunEditor />
          <OverlayToggles />
          <ViewSettings />
        </aside>
        <div className="center">
          <NoticeBar />
          <Viewport />
          <TimelineBar />
        </div>
        <aside className="panel right-panel" aria-label="Numbers">
          <Readout />
          <StepTable />
        </aside>
      </main>
      <Dialogs />
    </div>
  );
}
