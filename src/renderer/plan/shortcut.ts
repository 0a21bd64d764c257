/**
 * Ctrl+P (⌘P) shows the plan: the Plan tab is selected and takes the focus, wherever focus was.
 * The app prints nothing itself (a runbook is exported, then printed), so the key is free.
 */
import { useEffect } from 'react';
import { useAppStore } from '../store/store';

export const PLAN_TAB_ID = 'side-tab-plan';

interface Keys {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function isPlanShortcut(e: Keys): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'p';
}

export function usePlanShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPlanShortcut(e) || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      useAppStore.getState().setSideTab('plan');
      // The tab button is always rendered, so it can take the focus before the panel has drawn.
      document.getElementById(PLAN_TAB_ID)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
