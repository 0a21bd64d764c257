/**
 * The window: toolbar, graph, side panel, status bar. Opens the built-in demo (lab mode) at start,
 * routes the application menu and Ctrl+F, and keeps the window title saying what is open.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MenuCommand } from '../shared/ipc/menu-commands';
import { useAppStore } from './store/store';
import { exportPng, openDemo, openDialog, saveSnapshot } from './store/actions';
import { graphHandle } from './graph/graph-handle';
import { GraphView } from './graph/GraphView';
import { Toolbar } from './panels/Toolbar';
import { SidePanel } from './panels/SidePanel';
import { StatusBar } from './panels/StatusBar';
import { DropOverlay } from './panels/DropOverlay';
import { ErrorBanner } from './panels/ErrorBanner';
import { Toasts } from './panels/Toasts';
import { SEARCH_INPUT_ID } from './panels/SearchBox';

function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

const MENU_ACTIONS: Record<MenuCommand, () => void> = {
  open: () => void openDialog(),
  openDemo: () => void openDemo(),
  saveSnapshot: () => void saveSnapshot(),
  exportPng: () => void exportPng(),
  find: focusSearch,
  fit: () => graphHandle()?.fit(),
};

export function App() {
  const { name, dirty } = useAppStore(useShallow((s) => ({ name: s.deployment?.source.name, dirty: s.dirty })));

  // Lab mode is the default: the built-in demo deployment, until the admin opens something real.
  useEffect(() => {
    void openDemo();
  }, []);

  useEffect(() => {
    document.title = ['PoolPilot', name].filter(Boolean).join(' — ') + (dirty ? ' • unsaved changes' : '');
  }, [name, dirty]);

  useEffect(() => window.poolpilotMenu?.onCommand((command) => MENU_ACTIONS[command]()), []);

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

  return (
    <div className="app">
      <Toolbar />
      <ErrorBanner />
      <main className="workspace">
        <GraphView />
        <SidePanel />
      </main>
      <StatusBar />
      <DropOverlay />
      <Toasts />
    </div>
  );
}
