/**
 * Layout: function, runs and hyperparameters on the left; the view with its formula, caption
 * and timeline (and the η plot when it is on) in the centre; the readout and step table on the
 * right. Either side panel can be hidden (and hides itself in a narrow window); the toggles sit
 * at the ends of the top bar. The start page, when open, lies over all of it.
 */
import { useEffect } from 'react';
import { useShortcuts } from './platform/useShortcuts.ts';
import { isFigureKind } from '../../shared/scene/figure.ts';
import { Dialogs } from './panels/Dialogs.tsx';
import { DomainFields } from './panels/DomainFields.tsx';
import { FIGURE_PANELS } from './panels/figure/registry.ts';
import { LrPlot } from './panels/LrPlot.tsx';
import { NoticeBar } from './panels/NoticeBar.tsx';
import { OverlayToggles } from './panels/OverlayToggles.tsx';
import { PANEL_IDS, PanelToggle, usePanelShown } from './panels/PanelToggle.tsx';
import { PathOptions } from './panels/PathOptions.tsx';
import { Readout } from './panels/Readout.tsx';
import { RunEditor } from './panels/RunEditor.tsx';
import { RunList } from './panels/RunList.tsx';
import { StartPage, StartPageButton } from './panels/StartPage.tsx';
import { StepTable } from './panels/StepTable.tsx';
import { SurfacePanel } from './panels/SurfacePanel.tsx';
import { TimelineBar } from './panels/TimelineBar.tsx';
import { Toolbar } from './panels/Toolbar.tsx';
import { ViewSettings } from './panels/ViewSettings.tsx';
import { Presentation } from './present/Presentation.tsx';
import { SlideSorter } from './panels/SlideSorter.tsx';
import { useApp } from './store/hooks.ts';
import { markFirstPicture, PANELS_WAIT_MS, useFirstPicture } from './view/firstPicture.ts';
import { Viewport } from './view/Viewport.tsx';
import './App.css';

/**
 * Whether the side panels show their contents yet. They render after the view's first picture
 * (firstPicture.ts): their hundreds of controls and rows are up to a few tenths of a second of
 * main-thread work on a slow machine, which the picture would otherwise wait for. Their boxes
 * are laid out from the start, so nothing moves when they fill. They do not wait when the scene
 * cannot be drawn (its f or surface failed: the editor is needed to fix it), nor longer than
 * PANELS_WAIT_MS.
 */
function usePanelsReady(): boolean {
  const ready = useFirstPicture();
  const failed = useApp((s) => s.errors.problem !== undefined || s.errors.surface !== undefined);
  useEffect(() => {
    if (failed) markFirstPicture();
  }, [failed]);
  useEffect(() => {
    const timer = setTimeout(markFirstPicture, PANELS_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  return ready;
}

export function App() {
  useShortcuts();
  const panelsReady = usePanelsReady();
  const theme = useApp((s) => s.scene.view.theme);
  const startPage = useApp((s) => s.startPage);
  const left = usePanelShown('left');
  const right = usePanelShown('right');
  // A figure brings its own controls and numbers in place of the function-plot panels.
  const figure = useApp((s) => (isFigureKind(s.scene.kind) ? FIGURE_PANELS[s.scene.kind] : null));
  const Controls = figure?.Controls;
  const Numbers = figure?.Numbers;
  const domain = figure?.domain ?? null;
  const presenting = useApp((s) => s.presentation !== null);
  const sorter = useApp((s) => s.sorterOpen);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // Present mode is the whole window; the editor comes back as it was when it ends.
  if (presenting) return <Presentation />;
  return (
    <>
      <div className="app">
        <div className="app-top">
          <PanelToggle side="left" />
          <Toolbar />
          <StartPageButton />
          <PanelToggle side="right" />
        </div>
        {sorter && <SlideSorter />}
        <main
          className="layout"
          data-left-panel={left ? 'shown' : 'hidden'}
          data-right-panel={right ? 'shown' : 'hidden'}
        >
          {left && (
            <aside className="panel left-panel" id={PANEL_IDS.left} aria-label="Function and runs">
              {!panelsReady ? null : Controls ? (
                <>
                  <Controls />
                  {domain && (
                    <section className="panel-section" aria-label="Viewing box">
                      <DomainFields axes={domain} />
                    </section>
                  )}
                </>
              ) : (
                <>
                  <SurfacePanel />
                  <RunList />
                  <RunEditor />
                  <OverlayToggles />
                  <PathOptions />
                </>
              )}
              {panelsReady && <ViewSettings />}
            </aside>
          )}
          <div className="center">
            <NoticeBar />
            <Viewport />
            <TimelineBar />
            <LrPlot />
          </div>
          {right && (
            <aside className="panel right-panel" id={PANEL_IDS.right} aria-label="Numbers">
              {!panelsReady ? null : Numbers ? (
                <Numbers />
              ) : (
                <>
                  <Readout />
                  <StepTable />
                </>
              )}
            </aside>
          )}
        </main>
        <Dialogs />
      </div>
      {startPage && <StartPage />}
    </>
  );
}
