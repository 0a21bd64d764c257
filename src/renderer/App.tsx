/**
 * The window: toolbar, graph, side panel, status bar. Opens the built-in demo (lab mode) at start,
 * routes the application menu, Ctrl+F, Ctrl+P (the plan) and the what-if shortcuts, and keeps the
 * window title saying what is open.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MenuCommand } from '../shared/ipc/menu-commands';
import { useAppStore } from './store/store';
import { exportDiagram, exportPng, openDemo, openDialog, openPath, saveSnapshot } from './store/actions';
import { graphHandle } from './graph/graph-handle';
import { GraphView } from './graph/GraphView';
import { Toolbar } from './panels/Toolbar';
import { SidePanel } from './panels/SidePanel';
import { StatusBar } from './panels/StatusBar';
import { DropOverlay } from './panels/DropOverlay';
import { ErrorBanner } from './panels/ErrorBanner';
import { Toasts } from './panels/Toasts';
import { SEARCH_INPUT_ID } from './panels/SearchBox';
import { ProposalDialog } from './panels/ProposalDialog';
import { whatIfShortcut } from './whatif/shortcuts';
import { componentOfNode } from '../shared/scenario/down-marks';
import { isMarkedDown } from '../shared/scenario/edit';
import { usePlanShortcut } from './plan/shortcut';
import { DiscoveryDialog } from './discovery/DiscoveryDialog';
import { DiffPanel } from './discovery/DiffPanel';
import { GraphCaption } from './discovery/GraphCaption';
import { OfflineBanner } from './discovery/OfflineBanner';
import { useDiscoveryEvents } from './discovery/discovery-actions';
import { RunConsole } from './run/RunConsole';
import { InterruptedRuns } from './run/InterruptedRuns';
import { connectRunConsole } from './run/run-actions';

function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

/** Keys typed into a field are the field's: its own undo, its own letters. */
function typingInField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

function onWhatIfKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || typingInField(e.target) || document.querySelector('dialog[open]')) return;
  const shortcut = whatIfShortcut(e);
  if (!shortcut) return;
  const store = useAppStore.getState();
  if (shortcut === 'undo') store.undoScenario();
  else if (shortcut === 'redo') store.redoScenario();
  else {
    const component = store.deployment && store.selectedId ? componentOfNode(store.deployment, store.selectedId) : undefined;
    if (!component) return;
    store.setComponentDown(component, !isMarkedDown(store.scenario, component));
  }
  e.preventDefault();
}

const MENU_ACTIONS: Record<MenuCommand, () => void> = {
  open: () => void openDialog(),
  openDemo: () => void openDemo(),
  saveSnapshot: () => void saveSnapshot(),
  exportPng: () => void exportPng(),
  exportDrawio: () => void exportDiagram('drawio'),
  exportSvg: () => void exportDiagram('svg'),
  find: focusSearch,
  fit: () => graphHandle()?.fit(),
  discover: () => useAppStore.getState().openDiscoveryDialog('discover'),
  snapshots: () => useAppStore.getState().openDiscoveryDialog('snapshots'),
  collector: () => useAppStore.getState().openDiscoveryDialog('collector'),
};

export function App() {
  const { name, dirty, runConsoleOpen } = useAppStore(useShallow((s) => ({ name: s.deployment?.source.name, dirty: s.dirty, runConsoleOpen: s.runConsole.kind !== 'closed' })));

  // Lab mode is the default: the built-in demo deployment, until the admin opens something real.
  useEffect(() => {
    void openDemo();
  }, []);

  useEffect(() => {
    document.title = ['PoolPilot', name].filter(Boolean).join(' — ') + (dirty ? ' • unsaved changes' : '');
  }, [name, dirty]);

  useEffect(() => window.poolpilotMenu?.onCommand((command) => MENU_ACTIONS[command]()), []);

  // A snapshot or .tbxml double-clicked in Explorer (or named on the command line) opens here.
  useEffect(() => window.poolpilotFiles?.onOpenRequest((path) => void openPath(path)), []);

  // Ctrl+F / ⌘F finds, wherever focus is (the browser's own find bar is of no use on a canvas).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  usePlanShortcut();
  useDiscoveryEvents();

  // Run progress from main, and the run going on (or left unfinished) when the window (re)loads.
  useEffect(() => connectRunConsole(), []);

  useEffect(() => {
    window.addEventListener('keydown', onWhatIfKey);
    return () => window.removeEventListener('keydown', onWhatIfKey);
  }, []);

  return (
    <div className="app">
      <Toolbar />
      <ErrorBanner />
      <OfflineBanner />
      <InterruptedRuns />
      <main className="workspace">
        <GraphView />
        <GraphCaption />
        <DiffPanel />
        {runConsoleOpen ? <RunConsole /> : <SidePanel />}
      </main>
      <StatusBar />
      <DropOverlay />
      <Toasts />
      <ProposalDialog />
      <DiscoveryDialog />
    </div>
  );
}
